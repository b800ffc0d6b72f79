// Both learners behind one interface, and their evaluation on a hold-out table or by stratified K-fold
// cross-validation. The schema (column kinds, levels) and the standardisation come from the training part only.
import {
  type DatasetSchema,
  encodeTable,
  type FeatureMatrix,
  inferSchema,
  pickRows,
  type SchemaOptions,
  type Table,
} from './churn.dataset.models';
import {
  explainGbdt,
  explainGbdtRows,
  type GbdtModel,
  type GbdtOptions,
  predictGbdt,
  trainGbdt,
} from './churn.gbdt.models';
import {
  type Explanation,
  explainLogistic,
  explainLogisticRows,
  type LogisticModel,
  type LogisticOptions,
  predictLogistic,
  type RowExplanations,
  trainLogistic,
} from './churn.logistic.models';
import { averagePrecision, liftAt, rocAuc } from './churn.metrics.models';
import { stratifiedFolds } from './churn.sampling.models';

export const learnerNames = ['logistic', 'gbdt'] as const;
export type LearnerName = (typeof learnerNames)[number];
export type ChurnModel = LogisticModel | GbdtModel;
export type LearnerOptions = { logistic?: LogisticOptions; gbdt?: GbdtOptions };

export type LearnerResult = { name: LearnerName; auc: number; prAuc: number; lift10: number; seconds: number };
/** `rows` and `positives` count the rows the metrics are computed on (the test rows, or all rows across folds). */
export type EvaluationReport = { rows: number; positives: number; learners: LearnerResult[] };

export function trainModel(
  name: LearnerName,
  m: FeatureMatrix,
  labels: ArrayLike<number>,
  options: LearnerOptions = {},
): ChurnModel {
  return name === 'logistic' ? trainLogistic(m, labels, options.logistic) : trainGbdt(m, labels, options.gbdt);
}

/** Churn probabilities of the rows. */
export function predictModel(model: ChurnModel, m: FeatureMatrix): Float64Array {
  return model.kind === 'logistic' ? predictLogistic(model, m) : predictGbdt(model, m);
}

/** Log-odds of one row as a bias plus per-feature contributions, largest first. */
export function explainModel(model: ChurnModel, m: FeatureMatrix, row: number): Explanation {
  return model.kind === 'logistic' ? explainLogistic(model, m, row) : explainGbdt(model, m, row);
}

/** Log-odds and per-feature contributions of every row (batch scoring: the same figures as `explainModel`). */
export function explainModelRows(model: ChurnModel, m: FeatureMatrix): RowExplanations {
  return model.kind === 'logistic' ? explainLogisticRows(model, m) : explainGbdtRows(model, m);
}

type Fit = { labels: Uint8Array; scores: Record<LearnerName, Float64Array>; seconds: Record<LearnerName, number> };

function fitAndScore(
  schema: DatasetSchema,
  train: Table,
  test: Table,
  learners: readonly LearnerName[],
  options: LearnerOptions,
): Fit {
  const tr = encodeTable(schema, train);
  const te = encodeTable(schema, test);
  const fit: Fit = { labels: te.labels, scores: {} as Fit['scores'], seconds: {} as Fit['seconds'] };
  for (const name of learners) {
    const t0 = performance.now();
    const model = trainModel(name, tr.matrix, tr.labels, options);
    fit.scores[name] = predictModel(model, te.matrix);
    fit.seconds[name] = (performance.now() - t0) / 1000;
  }
  return fit;
}

const countPositives = (labels: Uint8Array) => labels.reduce((s, y) => s + y, 0);

/** Trains on `train`, scores `test`. */
export function evaluateHoldout(opts: {
  train: Table;
  test: Table;
  schema: SchemaOptions;
  learners?: readonly LearnerName[];
  options?: LearnerOptions;
}): EvaluationReport {
  const learners = opts.learners ?? learnerNames;
  const schema = inferSchema(opts.train, opts.schema);
  const fit = fitAndScore(schema, opts.train, opts.test, learners, opts.options ?? {});
  return {
    rows: fit.labels.length,
    positives: countPositives(fit.labels),
    learners: learners.map((name) => ({
      name,
      auc: rocAuc(fit.labels, fit.scores[name]),
      prAuc: averagePrecision(fit.labels, fit.scores[name]),
      lift10: liftAt(fit.labels, fit.scores[name], 0.1),
      seconds: fit.seconds[name],
    })),
  };
}

/** Stratified K-fold cross-validation: the metrics are the means over the folds, the seconds their sum. */
export function evaluateFolds(opts: {
  table: Table;
  folds: number;
  schema: SchemaOptions;
  learners?: readonly LearnerName[];
  options?: LearnerOptions;
  seed?: number;
}): EvaluationReport {
  const learners = opts.learners ?? learnerNames;
  if (!Number.isInteger(opts.folds) || opts.folds < 2) throw new Error('folds: at least 2');
  // Labels of the whole table, only to stratify the folds.
  const all = encodeTable(inferSchema(opts.table, opts.schema), opts.table).labels;
  const fold = stratifiedFolds(all, opts.folds, opts.seed ?? 1);
  const sums = new Map<LearnerName, LearnerResult>(
    learners.map((name) => [name, { name, auc: 0, prAuc: 0, lift10: 0, seconds: 0 }]),
  );
  for (let k = 0; k < opts.folds; k++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < fold.length; i++) (fold[i] === k ? testIdx : trainIdx).push(i);
    const train = pickRows(opts.table, trainIdx);
    const schema = inferSchema(train, opts.schema);
    const fit = fitAndScore(schema, train, pickRows(opts.table, testIdx), learners, opts.options ?? {});
    for (const name of learners) {
      const s = sums.get(name) as LearnerResult;
      s.auc += rocAuc(fit.labels, fit.scores[name]) / opts.folds;
      s.prAuc += averagePrecision(fit.labels, fit.scores[name]) / opts.folds;
      s.lift10 += liftAt(fit.labels, fit.scores[name], 0.1) / opts.folds;
      s.seconds += fit.seconds[name];
    }
  }
  return { rows: all.length, positives: countPositives(all), learners: [...sums.values()] };
}
