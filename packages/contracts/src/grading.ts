// Value grading: enums, the rule-set configuration, rule sets, what-if previews, grading runs and a customer's
// grading (apps/server/src/modules/grading/grading.routes.ts). The analytics dashboards are in grading-analytics.ts.
import { z } from 'zod';
import { pageOf, pageQuery, period } from './common';

/** KA value tiers (DOMAIN.md section 3), lowest first. */
export const gradeTiers = ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'] as const;
export type GradeTier = (typeof gradeTiers)[number];
/** Value-pyramid layers, top first: the KA tiers, then the business and public customer bases. */
export const gradeLayers = ['diamond', 'jade', 'platinum', 'gem', 'gold', 'crystal', 'business', 'public'] as const;
export type GradeLayer = (typeof gradeLayers)[number];
export const abcClasses = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof abcClasses)[number];
/** KA importance: important organisations, else general KA split by monthly spend. */
export const gradeImportances = ['important', 'extra_large', 'ordinary', 'below_threshold'] as const;
export type GradeImportance = (typeof gradeImportances)[number];
export const ruleSetStatuses = ['draft', 'active', 'retired'] as const;
export type RuleSetStatus = (typeof ruleSetStatuses)[number];
/** Why a customer got its tier. */
export const gradeReasons = ['threshold', 'held', 'downgraded', 'no_spend', 'untiered'] as const;
export type GradeReason = (typeof gradeReasons)[number];

const categoryEnum = z.enum(['key_account', 'business', 'public']);
const orgTypeEnum = z.enum(['government', 'public_security', 'fortune500', 'education', 'enterprise', 'sme', 'other']);
const fenAmount = z.number().int().min(0).max(1e13);

/** A versioned grading rule set. Money thresholds in fen; lower bounds inclusive, upper bounds exclusive. */
export const ruleSetConfig = z
  .object({
    measure: z.object({
      /** The value measure is the average monthly spend over the last `months` periods (including the graded one). */
      months: z.number().int().min(1).max(12),
      /** `skip`: average over the months that have a bill; `zero`: missing months count as zero spend. */
      missingMonths: z.enum(['skip', 'zero']),
    }),
    tiers: z.object({
      categories: z.array(categoryEnum).min(1),
      /** Lower bound (fen) of each tier; crystal starts at 0. */
      minFen: z.object({
        crystal: z.literal(0),
        gold: fenAmount,
        gem: fenAmount,
        platinum: fenAmount,
        jade: fenAmount,
        diamond: fenAmount,
      }),
    }),
    hysteresis: z.object({
      /** A downgrade happens only after this many consecutive periods below the current tier (1 = at once). */
      downgradeAfter: z.number().int().min(1).max(12),
    }),
    importance: z.object({
      importantOrgTypes: z.array(orgTypeEnum),
      ordinaryMinFen: fenAmount,
      extraLargeMinFen: fenAmount,
    }),
    stars: z.object({
      categories: z.array(categoryEnum),
      /** Every one of the last `months` consecutive periods must reach the bar. */
      months: z.number().int().min(1).max(12),
      /** Minimum monthly spend (fen, inclusive) for 3, 4 and 5 stars. */
      minMonthlyFen: z.object({ three: fenAmount, four: fenAmount, five: fenAmount }),
    }),
    abc: z.object({
      /** Share of total revenue made by class A customers (the top customers), then by class B. */
      aShare: z.number().gt(0).lt(1),
      bShare: z.number().gt(0).lt(1),
      partitionByCategory: z.boolean(),
    }),
  })
  .superRefine((c, ctx) => {
    const m = c.tiers.minFen;
    for (let i = 1; i < gradeTiers.length; i++) {
      if (m[gradeTiers[i]] <= m[gradeTiers[i - 1]]) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', 'minFen', gradeTiers[i]],
          message: `must be above the ${gradeTiers[i - 1]} bound`,
        });
      }
    }
    const s = c.stars.minMonthlyFen;
    if (!(s.three < s.four && s.four < s.five))
      ctx.addIssue({
        code: 'custom',
        path: ['stars', 'minMonthlyFen'],
        message: 'bars must rise: three < four < five',
      });
    if (c.abc.aShare + c.abc.bShare >= 1)
      ctx.addIssue({ code: 'custom', path: ['abc', 'bShare'], message: 'aShare + bShare must stay below 1' });
    if (c.importance.ordinaryMinFen >= c.importance.extraLargeMinFen)
      ctx.addIssue({
        code: 'custom',
        path: ['importance', 'extraLargeMinFen'],
        message: 'must be above ordinaryMinFen',
      });
  });
export type RuleSetConfig = z.infer<typeof ruleSetConfig>;

// ---------------------------------------------------------------- rule sets and what-if preview

export const ruleSet = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  status: z.enum(ruleSetStatuses),
  effectiveFrom: period,
  effectiveTo: z.string().nullable(),
  config: ruleSetConfig,
  notes: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  activatedAt: z.string().nullable(),
});
export type RuleSet = z.infer<typeof ruleSet>;
/** POST /api/grading/rule-sets. */
export const ruleSetCreate = z.object({
  name: z.string().trim().min(1).max(100),
  effectiveFrom: period,
  config: ruleSetConfig.optional(),
  copyFromId: z.number().int().positive().optional(),
  notes: z.string().max(2000).nullable().optional(),
});
export type RuleSetCreate = z.input<typeof ruleSetCreate>;
/** PATCH /api/grading/rule-sets/{id}. */
export const ruleSetUpdate = ruleSetCreate.omit({ copyFromId: true }).partial();
export type RuleSetUpdate = z.input<typeof ruleSetUpdate>;

const layerEnum = z.enum(gradeLayers);
/** GET /api/grading/rule-sets/{id}/preview. */
export const ruleSetPreviewQuery = z.object({ period: period.optional() });
export const ruleSetPreview = z.object({
  ruleSetId: z.number().int(),
  ruleSetVersion: z.number().int(),
  period: z.string(),
  baselineGraded: z.boolean(),
  customers: z.number().int(),
  moved: z.number().int(),
  starsChanged: z.number().int(),
  abcChanged: z.number().int(),
  layers: z.array(
    z.object({
      layer: layerEnum,
      currentCustomers: z.number().int(),
      proposedCustomers: z.number().int(),
      currentRevenueFen: z.number(),
      proposedRevenueFen: z.number(),
    }),
  ),
  matrix: z.array(
    z.object({
      fromLayer: z.string().nullable(),
      toLayer: z.string(),
      customers: z.number().int(),
      revenueFen: z.number(),
    }),
  ),
});
export type RuleSetPreview = z.infer<typeof ruleSetPreview>;
/** GET /api/grading/rule-sets/{id}/preview/movers. */
export const moverQuery = pageQuery.extend({
  period: period.optional(),
  from: layerEnum.optional(),
  to: layerEnum.optional(),
});
export const mover = z.object({
  customerId: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  fromLayer: z.string().nullable(),
  toLayer: z.string(),
  measureFen: z.number(),
  spendFen: z.number(),
});
export type Mover = z.infer<typeof mover>;
export const moverPage = pageOf(mover).extend({ period: z.string() });
export type MoverPage = z.infer<typeof moverPage>;

// ---------------------------------------------------------------- grading runs

/** POST /api/grading/runs. */
export const gradingRunCreate = z.object({ period });
/** GET /api/grading/runs. */
export const gradingRunQuery = pageQuery.extend({ period: period.optional() });
export const gradingRun = z.object({
  id: z.number().int(),
  period: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  trigger: z.enum(['manual', 'schedule']),
  jobId: z.number().int().nullable(),
  ruleSetId: z.number().int().nullable(),
  ruleSetVersion: z.number().int().nullable(),
  gradedCount: z.number().int().nullable(),
  changedCount: z.number().int().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.object({ done: z.number(), total: z.number().nullable() }).nullable(),
});
export type GradingRun = z.infer<typeof gradingRun>;
export const gradingRunPage = pageOf(gradingRun);

// ---------------------------------------------------------------- a customer's grading

export const gradeHistoryItem = z.object({
  period: z.string(),
  layer: z.string(),
  tier: z.string().nullable(),
  stars: z.number().int().nullable(),
  abcClass: z.string(),
  importance: z.string().nullable(),
  measureFen: z.number(),
  spendFen: z.number(),
  reason: z.string(),
  held: z.boolean(),
  ruleSetVersion: z.number().int(),
});
export type GradeHistoryItem = z.infer<typeof gradeHistoryItem>;

const starBars = z.object({ three: z.number(), four: z.number(), five: z.number() });
/** How the grade was computed: bounds crossed, hysteresis, star streaks, ABC shares, importance rule. */
export type GradingExplanation = {
  tier: {
    raw: string;
    rawLowerFen: number;
    rawUpperFen: number | null;
    previous: string | null;
    held: boolean;
    belowCount: number;
    downgradeAfter: number;
  } | null;
  stars: {
    months: number;
    /** Consecutive months up to the period at or above each bar. */
    streaks: z.infer<typeof starBars>;
    barsFen: z.infer<typeof starBars>;
  } | null;
  abc: { aShare: number; bShare: number; partitionByCategory: boolean };
  importance: {
    organizationType: string | null;
    importantOrgTypes: string[];
    ordinaryMinFen: number;
    extraLargeMinFen: number;
  } | null;
};

/** GET /api/customers/{id}/grading: every field but `customerId` and `history` is null before the first grading. */
export const customerGrading = z.object({
  customerId: z.number().int(),
  period: z.string().nullable(),
  category: z.string().nullable(),
  layer: z.string().nullable(),
  tier: z.string().nullable(),
  stars: z.number().int().nullable(),
  abcClass: z.string().nullable(),
  importance: z.string().nullable(),
  measureFen: z.number().nullable(),
  measure: z
    .object({
      kind: z.literal('avg_monthly_spend'),
      valueFen: z.number(),
      sumFen: z.number(),
      months: z.number().int(),
      monthsUsed: z.number().int(),
      divisor: z.number().int(),
      missingMonths: z.enum(['skip', 'zero']),
      fromPeriod: z.string(),
      toPeriod: z.string(),
    })
    .nullable(),
  spendFen: z.number().nullable(),
  reason: z.string().nullable(),
  potential: z.boolean().nullable(),
  ruleSet: z.object({ id: z.number().int(), version: z.number().int(), name: z.string() }).nullable(),
  /** A {@link GradingExplanation} (documented as a free-form object). */
  explanation: z.record(z.string(), z.unknown()).nullable(),
  history: z.array(gradeHistoryItem),
  events: z.array(
    z.object({
      period: z.string(),
      kind: z.string(),
      fromValue: z.string().nullable(),
      toValue: z.string().nullable(),
      direction: z.string(),
    }),
  ),
});
/** The grading of a customer, with its explanation typed. */
export type CustomerGrading = Omit<z.infer<typeof customerGrading>, 'explanation'> & {
  explanation: GradingExplanation | null;
};
