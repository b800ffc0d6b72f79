// Training a registry model on labelled snapshot rows, its validation metrics and feature importance, scoring with
// reasons, the control-group draw and the promotion rule: pure functions over plain data.
import type { FeatureMatrix } from './churn.dataset.models';
import {
  type ChurnModel,
  explainModel,
  explainModelRows,
  type LearnerName,
  predictModel,
  trainModel,
} from './churn.evaluate.models';
import {
  encodeFeatureRows,
  encodingOf,
  type FeatureEncoding,
  type FeatureValues,
  type Reason,
  topReasons,
} from './churn.features';
import type { GbdtOptions } from './churn.gbdt.models';
import { type LogisticOptions, sigmoid } from './churn.logistic.models';
import { averagePrecision, brierScore, calibrationTable, confusionAt, liftAt, rocAuc } from './churn.metrics.models';
import { createRng, stratifiedSplit } from './churn.sampling.models';

export type TrainingRow = { features: FeatureValues; label: number };
export type TrainOptions = {
  logistic?: LogisticOptions;
  gbdt?: GbdtOptions;
  validationFraction?: number;
  seed?: number;
};

export type TrainedModel = {
  model: ChurnModel;
  encoding: FeatureEncoding;
  rows: number;
  positives: number;
  validationRows: number;
  metrics: {
    auc: number;
    prAuc: number;
    lift10: number;
    brier: number;
    calibration: { bin: number; count: number; meanScore: number; observedRate: number }[];
    threshold: number;
    confusion: { tp: number; fp: number; tn: number; fn: number; precision: number; recall: number; accuracy: number };
  };
  importance: { feature: string; value: number }[];
  seconds: number;
};

export class TrainingDataError extends Error {}

const round = (x: number, d = 6) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : 0);

/** The threshold maximising F1 on the validation rows (the confusion is reported there). */
export function bestF1Threshold(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b] - probs[a]);
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i];
  let tp = 0;
  let best = 0;
  let threshold = 0.5;
  for (let k = 0; k < order.length; k++) {
    tp += labels[order[k]];
    if (k + 1 < order.length && probs[order[k + 1]] === probs[order[k]]) continue;
    const f1 = (2 * tp) / (k + 1 + pos);
    if (f1 > best) {
      best = f1;
      threshold = probs[order[k]];
    }
  }
  return threshold;
}

/** Mean |contribution| per feature over (up to `max`) rows, largest first. */
export function featureImportance(
  model: ChurnModel,
  m: FeatureMatrix,
  max = 2000,
): { feature: string; value: number }[] {
  const n = Math.min(m.rows, max);
  const sums = new Map<string, number>();
  for (let r = 0; r < n; r++)
    for (const c of explainModel(model, m, r).contributions)
      sums.set(c.feature, (sums.get(c.feature) ?? 0) + Math.abs(c.value));
  return [...sums.entries()]
    .map(([feature, s]) => ({ feature, value: round(s / Math.max(1, n)) }))
    .sort((a, b) => b.value - a.value || a.feature.localeCompare(b.feature));
}

/**
 * Trains `learner` on a stratified 80 % of the rows and measures it on the other 20 % (seeded): AUC, PR-AUC, lift at
 * 10 %, Brier score, a 10-bin calibration table, and the confusion at the F1-best threshold.
 */
export function trainRegistryModel(
  learner: LearnerName,
  rows: TrainingRow[],
  options: TrainOptions = {},
): TrainedModel {
  if (rows.length < 20) throw new TrainingDataError(`only ${rows.length} snapshot rows: at least 20 are needed`);
  const labels = Uint8Array.from(rows, (r) => r.label);
  const positives = labels.reduce((s, y) => s + y, 0);
  if (positives < 2 || positives > rows.length - 2)
    throw new TrainingDataError(`${positives} churned of ${rows.length}: both outcomes need at least 2 rows`);
  const t0 = performance.now();
  const split = stratifiedSplit(labels, options.validationFraction ?? 0.2, options.seed ?? 17);
  const trainRows = Array.from(split.train, (i) => rows[i].features);
  const encoding = encodingOf(trainRows);
  const tr = encodeFeatureRows(trainRows, encoding);
  const trLabels = Uint8Array.from(split.train, (i) => labels[i]);
  const model = trainModel(learner, tr, trLabels, { logistic: options.logistic, gbdt: options.gbdt });
  const seconds = (performance.now() - t0) / 1000;
  const va = encodeFeatureRows(
    Array.from(split.valid, (i) => rows[i].features),
    encoding,
  );
  const vaLabels = Uint8Array.from(split.valid, (i) => labels[i]);
  const probs = predictModel(model, va);
  const threshold = bestF1Threshold(vaLabels, probs);
  const conf = confusionAt(vaLabels, probs, threshold);
  return {
    model,
    encoding,
    rows: rows.length,
    positives,
    validationRows: va.rows,
    metrics: {
      auc: round(rocAuc(vaLabels, probs)),
      prAuc: round(averagePrecision(vaLabels, probs)),
      lift10: round(liftAt(vaLabels, probs, 0.1)),
      brier: round(brierScore(vaLabels, probs)),
      calibration: calibrationTable(vaLabels, probs, 10).map((b) => ({
        ...b,
        meanScore: round(b.meanScore),
        observedRate: round(b.observedRate),
      })),
      threshold: round(threshold),
      confusion: {
        tp: conf.tp,
        fp: conf.fp,
        tn: conf.tn,
        fn: conf.fn,
        precision: round(conf.precision),
        recall: round(conf.recall),
        accuracy: round(conf.accuracy),
      },
    },
    importance: featureImportance(model, va),
    seconds,
  };
}

export type ScoredCustomer = {
  customerId: number;
  risk: number;
  monthlyValueFen: number;
  valueAtRiskFen: number;
  reasons: Reason[];
};

/**
 * Scores snapshot rows: churn probability, 12 months of spend at risk, and the top 3 reasons in words. One batch pass
 * over the rows (log-odds and contributions together); the figures are those of `predictModel` and `explainModel`.
 */
export function scoreRows(
  model: ChurnModel,
  encoding: FeatureEncoding,
  rows: { customerId: number; features: FeatureValues }[],
): ScoredCustomer[] {
  if (!rows.length) return [];
  const m = encodeFeatureRows(
    rows.map((r) => r.features),
    encoding,
  );
  const ex = explainModelRows(model, m);
  return rows.map((r, i) => {
    const monthlyValueFen = Math.max(0, Math.round(Number(r.features.spend_level_yuan ?? 0) * 100));
    const risk = round(sigmoid(ex.logits[i]));
    return {
      customerId: r.customerId,
      risk,
      monthlyValueFen,
      valueAtRiskFen: Math.round(risk * monthlyValueFen * 12),
      reasons: topReasons(ex.features, ex.contributions, i, r.features),
    };
  });
}

/**
 * The random hold-out control group of a run: each customer is a control with probability `percent` / 100, drawn
 * from a generator seeded by the run, so a rerun of the same run draws the same group.
 */
export function controlFlags(customerIds: number[], percent: number, seed: number): boolean[] {
  return customerIds.map((id) => createRng((seed * 1_000_003 + id) >>> 0)() * 100 < percent);
}

export type PromotionCheck = { allowed: true } | { allowed: false; championAuc: number; candidateAuc: number };

/** A model may replace the champion only if its validation AUC is not below the champion's, unless forced. */
export function promotionCheck(candidateAuc: number, champion: { auc: number } | null, force: boolean): PromotionCheck {
  if (!champion || force || candidateAuc >= champion.auc) return { allowed: true };
  return { allowed: false, championAuc: champion.auc, candidateAuc };
}
