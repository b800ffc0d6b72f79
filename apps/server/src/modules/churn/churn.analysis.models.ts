// Churn analysis from per-customer facts: churn rate by month and by segment, value lost (monthly value x a horizon
// in months), the reasons recorded at termination, the churn direction (competitor) and Kaplan-Meier survival over
// tenure by segment (Greenwood bands, median, RMST). Pure: the service reads the facts, these functions count.
import type { ChurnSegmentDimension } from '@crm/contracts';
import { kaplanMeier, medianSurvival, restrictedMean } from './churn.survival.models';

export type ChurnFactRow = {
  customerId: number;
  category: string;
  /** Tenure start (customer since), "YYYY-MM-DD". */
  startDate: string;
  /** Date the customer left, null while a customer. */
  churnDate: string | null;
  reasonCode: string | null;
  competitorId: number | null;
  portedOut: boolean;
  linesLost: number;
  /** Monthly value lost when it left (recorded at termination, else its recent bills); 0 while a customer. */
  monthlyValueFen: number;
  tier: string | null;
  productFamily: string | null;
  termMonths: number | null;
};

export const segmentDimensions: readonly ChurnSegmentDimension[] = [
  'tier',
  'category',
  'product_family',
  'contract_type',
];

/** The contract type of a customer from the term of its latest contract. */
export function contractTypeOf(termMonths: number | null): string {
  if (termMonths === null) return 'none';
  if (termMonths <= 12) return 'term_12';
  if (termMonths <= 24) return 'term_24';
  return 'term_36';
}

export function segmentOf(row: ChurnFactRow, dimension: ChurnSegmentDimension): string {
  switch (dimension) {
    case 'tier':
      return row.tier ?? 'none';
    case 'category':
      return row.category;
    case 'product_family':
      return row.productFamily ?? 'none';
    case 'contract_type':
      return contractTypeOf(row.termMonths);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
export const firstDayOf = (period: string) => `${period}-01`;
export function lastDayOf(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return `${period}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** Completed calendar months between two dates ("YYYY-MM-DD"), never negative. */
export function completedMonths(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return Math.max(0, (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0));
}

/** A customer is exposed in [from, to] when it had started by `to` and had not left before `from`. */
const exposed = (r: ChurnFactRow, from: string, to: string) =>
  r.startDate <= to && (r.churnDate === null || r.churnDate >= from);
const churnedIn = (r: ChurnFactRow, from: string, to: string) =>
  r.churnDate !== null && r.churnDate >= from && r.churnDate <= to;
const rate = (churned: number, base: number) => (base > 0 ? churned / base : 0);

export type ChurnMonth = {
  period: string;
  atRisk: number;
  churned: number;
  rate: number;
  monthlyValueLostFen: number;
  valueLostFen: number;
};

/** Per month: customers exposed in the month, those who left in it, its churn rate and the value lost. */
export function churnByMonth(rows: readonly ChurnFactRow[], periods: readonly string[], horizon: number): ChurnMonth[] {
  return periods.map((period) => {
    const from = firstDayOf(period);
    const to = lastDayOf(period);
    let atRisk = 0;
    let churned = 0;
    let monthly = 0;
    for (const r of rows) {
      if (!exposed(r, from, to)) continue;
      atRisk++;
      if (churnedIn(r, from, to)) {
        churned++;
        monthly += r.monthlyValueFen;
      }
    }
    return {
      period,
      atRisk,
      churned,
      rate: rate(churned, atRisk),
      monthlyValueLostFen: monthly,
      valueLostFen: monthly * horizon,
    };
  });
}

export type SegmentRow = {
  dimension: ChurnSegmentDimension;
  segment: string;
  customers: number;
  churned: number;
  rate: number;
  valueLostFen: number;
};

/** Churn over the window [from, to] by every segment dimension (largest segments first). */
export function churnBySegment(rows: readonly ChurnFactRow[], from: string, to: string, horizon: number) {
  const out: SegmentRow[] = [];
  for (const dimension of segmentDimensions) {
    const groups = new Map<string, SegmentRow>();
    for (const r of rows) {
      if (!exposed(r, from, to)) continue;
      const segment = segmentOf(r, dimension);
      let g = groups.get(segment);
      if (!g) {
        g = { dimension, segment, customers: 0, churned: 0, rate: 0, valueLostFen: 0 };
        groups.set(segment, g);
      }
      g.customers++;
      if (churnedIn(r, from, to)) {
        g.churned++;
        g.valueLostFen += r.monthlyValueFen * horizon;
      }
    }
    const list = [...groups.values()].map((g) => ({ ...g, rate: rate(g.churned, g.customers) }));
    list.sort((a, b) => b.customers - a.customers || a.segment.localeCompare(b.segment));
    out.push(...list);
  }
  return out;
}

export function churnTotals(rows: readonly ChurnFactRow[], from: string, to: string, horizon: number) {
  let customers = 0;
  let churned = 0;
  let value = 0;
  for (const r of rows) {
    if (!exposed(r, from, to)) continue;
    customers++;
    if (churnedIn(r, from, to)) {
      churned++;
      value += r.monthlyValueFen * horizon;
    }
  }
  return { customers, churned, rate: rate(churned, customers), valueLostFen: value };
}

/** The reasons recorded at termination for customers who left in the window, most frequent first. */
export function churnReasons(rows: readonly ChurnFactRow[], from: string, to: string, horizon: number) {
  const groups = new Map<string, { reasonCode: string; count: number; valueLostFen: number }>();
  for (const r of rows) {
    if (!r.reasonCode || !churnedIn(r, from, to)) continue;
    const g = groups.get(r.reasonCode) ?? { reasonCode: r.reasonCode, count: 0, valueLostFen: 0 };
    g.count++;
    g.valueLostFen += r.monthlyValueFen * horizon;
    groups.set(r.reasonCode, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reasonCode.localeCompare(b.reasonCode));
}

/** Where the customers who left in the window went (competitor; null = none recorded), most frequent first. */
export function churnDirections(rows: readonly ChurnFactRow[], from: string, to: string, horizon: number) {
  const groups = new Map<
    number | null,
    { competitorId: number | null; count: number; portedOut: number; linesLost: number; valueLostFen: number }
  >();
  for (const r of rows) {
    if (!r.reasonCode || !churnedIn(r, from, to)) continue;
    const g = groups.get(r.competitorId) ?? {
      competitorId: r.competitorId,
      count: 0,
      portedOut: 0,
      linesLost: 0,
      valueLostFen: 0,
    };
    g.count++;
    if (r.portedOut) g.portedOut++;
    g.linesLost += r.linesLost;
    g.valueLostFen += r.monthlyValueFen * horizon;
    groups.set(r.competitorId, g);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.count - a.count || (a.competitorId ?? Number.MAX_SAFE_INTEGER) - (b.competitorId ?? Number.MAX_SAFE_INTEGER),
  );
}

export type SurvivalCurve = {
  segment: string;
  n: number;
  events: number;
  times: number[];
  survival: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  medianMonths: number | null;
  rmstMonths: number;
};

/**
 * Kaplan-Meier survival over tenure (completed months from the start to the churn date, or to `today` for those
 * still customers: censored) per segment of one dimension, with Greenwood log bands, median and RMST up to tau.
 * The first curve is the whole population ("all").
 */
export function survivalBySegment(
  rows: readonly ChurnFactRow[],
  dimension: ChurnSegmentDimension,
  today: string,
  tau: number,
  level = 0.95,
): SurvivalCurve[] {
  const groups = new Map<string, { time: number[]; event: number[] }>([['all', { time: [], event: [] }]]);
  for (const r of rows) {
    const end = r.churnDate ?? today;
    if (end < r.startDate) continue;
    const t = completedMonths(r.startDate, end);
    const e = r.churnDate === null ? 0 : 1;
    for (const key of ['all', segmentOf(r, dimension)]) {
      let g = groups.get(key);
      if (!g) {
        g = { time: [], event: [] };
        groups.set(key, g);
      }
      g.time.push(t);
      g.event.push(e);
    }
  }
  const curves: SurvivalCurve[] = [];
  for (const [segment, g] of groups) {
    if (!g.time.length) continue;
    const km = kaplanMeier(g, level);
    curves.push({
      segment,
      n: km.n,
      events: km.events,
      times: km.times,
      survival: km.survival,
      lower: km.lower,
      upper: km.upper,
      medianMonths: medianSurvival(km),
      rmstMonths: restrictedMean(km, tau),
    });
  }
  return curves.sort((a, b) =>
    a.segment === 'all' ? -1 : b.segment === 'all' ? 1 : b.n - a.n || a.segment.localeCompare(b.segment),
  );
}
