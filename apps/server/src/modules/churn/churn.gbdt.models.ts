// Histogram-based gradient-boosted trees for binary log-loss (the LightGBM / scikit-learn HistGradientBoosting
// recipe): binned features, best-first trees with leaf and depth limits, shrinkage, seeded row subsampling, L2 on leaf
// values, early stopping on a stratified validation split. The model is plain JSON (edges + node arrays).
import { binMatrix, computeBinEdges } from './churn.binning.models';
import type { FeatureMatrix, MatrixColumn } from './churn.dataset.models';
import {
  type ClassWeight,
  classWeights,
  type Explanation,
  featureIndex,
  type RowExplanations,
  sigmoid,
  sortContributions,
} from './churn.logistic.models';
import { createRng, shuffleInPlace, stratifiedSplit } from './churn.sampling.models';
import { growTree, type Tree, type TreeData, treeOutputBinned, treePathContributions } from './churn.tree.models';

export type GbdtOptions = {
  learningRate?: number;
  maxIterations?: number;
  maxLeaves?: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  /** L2 penalty on the leaf values. */
  l2?: number;
  /** Fraction of the training rows each tree sees (seeded). */
  subsample?: number;
  /** Fraction of the columns each tree may split on (seeded). */
  featureFraction?: number;
  maxBins?: number;
  classWeight?: ClassWeight;
  /** Stop when the validation log-loss has not improved for this many trees; 0 turns early stopping off. */
  earlyStoppingRounds?: number;
  validationFraction?: number;
  /**
   * After early stopping, refit on all training rows with the chosen number of trees; 'auto' (default) refits below
   * 100,000 rows, where the held-out tenth is worth learning from and a second pass is cheap.
   */
  refit?: boolean | 'auto';
  /** Boosters averaged, each with its own validation split and seed (variance reduction on small data). */
  bags?: number;
  seed?: number;
};

export type GbdtModel = {
  kind: 'gbdt';
  columns: MatrixColumn[];
  edges: number[][];
  baseScore: number;
  trees: Tree[];
  /** Validation log-loss of the kept trees (null without early stopping). */
  validationLoss: number | null;
};

export const defaultGbdtOptions: Required<Omit<GbdtOptions, 'classWeight'>> = {
  learningRate: 0.03,
  maxIterations: 500,
  maxLeaves: 31,
  maxDepth: 8,
  minSamplesLeaf: 20,
  l2: 1,
  subsample: 0.8,
  featureFraction: 1,
  maxBins: 255,
  earlyStoppingRounds: 30,
  validationFraction: 0.1,
  refit: 'auto',
  bags: 1,
  seed: 42,
};

const logLoss = (y: number, z: number) => (y ? Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** Fits the booster on a matrix and 0/1 labels. */
export function trainGbdt(m: FeatureMatrix, labels: ArrayLike<number>, options: GbdtOptions = {}): GbdtModel {
  const o = { ...defaultGbdtOptions, ...options };
  const edges = computeBinEdges(m, o.maxBins, 200_000, o.seed);
  const bins = binMatrix(m, edges);
  const n = m.rows;
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const ctx: BoostContext = { m, bins, edges, labels, o, weights: classWeights(labels, o.classWeight) };
  if (!(o.earlyStoppingRounds > 0 && n >= 50)) {
    const fit = boost(ctx, all, new Uint32Array(0), o.maxIterations);
    return {
      kind: 'gbdt',
      columns: m.columns,
      edges,
      baseScore: fit.baseScore,
      trees: fit.trees,
      validationLoss: null,
    };
  }
  // Each bag: its own validation split picks the number of trees, then (refit) all training rows are learnt with it.
  // The bags' trees are averaged by shrinking their outputs, so the model stays one sum of trees.
  const bags = Math.max(1, Math.round(o.bags));
  const trees: Tree[] = [];
  let baseScore = 0;
  let validationLoss = 0;
  for (let b = 0; b < bags; b++) {
    const bagCtx = { ...ctx, o: { ...o, seed: o.seed + 1000 * b } };
    const split = stratifiedSplit(labels, o.validationFraction, o.seed + 1000 * b + 1);
    const first = boost(bagCtx, split.train, split.valid, o.maxIterations);
    const refit = o.refit === 'auto' ? n < 100_000 : o.refit;
    const fit = refit ? boost(bagCtx, all, new Uint32Array(0), first.trees.length) : first;
    baseScore += fit.baseScore / bags;
    validationLoss += (first.validationLoss ?? 0) / bags;
    for (const t of fit.trees) trees.push({ ...t, value: t.value.map((v) => v / bags) });
  }
  return { kind: 'gbdt', columns: m.columns, edges, baseScore, trees, validationLoss };
}

type BoostContext = {
  m: FeatureMatrix;
  bins: Uint8Array;
  edges: number[][];
  labels: ArrayLike<number>;
  o: typeof defaultGbdtOptions;
  weights: [number, number];
};

/** Boosts up to `rounds` trees on trainRows; with validation rows, keeps the trees of the lowest validation loss. */
function boost(ctx: BoostContext, trainRows: Uint32Array, validRows: Uint32Array, rounds: number) {
  const { m, bins, edges, labels, o } = ctx;
  const [wNeg, wPos] = ctx.weights;
  const rng = createRng(o.seed);
  const early = validRows.length > 0;
  let wSum = 0;
  let wPosSum = 0;
  for (const r of trainRows) {
    const w = labels[r] ? wPos : wNeg;
    wSum += w;
    wPosSum += labels[r] ? w : 0;
  }
  const p0 = Math.min(1 - 1e-6, Math.max(1e-6, wPosSum / wSum));
  const baseScore = Math.log(p0 / (1 - p0));
  const score = new Float64Array(m.rows).fill(baseScore);
  const data: TreeData = {
    bins,
    cols: m.cols,
    binCounts: Int32Array.from(edges, (e) => e.length + 2),
    grad: new Float64Array(m.rows),
    hess: new Float64Array(m.rows),
  };
  const params = {
    maxLeaves: o.maxLeaves,
    maxDepth: o.maxDepth,
    minSamplesLeaf: o.minSamplesLeaf,
    minHessianLeaf: 1e-3,
    l2: o.l2,
    learningRate: o.learningRate,
    minGain: 1e-7,
  };
  const allFeatures = Int32Array.from({ length: m.cols }, (_, i) => i);
  const nFeatures = Math.max(1, Math.round(m.cols * Math.min(1, o.featureFraction)));
  const idx = new Uint32Array(trainRows.length);
  const trees: Tree[] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestCount = 0;
  for (let it = 0; it < rounds; it++) {
    for (const r of trainRows) {
      const p = sigmoid(score[r]);
      const w = labels[r] ? wPos : wNeg;
      data.grad[r] = w * (p - labels[r]);
      data.hess[r] = w * Math.max(p * (1 - p), 1e-16);
    }
    let used = 0;
    for (const r of trainRows) if (o.subsample >= 1 || rng() < o.subsample) idx[used++] = r;
    const features =
      nFeatures < m.cols ? shuffleInPlace(allFeatures.slice(), rng).subarray(0, nFeatures).sort() : allFeatures;
    const tree = growTree(data, idx, used, features, params);
    trees.push(tree);
    for (const r of trainRows) score[r] += treeOutputBinned(tree, bins, r * m.cols);
    if (!early) continue;
    let loss = 0;
    for (const r of validRows) {
      score[r] += treeOutputBinned(tree, bins, r * m.cols);
      loss += (labels[r] ? wPos : wNeg) * logLoss(labels[r], score[r]);
    }
    loss /= Math.max(1, validRows.length);
    if (loss < bestLoss - 1e-7) {
      bestLoss = loss;
      bestCount = trees.length;
    } else if (trees.length - bestCount >= o.earlyStoppingRounds) break;
  }
  if (early) trees.length = Math.max(1, bestCount);
  return { baseScore, trees, validationLoss: early ? bestLoss : null };
}

function binnedRows(model: GbdtModel, m: FeatureMatrix): Uint8Array {
  if (m.cols !== model.columns.length || m.columns.some((c, i) => c.name !== model.columns[i].name))
    throw new Error('the rows do not have the columns the model was trained on');
  return binMatrix(m, model.edges);
}

/** The log-odds of each row. */
export function logitGbdt(model: GbdtModel, m: FeatureMatrix): Float64Array {
  const bins = binnedRows(model, m);
  const out = new Float64Array(m.rows).fill(model.baseScore);
  for (const tree of model.trees) for (let r = 0; r < m.rows; r++) out[r] += treeOutputBinned(tree, bins, r * m.cols);
  return out;
}

/** Churn probability of each row. */
export function predictGbdt(model: GbdtModel, m: FeatureMatrix): Float64Array {
  return logitGbdt(model, m).map(sigmoid);
}

/** Saabas contributions of one row, per original feature; bias + sum = the row's log-odds. */
export function explainGbdt(model: GbdtModel, m: FeatureMatrix, row: number): Explanation {
  const one: FeatureMatrix = {
    rows: 1,
    cols: m.cols,
    data: m.data.subarray(row * m.cols, (row + 1) * m.cols),
    columns: m.columns,
  };
  const bins = binnedRows(model, one);
  const perColumn = new Float64Array(m.cols);
  let bias = model.baseScore;
  for (const tree of model.trees) bias += treePathContributions(tree, bins, 0, perColumn);
  const byFeature = new Map<string, number>();
  model.columns.forEach((c, i) => {
    byFeature.set(c.feature, (byFeature.get(c.feature) ?? 0) + perColumn[i]);
  });
  return { bias, contributions: sortContributions(byFeature) };
}

/**
 * Log-odds and Saabas contributions of every row at once (the batch form of `logitGbdt` + `explainGbdt`, same
 * arithmetic and order): one binning pass and one walk per tree and row.
 */
export function explainGbdtRows(model: GbdtModel, m: FeatureMatrix): RowExplanations {
  const bins = binnedRows(model, m);
  const { features, featureOf } = featureIndex(model.columns);
  const nf = features.length;
  const cols = m.cols;
  const logits = new Float64Array(m.rows);
  const contributions = new Float64Array(m.rows * nf);
  const perColumn = new Float64Array(cols);
  for (let r = 0; r < m.rows; r++) {
    perColumn.fill(0);
    let logit = model.baseScore;
    const base = r * cols;
    for (const tree of model.trees) {
      const { left, right, feature, bin, value } = tree;
      let node = 0;
      while (left[node] >= 0) {
        const f = feature[node];
        const next = bins[base + f] <= bin[node] ? left[node] : right[node];
        perColumn[f] += value[next] - value[node];
        node = next;
      }
      logit += value[node];
    }
    logits[r] = logit;
    const out = r * nf;
    for (let c = 0; c < cols; c++) contributions[out + featureOf[c]] += perColumn[c];
  }
  return { features, logits, contributions };
}
