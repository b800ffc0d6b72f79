// Churn: terminations (reason, competitor, port-out), the competitor list, churn analysis (rates, value lost,
// reasons, direction, survival by segment) and retention actions with their uplift report.
import { z } from 'zod';
import { dbId, fen, isoDate, pageOf, pageQuery, period, timestamp } from './common';

const text = (max: number) => z.string().trim().min(1).max(max);
const ref = z.object({ id: z.number().int(), displayName: z.string() });

// ------------------------------------------------------------------ competitors

export const churnCompetitor = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type ChurnCompetitor = z.infer<typeof churnCompetitor>;

export const churnCompetitorCreate = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _ (2-40)'),
  nameZh: text(100),
  nameEn: text(100),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
});
export const churnCompetitorUpdate = z.object({
  nameZh: text(100).optional(),
  nameEn: text(100).optional(),
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

// ------------------------------------------------------------------ terminations

/** Why a customer left, as recorded at termination. */
export const terminationReasons = [
  'price',
  'competitor_offer',
  'service_quality',
  'network_quality',
  'contract_end',
  'relocation',
  'business_closed',
  'other',
] as const;
export type TerminationReason = (typeof terminationReasons)[number];

export const terminationCreate = z
  .object({
    terminationDate: isoDate,
    reasonCode: z.enum(terminationReasons),
    note: z.string().trim().max(2000).optional(),
    competitorId: dbId.nullable().optional(),
    portedOut: z.boolean().default(false),
    linesLost: z.number().int().min(0).max(1_000_000).default(0),
    monthlyValueLostFen: fen.default(0),
  })
  .superRefine((v, ctx) => {
    if (v.portedOut && v.linesLost < 1)
      ctx.addIssue({ code: 'custom', path: ['linesLost'], message: 'a port-out loses at least one line' });
  });
export type TerminationCreate = z.infer<typeof terminationCreate>;

export const termination = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  terminationDate: z.string(),
  reasonCode: z.enum(terminationReasons),
  note: z.string().nullable(),
  competitor: z.object({ id: z.number().int(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  portedOut: z.boolean(),
  linesLost: z.number().int(),
  monthlyValueLostFen: z.number().int(),
  recordedBy: ref.nullable(),
  createdAt: timestamp,
});
export type Termination = z.infer<typeof termination>;

export const terminationQuery = pageQuery.extend({
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const terminationPage = pageOf(termination);

// ------------------------------------------------------------------ analysis

export const churnSegmentDimensions = ['tier', 'category', 'product_family', 'contract_type'] as const;
export type ChurnSegmentDimension = (typeof churnSegmentDimensions)[number];

export const churnAnalysisQuery = z.object({
  /** Months of history ending with the current month (default 24). */
  months: z.coerce.number().int().min(1).max(120).default(24),
  /** Value lost = monthly value x this many months (default 12). */
  horizonMonths: z.coerce.number().int().min(1).max(120).default(12),
  /** The segment dimension of the survival curves (default: tier). */
  dimension: z.enum(churnSegmentDimensions).default('tier'),
  /** Restricted mean survival up to this many months of tenure (default 60). */
  tau: z.coerce.number().int().min(1).max(600).default(60),
});

export const churnMonth = z.object({
  period,
  atRisk: z.number().int(),
  churned: z.number().int(),
  rate: z.number(),
  monthlyValueLostFen: z.number().int(),
  valueLostFen: z.number().int(),
});
export const churnSegmentRow = z.object({
  dimension: z.enum(churnSegmentDimensions),
  segment: z.string(),
  customers: z.number().int(),
  churned: z.number().int(),
  rate: z.number(),
  valueLostFen: z.number().int(),
});
export const churnReasonRow = z.object({
  reasonCode: z.enum(terminationReasons),
  count: z.number().int(),
  valueLostFen: z.number().int(),
});
export const churnDirectionRow = z.object({
  competitorId: z.number().int().nullable(),
  nameZh: z.string().nullable(),
  nameEn: z.string().nullable(),
  count: z.number().int(),
  portedOut: z.number().int(),
  linesLost: z.number().int(),
  valueLostFen: z.number().int(),
});
export const survivalCurve = z.object({
  segment: z.string(),
  n: z.number().int(),
  events: z.number().int(),
  /** Months of tenure. */
  times: z.array(z.number()),
  survival: z.array(z.number()),
  lower: z.array(z.number().nullable()),
  upper: z.array(z.number().nullable()),
  medianMonths: z.number().nullable(),
  rmstMonths: z.number(),
});
export const churnAnalysis = z.object({
  from: period,
  to: period,
  horizonMonths: z.number().int(),
  totals: z.object({
    customers: z.number().int(),
    churned: z.number().int(),
    rate: z.number(),
    valueLostFen: z.number().int(),
  }),
  months: z.array(churnMonth),
  segments: z.array(churnSegmentRow),
  reasons: z.array(churnReasonRow),
  directions: z.array(churnDirectionRow),
  survival: z.object({
    dimension: z.enum(churnSegmentDimensions),
    tau: z.number().int(),
    curves: z.array(survivalCurve),
  }),
});
export type ChurnAnalysis = z.infer<typeof churnAnalysis>;

// ------------------------------------------------------------------ retention actions

export const retentionActionKinds = ['call', 'visit', 'offer', 'price_review'] as const;
export const retentionOutcomes = ['pending', 'saved', 'lost'] as const;

export const retentionActionCreate = z.object({
  kind: z.enum(retentionActionKinds),
  ownerId: dbId.optional(),
  dueDate: isoDate,
  note: z.string().trim().max(2000).optional(),
  scoringRunId: dbId.nullable().optional(),
});
export const retentionActionUpdate = z.object({
  outcome: z.enum(retentionOutcomes).optional(),
  dueDate: isoDate.optional(),
  ownerId: dbId.optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export const retentionAction = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  kind: z.enum(retentionActionKinds),
  owner: ref,
  dueDate: z.string(),
  outcome: z.enum(retentionOutcomes),
  note: z.string().nullable(),
  scoringRunId: z.number().int().nullable(),
  completedAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type RetentionAction = z.infer<typeof retentionAction>;
export const retentionActionQuery = pageQuery.extend({
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ownerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  outcome: z.enum(retentionOutcomes).optional(),
  scoringRunId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export const retentionActionPage = pageOf(retentionAction);

/** Uplift of retention actions: treated customers (with actions) against a control list or a run's hold-out group. */
export const upliftQuery = z.object({
  /** Only actions of this scoring run (default: all actions). */
  scoringRunId: dbId.optional(),
  /** Actions created from this date (default: all). */
  from: isoDate.optional(),
  /**
   * The control customers (not contacted). Without it, the scoring run's random hold-out control group is used (of
   * `scoringRunId`, default the latest run), at the risk of the treated customers and above.
   */
  controlCustomerIds: z.array(dbId).min(1).max(100_000).optional(),
  level: z.number().gt(0.5).lt(1).default(0.95),
});
export const upliftGroup = z.object({ customers: z.number().int(), saved: z.number().int(), rate: z.number() });
export const upliftReport = z.object({
  treated: upliftGroup,
  control: upliftGroup,
  uplift: z.number(),
  lower: z.number(),
  upper: z.number(),
  level: z.number(),
  significant: z.boolean(),
});
export type UpliftReport = z.infer<typeof upliftReport>;
