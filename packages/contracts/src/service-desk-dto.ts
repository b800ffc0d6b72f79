// Response shapes of the unified service desk API (requests and enums are in service-desk.ts).
import { z } from 'zod';
import { pageOf, timestamp } from './common';
import { customerCategories, roles } from './enums';
import {
  callStatuses,
  commitmentStatuses,
  commitmentTypes,
  compensationStatuses,
  complaintResponsibilities,
  holidayKinds,
  kaImportances,
  kaTiers,
  kbLocales,
  kbStatuses,
  slaCalendarKinds,
  slaMetrics,
  ticketChannels,
  ticketSeverities,
  ticketStatuses,
  ticketTypes,
  workOrderStatuses,
} from './service-desk';

const id = z.number().int();
const nullableTs = timestamp.nullable();

export const slaClock = z.object({
  metric: z.enum(slaMetrics),
  targetMinutes: z.number().int(),
  state: z.enum(['running', 'paused', 'stopped']),
  startedAt: timestamp,
  dueAt: nullableTs,
  warnAt: nullableTs,
  consumedMinutes: z.number(),
  warnedAt: nullableTs,
  breachedAt: nullableTs,
  stoppedAt: nullableTs,
  escalationLevel: z.number().int(),
  /** ok | warning | breached | met, from the clock and the time of the request. */
  health: z.enum(['ok', 'warning', 'breached', 'met']),
});
export type SlaClock = z.infer<typeof slaClock>;

export const ticketSummary = z.object({
  id,
  ticketNo: z.string(),
  type: z.enum(ticketTypes),
  channel: z.enum(ticketChannels),
  status: z.enum(ticketStatuses),
  severity: z.enum(ticketSeverities),
  priority: z.number().int(),
  title: z.string(),
  /** Null for an unidentified caller's ticket (raised through TMF621 without a customer). */
  customerId: id.nullable(),
  customerName: z.string().nullable(),
  customerCategory: z.enum(customerCategories),
  tier: z.enum(kaTiers).nullable(),
  ownerId: id,
  ownerName: z.string(),
  categoryName: z.string().nullable(),
  categoryNameEn: z.string().nullable(),
  resolutionDueAt: nullableTs,
  /** When the resolution clock turns to warning (the live SLA countdown colours from it). */
  resolutionWarnAt: nullableTs.optional(),
  /** The resolution clock's state (a paused clock has no due time); null without a clock. */
  resolutionClockState: z.enum(['running', 'paused', 'stopped']).nullable().optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type TicketSummary = z.infer<typeof ticketSummary>;
export const ticketPage = pageOf(ticketSummary);

export const ticketEvent = z.object({
  id,
  at: timestamp,
  kind: z.string(),
  actorName: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  text: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type TicketEvent = z.infer<typeof ticketEvent>;

export const workOrder = z.object({
  id,
  ticketId: id,
  ticketNo: z.string(),
  ticketTitle: z.string(),
  departmentId: id,
  departmentName: z.string(),
  assigneeId: id.nullable(),
  assigneeName: z.string().nullable(),
  status: z.enum(workOrderStatuses),
  instructions: z.string(),
  resolution: z.string().nullable(),
  dueAt: nullableTs,
  createdAt: timestamp,
  resolvedAt: nullableTs,
  overdue: z.boolean(),
});
export type WorkOrder = z.infer<typeof workOrder>;
export const workOrderPage = pageOf(workOrder).extend({
  /** With `unfinished`: how many resolved or cancelled work orders the same filter leaves out (the list's hint). */
  finishedHidden: z.number().int().optional(),
});

export const complaint = z.object({
  ticketId: id,
  rootCause: z.string().nullable(),
  responsibility: z.enum(complaintResponsibilities).nullable(),
  responsibleDepartmentId: id.nullable(),
  responsibleDepartmentName: z.string().nullable(),
  responsibleUserId: id.nullable(),
  responsibleUserName: z.string().nullable(),
  compensationFen: z.number().int().nullable(),
  compensationStatus: z.enum(compensationStatuses),
  compensationDecidedBy: z.string().nullable(),
  customerConfirmedAt: nullableTs,
  confirmationNote: z.string().nullable(),
});
export type Complaint = z.infer<typeof complaint>;

/**
 * A TMF621 attachment ref of a ticket. For an uploaded file `stored` is true and `url` is its download path (only
 * users who can see the ticket may fetch it); otherwise `url` is the reference given when the ticket was opened.
 */
export const attachment = z.object({
  id,
  name: z.string(),
  url: z.string(),
  mimeType: z.string().nullable(),
  description: z.string().nullable(),
  stored: z.boolean(),
  sizeBytes: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
});
export type TicketAttachment = z.infer<typeof attachment>;

export const ticketDetail = ticketSummary.extend({
  description: z.string(),
  callerPhone: z.string().nullable(),
  contactName: z.string().nullable(),
  productInstanceId: id.nullable(),
  serviceNumber: z.string().nullable(),
  categoryId: id.nullable(),
  importance: z.enum(kaImportances).nullable(),
  slaPolicyName: z.string().nullable(),
  requestedResolutionAt: nullableTs,
  nextUpdateDueAt: nullableTs,
  statusReason: z.string().nullable(),
  resolvedAt: nullableTs,
  closedAt: nullableTs,
  clocks: z.array(slaClock),
  events: z.array(ticketEvent),
  workOrders: z.array(workOrder),
  attachments: z.array(attachment),
  complaint: complaint.nullable(),
  /** Transitions the viewer may make now. */
  allowedTransitions: z.array(z.enum(ticketStatuses)),
});
export type TicketDetail = z.infer<typeof ticketDetail>;

export const ownerWorkload = z.array(
  z.object({
    ownerId: id,
    ownerName: z.string(),
    open: z.number().int(),
    pending: z.number().int(),
    breached: z.number().int(),
    dueToday: z.number().int(),
  }),
);

export const department = z.object({
  id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  orgUnitId: id.nullable(),
  headUserId: id.nullable(),
  headUserName: z.string().nullable(),
});
export const ticketCategory = z.object({
  id,
  parentId: id.nullable(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});

export const slaCalendar = z.object({
  id,
  code: z.string(),
  name: z.string(),
  kind: z.enum(slaCalendarKinds),
  workStart: z.string(),
  workEnd: z.string(),
});
export const holiday = z.object({ date: z.string(), kind: z.enum(holidayKinds), name: z.string() });
export const slaPolicy = z.object({
  id,
  name: z.string(),
  ticketType: z.enum(ticketTypes).nullable(),
  customerCategory: z.enum(customerCategories).nullable(),
  tier: z.enum(kaTiers).nullable(),
  importance: z.enum(kaImportances).nullable(),
  severity: z.enum(ticketSeverities).nullable(),
  responseMinutes: z.number().int(),
  resolutionMinutes: z.number().int(),
  updateIntervalMinutes: z.number().int().nullable(),
  calendarId: id,
  calendarName: z.string(),
  warnPercent: z.number().int(),
  active: z.boolean(),
  source: z.string(),
});
export type SlaPolicy = z.infer<typeof slaPolicy>;

const attainmentRow = z.object({
  key: z.string(),
  total: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  open: z.number().int(),
  attainment: z.number().nullable(),
});
export const slaAttainment = z.object({
  byType: z.array(attainmentRow),
  byTier: z.array(attainmentRow),
  byOrgUnit: z.array(attainmentRow),
  byDepartment: z.array(attainmentRow),
});
export type SlaAttainment = z.infer<typeof slaAttainment>;

const countRow = z.object({ key: z.string(), id: id.nullable(), label: z.string(), count: z.number().int() });
export const hotspots = z.object({
  total: z.number().int(),
  topCategories: z.array(countRow),
  topProducts: z.array(countRow),
  byOrgUnit: z.array(countRow),
  trend: z.array(z.object({ month: z.string(), count: z.number().int() })),
  repeatComplainers: z.array(
    z.object({ customerId: id, customerName: z.string(), count: z.number().int(), lastAt: timestamp }),
  ),
  compensationFen: z.number().int(),
});
export type Hotspots = z.infer<typeof hotspots>;
export const hotspotTickets = pageOf(ticketSummary);

export const queuedCall = z.object({
  id,
  phone: z.string(),
  customerId: id.nullable(),
  customerName: z.string().nullable(),
  category: z.enum(customerCategories).nullable(),
  tier: z.enum(kaTiers).nullable(),
  importance: z.enum(kaImportances).nullable(),
  intent: z.enum(ticketTypes),
  severity: z.enum(ticketSeverities),
  priority: z.number().int(),
  status: z.enum(callStatuses),
  arrivedAt: timestamp,
  waitingSeconds: z.number().int(),
  answeredBy: id.nullable(),
});
export type QueuedCall = z.infer<typeof queuedCall>;

export const commitment = z.object({
  id,
  customerId: id,
  customerName: z.string(),
  customerCategory: z.enum(customerCategories),
  type: z.enum(commitmentTypes),
  what: z.string(),
  amountFen: z.number().int().nullable(),
  dueAt: timestamp,
  promiserId: id,
  promiserName: z.string(),
  departmentId: id.nullable(),
  ticketId: id.nullable(),
  opportunityId: id.nullable(),
  orderRef: z.string().nullable(),
  status: z.enum(commitmentStatuses),
  withinLimit: z.boolean(),
  limitFen: z.number().int().nullable(),
  approvedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  evidence: z.string().nullable(),
  fulfilledAt: nullableTs,
  createdAt: timestamp,
});
export type Commitment = z.infer<typeof commitment>;
export const commitmentPage = pageOf(commitment);
export const commitmentLimit = z.object({
  id,
  type: z.enum(commitmentTypes),
  role: z.enum(roles),
  maxAmountFen: z.number().int(),
});

export const callerCard = z.object({
  phone: z.string(),
  identified: z.boolean(),
  customer: z
    .object({
      id,
      customerNo: z.string(),
      name: z.string(),
      category: z.enum(customerCategories),
      status: z.string(),
      mobile: z.string().nullable(),
      orgUnitName: z.string(),
      accountManagerId: id.nullable(),
      accountManagerName: z.string().nullable(),
      accountManagerPhone: z.string().nullable(),
      matchedBy: z.string(),
      matchedContactName: z.string().nullable(),
    })
    .nullable(),
  grading: z
    .object({
      tier: z.enum(kaTiers).nullable(),
      stars: z.number().int().nullable(),
      importance: z.enum(kaImportances).nullable(),
      abcClass: z.string().nullable(),
      period: z.string().nullable(),
    })
    .nullable(),
  entitlements: z.array(z.string()),
  repairLimitMinutes: z.number().int().nullable(),
  openTickets: z.array(ticketSummary),
  openCommitments: z.array(commitment),
  lastBills: z.array(z.object({ period: z.string(), totalFen: z.number().int(), arrearsFen: z.number().int() })),
  products: z.array(
    z.object({
      id,
      serviceNumber: z.string(),
      offeringName: z.string(),
      offeringNameEn: z.string(),
      status: z.string(),
    }),
  ),
  /**
   * The customer's product counts: `total` as the 360 page's Products tab counts them (terminated included), `live`
   * not terminated. `products` lists the first 20 live ones.
   */
  productCounts: z.object({ total: z.number().int(), live: z.number().int() }).optional(),
  /**
   * Service entitlements bound from the grading (key-account tier or star level, 星级服务) by the entitlements
   * module: what the agent may offer (priority queue, free services, points multiplier) and what is left this period.
   */
  privileges: z
    .array(
      z.object({
        code: z.string(),
        nameZh: z.string(),
        nameEn: z.string(),
        tier: z.string(),
        allowance: z.number().int().nullable(),
        value: z.number().int().nullable(),
        remaining: z.number().int().nullable(),
      }),
    )
    .optional(),
  /** The caller holds the priority hotline entitlement (key-account tier or star level). */
  priorityHotline: z.boolean().optional(),
});
export type CallerCard = z.infer<typeof callerCard>;

export const kbArticle = z.object({
  id,
  categoryId: id.nullable(),
  categoryName: z.string().nullable(),
  locale: z.enum(kbLocales),
  title: z.string(),
  body: z.string(),
  productTags: z.array(z.string()),
  status: z.enum(kbStatuses),
  reviewDueDate: z.string().nullable(),
  usageCount: z.number().int(),
  helpfulCount: z.number().int(),
  notHelpfulCount: z.number().int(),
  authorName: z.string().nullable(),
  updatedAt: timestamp,
});
export type KbArticle = z.infer<typeof kbArticle>;
export const kbArticlePage = pageOf(kbArticle);
export const kbCategory = z.object({ id, parentId: id.nullable(), nameZh: z.string(), nameEn: z.string() });

export const notification = z.object({
  id,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  readAt: nullableTs,
  createdAt: timestamp,
});
export type Notification = z.infer<typeof notification>;
export const notificationPage = pageOf(notification).extend({ unread: z.number().int() });
export const notificationUnreadCount = z.object({ unread: z.number().int() });
