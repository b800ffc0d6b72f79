import { describe, expect, it } from 'vitest';
import {
  applyMovement,
  checkRedemption,
  DEFAULT_MULTIPLIER_PCT,
  expiryOf,
  pointsForBill,
  pointsToExpire,
  validityOn,
} from './loyalty.models';

describe('points earned on a paid bill', () => {
  it('earns one point per whole yuan at the default multiplier', () => {
    expect(pointsForBill(12_345, DEFAULT_MULTIPLIER_PCT)).toBe(123);
  });

  it('applies the per-tier multiplier (diamond 200 %, gold 120 %, star-3 120 %), rounding down', () => {
    expect(pointsForBill(50_000, 200)).toBe(1_000);
    expect(pointsForBill(50_000, 120)).toBe(600);
    expect(pointsForBill(99_99, 150)).toBe(148);
  });

  it('earns on the bill total only when the customer overpaid (the surplus is a credit, not spend)', () => {
    expect(pointsForBill(30_000, 100, 20_000)).toBe(200);
    expect(pointsForBill(20_000, 100, 30_000)).toBe(200);
  });

  it('earns nothing on an unpaid bill or with a non-positive multiplier', () => {
    expect(pointsForBill(0, 100)).toBe(0);
    expect(pointsForBill(-500, 100)).toBe(0);
    expect(pointsForBill(10_000, 0)).toBe(0);
    expect(pointsForBill(99, 100)).toBe(0);
  });
});

describe('expiry at the end of the second year', () => {
  it('keeps points earned any day of a year until the last day of the following year', () => {
    expect(expiryOf('2025-01-01')).toBe('2026-12-31');
    expect(expiryOf('2025-12-31')).toBe('2026-12-31');
    expect(expiryOf('2024-02-29')).toBe('2025-12-31');
  });

  it('expires the oldest points first: earlier redemptions count against them', () => {
    // 1,000 earned in 2024 (expired), 800 earned in 2025, 600 redeemed in 2025: 400 of the old points expire.
    expect(pointsToExpire({ earnedExpired: 1_000, consumed: 600, balance: 1_200 })).toBe(400);
    // Everything old was redeemed already: nothing expires.
    expect(pointsToExpire({ earnedExpired: 1_000, consumed: 1_000, balance: 800 })).toBe(0);
    expect(pointsToExpire({ earnedExpired: 1_000, consumed: 1_500, balance: 300 })).toBe(0);
  });

  it('never expires more than the balance', () => {
    expect(pointsToExpire({ earnedExpired: 5_000, consumed: 0, balance: 1_200 })).toBe(1_200);
  });
});

describe('the balance never goes negative', () => {
  it('adds and subtracts movements', () => {
    expect(applyMovement(100, 50)).toBe(150);
    expect(applyMovement(100, -100)).toBe(0);
  });

  it('refuses a movement below zero', () => {
    expect(() => applyMovement(100, -101)).toThrow(/below zero/);
  });
});

describe('redemption against a reward with stock and validity dates', () => {
  const base = { balance: 10_000, cost: 3_000, stock: 5 as number | null, active: true, quantity: 2 };

  it('takes the points and the stock', () => {
    expect(checkRedemption(base)).toEqual({ ok: true, points: 6_000, balanceAfter: 4_000, stockAfter: 3 });
  });

  it('keeps unlimited stock unlimited', () => {
    expect(checkRedemption({ ...base, stock: null })).toMatchObject({ ok: true, stockAfter: null });
  });

  it('refuses more than the stock, naming quantity', () => {
    expect(checkRedemption({ ...base, stock: 1 })).toEqual({ ok: false, field: 'quantity', reason: 'out_of_stock' });
    expect(checkRedemption({ ...base, stock: 0, quantity: 1 })).toMatchObject({ reason: 'out_of_stock' });
  });

  it('refuses more points than the balance', () => {
    expect(checkRedemption({ ...base, quantity: 4 })).toEqual({
      ok: false,
      field: 'quantity',
      reason: 'insufficient_points',
    });
    expect(checkRedemption({ ...base, balance: 6_000 })).toMatchObject({ ok: true, balanceAfter: 0 });
  });

  it('refuses a withdrawn reward', () => {
    expect(checkRedemption({ ...base, active: false })).toMatchObject({ ok: false, reason: 'inactive' });
  });

  it('refuses a reward outside its validity dates (both days inclusive)', () => {
    const dated = { ...base, validFrom: '2026-06-01', validTo: '2026-06-30' };
    expect(checkRedemption({ ...dated, today: '2026-05-31' })).toMatchObject({ reason: 'not_yet_valid' });
    expect(checkRedemption({ ...dated, today: '2026-06-01' })).toMatchObject({ ok: true });
    expect(checkRedemption({ ...dated, today: '2026-06-30' })).toMatchObject({ ok: true });
    expect(checkRedemption({ ...dated, today: '2026-07-01' })).toMatchObject({ reason: 'expired', field: 'rewardId' });
    expect(validityOn('2030-01-01', null, null)).toBe('valid');
  });
});
