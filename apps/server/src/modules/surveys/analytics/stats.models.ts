// Small numeric helpers for the survey analytics (PLS path models, indices): column statistics, correlations,
// least squares and a seeded random number generator. Columns are plain number arrays of equal length.

export type Column = ArrayLike<number>;

export function mean(x: Column): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample standard deviation (n - 1 in the denominator), as R's sd(). */
export function sampleSd(x: Column): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
}

/** Pearson correlation, as R's cor(). */
export function correlation(x: Column, y: Column): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Solves the symmetric positive-definite system A x = b (Cholesky); throws when A is singular. */
export function solveSymmetric(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (s <= 1e-12 * Math.max(1, Math.abs(a[i][i]))) throw new Error('singular system: collinear predictors');
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/**
 * Ordinary least squares of y on the predictor columns, with or without an intercept. Returns the slopes (the
 * intercept first when asked for) and R².
 */
export function leastSquares(
  y: Column,
  xs: Column[],
  opts: { intercept: boolean },
): { coef: number[]; intercept: number; r2: number } {
  const n = y.length;
  const cols: Column[] = opts.intercept ? [Float64Array.from({ length: n }, () => 1), ...xs] : xs;
  const p = cols.length;
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += cols[a][i] * cols[b][i];
      xtx[a][b] = s;
      xtx[b][a] = s;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += cols[a][i] * y[i];
    xty[a] = s;
  }
  const beta = solveSymmetric(xtx, xty);
  const my = mean(y);
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let a = 0; a < p; a++) fit += beta[a] * cols[a][i];
    sse += (y[i] - fit) ** 2;
    sst += (y[i] - my) ** 2;
  }
  return {
    coef: opts.intercept ? beta.slice(1) : beta,
    intercept: opts.intercept ? beta[0] : 0,
    r2: sst === 0 ? 0 : 1 - sse / sst,
  };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same bootstrap samples. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-quantile (0..1) of the values, linear interpolation between order statistics (R's type 7). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
