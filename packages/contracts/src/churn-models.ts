// Churn prediction: the feature set, the model registry (model card), scoring runs and the AM's risk list.
import { z } from 'zod';
import { dbId, fen, pageOf, pageQuery, period, timestamp } from './common';
import { gradeTiers } from './grading';

export const churnLearners = ['logistic', 'gbdt'] as const;
export type ChurnLearner = (typeof churnLearners)[number];

export const churnFeatureDef = z.object({
  key: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  unit: z.string().nullable(),
  zh: z.string(),
  en: z.string(),
  description: z.string(),
});
export const churnFeatureSet = z.object({ version: z.string(), features: z.array(churnFeatureDef) });

export const churnTrainRequest = z
  .object({
    learner: z.enum(churnLearners),
    /** Label: the customer churned within this many months after the snapshot. */
    horizonMonths: z.number().int().min(1).max(24).default(3),
    fromPeriod: period,
    toPeriod: period,
  })
  .refine((v) => v.fromPeriod <= v.toPeriod, { path: ['toPeriod'], message: 'must not be before fromPeriod' });

export const churnScoreRequest = z.object({
  /** The snapshot month to score (default: the last complete month). */
  period: period.optional(),
  /** Share of the scored customers held out as the control group, in percent. */
  controlPercent: z.number().int().min(0).max(50).default(10),
});

export const churnJobAccepted = z.object({ jobId: z.number().int() });

export const churnCalibrationBin = z.object({
  bin: z.number().int(),
  count: z.number().int(),
  meanScore: z.number(),
  observedRate: z.number(),
});
export const churnConfusion = z.object({
  tp: z.number().int(),
  fp: z.number().int(),
  tn: z.number().int(),
  fn: z.number().int(),
  precision: z.number(),
  recall: z.number(),
  accuracy: z.number(),
});

export const churnModelSummary = z.object({
  id: dbId,
  learner: z.enum(churnLearners),
  featureSetVersion: z.string(),
  trainFrom: period,
  trainTo: period,
  horizonMonths: z.number().int(),
  rows: z.number().int(),
  positives: z.number().int(),
  validationRows: z.number().int(),
  auc: z.number(),
  prAuc: z.number(),
  lift10: z.number(),
  brier: z.number(),
  isChampion: z.boolean(),
  promotedAt: timestamp.nullable(),
  trainSeconds: z.number(),
  createdAt: timestamp,
});
export type ChurnModelSummary = z.infer<typeof churnModelSummary>;
export const churnModelPage = pageOf(churnModelSummary);

export const churnModelCard = churnModelSummary.extend({
  threshold: z.number(),
  confusion: churnConfusion,
  calibration: z.array(churnCalibrationBin),
  importance: z.array(z.object({ feature: z.string(), value: z.number(), zh: z.string(), en: z.string() })),
});
export type ChurnModelCard = z.infer<typeof churnModelCard>;

export const churnPromoteRequest = z.object({
  /** Promote even when the validation AUC is below the champion's (audited as forced). */
  force: z.boolean().default(false),
  note: z.string().trim().max(500).optional(),
});

export const churnScoreRun = z.object({
  id: dbId,
  period,
  modelId: dbId,
  status: z.enum(['running', 'succeeded', 'failed']),
  controlPercent: z.number().int(),
  customers: z.number().int(),
  controls: z.number().int(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
export type ChurnScoreRun = z.infer<typeof churnScoreRun>;
export const churnScoreRunPage = pageOf(churnScoreRun);

export const churnReason = z.object({ feature: z.string(), weight: z.number(), zh: z.string(), en: z.string() });
export type ChurnReason = z.infer<typeof churnReason>;

export const churnRiskQuery = pageQuery.extend({
  runId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** One account manager's customers. */
  accountManagerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** A team: the customers of an org unit and its sub-units. */
  orgUnitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  minRiskPct: z.coerce.number().min(0).max(100).optional(),
  maxRiskPct: z.coerce.number().min(0).max(100).optional(),
  /** Latest value tier of the customer (grading). */
  tier: z.enum(gradeTiers).optional(),
});

export const churnRiskItem = z.object({
  customerId: dbId,
  customerName: z.string(),
  customerNo: z.string(),
  accountManager: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  risk: z.number(),
  monthlyValueFen: fen,
  valueAtRiskFen: fen,
  reasons: z.array(churnReason),
  tier: z.string().nullable(),
});
export type ChurnRiskItem = z.infer<typeof churnRiskItem>;
export const churnRiskPage = z.object({
  run: churnScoreRun.nullable(),
  items: z.array(churnRiskItem),
  total: z.number().int().nonnegative(),
});
export type ChurnRiskPage = z.infer<typeof churnRiskPage>;
