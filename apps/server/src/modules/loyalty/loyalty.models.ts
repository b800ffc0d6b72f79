// Loyalty club points (积分) as pure rules: what a paid bill earns, when points expire, what a redemption may take.

/** Points per yuan paid before the multiplier. */
export const POINTS_PER_YUAN = 1;
/** The multiplier (percent) of a member without a bound `points_multiplier` entitlement. */
export const DEFAULT_MULTIPLIER_PCT = 100;
/** Default bonuses: a club event attended, a referral that became a customer. */
export const DEFAULT_BONUS = { event: 200, referral: 500 } as const;

export type LedgerKind = 'earn_bill' | 'bonus_event' | 'bonus_referral' | 'redeem' | 'expire' | 'adjust';
export const ledgerKinds: readonly LedgerKind[] = [
  'earn_bill',
  'bonus_event',
  'bonus_referral',
  'redeem',
  'expire',
  'adjust',
];

/**
 * Points a paid bill earns: one point per whole yuan of the bill paid, times the member's multiplier (percent),
 * rounded down. An overpaid bill earns on its total only (the surplus is a credit, not spend); nothing for an unpaid
 * bill or a non-positive multiplier.
 */
export function pointsForBill(paidFen: number, multiplierPct: number, totalFen?: number): number {
  const earnable = totalFen === undefined ? paidFen : Math.min(paidFen, totalFen);
  if (!(earnable > 0) || !(multiplierPct > 0)) return 0;
  const base = Math.floor(earnable / 100) * POINTS_PER_YUAN;
  return Math.floor((base * Math.round(multiplierPct)) / 100);
}

/** Points earned on `earnedOn` (YYYY-MM-DD, business date) last until the end of the following year. */
export function expiryOf(earnedOn: string): string {
  return `${Number(earnedOn.slice(0, 4)) + 1}-12-31`;
}

/**
 * How many points expire now (FIFO: redemptions and earlier expiries consume the oldest points first).
 * `earnedExpired`: all points earned whose expiry date has passed; `consumed`: all points redeemed or expired before
 * (as positive numbers). Never negative, never more than the balance.
 */
export function pointsToExpire(opts: { earnedExpired: number; consumed: number; balance: number }): number {
  return Math.max(0, Math.min(opts.balance, opts.earnedExpired - opts.consumed));
}

export type RedemptionCheck =
  | { ok: true; points: number; balanceAfter: number; stockAfter: number | null }
  | {
      ok: false;
      field: 'quantity' | 'rewardId';
      reason: 'insufficient_points' | 'out_of_stock' | 'inactive' | 'not_yet_valid' | 'expired';
    };

/** Whether a reward can be redeemed on `today` (YYYY-MM-DD): inside its validity dates (inclusive; null = open). */
export function validityOn(
  today: string,
  validFrom: string | null | undefined,
  validTo: string | null | undefined,
): 'valid' | 'not_yet_valid' | 'expired' {
  if (validFrom && today < validFrom) return 'not_yet_valid';
  if (validTo && today > validTo) return 'expired';
  return 'valid';
}

/**
 * Whether a member with `balance` may take `quantity` of a reward (validity, cost and stock); stock null =
 * unlimited. `today` with `validFrom` / `validTo` checks the reward's validity dates.
 */
export function checkRedemption(opts: {
  balance: number;
  cost: number;
  stock: number | null;
  active: boolean;
  quantity: number;
  today?: string;
  validFrom?: string | null;
  validTo?: string | null;
}): RedemptionCheck {
  if (!opts.active) return { ok: false, field: 'rewardId', reason: 'inactive' };
  if (opts.today) {
    const v = validityOn(opts.today, opts.validFrom, opts.validTo);
    if (v !== 'valid') return { ok: false, field: 'rewardId', reason: v };
  }
  if (!Number.isInteger(opts.quantity) || opts.quantity < 1) throw new Error('quantity must be a positive integer');
  if (opts.stock !== null && opts.stock < opts.quantity)
    return { ok: false, field: 'quantity', reason: 'out_of_stock' };
  const points = opts.cost * opts.quantity;
  if (points > opts.balance) return { ok: false, field: 'quantity', reason: 'insufficient_points' };
  return {
    ok: true,
    points,
    balanceAfter: opts.balance - points,
    stockAfter: opts.stock === null ? null : opts.stock - opts.quantity,
  };
}

/** A new balance after a movement; throws when it would go below zero (the transaction checks it again). */
export function applyMovement(balance: number, points: number): number {
  const next = balance + points;
  if (next < 0) throw new Error('the balance may never go below zero');
  return next;
}
