// Key-account care calendar, club events, early warnings and the AM workbench.
import { z } from 'zod';
import { dbId, fen, isoDate, pageOf, pageQuery, period, timestamp } from './common';
import { opportunityStages, serviceOrderSummary } from './ka-sales';

export const calendarKinds = [
  'birthday',
  'anniversary',
  'contract_expiry',
  'price_review',
  'line_check',
  'club_event',
  'task',
] as const;
export const clubEventKinds = ['golf', 'forum', 'tech_tour', 'demo_hall', 'other'] as const;
export const invitationStatuses = ['invited', 'accepted', 'declined', 'attended', 'no_show'] as const;
export const warningRuleCodes = [
  'spend_drop',
  'consecutive_decline',
  'arrears',
  'contract_expiring',
  'tier_downgrade',
  'no_contact',
  'price_review_overdue',
  'unresolved_complaints',
  'churn_risk',
] as const;
export type WarningRuleCode = (typeof warningRuleCodes)[number];
export const warningStatuses = ['open', 'acknowledged', 'closed'] as const;
export const warningSeverities = ['low', 'medium', 'high'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const ref = z.object({ id: z.number().int(), displayName: z.string() });

// ------------------------------------------------------------------ calendar

export const calendarQuery = z.object({
  from: isoDate,
  to: isoDate,
  amId: z.coerce.number().int().positive().optional(),
});
export const calendarEntry = z.object({
  /** Stable key of the entry (e.g. `birthday:12:2026`); a task made from it carries it as its source key. */
  key: z.string(),
  date: z.string(),
  kind: z.enum(calendarKinds),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  /** Who / what: contact name, contract number, event title ... */
  subject: z.string(),
  /** Extra facts: days before expiry, anniversary years, invitation status ... */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  taskId: z.number().int().nullable(),
});
export type CalendarEntry = z.infer<typeof calendarEntry>;

export const priceReviewCreate = z.object({
  productInstanceId: dbId,
  nextReviewDate: isoDate,
  intervalMonths: z.number().int().min(1).max(60).default(12),
  competitorOfferFen: fen.optional(),
  note: z.string().trim().max(500).optional(),
});
export const priceReviewDone = z.object({
  reviewedOn: isoDate,
  note: z.string().trim().max(500).optional(),
  /** The monthly price agreed in the review: a discount goes through discount authority (优惠权限). */
  newMonthlyFen: fen.optional(),
});
export const priceReview = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  productInstanceId: z.number().int(),
  serviceNumber: z.string().nullable(),
  monthlyFen: fen.nullable(),
  nextReviewDate: z.string(),
  lastReviewedAt: z.string().nullable(),
  intervalMonths: z.number().int(),
  competitorOfferFen: fen.nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
});
export type PriceReview = z.infer<typeof priceReview>;
export const lineCheckCreate = z.object({
  productInstanceId: dbId.optional(),
  description: text(200),
  intervalDays: z.number().int().min(7).max(366).default(90),
  nextDueDate: isoDate,
});
export const lineCheckUpdate = z
  .object({
    description: text(200),
    intervalDays: z.number().int().min(7).max(366),
    nextDueDate: isoDate,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export const lineCheckDone = z.object({ doneOn: isoDate, note: z.string().trim().max(500).optional() });
export const lineCheck = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  productInstanceId: z.number().int().nullable(),
  description: z.string(),
  intervalDays: z.number().int(),
  nextDueDate: z.string(),
  lastDoneDate: z.string().nullable(),
});

export const clubEventCreate = z.object({
  title: text(200),
  kind: z.enum(clubEventKinds),
  eventDate: isoDate,
  location: z.string().trim().max(200).optional(),
  memberFeeFen: fen.default(0),
  clubSubsidyFen: fen.default(0),
  sponsors: z.string().trim().max(500).optional(),
  description: z.string().trim().max(2000).optional(),
});
export const invitationCreate = z.object({ customerId: dbId, contactId: dbId.optional() });
export const invitationUpdate = z.object({
  status: z.enum(invitationStatuses).optional(),
  leadOpportunityId: dbId.nullable().optional(),
});
export const clubInvitation = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  contactId: z.number().int().nullable(),
  contactName: z.string().nullable(),
  status: z.enum(invitationStatuses),
  leadOpportunityId: z.number().int().nullable(),
});
export const clubEvent = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(clubEventKinds),
  eventDate: z.string(),
  location: z.string().nullable(),
  memberFeeFen: fen,
  clubSubsidyFen: fen,
  sponsors: z.string().nullable(),
  description: z.string().nullable(),
  invitations: z.array(clubInvitation),
  attended: z.number().int(),
  leads: z.number().int(),
});
export type ClubEvent = z.infer<typeof clubEvent>;

// ------------------------------------------------------------------ warnings

export const warningQuery = pageQuery.extend({
  status: z.enum(warningStatuses).optional(),
  open: z.enum(['true', 'false']).optional(),
  assigneeId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  ruleCode: z.enum(warningRuleCodes).optional(),
});
export const warning = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  ruleCode: z.enum(warningRuleCodes),
  causeKey: z.string(),
  severity: z.enum(warningSeverities),
  facts: z.record(z.string(), z.unknown()),
  assignee: ref.nullable(),
  status: z.enum(warningStatuses),
  closeNote: z.string().nullable(),
  createdAt: timestamp,
  acknowledgedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
});
export type Warning = z.infer<typeof warning>;
export const warningPage = pageOf(warning);
export const warningClose = z.object({ note: text(1000) });
/** Turning a warning into a follow-up task: who does it and by when (defaults: the AM, 1 or 3 days by severity). */
export const warningTask = z.object({
  ownerId: dbId.optional(),
  dueDate: isoDate.optional(),
  title: text(200).optional(),
});
export const warningRuleSetting = z.object({
  ruleCode: z.enum(warningRuleCodes),
  enabled: z.boolean(),
  params: z.record(z.string(), z.number()),
  /** Where the effective setting comes from: built-in default, group-wide, or an org unit. */
  source: z.enum(['default', 'global', 'org_unit']),
  sourceOrgUnitId: z.number().int().nullable(),
  available: z.boolean(),
});
export type WarningRuleSetting = z.infer<typeof warningRuleSetting>;
export const warningRuleSettingSet = z.object({
  ruleCode: z.enum(warningRuleCodes),
  orgUnitId: dbId.nullable(),
  enabled: z.boolean(),
  params: z.record(z.string(), z.number().min(0).max(1e12)).default({}),
});
export const warningEvaluate = z.object({ period: period.optional(), asOf: isoDate.optional() });
export const warningEvaluation = z.object({ evaluated: z.number().int(), created: z.number().int() });

// ------------------------------------------------------------------ workbench

export const workbenchQuery = z.object({ amId: z.coerce.number().int().positive().optional() });
export const workbench = z.object({
  am: ref.nullable(),
  asOf: z.string(),
  portfolio: z.array(
    z.object({
      customerId: z.number().int(),
      customerNo: z.string(),
      name: z.string(),
      status: z.string(),
      tier: z.string().nullable(),
      /** Spend per period, the last 6 periods, oldest first. */
      spend: z.array(z.object({ period, totalFen: fen })),
      openWarnings: z.number().int(),
    }),
  ),
  warnings: z.array(warning),
  tasks: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      dueDate: z.string(),
      customerId: z.number().int().nullable(),
      customerName: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  pipeline: z.array(z.object({ stage: z.enum(opportunityStages), count: z.number().int(), estMonthlyFen: fen })),
  orders: z.array(serviceOrderSummary),
  calendar: z.array(calendarEntry),
});
export type Workbench = z.infer<typeof workbench>;
export const teamOverview = z.array(
  z.object({
    am: ref,
    customers: z.number().int(),
    lastPeriodSpendFen: fen,
    openWarnings: z.number().int(),
    overdueTasks: z.number().int(),
    openOpportunities: z.number().int(),
    pipelineMonthlyFen: fen,
    ordersInFulfilment: z.number().int(),
  }),
);
export type TeamOverview = z.infer<typeof teamOverview>;
