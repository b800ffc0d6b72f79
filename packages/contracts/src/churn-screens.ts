// Churn screens: a customer's churn score with its Cox hazard ratio and expected months to churn, the risk list
// summed per account manager, and the uplift of a scoring run against its own hold-out (control) group.
import { z } from 'zod';
import { churnReason, churnScoreRun } from './churn-models';
import { upliftReport } from './churn-retention';
import { dbId, fen, period } from './common';

/** Risk bands of a churn score (probability of churning within the model's horizon): >= 70 %, 50 %, 30 %, below. */
export const churnRiskBands = ['very_high', 'high', 'medium', 'low'] as const;
export type ChurnRiskBand = (typeof churnRiskBands)[number];
export function churnRiskBand(risk: number): ChurnRiskBand {
  if (risk >= 0.7) return 'very_high';
  if (risk >= 0.5) return 'high';
  if (risk >= 0.3) return 'medium';
  return 'low';
}

/** The churn part of the customer 360 header strip: the latest run's score, its band and strongest reason. */
export const customerChurnHeadline = z.object({
  runId: dbId,
  period,
  risk: z.number(),
  band: z.enum(churnRiskBands),
  /** In the run's hold-out group (not listed, not warned). */
  control: z.boolean(),
  topReason: churnReason.nullable(),
});
export type CustomerChurnHeadline = z.infer<typeof customerChurnHeadline>;

export const customerChurnScore = z.object({
  customerId: dbId,
  /** The latest succeeded scoring run's score of the customer (null when not scored). */
  score: z
    .object({
      runId: dbId,
      period,
      modelId: dbId,
      risk: z.number(),
      monthlyValueFen: fen,
      valueAtRiskFen: fen,
      /** In the run's hold-out group: not on the risk list, not warned. */
      control: z.boolean(),
      reasons: z.array(churnReason),
    })
    .nullable(),
  /** The customer's risk in every succeeded run, oldest first. */
  history: z.array(z.object({ runId: dbId, period, risk: z.number(), control: z.boolean() })),
  /** Cox proportional hazards over tenure (null when the data cannot fit one, or the customer has churned). */
  cox: z
    .object({
      /** Hazard of this customer against the average customer. */
      hazardRatio: z.number(),
      tenureMonths: z.number().int(),
      /** Expected months before churn within `horizonMonths`, given the customer is still here at its tenure. */
      expectedMonths: z.number(),
      horizonMonths: z.number().int(),
      /** Months until the conditional survival falls to one half (null: not within the observed tenures). */
      medianMonths: z.number().nullable(),
      /** The customer's own segment levels in the model with their hazard ratio against the reference level. */
      factors: z.array(
        z.object({ dimension: z.string(), segment: z.string(), reference: z.string(), hazardRatio: z.number() }),
      ),
      subjects: z.number().int(),
      events: z.number().int(),
    })
    .nullable(),
});
export type CustomerChurnScore = z.infer<typeof customerChurnScore>;

export const churnRiskSummaryQuery = z.object({
  runId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  orgUnitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** Customers at or above this risk count as high risk (default 50). */
  minRiskPct: z.coerce.number().min(0).max(100).default(50),
});
export const churnRiskSummaryRow = z.object({
  accountManager: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  customers: z.number().int(),
  highRisk: z.number().int(),
  valueAtRiskFen: fen,
  highRiskValueAtRiskFen: fen,
});
export const churnRiskSummary = z.object({
  run: churnScoreRun.nullable(),
  minRiskPct: z.number(),
  items: z.array(churnRiskSummaryRow),
});
export type ChurnRiskSummary = z.infer<typeof churnRiskSummary>;

export const scoreRunUpliftQuery = z.object({
  /** Customers of the run at or above this risk are compared (treated list vs hold-out), default 50. */
  minRiskPct: z.coerce.number().min(0).max(100).default(50),
  level: z.coerce.number().gt(0.5).lt(1).default(0.95),
});
export const scoreRunUplift = z.object({
  run: churnScoreRun,
  minRiskPct: z.number(),
  /** Retention actions recorded against the run. */
  actions: z.number().int(),
  treatedCustomers: z.number().int(),
  controlCustomers: z.number().int(),
  /** Null while either group is empty in the viewer's scope. */
  report: upliftReport.nullable(),
});
export type ScoreRunUplift = z.infer<typeof scoreRunUplift>;
