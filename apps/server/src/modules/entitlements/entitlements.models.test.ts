import { describe, expect, it } from 'vitest';
import {
  defaultCatalog,
  diffBindings,
  entitlementsFor,
  exceedsAllowance,
  periodKey,
  remainingOf,
  type TierRule,
} from './entitlements.models';

// The default catalogue as tier rules, type ids by position.
const rules: TierRule[] = defaultCatalog.flatMap((c, i) =>
  Object.entries(c.tiers).map(([tier, g]) => ({
    typeId: i + 1,
    tier,
    allowance: g.allowance,
    value: g.value ?? null,
    enabled: true,
    clubCardOnly: c.clubCardOnly ?? false,
    active: true,
  })),
);
const idOf = (code: string) => defaultCatalog.findIndex((c) => c.code === code) + 1;
const codesOf = (b: { typeId: number }[]) => b.map((x) => defaultCatalog[x.typeId - 1].code);

describe('entitlement binding', () => {
  it('gives every KA tier the common services of DOMAIN.md section 4', () => {
    for (const tier of ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'] as const) {
      expect(codesOf(entitlementsFor(rules, tier, null))).toEqual(
        expect.arrayContaining([
          'onsite_consultation',
          'onsite_order_acceptance',
          'priority_hotline',
          'fault_reporting_24x7',
          'repair_time_limit',
          'preventive_line_check',
        ]),
      );
    }
  });

  it('gives diamond a resident AM and on-site training, platinum on-site training, gold training invitations', () => {
    expect(codesOf(entitlementsFor(rules, 'diamond', null))).toEqual(
      expect.arrayContaining(['resident_am', 'onsite_training']),
    );
    const platinum = codesOf(entitlementsFor(rules, 'platinum', null));
    expect(platinum).toContain('onsite_training');
    expect(platinum).not.toContain('resident_am');
    expect(platinum).not.toContain('training_invitation');
    const gold = codesOf(entitlementsFor(rules, 'gold', null));
    expect(gold).toContain('training_invitation');
    expect(gold).not.toContain('onsite_training');
  });

  it('opens the airport VIP lounge only to diamond and gold club card holders', () => {
    expect(codesOf(entitlementsFor(rules, 'platinum', null))).not.toContain('airport_vip_lounge');
    expect(codesOf(entitlementsFor(rules, 'platinum', 'silver'))).not.toContain('airport_vip_lounge');
    expect(codesOf(entitlementsFor(rules, 'platinum', 'gold'))).toContain('airport_vip_lounge');
    expect(codesOf(entitlementsFor(rules, 'diamond', 'diamond'))).toContain('airport_vip_lounge');
  });

  it('binds nothing without a tier and skips disabled rules', () => {
    expect(entitlementsFor(rules, null, 'gold')).toEqual([]);
    const disabled = rules.map((r) => (r.typeId === idOf('priority_hotline') ? { ...r, enabled: false } : r));
    expect(codesOf(entitlementsFor(disabled, 'gold', null))).not.toContain('priority_hotline');
  });

  it('re-binds on a tier change: keeps identical grants, closes and reopens changed ones', () => {
    const gold = entitlementsFor(rules, 'gold', null).map((b, i) => ({ ...b, id: 100 + i }));
    const platinum = entitlementsFor(rules, 'platinum', null);
    const { close, open } = diffBindings(gold, platinum);
    // every grant carries its tier, so all gold grants close and platinum ones open
    expect(close).toHaveLength(gold.length);
    expect(codesOf(open)).toContain('onsite_training');
    expect(codesOf(open)).not.toContain('training_invitation');
    expect(
      diffBindings(
        gold,
        gold.map(({ id: _id, ...b }) => b),
      ),
    ).toEqual({ close: [], open: [] });
  });
});

describe('allowance periods', () => {
  it('keys a date by year, quarter, month or not at all', () => {
    expect(periodKey('2026-05-17', 'year')).toBe('2026');
    expect(periodKey('2026-05-17', 'quarter')).toBe('2026-Q2');
    expect(periodKey('2026-12-31', 'quarter')).toBe('2026-Q4');
    expect(periodKey('2026-05-17', 'month')).toBe('2026-05');
    expect(periodKey('2026-05-17', 'none')).toBe('all');
  });

  it('computes the remaining allowance and flags usage beyond it', () => {
    expect(remainingOf(6, 4)).toBe(2);
    expect(remainingOf(6, 9)).toBe(0);
    expect(remainingOf(null, 100)).toBeNull();
    expect(exceedsAllowance(6, 5, 1)).toBe(false);
    expect(exceedsAllowance(6, 6, 1)).toBe(true);
    expect(exceedsAllowance(null, 1000, 1)).toBe(false);
  });
});
