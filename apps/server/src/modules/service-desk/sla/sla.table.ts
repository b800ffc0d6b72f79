import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tickets } from '../tickets/tickets.table';

/** Working-time calendars: 7x24, or business hours on working days (weekends and holidays off, make-up days on). */
export const slaCalendars = pgTable(
  'sla_calendars',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['24x7', 'business'] }).notNull(),
    /** Local (Asia/Shanghai) working hours, minutes after midnight. */
    workStartMinute: integer('work_start_minute').notNull().default(540),
    workEndMinute: integer('work_end_minute').notNull().default(1080),
  },
  (t) => [uniqueIndex('sla_calendars_code_uq').on(t.code)],
);

/** The public holiday calendar of business-hours calendars: holidays, and make-up working days (调休). */
export const slaHolidays = pgTable('sla_holidays', {
  date: date('date').primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
});

/**
 * SLA targets matched by ticket type x customer category / tier / importance x severity (null = any; the most
 * specific active policy wins). KA fault-repair policies hold the committed repair limits per tier; `source`
 * 'entitlement' marks targets that the entitlements module will maintain once it exists.
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    ticketType: text('ticket_type', {
      enum: ['consultation', 'complaint', 'fault_report', 'service_order', 'suggestion'],
    }),
    customerCategory: text('customer_category', { enum: ['key_account', 'business', 'public'] }),
    tier: text('tier', { enum: ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'] }),
    importance: text('importance', { enum: ['important', 'extra_large', 'ordinary', 'below_threshold'] }),
    severity: text('severity', { enum: ['critical', 'major', 'minor'] }),
    responseMinutes: integer('response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    updateIntervalMinutes: integer('update_interval_minutes'),
    calendarId: integer('calendar_id')
      .notNull()
      .references(() => slaCalendars.id),
    warnPercent: integer('warn_percent').notNull().default(80),
    active: boolean('active').notNull().default(true),
    source: text('source', { enum: ['default', 'custom', 'entitlement'] })
      .notNull()
      .default('custom'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sla_policies_type_idx').on(t.ticketType, t.active)],
);

/**
 * One SLA clock per ticket and metric. Working time consumed is kept in `consumedMs` up to `runningSince`; while
 * paused (pending on the customer, or resolved) `dueAt` is null. Breach and warning timestamps are set once.
 */
export const slaClocks = pgTable(
  'sla_clocks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    metric: text('metric', { enum: ['response', 'resolution'] }).notNull(),
    calendarId: integer('calendar_id')
      .notNull()
      .references(() => slaCalendars.id),
    targetMinutes: integer('target_minutes').notNull(),
    /** A committed limit (the KA repair limit of the entitlements) that caps the policy's target, when one applied. */
    capMinutes: integer('cap_minutes'),
    warnPercent: integer('warn_percent').notNull(),
    state: text('state', { enum: ['running', 'paused', 'stopped'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    runningSince: timestamp('running_since', { withTimezone: true }),
    consumedMs: bigint('consumed_ms', { mode: 'number' }).notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    escalationLevel: integer('escalation_level').notNull().default(0),
  },
  (t) => [
    uniqueIndex('sla_clocks_ticket_metric_uq').on(t.ticketId, t.metric),
    index('sla_clocks_due_idx').on(t.dueAt).where(sql`${t.state} = 'running'`),
    index('sla_clocks_warn_idx').on(t.warnAt).where(sql`${t.state} = 'running' and ${t.warnedAt} is null`),
  ],
);

/** Recorded SLA warnings, breaches and escalations: each (clock, kind, level) at most once. */
export const slaEvents = pgTable(
  'sla_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    clockId: integer('clock_id')
      .notNull()
      .references(() => slaClocks.id, { onDelete: 'cascade' }),
    ticketId: integer('ticket_id').notNull(),
    kind: text('kind', { enum: ['warning', 'breach', 'escalation'] }).notNull(),
    level: integer('level').notNull().default(0),
    notifiedUserIds: integer('notified_user_ids').array().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sla_events_once_uq').on(t.clockId, t.kind, t.level),
    index('sla_events_ticket_idx').on(t.ticketId),
  ],
);
