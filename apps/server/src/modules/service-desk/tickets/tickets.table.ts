import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../../customers/customers.table';
import { orgUnits, users } from '../../org/org.table';
import { productInstances } from '../../products/products.table';

// Enum values repeat those of @crm/contracts (service-desk.ts): drizzle-kit loads table files on their own.
const ticketTypes = ['consultation', 'complaint', 'fault_report', 'service_order', 'suggestion'] as const;
const ticketChannels = ['phone', 'counter', 'web', 'weibo', 'wechat', 'qq', 'complaint_form', 'gm_hotline'] as const;
const ticketStatuses = [
  'acknowledged',
  'inProgress',
  'held',
  'pending',
  'resolved',
  'closed',
  'rejected',
  'cancelled',
] as const;
const ticketSeverities = ['critical', 'major', 'minor'] as const;
const kaTiers = ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'] as const;
const kaImportances = ['important', 'extra_large', 'ordinary', 'below_threshold'] as const;
const workOrderStatuses = ['open', 'inProgress', 'resolved', 'cancelled'] as const;
const compensationStatuses = ['none', 'proposed', 'approved', 'rejected'] as const;
const complaintResponsibilities = ['department', 'employee', 'none'] as const;

/** Back-office departments that receive work orders (网络部, 计费中心 ...). */
export const departments = pgTable(
  'departments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id),
    headUserId: integer('head_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('departments_code_uq').on(t.code)],
);

/** Configurable ticket taxonomy (two levels: area -> cause). */
export const ticketCategories = pgTable(
  'ticket_categories',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id'),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ticket_categories_code_uq').on(t.code)],
);

/** TMF621 TroubleTicket. The owner is the first employee who received the request (首问负责制) and never changes. */
export const tickets = pgTable(
  'tickets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ticketNo: text('ticket_no').notNull(),
    type: text('type', { enum: ticketTypes }).notNull(),
    channel: text('channel', { enum: ticketChannels }).notNull(),
    status: text('status', { enum: ticketStatuses }).notNull().default('acknowledged'),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    severity: text('severity', { enum: ticketSeverities }).notNull(),
    priority: integer('priority').notNull().default(0),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Null for an unidentified caller's ticket (no customer named, e.g. raised through TMF621 without a customer). */
    customerId: integer('customer_id').references(() => customers.id),
    productInstanceId: integer('product_instance_id').references(() => productInstances.id),
    categoryId: integer('category_id').references(() => ticketCategories.id),
    callerPhone: text('caller_phone'),
    contactName: text('contact_name'),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    /** The owner's org unit when the ticket was opened (SLA attainment by org unit). */
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** Customer facts when the ticket was opened: the SLA policy was matched on them. */
    customerCategory: text('customer_category', { enum: ['key_account', 'business', 'public'] }).notNull(),
    tier: text('tier', { enum: kaTiers }),
    importance: text('importance', { enum: kaImportances }),
    slaPolicyId: integer('sla_policy_id'),
    /** TMF621 externalId: the ticket's identifier in the system that raised it (set through the TMF621 API). */
    externalId: text('external_id'),
    /** TMF621 ticketType and severity as the client system sent them (our `type`/`severity` are mapped from them). */
    clientTicketType: text('client_ticket_type'),
    clientSeverity: text('client_severity'),
    requestedResolutionAt: timestamp('requested_resolution_at', { withTimezone: true }),
    updateIntervalMinutes: integer('update_interval_minutes'),
    nextUpdateDueAt: timestamp('next_update_due_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Deleted through TMF621 DELETE: hidden everywhere (kept for the audit trail and reports). */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tickets_no_uq').on(t.ticketNo),
    index('tickets_customer_idx').on(t.customerId, t.createdAt),
    index('tickets_owner_idx').on(t.ownerId, t.status),
    index('tickets_status_idx').on(t.status, t.priority),
    index('tickets_type_created_idx').on(t.type, t.createdAt),
    index('tickets_category_idx').on(t.categoryId),
    index('tickets_update_due_idx').on(t.nextUpdateDueAt).where(sql`${t.nextUpdateDueAt} is not null`),
    /** Open tickets of an SLA policy (recomputed when the policy's targets change). */
    index('tickets_open_policy_idx')
      .on(t.slaPolicyId, t.id)
      .where(sql`${t.status} in ('acknowledged', 'inProgress', 'held', 'pending')`),
    /** Whether a customer has any open ticket (the caller card asks for every caller; most have none). */
    index('tickets_customer_open_idx')
      .on(t.customerId)
      .where(sql`${t.status} in ('acknowledged', 'inProgress', 'held', 'pending') and ${t.deletedAt} is null`),
  ],
);

/** The ticket's timeline: every change (status, routing, notes, SLA warnings and breaches ...). */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').notNull(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    text: text('text'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.at)],
);

/**
 * TMF621 attachments of a ticket: either a reference (`url`) to a document held elsewhere, or an uploaded file stored
 * under the data directory by a random key (`storageKey`, with its size and SHA-256; `url` is then null).
 */
export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    url: text('url'),
    mimeType: text('mime_type'),
    description: text('description'),
    storageKey: text('storage_key'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ticket_attachments_ticket_idx').on(t.ticketId),
    uniqueIndex('ticket_attachments_key_uq').on(t.storageKey),
  ],
);

/** Work routed to a department: its own assignee and due time. Departments resolve work orders, never tickets. */
export const workOrders = pgTable(
  'work_orders',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    assigneeId: integer('assignee_id').references(() => users.id),
    status: text('status', { enum: workOrderStatuses }).notNull().default('open'),
    instructions: text('instructions').notNull(),
    resolution: text('resolution'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('work_orders_ticket_idx').on(t.ticketId),
    index('work_orders_department_idx').on(t.departmentId, t.status),
    index('work_orders_assignee_idx').on(t.assigneeId, t.status),
  ],
);

/** Complaint handling of a complaint ticket: root cause, responsibility, compensation, customer confirmation. */
export const ticketComplaints = pgTable(
  'ticket_complaints',
  {
    ticketId: integer('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    rootCause: text('root_cause'),
    /** The responsibility decision (null until quality supervision or a manager decides). */
    responsibility: text('responsibility', { enum: complaintResponsibilities }),
    responsibleDepartmentId: integer('responsible_department_id').references(() => departments.id),
    responsibleUserId: integer('responsible_user_id').references(() => users.id),
    compensationFen: bigint('compensation_fen', { mode: 'number' }),
    compensationStatus: text('compensation_status', { enum: compensationStatuses }).notNull().default('none'),
    /** Who proposed the current compensation (four-eyes: they may not decide it). */
    compensationProposedBy: integer('compensation_proposed_by').references(() => users.id),
    compensationDecidedBy: integer('compensation_decided_by').references(() => users.id),
    compensationDecidedAt: timestamp('compensation_decided_at', { withTimezone: true }),
    customerConfirmedAt: timestamp('customer_confirmed_at', { withTimezone: true }),
    confirmationNote: text('confirmation_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_complaints_responsible_idx').on(t.responsibleUserId)],
);
