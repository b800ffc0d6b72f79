// Unified service desk: enums and request schemas of tickets, work orders, SLA, queue, knowledge base, commitments.
// Response shapes live in service-desk-dto.ts.
import { z } from 'zod';
import { dbId, fen, isoDate, pageQuery } from './common';
import { isHttpUrl } from './validators';

export const ticketTypes = ['consultation', 'complaint', 'fault_report', 'service_order', 'suggestion'] as const;
export type TicketType = (typeof ticketTypes)[number];
export const ticketChannels = [
  'phone',
  'counter',
  'web',
  'weibo',
  'wechat',
  'qq',
  'complaint_form',
  'gm_hotline',
] as const;
export type TicketChannel = (typeof ticketChannels)[number];
/** TMF621 trouble ticket status values. */
export const ticketStatuses = [
  'acknowledged',
  'inProgress',
  'held',
  'pending',
  'resolved',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketSeverities = ['critical', 'major', 'minor'] as const;
export type TicketSeverity = (typeof ticketSeverities)[number];
/** KA value tiers, lowest first. */
export const kaTiers = ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'] as const;
export type KaTier = (typeof kaTiers)[number];
export const kaImportances = ['important', 'extra_large', 'ordinary', 'below_threshold'] as const;
export type KaImportance = (typeof kaImportances)[number];
export const workOrderStatuses = ['open', 'inProgress', 'resolved', 'cancelled'] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];
export const slaMetrics = ['response', 'resolution'] as const;
export type SlaMetric = (typeof slaMetrics)[number];
export const slaCalendarKinds = ['24x7', 'business'] as const;
export const holidayKinds = ['holiday', 'workday'] as const;
export const callStatuses = ['waiting', 'answered', 'abandoned'] as const;
export const compensationStatuses = ['none', 'proposed', 'approved', 'rejected'] as const;
/** A complaint's responsibility decision (责任认定): a department, an employee, or no internal responsibility. */
export const complaintResponsibilities = ['department', 'employee', 'none'] as const;
export type ComplaintResponsibility = (typeof complaintResponsibilities)[number];
export const commitmentTypes = ['plan_change', 'discount', 'compensation', 'repair', 'delivery', 'other'] as const;
export type CommitmentType = (typeof commitmentTypes)[number];
export const commitmentStatuses = [
  'pending_approval',
  'open',
  'fulfilled',
  'overdue',
  'cancelled',
  'rejected',
] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];
export const kbLocales = ['zh-CN', 'en'] as const;
export const kbStatuses = ['draft', 'published', 'archived'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();
const ts = z.iso.datetime({ offset: true });
/** 'true' / 'false' in a query string (z.coerce.boolean would read 'false' as true). */
const boolQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
const phoneQuery = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^\+?[0-9 -]+$/, 'digits only');

/** A link to store: http(s) only (a `javascript:` or `data:` URL would run in the browser of whoever opens it). */
export const httpUrl = z.string().trim().max(2000).refine(isHttpUrl, 'must be an http:// or https:// URL');

export const attachmentInput = z.object({
  name: text(200),
  url: httpUrl,
  mimeType: optText(100),
  description: optText(500),
});

export const ticketCreate = z.object({
  type: z.enum(ticketTypes),
  channel: z.enum(ticketChannels),
  customerId: dbId,
  productInstanceId: dbId.nullish(),
  categoryId: dbId.nullish(),
  severity: z.enum(ticketSeverities).default('minor'),
  title: text(200),
  description: z.string().trim().max(10_000).default(''),
  callerPhone: optText(32),
  contactName: optText(100),
  /** TMF621 requestedResolutionDate: a committed date (e.g. before the billing cut-off) shortens the target. */
  requestedResolutionAt: ts.nullish(),
  attachments: z.array(attachmentInput).max(20).default([]),
  /** TMF621 externalId: the ticket's identifier in the system that raised it. */
  externalId: optText(100),
  /** The waiting-queue call this ticket answers, if any. */
  callId: dbId.nullish(),
});
export type TicketCreate = z.infer<typeof ticketCreate>;

export const ticketTransition = z.object({
  status: z.enum(ticketStatuses),
  reason: z.string().trim().max(2000).optional(),
  /** For resolved -> closed: the customer confirmed the resolution. */
  customerConfirmed: z.boolean().optional(),
});
export const ticketNote = z.object({
  text: text(5000),
  /** A note told to the customer restarts the update-interval clock. */
  toCustomer: z.boolean().default(false),
});
export const ticketListQuery = pageQuery.extend({
  status: z.enum(ticketStatuses).optional(),
  open: boolQuery,
  type: z.enum(ticketTypes).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  ownerId: z.coerce.number().int().positive().optional(),
  mine: boolQuery,
  search: z.string().trim().max(100).optional(),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

export const workOrderCreate = z.object({
  departmentId: dbId,
  assigneeId: dbId.nullish(),
  instructions: text(5000),
  dueAt: ts.nullish(),
});
export const workOrderUpdate = z.object({
  /** Re-routes the work to another department (the ticket's owner stays the owner). */
  departmentId: dbId.optional(),
  dueAt: ts.nullish(),
  status: z.enum(workOrderStatuses).optional(),
  assigneeId: dbId.nullish(),
  resolution: optText(5000),
});
export const workOrderListQuery = pageQuery.extend({
  departmentId: z.coerce.number().int().positive().optional(),
  status: z.enum(workOrderStatuses).optional(),
  mine: boolQuery,
  /** Only work still to do (open or in progress); the page then counts the finished ones it hides. */
  unfinished: boolQuery,
});

export const departmentCreate = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{2,32}$/),
  name: text(100),
  nameEn: optText(100),
  orgUnitId: dbId.nullish(),
  headUserId: dbId.nullish(),
});

export const categoryCreate = z.object({
  parentId: dbId.nullish(),
  code: text(40),
  nameZh: text(100),
  nameEn: text(100),
});

export const complaintUpdate = z.object({
  rootCause: optText(2000),
  /** The decision; when absent it is inferred from the ids sent (an employee, else a department). */
  responsibility: z.enum(complaintResponsibilities).nullish(),
  responsibleDepartmentId: dbId.nullish(),
  responsibleUserId: dbId.nullish(),
  compensationFen: fen.nullish(),
  customerConfirmed: z.boolean().optional(),
  confirmationNote: optText(1000),
});
export const compensationDecision = z.object({ approve: z.boolean(), note: optText(1000) });

export const slaPolicyInput = z.object({
  name: text(100),
  ticketType: z.enum(ticketTypes).nullish(),
  customerCategory: z.enum(['key_account', 'business', 'public']).nullish(),
  tier: z.enum(kaTiers).nullish(),
  importance: z.enum(kaImportances).nullish(),
  severity: z.enum(ticketSeverities).nullish(),
  responseMinutes: z.number().int().min(1).max(100_000),
  resolutionMinutes: z.number().int().min(1).max(1_000_000),
  updateIntervalMinutes: z.number().int().min(1).max(100_000).nullish(),
  calendarId: dbId,
  warnPercent: z.number().int().min(1).max(99).default(80),
  active: z.boolean().default(true),
});
export type SlaPolicyInput = z.infer<typeof slaPolicyInput>;
export const holidayInput = z.object({ date: isoDate, kind: z.enum(holidayKinds), name: text(100) });
export const calendarUpdate = z.object({
  workStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  workEnd: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/),
});
export const reportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  orgUnitId: z.coerce.number().int().positive().optional(),
});
export const hotspotQuery = reportQuery.extend({
  categoryId: z.coerce.number().int().positive().optional(),
  offeringId: z.coerce.number().int().positive().optional(),
});

export const callerQuery = z.object({ phone: phoneQuery });
export const callerRegister = z.object({
  name: text(100),
  phone: phoneQuery,
  partyType: z.enum(['individual', 'organization']).default('individual'),
  category: z.enum(['business', 'public']).default('public'),
});
export const callArrive = z.object({
  phone: phoneQuery,
  /** What the caller chose in the IVR menu. */
  intent: z.enum(ticketTypes).default('consultation'),
  severity: z.enum(ticketSeverities).default('minor'),
  arrivedAt: ts.optional(),
});

export const kbArticleInput = z.object({
  categoryId: dbId.nullish(),
  locale: z.enum(kbLocales),
  title: text(200),
  body: text(50_000),
  productTags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  status: z.enum(kbStatuses).default('published'),
  reviewDueDate: isoDate.nullish(),
});
export const kbSearchQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  locale: z.enum(kbLocales).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  productTag: z.string().trim().max(40).optional(),
  reviewDue: boolQuery,
});
/** Articles suggested for a ticket's text (title, description, category), most relevant first. */
export const kbSuggestQuery = z.object({
  ticketId: z.coerce.number().int().positive(),
  locale: z.enum(kbLocales).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export const kbUse = z.object({ ticketId: dbId.nullish() });
export const kbVote = z.object({ helpful: z.boolean() });
export const kbCategoryInput = z.object({ parentId: dbId.nullish(), nameZh: text(100), nameEn: text(100) });

export const commitmentCreate = z.object({
  customerId: dbId,
  type: z.enum(commitmentTypes),
  what: text(2000),
  amountFen: fen.nullish(),
  dueAt: ts,
  /** Defaults to the signed-in user. */
  promiserId: dbId.nullish(),
  departmentId: dbId.nullish(),
  ticketId: dbId.nullish(),
  opportunityId: dbId.nullish(),
  orderRef: optText(64),
});
export type CommitmentCreate = z.infer<typeof commitmentCreate>;
export const commitmentAction = z.object({
  action: z.enum(['approve', 'reject', 'fulfil', 'cancel']),
  note: optText(2000),
  /** Required to fulfil: what shows the promise was kept. */
  evidence: optText(2000),
});
export const commitmentListQuery = pageQuery.extend({
  status: z.enum(commitmentStatuses).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  ticketId: z.coerce.number().int().positive().optional(),
  mine: boolQuery,
  keyAccountsOnly: boolQuery,
  openOnly: boolQuery,
});
export const commitmentLimitInput = z.object({
  type: z.enum(commitmentTypes),
  role: z.enum(['admin', 'manager', 'account_manager', 'agent', 'back_office', 'quality', 'marketing', 'finance']),
  maxAmountFen: fen,
});
export const notificationListQuery = pageQuery.extend({ unread: boolQuery });
