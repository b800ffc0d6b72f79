// Cox proportional hazards with Efron's handling of tied event times, fitted by Newton-Raphson on centred
// covariates; the baseline cumulative hazard uses the matching Efron correction (R's survfit.coxph default after
// coxph(ties = "efron")). Checked against R `survival` to 1e-6.
import { solveSymmetric } from './churn.logistic.models';

export type CoxInput = {
  time: ArrayLike<number>;
  event: ArrayLike<number>;
  /** Row-major covariates: x[i * p + j]. */
  x: ArrayLike<number>;
  covariates: string[];
};

export type CoxModel = {
  covariates: string[];
  coef: number[];
  se: number[];
  hazardRatio: number[];
  /** Log partial likelihood at zero and at the fit (R's `loglik`). */
  loglik: [number, number];
  iterations: number;
  /** Covariate means (hazard ratios of subjects are reported against the average subject). */
  means: number[];
  /** Distinct event and censoring times with the baseline cumulative hazard at x = 0. */
  baseTime: number[];
  baseCumHazard: number[];
};

type Prepared = { n: number; p: number; order: Uint32Array; z: Float64Array; means: number[] };

function prepare(input: CoxInput): Prepared {
  const n = input.time.length;
  const p = input.covariates.length;
  if (input.event.length !== n || input.x.length !== n * p) throw new Error('time, event and covariates differ');
  if (!n) throw new Error('no subjects');
  const means = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) means[j] += input.x[i * p + j] / n;
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) z[i * p + j] = input.x[i * p + j] - means[j];
  // Descending time, so risk sets accumulate as the scan goes back in time.
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => input.time[b] - input.time[a]);
  return { n, p, order, z, means };
}

/** Efron log partial likelihood, its gradient and information matrix at beta (centred covariates). */
function efron(input: CoxInput, d: Prepared, beta: Float64Array) {
  const { n, p, order, z } = d;
  const grad = new Float64Array(p);
  const info = new Float64Array(p * p);
  let loglik = 0;
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const e1 = new Float64Array(p);
  const e2 = new Float64Array(p * p);
  let s0 = 0;
  for (let k = 0; k < n; ) {
    const t = input.time[order[k]];
    let e0 = 0;
    let deaths = 0;
    e1.fill(0);
    e2.fill(0);
    for (; k < n && input.time[order[k]] === t; k++) {
      const i = order[k];
      let eta = 0;
      for (let j = 0; j < p; j++) eta += z[i * p + j] * beta[j];
      const r = Math.exp(eta);
      s0 += r;
      for (let j = 0; j < p; j++) {
        const zj = z[i * p + j];
        s1[j] += r * zj;
        for (let l = 0; l <= j; l++) s2[j * p + l] += r * zj * z[i * p + l];
      }
      if (!input.event[i]) continue;
      deaths++;
      loglik += eta;
      e0 += r;
      for (let j = 0; j < p; j++) {
        const zj = z[i * p + j];
        grad[j] += zj;
        e1[j] += r * zj;
        for (let l = 0; l <= j; l++) e2[j * p + l] += r * zj * z[i * p + l];
      }
    }
    for (let m = 0; m < deaths; m++) {
      const f = m / deaths;
      const a = s0 - f * e0;
      loglik -= Math.log(a);
      for (let j = 0; j < p; j++) {
        const bj = s1[j] - f * e1[j];
        grad[j] -= bj / a;
        for (let l = 0; l <= j; l++) {
          const bl = s1[l] - f * e1[l];
          info[j * p + l] += (s2[j * p + l] - f * e2[j * p + l]) / a - (bj * bl) / (a * a);
        }
      }
    }
  }
  for (let j = 0; j < p; j++) for (let l = 0; l < j; l++) info[l * p + j] = info[j * p + l];
  return { loglik, grad, info };
}

/** Inverse of a symmetric positive definite matrix, column by column. */
function invert(a: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = solveSymmetric(a, e, p);
    for (let i = 0; i < p; i++) out[i * p + j] = col[i];
  }
  return out;
}

/** Fits the model (Newton-Raphson with step halving when the likelihood drops). */
export function fitCox(input: CoxInput, options: { maxIterations?: number; tolerance?: number } = {}): CoxModel {
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-12;
  const d = prepare(input);
  const { p } = d;
  let beta = new Float64Array(p);
  let cur = efron(input, d, beta);
  const loglik0 = cur.loglik;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const step = solveSymmetric(cur.info, cur.grad, p);
    let next = beta.map((b, j) => b + step[j]);
    let trial = efron(input, d, next);
    for (let h = 0; h < 30 && !(trial.loglik >= cur.loglik - 1e-12); h++) {
      next = beta.map((b, j) => (b + next[j]) / 2);
      trial = efron(input, d, next);
    }
    const change = Math.abs(trial.loglik - cur.loglik);
    beta = next;
    cur = trial;
    if (change < tolerance * Math.max(1, Math.abs(cur.loglik))) {
      iterations++;
      break;
    }
  }
  const cov = invert(cur.info, p);
  const coef = Array.from(beta);
  const { baseTime, baseCumHazard } = baselineHazard(input, d, beta);
  return {
    covariates: input.covariates,
    coef,
    se: coef.map((_, j) => Math.sqrt(cov[j * p + j])),
    hazardRatio: coef.map(Math.exp),
    loglik: [loglik0, cur.loglik],
    iterations,
    means: d.means,
    baseTime,
    baseCumHazard,
  };
}

/** Efron baseline cumulative hazard at x = 0, at every distinct time (ascending). */
function baselineHazard(input: CoxInput, d: Prepared, beta: Float64Array) {
  const { n, p, order, z } = d;
  // Risk scores on the centred scale; H0(x = 0) = H0(centred) * exp(-means' beta).
  const shift = Math.exp(-d.means.reduce((s, m, j) => s + m * beta[j], 0));
  const steps: { t: number; dh: number }[] = [];
  let s0 = 0;
  for (let k = 0; k < n; ) {
    const t = input.time[order[k]];
    let e0 = 0;
    let deaths = 0;
    for (; k < n && input.time[order[k]] === t; k++) {
      const i = order[k];
      let eta = 0;
      for (let j = 0; j < p; j++) eta += z[i * p + j] * beta[j];
      const r = Math.exp(eta);
      s0 += r;
      if (input.event[i]) {
        deaths++;
        e0 += r;
      }
    }
    let dh = 0;
    for (let m = 0; m < deaths; m++) dh += 1 / (s0 - (m / deaths) * e0);
    steps.push({ t, dh: dh * shift });
  }
  steps.reverse();
  const baseTime: number[] = [];
  const baseCumHazard: number[] = [];
  let h = 0;
  for (const s of steps) {
    h += s.dh;
    baseTime.push(s.t);
    baseCumHazard.push(h);
  }
  return { baseTime, baseCumHazard };
}

/** Linear predictor x' beta of one subject (covariates in the model's order). */
export function coxLinearPredictor(model: CoxModel, x: ArrayLike<number>): number {
  let eta = 0;
  for (let j = 0; j < model.coef.length; j++) eta += model.coef[j] * x[j];
  return eta;
}

/** Hazard ratio of a subject against the average subject (covariate means). */
export function coxRelativeHazard(model: CoxModel, x: ArrayLike<number>): number {
  return Math.exp(coxLinearPredictor(model, x) - coxLinearPredictor(model, model.means));
}

/** A subject's expected survival curve S(t | x) = exp(-H0(t) exp(x' beta)) at the baseline times. */
export function coxSurvival(model: CoxModel, x: ArrayLike<number>): number[] {
  const r = Math.exp(coxLinearPredictor(model, x));
  return model.baseCumHazard.map((h) => Math.exp(-h * r));
}

/** Expected time to the event within tau (restricted mean of the subject's curve), e.g. months to churn. */
export function coxExpectedTime(model: CoxModel, x: ArrayLike<number>, tau: number): number {
  const s = coxSurvival(model, x);
  let area = 0;
  let prevT = 0;
  let prevS = 1;
  for (let i = 0; i < model.baseTime.length && model.baseTime[i] <= tau; i++) {
    area += prevS * (model.baseTime[i] - prevT);
    prevT = model.baseTime[i];
    prevS = s[i];
  }
  return area + prevS * Math.max(0, tau - prevT);
}
