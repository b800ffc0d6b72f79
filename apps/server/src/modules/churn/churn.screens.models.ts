// A Cox proportional-hazards model over tenure for the churn screens: one dummy per segment level (tier, category,
// contract type, product family) against the most common level, levels too thin to estimate (fewer than
// MIN_LEVEL_SUBJECTS subjects, MIN_LEVEL_EVENTS churns or MIN_LEVEL_EVENTS stayers) folded into the reference. Gives a
// customer's hazard ratio against the average customer, and its expected and median months to churn given it is
// still a customer at its current tenure. Pure.
import type { ChurnSegmentDimension } from '@crm/contracts';
import { type ChurnFactRow, completedMonths, segmentOf } from './churn.analysis.models';
import { type CoxModel, coxLinearPredictor, coxRelativeHazard, fitCox } from './churn.cox.models';

const MIN_LEVEL_SUBJECTS = 5;
const MIN_LEVEL_EVENTS = 2;
const MIN_EVENTS = 5;
/** The design tried first, then simpler ones when a fit fails (collinear or separated levels). */
const DESIGNS: ChurnSegmentDimension[][] = [
  ['tier', 'category', 'contract_type', 'product_family'],
  ['tier', 'contract_type'],
  ['category', 'contract_type'],
  ['tier'],
  ['category'],
];

export type CoxDummy = { dimension: ChurnSegmentDimension; segment: string; reference: string };
export type CustomerCoxModel = { cox: CoxModel; dummies: CoxDummy[]; subjects: number; events: number };

const tenureOf = (r: ChurnFactRow, today: string) => completedMonths(r.startDate, r.churnDate ?? today);

function dummiesOf(rows: readonly ChurnFactRow[], dims: ChurnSegmentDimension[]): CoxDummy[] {
  const out: CoxDummy[] = [];
  for (const dimension of dims) {
    const counts = new Map<string, { n: number; events: number }>();
    for (const r of rows) {
      const s = segmentOf(r, dimension);
      const c = counts.get(s) ?? { n: 0, events: 0 };
      c.n++;
      if (r.churnDate) c.events++;
      counts.set(s, c);
    }
    const levels = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
    if (levels.length < 2) continue;
    const reference = levels[0][0];
    for (const [segment, c] of levels.slice(1))
      if (c.n >= MIN_LEVEL_SUBJECTS && c.events >= MIN_LEVEL_EVENTS && c.n - c.events >= MIN_LEVEL_EVENTS)
        out.push({ dimension, segment, reference });
  }
  return out;
}

const rowOf = (r: ChurnFactRow, dummies: CoxDummy[]) =>
  dummies.map((d) => (segmentOf(r, d.dimension) === d.segment ? 1 : 0));

/** Fits the model on the customers' facts (tenure up to `today`); null when too few churns or no design fits. */
export function fitCustomerCox(rows: readonly ChurnFactRow[], today: string): CustomerCoxModel | null {
  const usable = rows.filter((r) => (r.churnDate ?? today) >= r.startDate);
  const events = usable.filter((r) => r.churnDate).length;
  if (events < MIN_EVENTS || usable.length - events < MIN_EVENTS) return null;
  for (const dims of DESIGNS) {
    const dummies = dummiesOf(usable, dims);
    if (!dummies.length) continue;
    const p = dummies.length;
    const x = new Float64Array(usable.length * p);
    for (let i = 0; i < usable.length; i++) x.set(rowOf(usable[i], dummies), i * p);
    try {
      const cox = fitCox({
        time: usable.map((r) => tenureOf(r, today)),
        event: usable.map((r) => (r.churnDate ? 1 : 0)),
        x,
        covariates: dummies.map((d) => `${d.dimension}:${d.segment}`),
      });
      if (cox.coef.every((c) => Number.isFinite(c) && Math.abs(c) < 15) && cox.baseCumHazard.every(Number.isFinite))
        return { cox, dummies, subjects: usable.length, events };
    } catch {
      // singular information matrix: try a simpler design
    }
  }
  return null;
}

/** Survival of a subject with linear predictor `eta` at tenure t (step function of the baseline). */
function survivalAt(cox: CoxModel, eta: number, t: number): number {
  let h = 0;
  for (let i = 0; i < cox.baseTime.length && cox.baseTime[i] <= t; i++) h = cox.baseCumHazard[i];
  return Math.exp(-h * Math.exp(eta));
}

/**
 * A customer's hazard ratio (against the average customer), its segment factors, and the expected months before
 * churn within `horizon` months and the median months to churn, both given survival to its current tenure.
 */
export function customerCox(model: CustomerCoxModel, row: ChurnFactRow, today: string, horizon = 60) {
  const { cox, dummies } = model;
  const x = rowOf(row, dummies);
  const eta = coxLinearPredictor(cox, x);
  const t0 = tenureOf(row, today);
  const s0 = survivalAt(cox, eta, t0);
  let expected = 0;
  let median: number | null = null;
  for (let m = 1; m <= horizon; m++) {
    const s = s0 > 0 ? survivalAt(cox, eta, t0 + m) / s0 : 0;
    // Month m counts by the survival at its end (step function: a churn within the month ends the tenure).
    expected += s;
    if (median === null && s <= 0.5) median = m;
  }
  return {
    hazardRatio: coxRelativeHazard(cox, x),
    tenureMonths: t0,
    expectedMonths: Math.round(expected * 10) / 10,
    horizonMonths: horizon,
    medianMonths: median,
    factors: dummies
      .map((d, j) => ({ ...d, hazardRatio: cox.hazardRatio[j], on: x[j] === 1 }))
      .filter((d) => d.on)
      .map(({ on: _on, ...d }) => d),
    subjects: model.subjects,
    events: model.events,
  };
}
