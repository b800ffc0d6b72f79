import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per (user, Idempotency-Key). `status_code` 0 = pending: claimed by the attempt holding `claim_token` since
 * `claimed_at`. `committed` (with the created `entity` / `entity_id`) is written in the same transaction as the
 * record, so a key whose response was lost in a crash still knows its outcome (ADR 0010).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: jsonb('response_body'),
    claimToken: text('claim_token'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    committed: boolean('committed').notNull().default(false),
    entity: text('entity'),
    entityId: text('entity_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_at_idx').on(t.createdAt)],
);
