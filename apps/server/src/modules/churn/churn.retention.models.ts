// Uplift of retention actions: the saved rate of treated customers against a control group that was not contacted,
// with a confidence interval for the difference (Newcombe's hybrid score interval, his method 10: Wilson intervals
// of each rate combined), which stays inside [-1, 1] and behaves at small counts and rates near 0 or 1.
import { normalQuantile } from './churn.survival.models';

export type UpliftGroupCounts = { customers: number; saved: number };

export type Uplift = {
  treated: UpliftGroupCounts & { rate: number };
  control: UpliftGroupCounts & { rate: number };
  /** Treated saved rate minus control saved rate. */
  uplift: number;
  lower: number;
  upper: number;
  level: number;
  /** The interval excludes 0. */
  significant: boolean;
};

/** Wilson score interval of a proportion. */
export function wilsonInterval(successes: number, n: number, level = 0.95): { lower: number; upper: number } {
  if (n <= 0) return { lower: 0, upper: 1 };
  const z = normalQuantile(level);
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { lower: Math.max(0, (centre - half) / denom), upper: Math.min(1, (centre + half) / denom) };
}

function checkCounts(name: string, g: UpliftGroupCounts) {
  if (!Number.isInteger(g.customers) || g.customers < 1) throw new RangeError(`${name}: at least one customer needed`);
  if (!Number.isInteger(g.saved) || g.saved < 0 || g.saved > g.customers)
    throw new RangeError(`${name}: saved must be between 0 and the number of customers`);
}

/** The uplift of the treated group's saved rate over the control group's, with Newcombe's interval. */
export function uplift(treated: UpliftGroupCounts, control: UpliftGroupCounts, level = 0.95): Uplift {
  checkCounts('treated', treated);
  checkCounts('control', control);
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
  const p1 = treated.saved / treated.customers;
  const p0 = control.saved / control.customers;
  const w1 = wilsonInterval(treated.saved, treated.customers, level);
  const w0 = wilsonInterval(control.saved, control.customers, level);
  const d = p1 - p0;
  const lower = d - Math.sqrt((p1 - w1.lower) ** 2 + (w0.upper - p0) ** 2);
  const upper = d + Math.sqrt((w1.upper - p1) ** 2 + (p0 - w0.lower) ** 2);
  return {
    treated: { ...treated, rate: p1 },
    control: { ...control, rate: p0 },
    uplift: d,
    lower,
    upper,
    level,
    significant: lower > 0 || upper < 0,
  };
}
