// Investment evaluation (投资效益评估) of a key-account project as pure functions over integer fen: the monthly cash
// flow over the contract term, total revenue and cost, surplus, payback month, NPV, IRR and the default approval rule
// (finance approves only if the contract recovers the cost within its term).

export type CapitalItem = { kind: 'equipment' | 'construction' | 'labour' | 'other'; label: string; amountFen: number };

export type InvestmentInput = {
  capital: CapitalItem[];
  /** Operating and maintenance cost per year (spread evenly over the months). */
  yearlyOpexFen: number;
  oneOffRevenueFen: number;
  /** Recurring revenue per month, or (when the contract states the term total, as S5 does) `termRevenueFen`. */
  monthlyRevenueFen?: number;
  termRevenueFen?: number;
  termMonths: number;
  /** Yearly discount rate in basis points (800 = 8%). */
  discountRateBp: number;
};

export type CashFlowMonth = { month: number; inFen: number; outFen: number; netFen: number; cumulativeFen: number };

export type InvestmentResult = {
  capitalFen: number;
  opexFen: number;
  totalRevenueFen: number;
  totalCostFen: number;
  surplusFen: number;
  /** First month (1-based; 0 = at signing) in which the cumulative cash flow is no longer negative; null if never. */
  paybackMonth: number | null;
  npvFen: number;
  /** Yearly internal rate of return in basis points; null when the flows never change sign. */
  irrBp: number | null;
  cashFlow: CashFlowMonth[];
};

export class InvestmentInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function check(input: InvestmentInput) {
  const money: [string, number][] = [
    ['yearlyOpexFen', input.yearlyOpexFen],
    ['oneOffRevenueFen', input.oneOffRevenueFen],
    ['monthlyRevenueFen', input.monthlyRevenueFen ?? 0],
    ['termRevenueFen', input.termRevenueFen ?? 0],
    ...input.capital.map((c, i) => [`capital.${i}.amountFen`, c.amountFen] as [string, number]),
  ];
  for (const [field, v] of money)
    if (!Number.isSafeInteger(v) || v < 0)
      throw new InvestmentInputError(field, 'must be a whole, non-negative fen amount');
  if (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > 240)
    throw new InvestmentInputError('termMonths', 'must be 1-240 months');
  if (input.monthlyRevenueFen !== undefined && input.termRevenueFen !== undefined)
    throw new InvestmentInputError('termRevenueFen', 'give either the monthly or the term revenue, not both');
  if (!Number.isInteger(input.discountRateBp) || input.discountRateBp < 0 || input.discountRateBp > 10_000)
    throw new InvestmentInputError('discountRateBp', 'must be 0-10000 basis points');
}

/**
 * Month 0 carries the capital and the one-off revenue; months 1..term the recurring revenue and the opex. Opex is
 * spread in whole fen, the remainder of each year in its last month, so the total is exact.
 */
export function buildCashFlow(input: InvestmentInput): CashFlowMonth[] {
  const capital = input.capital.reduce((s, c) => s + c.amountFen, 0);
  const months: CashFlowMonth[] = [];
  let cumulative = input.oneOffRevenueFen - capital;
  months.push({
    month: 0,
    inFen: input.oneOffRevenueFen,
    outFen: capital,
    netFen: cumulative,
    cumulativeFen: cumulative,
  });
  const perMonth = Math.floor(input.yearlyOpexFen / 12);
  const remainder = input.yearlyOpexFen - perMonth * 12;
  for (let m = 1; m <= input.termMonths; m++) {
    const out = perMonth + (m % 12 === 0 ? remainder : 0);
    const income = recurringRevenueOf(input, m);
    const net = income - out;
    cumulative += net;
    months.push({ month: m, inFen: income, outFen: out, netFen: net, cumulativeFen: cumulative });
  }
  return months;
}

/** Month m's recurring revenue; a term total is spread in whole fen, its remainder in the last month. */
function recurringRevenueOf(input: InvestmentInput, m: number): number {
  if (input.termRevenueFen === undefined) return input.monthlyRevenueFen ?? 0;
  const per = Math.floor(input.termRevenueFen / input.termMonths);
  return m === input.termMonths ? input.termRevenueFen - per * (input.termMonths - 1) : per;
}

/** Monthly rate equivalent to a yearly rate: (1 + r)^(1/12) - 1. */
const monthlyRate = (yearly: number) => (1 + yearly) ** (1 / 12) - 1;

/** Net present value at a yearly rate, discounting month m by (1 + monthly rate)^m; in fen, rounded. */
export function netPresentValue(flows: readonly number[], yearlyRate: number): number {
  const r = monthlyRate(yearlyRate);
  return flows.reduce((s, f, m) => s + f / (1 + r) ** m, 0);
}

/** The yearly rate at which the NPV of the monthly flows is zero (bisection), or null when there is none. */
export function internalRateOfReturn(flows: readonly number[]): number | null {
  const npvAt = (yearly: number) => netPresentValue(flows, yearly);
  let lo = -0.99;
  let hi = 10;
  let fLo = npvAt(lo);
  const fHi = npvAt(hi);
  if (Number.isNaN(fLo) || Number.isNaN(fHi) || Math.sign(fLo) === Math.sign(fHi)) return null;
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    const f = npvAt(mid);
    if (Math.sign(f) === Math.sign(fLo)) {
      lo = mid;
      fLo = f;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

export function evaluateInvestment(input: InvestmentInput): InvestmentResult {
  check(input);
  const cashFlow = buildCashFlow(input);
  const capitalFen = input.capital.reduce((s, c) => s + c.amountFen, 0);
  const opexFen = cashFlow.slice(1).reduce((s, m) => s + m.outFen, 0);
  const totalRevenueFen = cashFlow.reduce((s, m) => s + m.inFen, 0);
  const totalCostFen = capitalFen + opexFen;
  const payback = cashFlow.find((m) => m.cumulativeFen >= 0);
  const flows = cashFlow.map((m) => m.netFen);
  const irr = internalRateOfReturn(flows);
  return {
    capitalFen,
    opexFen,
    totalRevenueFen,
    totalCostFen,
    surplusFen: totalRevenueFen - totalCostFen,
    paybackMonth: payback ? payback.month : null,
    npvFen: Math.round(netPresentValue(flows, input.discountRateBp / 10_000)),
    irrBp: irr === null ? null : Math.round(irr * 10_000),
    cashFlow,
  };
}

export type ApprovalRule = {
  /** Surplus required on top of recovering the cost (fen; default 0). */
  minSurplusFen: number;
  /** Require a non-negative NPV at the evaluation's discount rate as well (default false). */
  requirePositiveNpv: boolean;
};
export const defaultApprovalRule: ApprovalRule = { minSurplusFen: 0, requirePositiveNpv: false };

export type RuleVerdict = {
  passes: boolean;
  reasons: ('not_recovered_in_term' | 'surplus_below_minimum' | 'negative_npv')[];
};

/** The default rule: the contract must recover the whole cost within its term (payback month <= term). */
export function applyApprovalRule(
  input: InvestmentInput,
  result: InvestmentResult,
  rule: ApprovalRule = defaultApprovalRule,
): RuleVerdict {
  const reasons: RuleVerdict['reasons'] = [];
  if (result.paybackMonth === null || result.paybackMonth > input.termMonths) reasons.push('not_recovered_in_term');
  if (result.surplusFen < rule.minSurplusFen) reasons.push('surplus_below_minimum');
  if (rule.requirePositiveNpv && result.npvFen < 0) reasons.push('negative_npv');
  return { passes: reasons.length === 0, reasons };
}

export type ApprovalTier = { maxCapitalFen: number | null; approverLevel: 'city' | 'province' | 'group' };
/** Larger investments need a higher approver: default up to 1,000,000 yuan city, up to 5,000,000 province, above group. */
export const defaultApprovalTiers: ApprovalTier[] = [
  { maxCapitalFen: 100_000_000, approverLevel: 'city' },
  { maxCapitalFen: 500_000_000, approverLevel: 'province' },
  { maxCapitalFen: null, approverLevel: 'group' },
];

export function approverLevelFor(capitalFen: number, tiers: ApprovalTier[] = defaultApprovalTiers) {
  const tier = tiers.find((t) => t.maxCapitalFen === null || capitalFen <= t.maxCapitalFen);
  return tier?.approverLevel ?? 'group';
}

// ---------------------------------------------------------------- approval workflow and realised payback

export type EvaluationStatus = 'draft' | 'submitted' | 'reviewed' | 'approved' | 'rejected';
export type WorkflowAction = 'submit' | 'forward' | 'return' | 'approve' | 'reject';

/** The workflow: the AM submits a draft, the manager forwards it to finance (or returns it), finance decides. */
export function nextStatus(status: EvaluationStatus, action: WorkflowAction): EvaluationStatus | null {
  if (status === 'draft' && action === 'submit') return 'submitted';
  if (status === 'submitted' && action === 'forward') return 'reviewed';
  if (status === 'submitted' && action === 'return') return 'draft';
  if (status === 'reviewed' && action === 'approve') return 'approved';
  if (status === 'reviewed' && action === 'reject') return 'rejected';
  return null;
}

const levelRank: Record<string, number> = { district: 0, city: 1, province: 2, group: 3 };

/** Whether an approver at an org level may decide an evaluation needing `required` (a higher level always may). */
export const levelCovers = (approverLevel: string | undefined, required: ApprovalTier['approverLevel']) =>
  (levelRank[approverLevel ?? ''] ?? -1) >= levelRank[required];

export type RealisedMonth = {
  month: number;
  period: string;
  plannedCumulativeFen: number;
  actualCumulativeFen: number | null;
  actualRevenueFen: number | null;
};

/** "YYYY-MM" shifted by n months. */
export function addMonths(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * Actual against plan: month 1 is `startPeriod`; the actual cumulative cash flow starts from month 0 of the plan
 * (capital and one-off revenue) and adds each billed month's revenue minus the planned opex of that month. Months
 * after `lastPeriod` (not billed yet) have no actual figure. The realised payback month is the first month whose
 * actual cumulative is no longer negative.
 */
export function realisedPayback(opts: {
  plan: readonly CashFlowMonth[];
  startPeriod: string;
  lastPeriod: string | null;
  revenueByPeriod: ReadonlyMap<string, number>;
}) {
  const { plan, startPeriod, lastPeriod, revenueByPeriod } = opts;
  let cumulative = plan[0]?.netFen ?? 0;
  let realisedPaybackMonth: number | null = cumulative >= 0 ? 0 : null;
  let actualRevenueFen = 0;
  let plannedRevenueToDateFen = 0;
  const months: RealisedMonth[] = [];
  for (const m of plan.slice(1)) {
    const period = addMonths(startPeriod, m.month - 1);
    const billed = lastPeriod !== null && period <= lastPeriod;
    if (!billed) {
      months.push({
        month: m.month,
        period,
        plannedCumulativeFen: m.cumulativeFen,
        actualCumulativeFen: null,
        actualRevenueFen: null,
      });
      continue;
    }
    const revenue = revenueByPeriod.get(period) ?? 0;
    actualRevenueFen += revenue;
    plannedRevenueToDateFen += m.inFen;
    cumulative += revenue - m.outFen;
    if (realisedPaybackMonth === null && cumulative >= 0) realisedPaybackMonth = m.month;
    months.push({
      month: m.month,
      period,
      plannedCumulativeFen: m.cumulativeFen,
      actualCumulativeFen: cumulative,
      actualRevenueFen: revenue,
    });
  }
  return { months, actualRevenueFen, plannedRevenueToDateFen, realisedPaybackMonth };
}
