import type { EntitlementType, OpportunityDetail, OrderStep } from '@crm/contracts';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/catalog';
import { ruleText } from './EntitlementCatalogPage';
import { opportunityChanges } from './OpportunityEditModal';
import { mayCompleteStep } from './OrderPage';
import { assigneeRoleOf, stepChanges } from './StepEditModal';

const t = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars);

describe('opportunity edit body', () => {
  const o = {
    title: 'New office phones',
    description: null,
    estMonthlyFen: 300_000,
    estOneTimeFen: 0,
    expectedClose: '2026-12-31',
    competitor: 'Unicom',
    owner: { id: 7, displayName: 'am1' },
  } as unknown as OpportunityDetail;
  const same = {
    title: 'New office phones',
    description: '',
    estMonthly: 3000,
    estOneTime: 0,
    expectedClose: dayjs('2026-12-31'),
    competitor: 'Unicom',
    ownerId: 7,
  };

  it('sends nothing when nothing changed', () => {
    expect(opportunityChanges(o, same)).toEqual({});
  });

  it('sends only the changed fields, yuan as fen, emptied fields as null', () => {
    expect(
      opportunityChanges(o, { ...same, estMonthly: 2950.5, competitor: ' ', expectedClose: null, ownerId: 9 }),
    ).toEqual({ estMonthlyFen: 295_050, competitor: null, expectedClose: null, ownerId: 9 });
  });
});

describe('fulfilment step adjustment body', () => {
  const s = { department: 'network', dueDate: '2026-12-05', assignee: { id: 3, displayName: 'b' } } as OrderStep;

  it('hands a cleared step back to the queue and moves the due date', () => {
    expect(stepChanges(s, { assigneeId: undefined, dueDate: dayjs('2026-12-09') })).toEqual({
      assigneeId: null,
      dueDate: '2026-12-09',
    });
    expect(stepChanges(s, { assigneeId: 3, dueDate: dayjs('2026-12-05') })).toEqual({});
  });

  it('suggests back-office staff for department steps and AMs for the customer confirmation', () => {
    expect(assigneeRoleOf(s)).toBe('back_office');
    expect(assigneeRoleOf({ department: 'account_management' })).toBe('account_manager');
  });
});

describe('entitlement rule text', () => {
  const type = (unit: string, period = 'year') => ({ unit, period }) as EntitlementType;
  const rule = (allowance: number | null, value: number | null = null, enabled = true) => ({
    tier: 'gold' as const,
    allowance,
    value,
    enabled,
  });

  it('reads allowances, time limits and services', () => {
    expect(ruleText(t, type('times'), rule(4))).toBe('4 / year');
    expect(ruleText(t, type('times'), rule(null))).toBe('Unlimited');
    expect(ruleText(t, type('hours', 'none'), rule(null, 6))).toBe('Repaired within 6 hours');
    expect(ruleText(t, type('service', 'none'), rule(null))).toBe('Included');
    expect(ruleText(t, type('service', 'none'), rule(null, 140))).toBe('140%');
  });

  it('shows a dash when the tier does not get it', () => {
    expect(ruleText(t, type('times'), undefined)).toBe('—');
    expect(ruleText(t, type('times'), rule(4, null, false))).toBe('—');
  });
});

describe('who may complete a step', () => {
  const order = { am: { id: 7, displayName: 'am1' } };
  const network = { department: 'network' as const, assignee: null };
  const confirmation = { department: 'account_management' as const, assignee: null };

  it('lets back office complete department steps and the order AM the customer confirmation', () => {
    expect(mayCompleteStep({ id: 3, role: 'back_office' }, network, order)).toBe(true);
    expect(mayCompleteStep({ id: 3, role: 'back_office' }, confirmation, order)).toBe(false);
    expect(mayCompleteStep({ id: 7, role: 'account_manager' }, network, order)).toBe(false);
    expect(mayCompleteStep({ id: 7, role: 'account_manager' }, confirmation, order)).toBe(true);
    expect(mayCompleteStep({ id: 8, role: 'account_manager' }, confirmation, order)).toBe(false);
  });

  it('lets the assignee, managers and administrators complete any step', () => {
    expect(
      mayCompleteStep({ id: 8, role: 'account_manager' }, { ...network, assignee: { id: 8, displayName: 'x' } }, order),
    ).toBe(true);
    expect(mayCompleteStep({ id: 1, role: 'manager' }, network, order)).toBe(true);
    expect(mayCompleteStep(null, network, order)).toBe(false);
  });
});
