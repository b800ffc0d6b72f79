// Discount authority (优惠权限): which matrix row applies to a granter, whether it covers a discount, who up the
// chain may grant it, and the default matrix. Pure functions over the rows.

export type AuthorityRule = {
  role: string;
  orgLevel: string;
  productFamily: string;
  maxDiscountBp: number;
  maxMonthlyFen: number | null;
};
export type Granter = { role: string; level: string };

/** The defaults seeded on first use: AM 5% / 2,000 yuan, district 10% / 5,000 ... group 50% / no cap, admin 100%. */
export const defaultDiscountAuthority: Omit<AuthorityRule, 'productFamily'>[] = [
  { role: 'account_manager', orgLevel: 'any', maxDiscountBp: 500, maxMonthlyFen: 200_000 },
  { role: 'manager', orgLevel: 'district', maxDiscountBp: 1_000, maxMonthlyFen: 500_000 },
  { role: 'manager', orgLevel: 'city', maxDiscountBp: 1_500, maxMonthlyFen: 2_000_000 },
  { role: 'manager', orgLevel: 'province', maxDiscountBp: 3_000, maxMonthlyFen: 10_000_000 },
  { role: 'manager', orgLevel: 'group', maxDiscountBp: 5_000, maxMonthlyFen: null },
  { role: 'admin', orgLevel: 'any', maxDiscountBp: 10_000, maxMonthlyFen: null },
];

/**
 * The row of a granter for a product family, most specific first: (family, level), (family, any),
 * (any, level), (any, any). Undefined: no authority at all.
 */
export function authorityOf(rules: readonly AuthorityRule[], granter: Granter, family: string) {
  const ofRole = rules.filter((r) => r.role === granter.role);
  const find = (f: string, l: string) => ofRole.find((r) => r.productFamily === f && r.orgLevel === l);
  return find(family, granter.level) ?? find(family, 'any') ?? find('any', granter.level) ?? find('any', 'any');
}

export type Discount = { discountBp: number; discountMonthlyFen: number };

/**
 * The discount of a new monthly price against the current one: the amount per month and its share in basis points
 * (rounded up, so 19.99% counts as 20%). A price at or above the current one is no discount.
 */
export function discountOf(listMonthlyFen: number, requestedMonthlyFen: number): Discount {
  const amount = Math.max(0, listMonthlyFen - requestedMonthlyFen);
  if (listMonthlyFen <= 0 || amount === 0) return { discountBp: 0, discountMonthlyFen: 0 };
  return { discountBp: Math.ceil((amount * 10_000) / listMonthlyFen), discountMonthlyFen: amount };
}

/** Whether a rule covers a discount: both its percentage and its monthly amount; no rule covers only no discount. */
export function coversDiscount(rule: Pick<AuthorityRule, 'maxDiscountBp' | 'maxMonthlyFen'> | undefined, d: Discount) {
  if (d.discountBp === 0 && d.discountMonthlyFen === 0) return true;
  if (!rule) return false;
  return (
    d.discountBp <= rule.maxDiscountBp && (rule.maxMonthlyFen === null || d.discountMonthlyFen <= rule.maxMonthlyFen)
  );
}

/** The nearest member of a chain (nearest first) whose authority covers the discount, else the top of the chain. */
export function nextGranter<T extends Granter>(
  rules: readonly AuthorityRule[],
  chain: readonly T[],
  family: string,
  d: Discount,
): T | undefined {
  return chain.find((m) => coversDiscount(authorityOf(rules, m, family), d)) ?? chain[chain.length - 1];
}

/**
 * The discount of a unit price times a quantity (a solution-option item of 12 lines): the share is the unit price's,
 * the amount per month is the whole item's.
 */
export function discountOfQuantity(listMonthlyFen: number, requestedMonthlyFen: number, quantity: number): Discount {
  const unit = discountOf(listMonthlyFen, requestedMonthlyFen);
  return { discountBp: unit.discountBp, discountMonthlyFen: unit.discountMonthlyFen * Math.max(1, quantity) };
}

export type Escalation = 'no_authority' | 'over_percent' | 'over_amount';
type Limit = Pick<AuthorityRule, 'maxDiscountBp' | 'maxMonthlyFen'>;

/** The limit recorded on a request whose requester had no authority at all (no cell of the matrix applied). */
export const NO_AUTHORITY: Limit = { maxDiscountBp: 0, maxMonthlyFen: 0 };
export const isNoAuthority = (limit: Limit) => limit.maxDiscountBp === 0 && limit.maxMonthlyFen === 0;

/**
 * Why a discount went beyond a requester's authority (empty: it did not, or nothing is known). A request saved
 * before the requester's limit was recorded has none (null): no reason can be given, which is not "no authority".
 */
export function escalationOf(limit: Limit | null | undefined, d: Discount): Escalation[] {
  if (d.discountBp === 0 && d.discountMonthlyFen === 0) return [];
  if (!limit) return [];
  if (isNoAuthority(limit)) return ['no_authority'];
  const out: Escalation[] = [];
  if (d.discountBp > limit.maxDiscountBp) out.push('over_percent');
  if (limit.maxMonthlyFen !== null && d.discountMonthlyFen > limit.maxMonthlyFen) out.push('over_amount');
  return out;
}
