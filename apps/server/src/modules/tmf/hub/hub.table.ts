import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../org/org.table';

/** TMF688-style event subscriptions (POST /tmf-api/<api>/v4/hub) of an integration, owned by its user. */
export const tmfHubSubscriptions = pgTable(
  'tmf_hub_subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The API the hub belongs to, e.g. "troubleTicket", "customerManagement". */
    api: text('api').notNull(),
    callback: text('callback').notNull(),
    query: text('query'),
    /** The subscriber: only events of resources this user may see are delivered to it. */
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** HMAC-SHA256 key of the X-Hub-Signature-256 header (kept in clear: signing needs it; shown once). */
    secret: text('secret').notNull(),
    /** The delivery lease: one deliverer per subscription at a time (order kept across workers). */
    leaseHolder: text('lease_holder'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('tmf_hub_subscriptions_api_idx').on(t.api).where(sql`${t.deletedAt} is null`)],
);

/**
 * The outbox: one row per event and subscription, written in the transaction of the change (so an event exists if
 * and only if its change committed); delivered in id order per subscription by the `tmf-hub.deliver` job.
 */
export const tmfEventOutbox = pgTable(
  'tmf_event_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => tmfHubSubscriptions.id),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The notification exactly as POSTed to the callback. */
    body: jsonb('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('tmf_event_outbox_pending_idx').on(t.subscriptionId, t.id).where(sql`${t.deliveredAt} is null`)],
);

/** Every delivery attempt: when, the HTTP status answered (null when none) and the error. */
export const tmfHubDeliveries = pgTable(
  'tmf_hub_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    outboxId: bigint('outbox_id', { mode: 'number' })
      .notNull()
      .references(() => tmfEventOutbox.id),
    subscriptionId: integer('subscription_id').notNull(),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('tmf_hub_deliveries_outbox_idx').on(t.outboxId, t.attempt)],
);
