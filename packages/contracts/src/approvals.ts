import { z } from 'zod';
import { fen, timestamp } from './common';
import { roles } from './enums';

export const approvalKinds = ['commitment', 'compensation'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];
/** The approver's org-unit level; 'any' applies at every level unless a row for the exact level exists. */
export const approvalOrgLevels = ['any', 'group', 'province', 'city', 'district'] as const;
export type ApprovalOrgLevel = (typeof approvalOrgLevels)[number];

/** The largest amount an approver of a role at an org level may approve, per kind (null: unlimited). */
export const approvalLimit = z.object({
  id: z.number().int(),
  kind: z.enum(approvalKinds),
  role: z.enum(roles),
  orgLevel: z.enum(approvalOrgLevels),
  maxAmountFen: z.number().int().nullable(),
  version: z.number().int(),
  updatedBy: z.number().int().nullable(),
  updatedAt: timestamp,
});
export type ApprovalLimit = z.infer<typeof approvalLimit>;

export const approvalLimitInput = z.object({
  kind: z.enum(approvalKinds),
  role: z.enum(roles),
  orgLevel: z.enum(approvalOrgLevels).default('any'),
  /** null: unlimited. */
  maxAmountFen: fen.nullable(),
});
export type ApprovalLimitInput = z.infer<typeof approvalLimitInput>;

export const approvalLimitListQuery = z.object({ kind: z.enum(approvalKinds).optional() });
