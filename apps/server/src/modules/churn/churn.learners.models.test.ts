import { describe, expect, it } from 'vitest';
import { binOf, computeBinEdges, MAX_BINS } from './churn.binning.models';
import type { FeatureMatrix, MatrixColumn } from './churn.dataset.models';
import { explainModel, predictModel, trainModel } from './churn.evaluate.models';
import { explainGbdt, logitGbdt, trainGbdt } from './churn.gbdt.models';
import { explainLogistic, logitLogistic, predictLogistic, trainLogistic } from './churn.logistic.models';
import { rocAuc } from './churn.metrics.models';
import { createRng } from './churn.sampling.models';

const numeric = (name: string): MatrixColumn => ({ name, feature: name, kind: 'numeric' });
const matrix = (rows: number[][], columns: MatrixColumn[]): FeatureMatrix => ({
  rows: rows.length,
  cols: columns.length,
  data: Float64Array.from(rows.flat()),
  columns,
});

/** Customers whose churn depends on spend drop (numeric), complaints (numeric) and a plan (one-hot). */
function synthetic(n: number, seed: number) {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const drop = rng();
    const complaints = Math.floor(rng() * 5);
    const prepaid = rng() < 0.3 ? 1 : 0;
    const noise = rng() * 10;
    const z = -3 + (drop > 0.6 ? 2.5 : 0) + 0.6 * complaints + 1.2 * prepaid;
    labels.push(rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
    rows.push([drop, complaints, prepaid, 1 - prepaid, noise]);
  }
  const columns: MatrixColumn[] = [
    numeric('spendDrop'),
    numeric('complaints'),
    { name: 'plan=prepaid', feature: 'plan', kind: 'indicator' },
    { name: 'plan=postpaid', feature: 'plan', kind: 'indicator' },
    numeric('noise'),
  ];
  return { m: matrix(rows, columns), labels: Uint8Array.from(labels) };
}

describe('logistic regression', () => {
  it('reproduces the observed churn rates of a single indicator without a penalty', () => {
    const m = matrix([[0], [0], [0], [0], [1], [1], [1], [1]], [{ name: 'x=1', feature: 'x', kind: 'indicator' }]);
    const model = trainLogistic(m, [1, 0, 0, 0, 1, 1, 1, 0], { l2: 0 });
    const p = predictLogistic(model, m);
    expect(p[0]).toBeCloseTo(0.25, 9);
    expect(p[4]).toBeCloseTo(0.75, 9);
    expect(model.coef[0]).toBeCloseTo(Math.log(9), 9); // log odds ratio 3 / (1/3)
  });

  it('shrinks coefficients with the L2 penalty and balances classes on request', () => {
    const { m, labels } = synthetic(2000, 1);
    const free = trainLogistic(m, labels, { l2: 0.001 });
    const strong = trainLogistic(m, labels, { l2: 1000 });
    const norm = (c: number[]) => Math.hypot(...c);
    expect(norm(strong.coef)).toBeLessThan(norm(free.coef) / 2);
    const balanced = trainLogistic(m, labels, { classWeight: 'balanced' });
    const p = predictLogistic(balanced, m);
    const pos = labels.reduce((s, y) => s + y, 0);
    const [wNeg, wPos] = [2000 / (2 * (2000 - pos)), 2000 / (2 * pos)];
    // The intercept's score equation: the weighted mean probability is one half.
    const weighted = p.reduce((s, pi, i) => s + (labels[i] ? wPos : wNeg) * pi, 0) / 2000;
    expect(weighted).toBeCloseTo(0.5, 6);
  });

  it('explains a score as a bias plus one contribution per feature (one-hot columns summed)', () => {
    const { m, labels } = synthetic(1000, 2);
    const model = trainLogistic(m, labels);
    const logit = logitLogistic(model, m);
    for (const row of [0, 7, 99]) {
      const e = explainLogistic(model, m, row);
      expect(e.contributions.map((c) => c.feature).sort()).toEqual(['complaints', 'noise', 'plan', 'spendDrop']);
      const total = e.bias + e.contributions.reduce((s, c) => s + c.value, 0);
      expect(total).toBeCloseTo(logit[row], 10);
    }
  });

  it('is plain JSON: a stored model scores like the trained one', () => {
    const { m, labels } = synthetic(500, 3);
    const model = trainModel('logistic', m, labels);
    const stored = JSON.parse(JSON.stringify(model));
    expect(Array.from(predictModel(stored, m))).toEqual(Array.from(predictModel(model, m)));
  });
});

describe('gradient-boosted trees', () => {
  it('bins every column into at most 255 bins with missing values in bin 0', () => {
    const rng = createRng(5);
    const rows = Array.from({ length: 5000 }, () => [rng(), Math.floor(rng() * 4)]);
    const edges = computeBinEdges(matrix(rows, [numeric('a'), numeric('b')]));
    expect(edges[0].length + 2).toBeLessThanOrEqual(MAX_BINS);
    expect(edges[1]).toEqual([0.5, 1.5, 2.5]);
    expect([Number.NaN, -1, 0.5, 0.7, 3].map((x) => binOf(x, edges[1]))).toEqual([0, 1, 1, 2, 4]);
  });

  it('learns the structure and ranks fresh customers well', () => {
    const train = synthetic(4000, 11);
    const test = synthetic(2000, 12);
    const model = trainGbdt(train.m, train.labels);
    expect(model.trees.length).toBeGreaterThan(5);
    const auc = rocAuc(test.labels, predictModel(model, test.m));
    const logistic = rocAuc(test.labels, predictModel(trainLogistic(train.m, train.labels), test.m));
    expect(auc).toBeGreaterThan(0.75);
    // The spend-drop step is a threshold the trees find and a straight line cannot.
    expect(auc).toBeGreaterThan(logistic);
  });

  it('respects the leaf and depth limits', () => {
    const { m, labels } = synthetic(2000, 13);
    const model = trainGbdt(m, labels, { maxLeaves: 4, maxDepth: 2, maxIterations: 20, earlyStoppingRounds: 0 });
    expect(model.trees).toHaveLength(20);
    const depth = (t: (typeof model.trees)[number], node: number): number =>
      t.left[node] < 0 ? 0 : 1 + Math.max(depth(t, t.left[node]), depth(t, t.right[node]));
    for (const t of model.trees) {
      expect(t.left.filter((l) => l < 0).length).toBeLessThanOrEqual(4);
      expect(depth(t, 0)).toBeLessThanOrEqual(2);
    }
  });

  it('gives the same model for the same seed (row subsampling and validation split are seeded)', () => {
    const { m, labels } = synthetic(1500, 14);
    const a = JSON.stringify(trainGbdt(m, labels, { seed: 9, maxIterations: 30 }));
    expect(JSON.stringify(trainGbdt(m, labels, { seed: 9, maxIterations: 30 }))).toBe(a);
    expect(JSON.stringify(trainGbdt(m, labels, { seed: 10, maxIterations: 30 }))).not.toBe(a);
  });

  it('explains a score by path contributions that add up to its log-odds', () => {
    const { m, labels } = synthetic(2000, 15);
    const model = trainGbdt(m, labels, { maxIterations: 40 });
    const logit = logitGbdt(model, m);
    for (const row of [0, 5, 321]) {
      const e = explainGbdt(model, m, row);
      const total = e.bias + e.contributions.reduce((s, c) => s + c.value, 0);
      expect(total).toBeCloseTo(logit[row], 10);
    }
    // Across customers the noise column matters least.
    const mean = new Map<string, number>();
    for (let r = 0; r < 200; r++)
      for (const c of explainModel(model, m, r).contributions)
        mean.set(c.feature, (mean.get(c.feature) ?? 0) + Math.abs(c.value));
    expect(mean.get('noise')).toBeLessThan(mean.get('spendDrop') as number);
  });

  it('scores rows with missing values and survives a JSON round trip', () => {
    const { m, labels } = synthetic(1000, 16);
    const model = trainModel('gbdt', m, labels, { gbdt: { maxIterations: 20 } });
    const holes = { ...m, data: m.data.map((x, i) => (i % 7 === 0 ? Number.NaN : x)) };
    const p = predictModel(JSON.parse(JSON.stringify(model)), holes);
    expect(p.every((x) => x > 0 && x < 1)).toBe(true);
    expect(Array.from(predictModel(model, holes))).toEqual(Array.from(p));
  });

  it('refuses rows with other columns than the model was trained on', () => {
    const { m, labels } = synthetic(300, 17);
    const model = trainGbdt(m, labels, { maxIterations: 5 });
    const other = { ...m, columns: m.columns.map((c, i) => (i === 0 ? numeric('tenure') : c)) };
    expect(() => predictModel(model, other)).toThrow('columns the model was trained on');
  });
});
