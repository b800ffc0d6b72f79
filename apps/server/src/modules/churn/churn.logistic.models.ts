// L2-regularised logistic regression fitted by Newton-Raphson (IRLS): deterministic, converges in a few passes.
// Columns are centred on the training means and numeric ones scaled by their standard deviation, so the penalty treats
// every feature alike and a missing value (NaN) counts as the training mean. The model is plain JSON.
import type { FeatureMatrix, MatrixColumn } from './churn.dataset.models';

export type ClassWeight = 'balanced' | { negative: number; positive: number };

export type LogisticOptions = {
  /** L2 penalty on the standardised coefficients, on the summed log-loss (scikit-learn's 1/C). Default 1. */
  l2?: number;
  classWeight?: ClassWeight;
  maxIterations?: number;
  tolerance?: number;
};

export type LogisticModel = {
  kind: 'logistic';
  columns: MatrixColumn[];
  center: number[];
  scale: number[];
  intercept: number;
  /** Coefficients on the standardised columns. */
  coef: number[];
  iterations: number;
};

export type Contribution = { feature: string; value: number };
export type Explanation = { bias: number; contributions: Contribution[] };

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Weight of a negative and of a positive row. */
export function classWeights(labels: ArrayLike<number>, weight: ClassWeight | undefined): [number, number] {
  if (!weight) return [1, 1];
  if (weight !== 'balanced') return [weight.negative, weight.positive];
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i];
  const n = labels.length;
  return [n / (2 * Math.max(1, n - pos)), n / (2 * Math.max(1, pos))];
}

function standardise(m: FeatureMatrix): { center: number[]; scale: number[] } {
  const center = new Array<number>(m.cols).fill(0);
  const scale = new Array<number>(m.cols).fill(1);
  for (let c = 0; c < m.cols; c++) {
    let sum = 0;
    let sq = 0;
    let n = 0;
    for (let r = 0; r < m.rows; r++) {
      const x = m.data[r * m.cols + c];
      if (Number.isNaN(x)) continue;
      sum += x;
      sq += x * x;
      n++;
    }
    const mean = n ? sum / n : 0;
    center[c] = mean;
    const sd = n > 1 ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : 0;
    if (m.columns[c].kind === 'numeric' && sd > 1e-12) scale[c] = sd;
  }
  return { center, scale };
}

/** The standardised design row (missing -> 0, the mean). */
function designRow(m: FeatureMatrix, r: number, center: number[], scale: number[], out: Float64Array) {
  const base = r * m.cols;
  for (let c = 0; c < m.cols; c++) {
    const x = m.data[base + c];
    out[c] = Number.isNaN(x) ? 0 : (x - center[c]) / scale[c];
  }
}

/** Fits the model; `labels` are 0/1. */
export function trainLogistic(
  m: FeatureMatrix,
  labels: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-9;
  const [wNeg, wPos] = classWeights(labels, options.classWeight);
  const { center, scale } = standardise(m);
  const p = m.cols + 1; // intercept last
  // The standardised design, once (row-major, with the intercept column).
  const z = new Float64Array(m.rows * p);
  const row = new Float64Array(m.cols);
  for (let r = 0; r < m.rows; r++) {
    designRow(m, r, center, scale, row);
    z.set(row, r * p);
    z[r * p + m.cols] = 1;
  }
  const beta = new Float64Array(p);
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    grad.fill(0);
    hess.fill(0);
    for (let r = 0; r < m.rows; r++) {
      const off = r * p;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += z[off + j] * beta[j];
      const mu = sigmoid(eta);
      const w = labels[r] ? wPos : wNeg;
      const g = w * (mu - labels[r]);
      const h = w * Math.max(mu * (1 - mu), 1e-12);
      for (let j = 0; j < p; j++) {
        const zj = z[off + j];
        if (zj === 0) continue;
        grad[j] += g * zj;
        const hz = h * zj;
        const hrow = j * p;
        for (let k = 0; k <= j; k++) hess[hrow + k] += hz * z[off + k];
      }
    }
    for (let j = 0; j < m.cols; j++) {
      grad[j] += l2 * beta[j];
      hess[j * p + j] += l2;
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) hess[k * p + j] = hess[j * p + k];
    const step = solveSymmetric(hess, grad, p);
    let maxStep = 0;
    for (let j = 0; j < p; j++) {
      beta[j] -= step[j];
      maxStep = Math.max(maxStep, Math.abs(step[j]));
    }
    if (maxStep < tolerance) {
      iterations++;
      break;
    }
  }
  return {
    kind: 'logistic',
    columns: m.columns,
    center,
    scale,
    intercept: beta[m.cols],
    coef: Array.from(beta.subarray(0, m.cols)),
    iterations,
  };
}

/** Solves A x = b for a symmetric positive (semi-)definite A by Cholesky, adding a small ridge if it is singular. */
export function solveSymmetric(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let jitter = 0; ; jitter = jitter ? jitter * 10 : 1e-10) {
    const l = new Float64Array(n * n);
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = a[i * n + j] + (i === j ? jitter : 0);
        for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
        if (i === j) {
          if (s <= 0) {
            ok = false;
            break;
          }
          l[i * n + i] = Math.sqrt(s);
        } else l[i * n + j] = s / l[j * n + j];
      }
    }
    if (!ok && jitter < 1e6) continue;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = b[i];
      for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
      y[i] = s / l[i * n + i];
    }
    const x = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
      x[i] = s / l[i * n + i];
    }
    return x;
  }
}

function checkColumns(model: { columns: MatrixColumn[] }, m: FeatureMatrix) {
  if (m.cols !== model.columns.length || m.columns.some((c, i) => c.name !== model.columns[i].name))
    throw new Error('the rows do not have the columns the model was trained on');
}

/** The log-odds of each row. */
export function logitLogistic(model: LogisticModel, m: FeatureMatrix): Float64Array {
  checkColumns(model, m);
  const out = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let eta = model.intercept;
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) {
      const x = m.data[base + c];
      if (!Number.isNaN(x)) eta += (model.coef[c] * (x - model.center[c])) / model.scale[c];
    }
    out[r] = eta;
  }
  return out;
}

/** Churn probability of each row. */
export function predictLogistic(model: LogisticModel, m: FeatureMatrix): Float64Array {
  return logitLogistic(model, m).map(sigmoid);
}

/**
 * The log-odds of one row split into a bias (an average customer) and one contribution per original feature
 * (the one-hot columns of a categorical summed), largest effect first; bias + sum = the row's log-odds.
 */
export function explainLogistic(model: LogisticModel, m: FeatureMatrix, row: number): Explanation {
  checkColumns(model, m);
  const byFeature = new Map<string, number>();
  const base = row * m.cols;
  for (let c = 0; c < m.cols; c++) {
    const x = m.data[base + c];
    const v = Number.isNaN(x) ? 0 : (model.coef[c] * (x - model.center[c])) / model.scale[c];
    const f = model.columns[c].feature;
    byFeature.set(f, (byFeature.get(f) ?? 0) + v);
  }
  return { bias: model.intercept, contributions: sortContributions(byFeature) };
}

/**
 * Per-feature contributions of every row at once (the batch form of `explainLogistic`, same arithmetic and order):
 * `contributions[r * features.length + k]` is feature k's share of row r's log-odds; `logits` are `logitLogistic`'s.
 */
export function explainLogisticRows(model: LogisticModel, m: FeatureMatrix): RowExplanations {
  checkColumns(model, m);
  const { features, featureOf } = featureIndex(model.columns);
  const nf = features.length;
  const logits = new Float64Array(m.rows);
  const contributions = new Float64Array(m.rows * nf);
  for (let r = 0; r < m.rows; r++) {
    let eta = model.intercept;
    const base = r * m.cols;
    const out = r * nf;
    for (let c = 0; c < m.cols; c++) {
      const x = m.data[base + c];
      if (Number.isNaN(x)) continue;
      const v = (model.coef[c] * (x - model.center[c])) / model.scale[c];
      eta += v;
      contributions[out + featureOf[c]] += v;
    }
    logits[r] = eta;
  }
  return { features, logits, contributions };
}

/** Log-odds and per-feature contributions of a batch of rows (`contributions` is rows x features, row-major). */
export type RowExplanations = { features: string[]; logits: Float64Array; contributions: Float64Array };

/** The original features of the matrix columns (first-seen order) and each column's feature index. */
export function featureIndex(columns: MatrixColumn[]): { features: string[]; featureOf: Int32Array } {
  const features: string[] = [];
  const at = new Map<string, number>();
  const featureOf = new Int32Array(columns.length);
  columns.forEach((c, i) => {
    let k = at.get(c.feature);
    if (k === undefined) {
      k = features.length;
      at.set(c.feature, k);
      features.push(c.feature);
    }
    featureOf[i] = k;
  });
  return { features, featureOf };
}

export function sortContributions(byFeature: Map<string, number>): Contribution[] {
  return [...byFeature.entries()]
    .map(([feature, value]) => ({ feature, value }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.feature < b.feature ? -1 : 1));
}
