import { z } from 'zod';
import { dbId, fen, isoDate, pageQuery, period, timestamp } from './common';

// Account-manager KPI (客户经理考核) and quality supervision (质量监督): scorecards, settings, penalties, inspections.

/** The figures of a monthly scorecard, in display order. */
export const kpiFigureKeys = [
  'spend',
  'newServices',
  'satisfaction',
  'complaints',
  'commitments',
  'completeness',
  'visits',
] as const;
export type KpiFigureKey = (typeof kpiFigureKeys)[number];
/** Drill-down keys: the seven figures and the penalties. */
export const kpiEvidenceKeys = [...kpiFigureKeys, 'penalties'] as const;
export type KpiEvidenceKey = (typeof kpiEvidenceKeys)[number];

const weight = z.number().min(0).max(100);
export const kpiWeights = z
  .object(Object.fromEntries(kpiFigureKeys.map((k) => [k, weight])) as Record<KpiFigureKey, typeof weight>)
  .strict();
export type KpiWeights = z.infer<typeof kpiWeights>;

export const kpiTargets = z
  .object({
    /** Spend target = the portfolio's average monthly spend of the 3 months before, grown by this %. */
    spendGrowthPct: z.number().min(-100).max(1000),
    newServices: z.number().int().min(0).max(100_000),
    satisfactionPct: z.number().min(1).max(100),
    /** Complaints caused that bring the complaints figure to 0 (each one takes 1/tolerance of it). */
    complaintsTolerance: z.number().int().min(1).max(1000),
    commitmentsOnTimePct: z.number().min(1).max(100),
    completenessPct: z.number().min(1).max(100),
    visits: z.number().int().min(0).max(100_000),
  })
  .strict();
export type KpiTargets = z.infer<typeof kpiTargets>;

export const kpiBonusBand = z.object({
  minScore: z.number().min(0).max(1000),
  coefficient: z.number().min(0).max(10),
});
export type KpiBonusBand = z.infer<typeof kpiBonusBand>;

export const kpiSettingsInput = z
  .object({
    /** The first period these settings apply to (until a later period's settings). */
    effectiveFrom: period,
    weights: kpiWeights,
    targets: kpiTargets,
    bonusTable: z.array(kpiBonusBand).min(1).max(20),
  })
  .strict();
export type KpiSettingsInput = z.infer<typeof kpiSettingsInput>;

export const kpiSettings = kpiSettingsInput.extend({
  id: z.number().int(),
  version: z.number().int(),
  updatedBy: z.number().int().nullable(),
  updatedAt: timestamp,
});
export type KpiSettings = z.infer<typeof kpiSettings>;
export const kpiSettingsQuery = z.object({ period: period.optional() });

export const kpiFigure = z.object({
  key: z.enum(kpiFigureKeys),
  /** Fen for spend, % for satisfaction / commitments / completeness, counts otherwise. */
  actual: z.number(),
  target: z.number(),
  /** Attainment used for the points (0 .. 1.2). */
  ratio: z.number(),
  weight: z.number(),
  points: z.number(),
  /** No evidence this month (no survey answer, no commitment due, ...): counted as attained. */
  noData: z.boolean(),
});
export type KpiFigure = z.infer<typeof kpiFigure>;

export const kpiScorecardStatuses = ['computed', 'confirmed'] as const;
export const kpiScorecard = z.object({
  id: z.number().int(),
  period,
  userId: z.number().int(),
  userName: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  status: z.enum(kpiScorecardStatuses),
  score: z.number(),
  coefficient: z.number(),
  penaltyPoints: z.number(),
  penaltyFen: z.number().int(),
  portfolioSize: z.number().int(),
  figures: z.array(kpiFigure),
  settingsVersion: z.number().int(),
  computedAt: timestamp,
  confirmedBy: z.number().int().nullable(),
  confirmedAt: timestamp.nullable(),
  rank: z.number().int().optional(),
});
export type KpiScorecard = z.infer<typeof kpiScorecard>;

export const kpiScorecardListQuery = z.object({
  period,
  userId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

export const kpiRunInput = z.object({ period, userIds: z.array(dbId).max(1000).optional() }).strict();
export const kpiRun = z.object({ jobId: z.number().int(), status: z.string(), period });

export const kpiTrendQuery = z.object({
  userId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** The last period of the trend (default: last month). */
  to: period.optional(),
  months: z.coerce.number().int().min(1).max(36).default(12),
});
export const kpiTrendPoint = z.object({
  period,
  score: z.number().nullable(),
  coefficient: z.number().nullable(),
  status: z.enum(kpiScorecardStatuses).nullable(),
});
export const kpiTrend = z.object({ userId: z.number().int(), userName: z.string(), points: z.array(kpiTrendPoint) });
export type KpiTrend = z.infer<typeof kpiTrend>;

export const kpiEvidenceParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  key: z.enum(kpiEvidenceKeys),
});
export const kpiEvidenceRow = z.object({
  /** What the row is: bill, product, survey, complaint, commitment, customer, visit, penalty, inspection. */
  kind: z.string(),
  id: z.number().int(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  label: z.string(),
  at: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  /** The row's contribution: 1 / 0 (on time, satisfied, field filled), a count, points. */
  value: z.number().nullable(),
});
export const kpiEvidence = z.object({ key: z.enum(kpiEvidenceKeys), items: z.array(kpiEvidenceRow) });
export type KpiEvidence = z.infer<typeof kpiEvidence>;

export const kpiPenaltyInput = z
  .object({
    userId: dbId,
    period,
    points: z.number().min(0).max(100),
    /** Money the AM bears (e.g. S4: the bill difference). */
    amountFen: fen.default(0),
    reason: z.string().trim().min(1).max(500),
    /** The complaint ticket whose responsibility record names the AM. */
    ticketId: dbId.optional(),
  })
  .strict();
export type KpiPenaltyInput = z.input<typeof kpiPenaltyInput>;
export const kpiPenalty = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  userName: z.string(),
  period,
  points: z.number(),
  amountFen: z.number().int(),
  reason: z.string(),
  ticketId: z.number().int().nullable(),
  ticketNo: z.string().nullable(),
  ticketTitle: z.string().nullable(),
  /** Who recorded the penalty. */
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
});
export type KpiPenalty = z.infer<typeof kpiPenalty>;
export const kpiPenaltyListQuery = z.object({
  period,
  userId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

// Quality supervision.
export const inspectionKinds = ['mystery_shopper', 'service_inspection'] as const;
export const inspectionSubjects = ['staff', 'counter'] as const;
export const inspectionItem = z
  .object({
    label: z.string().trim().min(1).max(200),
    maxScore: z.number().int().min(1).max(100),
    score: z.number().int().min(0).max(100),
    note: z.string().max(500).optional(),
  })
  .strict()
  .refine((i) => i.score <= i.maxScore, { message: 'score must not exceed maxScore', path: ['score'] });
export type InspectionItem = z.infer<typeof inspectionItem>;

export const inspectionInput = z
  .object({
    kind: z.enum(inspectionKinds),
    subjectType: z.enum(inspectionSubjects),
    staffUserId: dbId.optional(),
    counterName: z.string().trim().min(1).max(200).optional(),
    orgUnitId: dbId.optional(),
    inspectedAt: isoDate,
    items: z.array(inspectionItem).min(1).max(50),
    penaltyPoints: z.number().min(0).max(100).default(0),
    penaltyFen: fen.default(0),
    ticketId: dbId.optional(),
    notes: z.string().max(2000).optional(),
  })
  .strict();
export type InspectionInput = z.infer<typeof inspectionInput>;

export const inspection = z.object({
  id: z.number().int(),
  kind: z.enum(inspectionKinds),
  subjectType: z.enum(inspectionSubjects),
  staffUserId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  counterName: z.string().nullable(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  inspectedAt: z.string(),
  inspectorId: z.number().int().nullable(),
  inspectorName: z.string().nullable(),
  items: z.array(z.object({ label: z.string(), maxScore: z.number(), score: z.number(), note: z.string().optional() })),
  score: z.number().int(),
  maxScore: z.number().int(),
  scorePct: z.number(),
  penaltyPoints: z.number(),
  penaltyFen: z.number().int(),
  ticketId: z.number().int().nullable(),
  notes: z.string().nullable(),
  createdAt: timestamp,
});
export type Inspection = z.infer<typeof inspection>;
export const inspectionListQuery = pageQuery.extend({
  kind: z.enum(inspectionKinds).optional(),
  staffUserId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
