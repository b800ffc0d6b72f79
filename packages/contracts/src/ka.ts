// Key-account workbench: enums, account management and entitlements. Sales/fulfilment in ka-sales.ts,
// care/warnings/workbench in ka-care.ts.
import { z } from 'zod';
import { dbId, fen, isoDate, timestamp } from './common';
import { attitudes, decisionRoles } from './enums';

export * from './ka-care';
export * from './ka-sales';

/** KA value tiers, lowest first (DOMAIN.md section 3). */
export const kaTierCodes = ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'] as const;
export type KaTierCode = (typeof kaTierCodes)[number];
export const kaTeamRoles = ['technical_support', 'backup_am'] as const;
export const kaInfluenceLevels = ['high', 'medium', 'low'] as const;
export const kaRelationshipKinds = ['reports_to', 'influences', 'close_to', 'conflicts_with'] as const;
export const kaVisitChannels = ['visit', 'phone', 'meeting', 'event', 'other'] as const;
export const kaTaskStatuses = ['open', 'done', 'cancelled'] as const;
export const kaTaskSources = ['manual', 'visit', 'calendar', 'warning', 'plan', 'order', 'opportunity'] as const;
export const entitlementCategories = [
  'consultation',
  'account_manager',
  'training',
  'club',
  'hotline',
  'repair',
  'line_check',
] as const;
export const entitlementPeriods = ['month', 'quarter', 'year', 'none'] as const;
export const entitlementUnits = ['times', 'hours', 'service'] as const;
export const clubCards = ['diamond', 'gold', 'silver'] as const;

export const userRef = z.object({ id: z.number().int(), displayName: z.string() });

const text = (max: number) => z.string().trim().min(1).max(max);

// ------------------------------------------------------------------ account team and AM history

export const amAssign = z.object({ toUserId: dbId, reason: text(500) });
export const teamMemberAdd = z.object({ userId: dbId, role: z.enum(kaTeamRoles) });
export const accountTeam = z.object({
  customerId: z.number().int(),
  customerName: z.string(),
  accountManager: userRef.nullable(),
  members: z.array(z.object({ userId: z.number().int(), displayName: z.string(), role: z.enum(kaTeamRoles) })),
  assignments: z.array(
    z.object({
      id: z.number().int(),
      fromUser: userRef.nullable(),
      toUser: userRef,
      reason: z.string(),
      assignedByName: z.string().nullable(),
      assignedAt: timestamp,
    }),
  ),
});
export type AccountTeam = z.infer<typeof accountTeam>;

// ------------------------------------------------------------------ account plans

export const planActionInput = z.object({
  id: dbId.optional(),
  title: text(300),
  ownerId: dbId.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  doneDate: isoDate.nullable().optional(),
});
export const accountPlanUpsert = z.object({
  year: z.number().int().min(2000).max(2100),
  revenueTargetFen: fen,
  goals: z.array(text(300)).max(30).default([]),
  reviewNotes: z.string().max(5000).nullable().optional(),
  actions: z.array(planActionInput).max(100).default([]),
});
export const accountPlan = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  year: z.number().int(),
  revenueTargetFen: fen,
  /** Spend billed so far in the plan year. */
  actualFen: fen,
  goals: z.array(z.string()),
  reviewNotes: z.string().nullable(),
  actions: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      ownerId: z.number().int().nullable(),
      ownerName: z.string().nullable(),
      dueDate: z.string().nullable(),
      doneDate: z.string().nullable(),
    }),
  ),
  updatedAt: timestamp,
});
export type AccountPlan = z.infer<typeof accountPlan>;

// ------------------------------------------------------------------ decision chain and visits

export const contactProfileUpdate = z.object({
  influence: z.enum(kaInfluenceLevels).optional(),
  ourContactUserId: dbId.nullable().optional(),
});
export const relationshipCreate = z.object({
  fromContactId: dbId,
  toContactId: dbId,
  kind: z.enum(kaRelationshipKinds),
  note: z.string().trim().max(300).optional(),
});
export const decisionChain = z.object({
  customerId: z.number().int(),
  nodes: z.array(
    z.object({
      contactId: z.number().int(),
      name: z.string(),
      title: z.string().nullable(),
      decisionRole: z.enum(decisionRoles).nullable(),
      attitude: z.enum(attitudes).nullable(),
      influence: z.enum(kaInfluenceLevels),
      ourContact: userRef.nullable(),
      lastVisitAt: timestamp.nullable(),
    }),
  ),
  edges: z.array(
    z.object({
      id: z.number().int(),
      fromContactId: z.number().int(),
      toContactId: z.number().int(),
      kind: z.enum(kaRelationshipKinds),
      note: z.string().nullable(),
    }),
  ),
});
export type DecisionChain = z.infer<typeof decisionChain>;

export const visitCreate = z
  .object({
    channel: z.enum(kaVisitChannels),
    occurredAt: z.iso.datetime({ offset: true }),
    contactIds: z.array(dbId).max(50).default([]),
    purpose: text(1000),
    outcome: z.string().trim().max(2000).optional(),
    nextStep: z.string().trim().max(500).optional(),
    nextStepDue: isoDate.optional(),
  })
  .refine((v) => !v.nextStep || v.nextStepDue, { path: ['nextStepDue'], message: 'required with a next step' });
export const visit = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  user: userRef,
  channel: z.enum(kaVisitChannels),
  occurredAt: timestamp,
  contactIds: z.array(z.number().int()),
  purpose: z.string(),
  outcome: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextStepDue: z.string().nullable(),
  taskId: z.number().int().nullable(),
});
export type Visit = z.infer<typeof visit>;

// ------------------------------------------------------------------ tasks

export const taskCreate = z.object({
  title: text(300),
  dueDate: isoDate,
  customerId: dbId.optional(),
  ownerId: dbId.optional(),
  source: z.enum(kaTaskSources).default('manual'),
  /** e.g. a calendar entry key: the same source becomes a task only once per owner. */
  sourceKey: z.string().trim().min(1).max(200).optional(),
});
export const taskUpdate = z.object({
  title: text(300).optional(),
  dueDate: isoDate.optional(),
  status: z.enum(kaTaskStatuses).optional(),
});
export const taskQuery = z.object({
  ownerId: z.coerce.number().int().positive().optional(),
  status: z.enum(kaTaskStatuses).optional(),
  dueBefore: isoDate.optional(),
  customerId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const kaTask = z.object({
  id: z.number().int(),
  owner: userRef,
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  title: z.string(),
  dueDate: z.string(),
  status: z.enum(kaTaskStatuses),
  source: z.enum(kaTaskSources),
  sourceKey: z.string().nullable(),
  overdue: z.boolean(),
});
export type KaTask = z.infer<typeof kaTask>;

// ------------------------------------------------------------------ entitlements

export const entitlementTierRule = z.object({
  tier: z.enum(kaTierCodes),
  allowance: z.number().int().nullable(),
  value: z.number().int().nullable(),
  enabled: z.boolean(),
});
/** The star levels grading computes for individual customers (DOMAIN §3: 3 / 4 / 5 stars). */
export const starLevelCodes = ['star3', 'star4', 'star5'] as const;
export type StarLevelCode = (typeof starLevelCodes)[number];
/** A tier rule of a star level (星级服务), shown as star columns next to the key-account tiers. */
export const entitlementStarRule = z.object({
  tier: z.enum(starLevelCodes),
  allowance: z.number().int().nullable(),
  value: z.number().int().nullable(),
  enabled: z.boolean(),
});
export const entitlementType = z.object({
  id: z.number().int(),
  code: z.string(),
  category: z.enum(entitlementCategories),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.enum(entitlementUnits),
  period: z.enum(entitlementPeriods),
  clubCardOnly: z.boolean(),
  tiers: z.array(entitlementTierRule),
  /** What each star level gets (empty when no star level has this entitlement). */
  stars: z.array(entitlementStarRule),
});
export type EntitlementType = z.infer<typeof entitlementType>;
export const entitlementTierRuleUpdate = z.object({
  allowance: z.number().int().min(0).max(100_000).nullable().optional(),
  value: z.number().int().min(0).max(100_000).nullable().optional(),
  enabled: z.boolean().optional(),
});

/** Star levels of individual customers bind entitlements like key-account tiers, under `star3`, `star4`, `star5`. */
export const starTierCode = z.templateLiteral(['star', z.number().int()]);
export const bindingTierCode = z.union([z.enum(kaTierCodes), starTierCode]);
export type BindingTierCode = z.infer<typeof bindingTierCode>;
export const customerEntitlement = z.object({
  typeId: z.number().int(),
  code: z.string(),
  category: z.enum(entitlementCategories),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.enum(entitlementUnits),
  period: z.enum(entitlementPeriods),
  tier: bindingTierCode,
  /** Per period; null = unlimited. */
  allowance: z.number().int().nullable(),
  value: z.number().int().nullable(),
  validFrom: z.string(),
  periodKey: z.string(),
  used: z.number().int(),
  remaining: z.number().int().nullable(),
  over: z.boolean(),
});
export const entitlementUsage = z.object({
  id: z.number().int(),
  typeId: z.number().int(),
  code: z.string(),
  usedOn: z.string(),
  periodKey: z.string(),
  quantity: z.number().int(),
  usedBy: z.string().nullable(),
  note: z.string().nullable(),
  overAllowance: z.boolean(),
  recordedByName: z.string().nullable(),
});
export type EntitlementUsage = z.infer<typeof entitlementUsage>;
export const customerEntitlements = z.object({
  customerId: z.number().int(),
  tier: bindingTierCode.nullable(),
  clubCard: z.enum(clubCards).nullable(),
  asOf: z.string(),
  items: z.array(customerEntitlement),
  usages: z.array(entitlementUsage),
});
export type CustomerEntitlements = z.infer<typeof customerEntitlements>;
export const entitlementUsageCreate = z.object({
  code: z.string().trim().min(1).max(64),
  usedOn: isoDate,
  quantity: z.number().int().min(1).max(1000).default(1),
  usedBy: z.string().trim().max(100).optional(),
  contactId: dbId.optional(),
  note: z.string().trim().max(500).optional(),
});
export const entitlementUsageResult = entitlementUsage.extend({
  allowance: z.number().int().nullable(),
  remaining: z.number().int().nullable(),
});
export const clubMembershipSet = z.object({
  card: z.enum(clubCards).nullable(),
  cardNo: z.string().trim().max(32).optional(),
  since: isoDate.optional(),
});
export const rebindResult = z.object({
  customerId: z.number().int(),
  tier: bindingTierCode.nullable(),
  opened: z.number().int(),
  closed: z.number().int(),
});
