import { z } from 'zod';
import { dbId, isoDate, pageOf } from './common';

// Differentiated marketing (DOMAIN.md 5.7): segments as a condition tree, offers bound to catalogue products,
// campaigns through the five steps of the closed loop.

const cmp = z.enum(['gte', 'lte']);
const texts = z.array(z.string().trim().min(1).max(60)).min(1).max(50);
const months = z.number().int().min(1).max(24).default(3);
const yuanFen = z.number().int().min(0).max(1e12);

/** One condition of a segment. Spend figures are monthly averages over the last `months` billed months. */
export const segmentCondition = z.discriminatedUnion('field', [
  z.object({ field: z.literal('category'), values: z.array(z.enum(['key_account', 'business', 'public'])).min(1) }),
  z.object({ field: z.literal('tier'), values: texts }),
  z.object({ field: z.literal('stars'), op: cmp, value: z.number().int().min(0).max(5) }),
  z.object({ field: z.literal('abc'), values: z.array(z.enum(['A', 'B', 'C'])).min(1) }),
  z.object({ field: z.literal('industry'), values: texts }),
  z.object({ field: z.literal('orgUnit'), values: z.array(dbId).min(1).max(50) }),
  z.object({ field: z.literal('tenureMonths'), op: cmp, value: z.number().int().min(0).max(1200) }),
  z.object({ field: z.literal('monthlySpend'), op: cmp, valueFen: yuanFen, months }),
  z.object({ field: z.literal('spendTrend'), op: cmp, pct: z.number().int().min(-100).max(10_000), months }),
  z.object({ field: z.literal('internationalSpend'), op: cmp, valueFen: yuanFen, months }),
  z.object({ field: z.literal('longDistanceSpend'), op: cmp, valueFen: yuanFen, months }),
  z.object({ field: z.literal('holdsProduct'), holds: z.boolean(), values: texts }),
  z.object({ field: z.literal('groupOf'), customerId: dbId }),
  z.object({ field: z.literal('ageBand'), values: texts }),
  z.object({ field: z.literal('occupation'), values: texts }),
  z.object({ field: z.literal('incomeBand'), values: texts }),
  /** The churn risk of the customer in the churn module's latest scoring run, in percent (0-100). */
  z.object({ field: z.literal('churnRisk'), op: cmp, pct: z.number().int().min(0).max(100) }),
  /** The customer's latest survey answer in the last `months`: CSAT (1-5) or likelihood to recommend (NPS, 0-10). */
  z.object({
    field: z.literal('satisfaction'),
    measure: z.enum(['csat', 'nps']),
    op: cmp,
    value: z.number().int().min(0).max(10),
    months: z.number().int().min(1).max(36).default(12),
  }),
]);
export type SegmentCondition = z.infer<typeof segmentCondition>;
export const segmentFields = [
  'category',
  'tier',
  'stars',
  'abc',
  'industry',
  'orgUnit',
  'tenureMonths',
  'monthlySpend',
  'spendTrend',
  'internationalSpend',
  'longDistanceSpend',
  'holdsProduct',
  'groupOf',
  'ageBand',
  'occupation',
  'incomeBand',
  'churnRisk',
  'satisfaction',
] as const;

const boolOp = z.enum(['and', 'or']);
/** Groups nest at most three levels (the root, a group, a group in it): a fourth is refused naming its path. */
export const SEGMENT_MAX_DEPTH = 3;
const tooDeep = z.object({ op: z.unknown(), children: z.unknown() }).superRefine((_v, ctx) => {
  ctx.addIssue({
    code: 'custom',
    path: ['children'],
    message: `segment groups nest at most ${SEGMENT_MAX_DEPTH} levels`,
  });
}) as unknown as z.ZodType<never>;
export const segmentSubGroup3 = z.object({
  op: boolOp,
  children: z
    .array(z.union([segmentCondition, tooDeep]))
    .min(1)
    .max(20),
});
export const segmentSubGroup = z.object({
  op: boolOp,
  children: z
    .array(z.union([segmentCondition, segmentSubGroup3]))
    .min(1)
    .max(20),
});
export type SegmentGroup = { op: 'and' | 'or'; children: (SegmentCondition | SegmentGroup)[] };
/** The segment: conditions and groups of conditions combined with and/or (up to three levels). */
export const segmentDefinition = z.object({
  op: boolOp,
  children: z.array(z.union([segmentCondition, segmentSubGroup])).max(20),
});
export type SegmentDefinition = z.infer<typeof segmentDefinition>;

export const segmentPreviewInput = z.object({ definition: segmentDefinition });
export const segmentSampleRow = z.object({
  id: dbId,
  customerNo: z.string(),
  name: z.string(),
  category: z.string(),
  monthlySpendFen: z.number(),
});
export const segmentPreview = z.object({ count: z.number().int(), sample: z.array(segmentSampleRow) });

export const segmentCreate = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).optional(),
  definition: segmentDefinition,
});
export const segmentUpdate = segmentCreate.partial();
export const segment = z.object({
  id: dbId,
  name: z.string(),
  description: z.string().nullable(),
  version: z.number().int(),
  definition: segmentDefinition,
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
});
export const segmentVersion = z.object({
  version: z.number().int(),
  definition: segmentDefinition,
  createdAt: z.string(),
});
export const segmentDetail = segment.extend({ versions: z.array(segmentVersion) });

export const offerApprovalStatuses = ['approved', 'pending', 'rejected'] as const;
export const offerCreate = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_-]{2,40}$/, 'upper-case letters, digits, _ or -'),
  name: z.string().trim().min(1).max(100),
  offeringCode: z.string().trim().min(1).max(60),
  monthlyPriceFen: yuanFen,
  discountPct: z.number().int().min(0).max(100).default(0),
  eligibility: segmentDefinition.nullable().optional(),
  validFrom: isoDate,
  validTo: isoDate,
  description: z.string().trim().max(500).optional(),
});
export const offer = z.object({
  id: dbId,
  code: z.string(),
  name: z.string(),
  offeringId: dbId,
  offeringCode: z.string(),
  offeringName: z.string(),
  monthlyPriceFen: z.number(),
  discountPct: z.number(),
  eligibility: segmentDefinition.nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  description: z.string().nullable(),
  /** Within the creator's discount authority the offer is approved at once; beyond it it waits for a manager. */
  approvalStatus: z.enum(offerApprovalStatuses),
  approverId: dbId.nullable(),
  approverName: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export const offerDecision = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
});

export const campaignStages = [
  'insight',
  'proposition',
  'segment_plan',
  'communication',
  'execution',
  'completed',
] as const;
export const campaignStage = z.enum(campaignStages);
export const campaignChannels = ['sms', 'outbound_call', 'am_visit', 'email', 'wechat'] as const;
export const campaignChannel = z.enum(campaignChannels);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

export const campaignPlan = z.object({
  /** Customers marketed in the last N days (any campaign) are left out: the frequency cap. */
  recentContactDays: z.number().int().min(0).max(365).default(30),
  excludeOpenComplaints: z.boolean().default(true),
  /** Frequency cap across campaigns: at most `frequencyCapContacts` contacts in `frequencyCapDays` (0: no cap). */
  frequencyCapContacts: z.number().int().min(0).max(100).default(0),
  frequencyCapDays: z.number().int().min(1).max(365).default(30),
  controlPct: z.number().int().min(0).max(50).default(10),
  channels: z.array(campaignChannel).max(5).default([]),
  /** Outbound calls are spread over these agents. */
  agentIds: z.array(dbId).max(50).default([]),
  startAt: z.string().datetime({ offset: true }).nullable().default(null),
  quietStart: hhmm.default('21:00'),
  quietEnd: hhmm.default('09:00'),
  /** Message with variables {name}, {offer}, {price}. */
  template: z.string().trim().max(500).default(''),
  conversionWindowDays: z.number().int().min(1).max(365).default(30),
  costPerContactFen: yuanFen.default(0),
  fixedCostFen: yuanFen.default(0),
  /** Months of the offer's price counted as the value of a conversion. */
  valueMonths: z.number().int().min(1).max(60).default(12),
});
export type CampaignPlan = z.infer<typeof campaignPlan>;

export const campaignCreate = z.object({
  name: z.string().trim().min(1).max(100),
  segmentId: dbId,
  offerId: dbId.optional(),
  plan: campaignPlan.partial().optional(),
});
export const campaignUpdate = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  offerId: dbId.nullable().optional(),
  plan: campaignPlan.partial().optional(),
});
export const campaign = z.object({
  id: dbId,
  name: z.string(),
  stage: campaignStage,
  segmentId: dbId,
  segmentName: z.string(),
  segmentVersion: z.number().int(),
  offerId: dbId.nullable(),
  offerName: z.string().nullable(),
  /** A pending offer is not to be pitched: it may still be rejected (the campaign cannot launch before approval). */
  offerApprovalStatus: z.enum(offerApprovalStatuses).nullable(),
  plan: campaignPlan,
  parentCampaignId: dbId.nullable(),
  launchedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  contactJobId: z.number().int().nullable(),
  createdAt: z.string(),
});
export const campaignPage = pageOf(campaign);
export const campaignQuery = z.object({
  stage: campaignStage.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const segmentProfile = z.object({
  size: z.number().int(),
  avgMonthlySpendFen: z.number(),
  totalMonthlySpendFen: z.number(),
  avgInternationalFen: z.number(),
  byCategory: z.array(z.object({ key: z.string(), count: z.number().int() })),
  topProducts: z.array(z.object({ code: z.string(), name: z.string(), holders: z.number().int() })),
});

export const campaignResults = z.object({
  segmentSize: z.number().int(),
  excluded: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  control: z.number().int(),
  target: z.number().int(),
  contacted: z.number().int(),
  responded: z.number().int(),
  convertedTarget: z.number().int(),
  convertedControl: z.number().int(),
  targetRate: z.number(),
  controlRate: z.number(),
  uplift: z.number(),
  upliftLow: z.number(),
  upliftHigh: z.number(),
  incrementalConversions: z.number(),
  costFen: z.number(),
  incrementalRevenueFen: z.number(),
  roi: z.number().nullable(),
  byChannel: z.array(z.object({ channel: z.string(), members: z.number().int(), contacted: z.number().int() })),
});

export const campaignTask = z.object({
  campaignId: dbId,
  campaignName: z.string(),
  customerId: dbId,
  customerName: z.string(),
  customerNo: z.string(),
  channel: campaignChannel,
  offerName: z.string().nullable(),
  offerApprovalStatus: z.enum(offerApprovalStatuses).nullable(),
  message: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
});
export const campaignOutcomes = ['accepted', 'interested', 'not_interested', 'no_answer', 'opt_out'] as const;
export const campaignTaskOutcome = z.object({
  outcome: z.enum(campaignOutcomes),
  note: z.string().trim().max(500).optional(),
});
export const marketingOptOut = z.object({
  customerId: dbId,
  reason: z.string().trim().max(200).optional(),
});
