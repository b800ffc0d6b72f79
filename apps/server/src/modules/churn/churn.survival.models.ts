// Kaplan-Meier survival with Greenwood standard errors and R's default "log" confidence bands, the median survival
// and the restricted mean survival time (RMST): the figures R `survival::survfit` prints, checked against it to 1e-6.

export type SurvivalInput = { time: ArrayLike<number>; event: ArrayLike<number> };

export type KaplanMeier = {
  n: number;
  events: number;
  /** Every distinct time (events and censorings), ascending, as R's survfit. */
  times: number[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  survival: number[];
  /** Standard error of the cumulative hazard (Greenwood), R's `std.err`; null once survival reaches 0. */
  stdErr: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
};

/** The two-sided normal quantile of a confidence level (0.95 -> 1.959963984540054). */
export function normalQuantile(level: number): number {
  // Acklam's rational approximation refined by one Halley step (error < 1e-15).
  const p = 1 - (1 - level) / 2;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  let x: number;
  if (p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Complementary error function: Taylor series of erf below 2, Lentz's continued fraction above (double precision). */
function erfc(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax < 2) {
    // erf by its Taylor series.
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 100; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // Continued fraction (Lentz).
    let f = ax;
    let cc = ax;
    let dd = 0;
    for (let n = 1; n < 200; n++) {
      const an = n / 2;
      dd = ax + an * dd;
      dd = dd === 0 ? 1e-300 : 1 / dd;
      cc = ax + an / cc;
      const delta = cc * dd;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    r = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  }
  return x >= 0 ? r : 2 - r;
}

function checkInput(input: SurvivalInput) {
  if (input.time.length !== input.event.length) throw new Error('time and event differ in length');
  if (!input.time.length) throw new Error('no subjects');
  for (let i = 0; i < input.time.length; i++)
    if (!Number.isFinite(input.time[i]) || input.time[i] < 0) throw new Error(`time of subject ${i + 1} is not a time`);
}

/** The Kaplan-Meier curve; `event` is 1 for an event (churn), 0 for censored (still a customer). */
export function kaplanMeier(input: SurvivalInput, level = 0.95): KaplanMeier {
  checkInput(input);
  const n = input.time.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => input.time[a] - input.time[b]);
  const z = normalQuantile(level);
  const out: KaplanMeier = {
    n,
    events: 0,
    times: [],
    nRisk: [],
    nEvent: [],
    nCensor: [],
    survival: [],
    stdErr: [],
    lower: [],
    upper: [],
  };
  let atRisk = n;
  let s = 1;
  let greenwood = 0;
  for (let i = 0; i < n; ) {
    const t = input.time[order[i]];
    let d = 0;
    let c = 0;
    while (i < n && input.time[order[i]] === t) {
      if (input.event[order[i]]) d++;
      else c++;
      i++;
    }
    s *= 1 - d / atRisk;
    if (d && atRisk > d) greenwood += d / (atRisk * (atRisk - d));
    const dead = s <= 0 || (d > 0 && atRisk === d);
    const se = dead ? null : Math.sqrt(greenwood);
    out.times.push(t);
    out.nRisk.push(atRisk);
    out.nEvent.push(d);
    out.nCensor.push(c);
    out.survival.push(s);
    out.stdErr.push(se);
    out.lower.push(se === null ? null : s * Math.exp(-z * se));
    out.upper.push(se === null ? null : Math.min(1, s * Math.exp(z * se)));
    out.events += d;
    atRisk -= d + c;
  }
  return out;
}

/**
 * Median survival as R reports it: the first time the curve is at or below 0.5; when it is exactly 0.5 over an
 * interval, the middle of that interval. null when the curve never gets there.
 */
export function medianSurvival(km: Pick<KaplanMeier, 'times' | 'survival'>): number | null {
  const i = km.survival.findIndex((s) => s <= 0.5 + 1e-12);
  if (i < 0) return null;
  if (Math.abs(km.survival[i] - 0.5) > 1e-12) return km.times[i];
  const j = km.survival.findIndex((s, k) => k > i && s < km.survival[i] - 1e-12);
  return j < 0 ? km.times[i] : (km.times[i] + km.times[j]) / 2;
}

/** Area under the step curve from 0 to tau (the curve is 1 before the first time, flat after the last). */
export function restrictedMean(km: Pick<KaplanMeier, 'times' | 'survival'>, tau: number): number {
  let area = 0;
  let prevT = 0;
  let prevS = 1;
  for (let i = 0; i < km.times.length && km.times[i] <= tau; i++) {
    area += prevS * (km.times[i] - prevT);
    prevT = km.times[i];
    prevS = km.survival[i];
  }
  return area + prevS * Math.max(0, tau - prevT);
}

/** The curve summary the CLI prints: tau defaults to the last observed time. */
export function survivalSummary(input: SurvivalInput, tau?: number) {
  const km = kaplanMeier(input);
  const limit = tau ?? km.times[km.times.length - 1];
  return {
    n: km.n,
    events: km.events,
    times: km.times,
    survival: km.survival,
    lower: km.lower,
    upper: km.upper,
    median: medianSurvival(km),
    tau: limit,
    rmst: restrictedMean(km, limit),
  };
}
