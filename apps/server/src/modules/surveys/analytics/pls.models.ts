// PLS path modelling (Wold / Lohmöller algorithm) for customer-satisfaction index models (ECSI / ACSI structure):
// outer weights and loadings, path coefficients, R², AVE, composite reliability and the satisfaction index (CSI)
// on 0-100. The estimation follows R's plspm (metric data) step by step, so results agree with it to rounding.

import { type Column, correlation, leastSquares, mean, sampleSd } from './stats.models';

export type PlsScheme = 'path' | 'centroid' | 'factorial';
export type PlsMode = 'A' | 'B';

/** The structure: indicator blocks per latent variable (in causal order) and the inner paths [from, to]. */
export type PlsModelSpec = {
  blocks: Record<string, string[]>;
  paths: [string, string][];
  modes?: Record<string, PlsMode>;
  /** The latent variable whose index is the CSI (default: the last one, or "Satisfaction" when present). */
  csi?: string;
};

export type PlsOptions = {
  scheme?: PlsScheme;
  /** Standardise the indicators (true, default) or only centre them (false: weights on the raw scale). */
  scaled?: boolean;
  tol?: number;
  maxIter?: number;
  /** The answer scale of the CSI indicators; default: the smallest and largest observed value of the block. */
  scaleMin?: number;
  scaleMax?: number;
  /** Leave out cross-loadings, Cronbach's alpha and the score arrays (the bootstrap refits need none of them). */
  lean?: boolean;
};

export type PlsFit = {
  lvs: string[];
  indicators: string[];
  iterations: number;
  outerWeights: Record<string, number>;
  loadings: Record<string, number>;
  crossLoadings: Record<string, Record<string, number>>;
  paths: { from: string; to: string; coef: number }[];
  effects: { from: string; to: string; direct: number; indirect: number; total: number }[];
  r2: Record<string, number>;
  ave: Record<string, number>;
  compositeReliability: Record<string, number>;
  cronbachAlpha: Record<string, number>;
  gof: number;
  scores: Record<string, number[]>;
  /** Each latent variable's index on 0-100 (weighted indicator mean, rescaled); `csi` is the chosen one's. */
  indices: Record<string, number>;
  csiVariable: string;
  csi: number;
};

export class PlsInputError extends Error {}

type Prepared = {
  lvs: string[];
  blockOf: number[][]; // indicator indexes per latent variable
  names: string[];
  raw: Float64Array[];
  x: Float64Array[];
  popSd: number[];
  pred: boolean[][]; // pred[to][from]
  modes: PlsMode[];
  n: number;
};

/** Checks the model against the data and builds the centred (or standardised) indicator columns. */
export function preparePls(data: Record<string, Column>, spec: PlsModelSpec, scaled: boolean): Prepared {
  const lvs = Object.keys(spec.blocks);
  if (lvs.length < 2) throw new PlsInputError('the model needs at least two latent variables (blocks)');
  const names: string[] = [];
  const blockOf: number[][] = [];
  for (const lv of lvs) {
    const items = spec.blocks[lv];
    if (!Array.isArray(items) || items.length === 0) throw new PlsInputError(`block ${lv} has no indicators`);
    blockOf.push(items.map((item) => names.push(item) - 1));
  }
  const dup = names.find((name, i) => names.indexOf(name) !== i);
  if (dup) throw new PlsInputError(`indicator ${dup} appears in more than one block`);
  const raw = names.map((name) => {
    const col = data[name];
    if (!col) throw new PlsInputError(`indicator ${name} is not a column of the data`);
    return Float64Array.from(col);
  });
  const n = raw[0].length;
  if (n < 3) throw new PlsInputError('at least 3 respondents are needed');
  const sdv = Math.sqrt((n - 1) / n);
  const popSd = raw.map((col, i) => {
    if (col.some((v) => !Number.isFinite(v)))
      throw new PlsInputError(`indicator ${names[i]} has missing or non-numeric values`);
    const sd = sampleSd(col) * sdv;
    if (!(sd > 0)) throw new PlsInputError(`indicator ${names[i]} is constant`);
    return sd;
  });
  const x = raw.map((col, i) => {
    const m = mean(col);
    const s = scaled ? popSd[i] : 1;
    return col.map((v) => (v - m) / s);
  });
  const pred = lvs.map(() => lvs.map(() => false));
  for (const [from, to] of spec.paths) {
    const f = lvs.indexOf(from);
    const t = lvs.indexOf(to);
    if (f < 0 || t < 0) throw new PlsInputError(`path ${from} -> ${to} names an unknown latent variable`);
    if (f === t) throw new PlsInputError(`path ${from} -> ${to} is a loop`);
    pred[t][f] = true;
  }
  if (lvs.some((_, k) => !pred[k].some(Boolean) && !pred.some((row) => row[k])))
    throw new PlsInputError('every latent variable must take part in at least one path');
  const modes = lvs.map((lv) => spec.modes?.[lv] ?? 'A');
  return { lvs, blockOf, names, raw, x, popSd, pred, modes, n };
}

/** X_block · w for one latent variable. */
function blockScore(p: Prepared, k: number, w: number[]): Float64Array {
  const out = new Float64Array(p.n);
  const idx = p.blockOf[k];
  for (let a = 0; a < idx.length; a++) {
    const col = p.x[idx[a]];
    const wa = w[a];
    for (let i = 0; i < p.n; i++) out[i] += wa * col[i];
  }
  return out;
}

function standardise(y: Float64Array, factor: number): Float64Array {
  const m = mean(y);
  const s = sampleSd(y);
  return y.map((v) => ((v - m) / s) * factor);
}

function innerWeights(p: Prepared, y: Float64Array[], scheme: PlsScheme): number[][] {
  const L = p.lvs.length;
  const e = Array.from({ length: L }, () => new Array<number>(L).fill(0));
  for (let k = 0; k < L; k++) {
    if (scheme === 'path') {
      const preds = p.lvs.map((_, j) => j).filter((j) => p.pred[k][j]);
      if (preds.length) {
        const fit = leastSquares(
          y[k],
          preds.map((j) => y[j]),
          { intercept: false },
        );
        preds.forEach((j, a) => {
          e[j][k] = fit.coef[a];
        });
      }
      for (let i = 0; i < L; i++) if (p.pred[i][k]) e[i][k] = correlation(y[k], y[i]);
    } else {
      for (let j = 0; j < L; j++) {
        if (!(p.pred[k][j] || p.pred[j][k])) continue;
        const r = correlation(y[j], y[k]);
        e[j][k] = scheme === 'centroid' ? Math.sign(r) : r;
      }
    }
  }
  return e;
}

/** The iterative outer-weight estimation; returns weights normalised so each score has unit (population) variance. */
export function estimateWeights(
  p: Prepared,
  opts: { scheme: PlsScheme; tol: number; maxIter: number },
): { weights: number[][]; iterations: number } {
  const L = p.lvs.length;
  const sdv = Math.sqrt((p.n - 1) / p.n);
  const normalise = (k: number, w: number[]) => {
    const s = sampleSd(blockScore(p, k, w)) * sdv;
    return w.map((v) => v / s);
  };
  let w = p.blockOf.map((idx, k) =>
    normalise(
      k,
      idx.map(() => 1),
    ),
  );
  let old = w.flat();
  let iter = 1;
  for (;;) {
    const y = w.map((wk, k) => standardise(blockScore(p, k, wk), sdv));
    const e = innerWeights(p, y, opts.scheme);
    const z = y.map(() => new Float64Array(p.n));
    for (let k = 0; k < L; k++)
      for (let j = 0; j < L; j++) {
        const c = e[j][k];
        if (c === 0) continue;
        const yj = y[j];
        const zk = z[k];
        for (let i = 0; i < p.n; i++) zk[i] += c * yj[i];
      }
    w = p.blockOf.map((idx, k) => {
      if (p.modes[k] === 'B')
        return leastSquares(
          z[k],
          idx.map((m) => p.x[m]),
          { intercept: false },
        ).coef;
      return idx.map((m) => {
        const col = p.x[m];
        let s = 0;
        for (let i = 0; i < p.n; i++) s += z[k][i] * col[i];
        return s / p.n;
      });
    });
    const next = w.flat();
    let dif = 0;
    for (let a = 0; a < next.length; a++) dif += (Math.abs(old[a]) - Math.abs(next[a])) ** 2;
    if (dif < opts.tol) break;
    if (iter === opts.maxIter)
      throw new PlsInputError(`the PLS algorithm did not converge in ${opts.maxIter} iterations`);
    old = next;
    iter++;
  }
  return { weights: w.map((wk, k) => normalise(k, wk)), iterations: iter };
}

/** Fits the model: the outer model, the inner model, quality measures and the indices. */
export function fitPls(data: Record<string, Column>, spec: PlsModelSpec, opts: PlsOptions = {}): PlsFit {
  const scaled = opts.scaled ?? true;
  const p = preparePls(data, spec, scaled);
  const { weights, iterations } = estimateWeights(p, {
    scheme: opts.scheme ?? 'path',
    tol: opts.tol ?? 1e-6,
    maxIter: opts.maxIter ?? 100,
  });
  const L = p.lvs.length;
  // Sign: a block whose indicators mostly correlate negatively with its score is turned round (as plspm does).
  const scores = weights.map((wk, k) => {
    const s = blockScore(p, k, wk);
    const votes = p.blockOf[k].reduce((acc, m) => acc + Math.sign(correlation(p.x[m], s)), 0);
    if (votes <= 0) {
      for (let a = 0; a < wk.length; a++) wk[a] = -wk[a];
      return s.map((v) => -v);
    }
    return s;
  });

  const pathCoef = p.lvs.map(() => new Array<number>(L).fill(0));
  const r2: Record<string, number> = {};
  for (let k = 0; k < L; k++) {
    const preds = p.lvs.map((_, j) => j).filter((j) => p.pred[k][j]);
    r2[p.lvs[k]] = 0;
    if (!preds.length) continue;
    const fit = leastSquares(
      scores[k],
      preds.map((j) => scores[j]),
      { intercept: true },
    );
    preds.forEach((j, a) => {
      pathCoef[k][j] = fit.coef[a];
    });
    r2[p.lvs[k]] = fit.r2;
  }

  const outerWeights: Record<string, number> = {};
  const loadings: Record<string, number> = {};
  const crossLoadings: Record<string, Record<string, number>> = {};
  const ave: Record<string, number> = {};
  const compositeReliability: Record<string, number> = {};
  const cronbachAlpha: Record<string, number> = {};
  let communalitySum = 0;
  let communalityCount = 0;
  p.blockOf.forEach((idx, k) => {
    const lambdas = idx.map((m, a) => {
      const name = p.names[m];
      outerWeights[name] = weights[k][a];
      if (opts.lean) loadings[name] = correlation(p.x[m], scores[k]);
      else {
        crossLoadings[name] = Object.fromEntries(p.lvs.map((lv, j) => [lv, correlation(p.x[m], scores[j])]));
        loadings[name] = crossLoadings[name][p.lvs[k]];
      }
      return loadings[name];
    });
    const comm = lambdas.map((l) => l * l);
    const lv = p.lvs[k];
    ave[lv] = p.modes[k] === 'A' ? comm.reduce((a, b) => a + b, 0) / comm.length : 0;
    const sumL = lambdas.reduce((a, b) => a + b, 0);
    const err = comm.reduce((a, c) => a + (1 - c), 0);
    compositeReliability[lv] = (sumL * sumL) / (sumL * sumL + err);
    if (!opts.lean) cronbachAlpha[lv] = alphaOf(idx.map((m) => p.x[m]));
    if (idx.length > 1) {
      communalitySum += comm.reduce((a, b) => a + b, 0);
      communalityCount += idx.length;
    }
  });
  const endoR2 = p.lvs.filter((_, k) => p.pred[k].some(Boolean)).map((lv) => r2[lv]);
  const gof = Math.sqrt(
    (communalityCount ? communalitySum / communalityCount : 0) * (endoR2.reduce((a, b) => a + b, 0) / endoR2.length),
  );

  const indices = Object.fromEntries(p.lvs.map((lv, k) => [lv, indexOf(p, k, weights[k], scaled, opts)]));
  const csiVariable = spec.csi ?? (p.lvs.includes('Satisfaction') ? 'Satisfaction' : p.lvs[L - 1]);
  if (!p.lvs.includes(csiVariable)) throw new PlsInputError(`csi names an unknown latent variable: ${csiVariable}`);

  return {
    lvs: p.lvs,
    indicators: p.names,
    iterations,
    outerWeights,
    loadings,
    crossLoadings,
    paths: spec.paths.map(([from, to]) => ({
      from,
      to,
      coef: pathCoef[p.lvs.indexOf(to)][p.lvs.indexOf(from)],
    })),
    effects: effectsOf(p.lvs, pathCoef),
    r2,
    ave,
    compositeReliability,
    cronbachAlpha,
    gof,
    scores: opts.lean ? {} : Object.fromEntries(p.lvs.map((lv, k) => [lv, Array.from(scores[k])])),
    indices,
    csiVariable,
    csi: indices[csiVariable],
  };
}

/** Cronbach's alpha of a block of (centred or standardised) indicators. */
function alphaOf(cols: Float64Array[]): number {
  const q = cols.length;
  if (q < 2) return 1;
  const sd = cols.map((c) => sampleSd(c));
  const std = cols.map((c, a) => c.map((v) => v / sd[a]));
  const total = new Float64Array(std[0].length);
  for (const c of std) for (let i = 0; i < c.length; i++) total[i] += c[i];
  const varTotal = sampleSd(total) ** 2;
  return Math.max(0, (q / (q - 1)) * (1 - q / varTotal));
}

/**
 * The index of a latent variable on 0-100: the indicator means weighted by the outer weights on the raw answer
 * scale (ACSI), rescaled from the answer scale's range.
 */
function indexOf(p: Prepared, k: number, w: number[], scaled: boolean, opts: PlsOptions): number {
  const idx = p.blockOf[k];
  const rawWeights = idx.map((m, a) => (scaled ? w[a] / p.popSd[m] : w[a]));
  const sumW = rawWeights.reduce((a, b) => a + b, 0);
  const weighted = idx.reduce((acc, m, a) => acc + rawWeights[a] * mean(p.raw[m]), 0) / sumW;
  let lo = opts.scaleMin;
  let hi = opts.scaleMax;
  if (lo === undefined || hi === undefined) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const m of idx)
      for (const v of p.raw[m]) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    lo ??= min;
    hi ??= max;
  }
  return hi > lo ? ((weighted - lo) / (hi - lo)) * 100 : 0;
}

/** Direct, indirect and total effects between latent variables (sums of path products along every route). */
function effectsOf(lvs: string[], path: number[][]) {
  const L = lvs.length;
  const mul = (a: number[][], b: number[][]) =>
    a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
  let power = path;
  const indirect = lvs.map(() => new Array<number>(L).fill(0));
  for (let step = 2; step < L; step++) {
    power = mul(power, path);
    for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) indirect[i][j] += power[i][j];
  }
  const out: PlsFit['effects'] = [];
  for (let j = 0; j < L; j++)
    for (let i = 0; i < L; i++) {
      if (i === j) continue;
      const direct = path[i][j];
      if (direct === 0 && indirect[i][j] === 0) continue;
      out.push({ from: lvs[j], to: lvs[i], direct, indirect: indirect[i][j], total: direct + indirect[i][j] });
    }
  return out;
}
