import { maskPersonalData } from '@crm/contracts';

/**
 * Personal data for the signed-in viewer: unchanged with `pii.read`, masked by field name otherwise (the one decision
 * is `maskPersonalData` in the contracts package). Every route whose response can carry a personal field calls this
 * (or `maskPersonalData`) and is listed in `pii-coverage.test.ts`.
 */
export const maskForViewer = <T>(ctx: { can: (permission: string) => boolean }, value: T): T =>
  maskPersonalData(value, ctx.can('pii.read'));
