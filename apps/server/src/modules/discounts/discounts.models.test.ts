import { describe, expect, it } from 'vitest';
import {
  type AuthorityRule,
  authorityOf,
  coversDiscount,
  defaultDiscountAuthority,
  discountOf,
  escalationOf,
  NO_AUTHORITY,
  nextGranter,
} from './discounts.models';

const rules: AuthorityRule[] = defaultDiscountAuthority.map((r) => ({ ...r, productFamily: 'any' }));

describe('discount authority', () => {
  it('computes a 20% discount of a 10,000-yuan line as 2,000 yuan a month', () => {
    expect(discountOf(1_000_000, 800_000)).toEqual({ discountBp: 2_000, discountMonthlyFen: 200_000 });
    expect(discountOf(1_000_000, 1_200_000)).toEqual({ discountBp: 0, discountMonthlyFen: 0 });
    expect(discountOf(300, 200).discountBp).toBe(3_334);
  });

  it('lets an AM grant 5% but not 20%, and a province manager 20%', () => {
    const am = authorityOf(rules, { role: 'account_manager', level: 'city' }, 'dedicated_line');
    expect(coversDiscount(am, discountOf(100_000, 95_000))).toBe(true);
    expect(coversDiscount(am, discountOf(100_000, 80_000))).toBe(false);
    const city = authorityOf(rules, { role: 'manager', level: 'city' }, 'dedicated_line');
    expect(coversDiscount(city, discountOf(100_000, 80_000))).toBe(false);
    const province = authorityOf(rules, { role: 'manager', level: 'province' }, 'dedicated_line');
    expect(coversDiscount(province, discountOf(100_000, 80_000))).toBe(true);
  });

  it('caps the amount per month as well as the percentage', () => {
    const am = authorityOf(rules, { role: 'account_manager', level: 'any' }, 'data');
    // 5% of 100,000 yuan is 5,000 yuan a month: above the AM's 2,000.
    expect(coversDiscount(am, discountOf(10_000_000, 9_500_000))).toBe(false);
  });

  it('prefers the row of the exact product family, then the exact level', () => {
    const withFamily: AuthorityRule[] = [
      ...rules,
      { role: 'account_manager', orgLevel: 'any', productFamily: 'mobile', maxDiscountBp: 800, maxMonthlyFen: null },
    ];
    expect(authorityOf(withFamily, { role: 'account_manager', level: 'city' }, 'mobile')?.maxDiscountBp).toBe(800);
    expect(authorityOf(withFamily, { role: 'account_manager', level: 'city' }, 'voice')?.maxDiscountBp).toBe(500);
    expect(authorityOf(rules, { role: 'finance', level: 'city' }, 'voice')).toBeUndefined();
    expect(coversDiscount(undefined, discountOf(100, 100))).toBe(true);
  });

  it('sends a 20% discount past the city manager to the province manager', () => {
    const chain = [
      { id: 1, role: 'manager', level: 'city' },
      { id: 2, role: 'manager', level: 'province' },
      { id: 3, role: 'admin', level: 'group' },
    ];
    expect(nextGranter(rules, chain, 'data', discountOf(100_000, 80_000))?.id).toBe(2);
    expect(nextGranter(rules, chain, 'data', discountOf(100_000, 10_000))?.id).toBe(3);
    expect(nextGranter(rules, [], 'data', discountOf(100_000, 10_000))).toBeUndefined();
  });

  it('explains an escalation: no authority, over the percentage or amount, nothing when the limit is unknown', () => {
    const d = discountOf(100_000, 80_000);
    expect(escalationOf(NO_AUTHORITY, d)).toEqual(['no_authority']);
    expect(escalationOf({ maxDiscountBp: 500, maxMonthlyFen: 10_000 }, d)).toEqual(['over_percent', 'over_amount']);
    expect(escalationOf({ maxDiscountBp: 3_000, maxMonthlyFen: null }, d)).toEqual([]);
    expect(escalationOf(null, d)).toEqual([]);
  });
});
