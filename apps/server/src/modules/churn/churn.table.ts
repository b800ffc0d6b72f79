import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { users } from '../org/org.table';

/**
 * The monthly feature snapshot: one row per period (YYYY-MM), feature-set version and customer, keyed by exactly that.
 * The values are stored in the feature set's declaration order (churn.features.ts): the numeric features in a
 * float8[] (null when unknown), the categorical ones in a text[]. A derived table, rewritten whenever a period is
 * snapshotted again: no surrogate id, and no foreign key to customers (a deleted customer's rows are skipped by the
 * readers; docs/decisions/0023-churn-snapshot-derived-table.md).
 */
export const churnFeatureSnapshots = pgTable(
  'churn_feature_snapshots',
  {
    period: text('period').notNull(),
    featureSetVersion: text('feature_set_version').notNull(),
    customerId: integer('customer_id').notNull(),
    /** The numeric features in declaration order (`numericFeatureKeys`). */
    numericFeatures: doublePrecision('numeric_features').array().notNull(),
    /** The categorical features' levels in declaration order (`categoricalFeatureKeys`). */
    categoricalFeatures: text('categorical_features').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'churn_feature_snapshots_pk', columns: [t.period, t.featureSetVersion, t.customerId] })],
);

export type ChurnModelMetrics = {
  auc: number;
  prAuc: number;
  lift10: number;
  brier: number;
  calibration: { bin: number; count: number; meanScore: number; observedRate: number }[];
  threshold: number;
  confusion: { tp: number; fp: number; tn: number; fn: number; precision: number; recall: number; accuracy: number };
};

/** The model registry: every trained model with its data window, validation metrics and the serialized model. */
export const churnModels = pgTable(
  'churn_models',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    learner: text('learner', { enum: ['logistic', 'gbdt'] }).notNull(),
    featureSetVersion: text('feature_set_version').notNull(),
    /** Snapshot periods trained on (inclusive) and the label horizon: churned within N months after the snapshot. */
    trainFrom: text('train_from').notNull(),
    trainTo: text('train_to').notNull(),
    horizonMonths: integer('horizon_months').notNull(),
    rows: integer('rows').notNull(),
    positives: integer('positives').notNull(),
    validationRows: integer('validation_rows').notNull(),
    metrics: jsonb('metrics').$type<ChurnModelMetrics>().notNull(),
    /** Feature -> mean |contribution| to the log-odds on the validation rows. */
    importance: jsonb('importance').$type<{ feature: string; value: number }[]>().notNull(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    encoding: jsonb('encoding').$type<{ version: string; levels: Record<string, string[]> }>().notNull(),
    /** The serialized model (plain JSON of the learner). */
    model: jsonb('model').$type<Record<string, unknown>>().notNull(),
    isChampion: boolean('is_champion').notNull().default(false),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    promotedBy: integer('promoted_by').references(() => users.id),
    trainSeconds: doublePrecision('train_seconds').notNull(),
    jobId: integer('job_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('churn_models_champion_uq').on(t.isChampion).where(sql`${t.isChampion}`),
    uniqueIndex('churn_models_job_uq').on(t.jobId),
    index('churn_models_created_idx').on(t.createdAt),
  ],
);

/** One scoring run of the champion over the customers of a snapshot period. */
export const churnScoreRuns = pgTable(
  'churn_score_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    period: text('period').notNull(),
    modelId: integer('model_id')
      .notNull()
      .references(() => churnModels.id),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] })
      .notNull()
      .default('running'),
    /** Share of the scored customers held out as the control group (no action list, no warning), in percent. */
    controlPercent: integer('control_percent').notNull(),
    seed: integer('seed').notNull(),
    customers: integer('customers').notNull().default(0),
    controls: integer('controls').notNull().default(0),
    jobId: integer('job_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('churn_score_runs_job_uq').on(t.jobId), index('churn_score_runs_status_idx').on(t.status, t.id)],
);

/** The score of one customer in a run: risk, value at risk, top reasons, and the control-group flag. */
export const churnScores = pgTable(
  'churn_scores',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => churnScoreRuns.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    risk: doublePrecision('risk').notNull(),
    /** Monthly spend (fen) of the snapshot and the expected value at risk: risk x 12 months of that spend. */
    monthlyValueFen: bigint('monthly_value_fen', { mode: 'number' }).notNull(),
    valueAtRiskFen: bigint('value_at_risk_fen', { mode: 'number' }).notNull(),
    reasons: jsonb('reasons').$type<{ feature: string; weight: number; zh: string; en: string }[]>().notNull(),
    control: boolean('control').notNull(),
  },
  (t) => [
    uniqueIndex('churn_scores_pk').on(t.runId, t.customerId),
    index('churn_scores_rank_idx').on(t.runId, t.valueAtRiskFen),
    index('churn_scores_customer_idx').on(t.customerId, t.runId),
  ],
);
