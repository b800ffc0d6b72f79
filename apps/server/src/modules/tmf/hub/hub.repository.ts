import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { tmfEventOutbox, tmfHubDeliveries, tmfHubSubscriptions } from './hub.table';

export type SubscriptionRow = typeof tmfHubSubscriptions.$inferSelect;
export type OutboxRow = typeof tmfEventOutbox.$inferSelect;

export async function insertSubscription(db: DbOrTx, values: typeof tmfHubSubscriptions.$inferInsert) {
  const [row] = await db.insert(tmfHubSubscriptions).values(values).returning();
  return row;
}

export async function findLiveSubscription(db: DbOrTx, api: string, id: number) {
  const [row] = await db
    .select()
    .from(tmfHubSubscriptions)
    .where(
      and(eq(tmfHubSubscriptions.id, id), eq(tmfHubSubscriptions.api, api), isNull(tmfHubSubscriptions.deletedAt)),
    );
  return row;
}

export const findSubscription = async (db: DbOrTx, id: number) =>
  (await db.select().from(tmfHubSubscriptions).where(eq(tmfHubSubscriptions.id, id)))[0];

export async function markSubscriptionDeleted(db: DbOrTx, id: number, at: Date) {
  const [row] = await db
    .update(tmfHubSubscriptions)
    .set({ deletedAt: at })
    .where(eq(tmfHubSubscriptions.id, id))
    .returning();
  return row;
}

export const listLiveSubscriptions = (db: DbOrTx, api: string) =>
  db
    .select()
    .from(tmfHubSubscriptions)
    .where(and(eq(tmfHubSubscriptions.api, api), isNull(tmfHubSubscriptions.deletedAt)))
    .orderBy(asc(tmfHubSubscriptions.id));

export async function insertOutbox(db: DbOrTx, values: typeof tmfEventOutbox.$inferInsert) {
  const [row] = await db.insert(tmfEventOutbox).values(values).returning();
  return row;
}

/** Many outbox rows in one statement; their ids in insertion order. */
export async function insertOutboxRows(db: DbOrTx, values: (typeof tmfEventOutbox.$inferInsert)[]) {
  if (values.length === 0) return [];
  const rows = await db.insert(tmfEventOutbox).values(values).returning({ id: tmfEventOutbox.id });
  return rows.map((r) => r.id);
}

/** The oldest undelivered event of a subscription. */
export async function findOldestPending(db: DbOrTx, subscriptionId: number) {
  const [row] = await db
    .select()
    .from(tmfEventOutbox)
    .where(and(eq(tmfEventOutbox.subscriptionId, subscriptionId), isNull(tmfEventOutbox.deliveredAt)))
    .orderBy(asc(tmfEventOutbox.id))
    .limit(1);
  return row;
}

/**
 * Takes (or extends) the delivery lease of a subscription until `until`: one deliverer per subscription at a time,
 * without holding a transaction open during the HTTP call. False when another deliverer holds it.
 */
export async function takeDeliveryLease(db: DbOrTx, id: number, holder: string, now: Date, until: Date) {
  const rows = await db
    .update(tmfHubSubscriptions)
    .set({ leaseHolder: holder, leaseUntil: until })
    .where(
      and(
        eq(tmfHubSubscriptions.id, id),
        sql`(${tmfHubSubscriptions.leaseUntil} is null or ${tmfHubSubscriptions.leaseUntil} < ${now.toISOString()}::timestamptz or ${tmfHubSubscriptions.leaseHolder} = ${holder})`,
      ),
    )
    .returning({ id: tmfHubSubscriptions.id });
  return rows.length > 0;
}

export async function releaseDeliveryLease(db: DbOrTx, id: number, holder: string) {
  await db
    .update(tmfHubSubscriptions)
    .set({ leaseHolder: null, leaseUntil: null })
    .where(and(eq(tmfHubSubscriptions.id, id), eq(tmfHubSubscriptions.leaseHolder, holder)));
}

export async function recordAttempt(
  db: DbOrTx,
  outbox: OutboxRow,
  result: { at: Date; statusCode: number | null; error: string | null; durationMs: number; delivered: boolean },
) {
  await db
    .update(tmfEventOutbox)
    .set({ attempts: outbox.attempts + 1, ...(result.delivered ? { deliveredAt: result.at } : {}) })
    .where(eq(tmfEventOutbox.id, outbox.id));
  await db.insert(tmfHubDeliveries).values({
    outboxId: outbox.id,
    subscriptionId: outbox.subscriptionId,
    attempt: outbox.attempts + 1,
    at: result.at,
    statusCode: result.statusCode,
    error: result.error,
    durationMs: result.durationMs,
  });
}

/** Subscriptions (live) with undelivered events. */
export async function subscriptionsWithPending(db: DbOrTx): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: tmfEventOutbox.subscriptionId })
    .from(tmfEventOutbox)
    .innerJoin(tmfHubSubscriptions, eq(tmfHubSubscriptions.id, tmfEventOutbox.subscriptionId))
    .where(and(isNull(tmfEventOutbox.deliveredAt), isNull(tmfHubSubscriptions.deletedAt)));
  return rows.map((r) => r.id);
}

export const listDeliveries = (db: DbOrTx, subscriptionId: number) =>
  db
    .select()
    .from(tmfHubDeliveries)
    .where(eq(tmfHubDeliveries.subscriptionId, subscriptionId))
    .orderBy(asc(tmfHubDeliveries.id));

export const listOutbox = (db: DbOrTx, subscriptionId: number) =>
  db
    .select()
    .from(tmfEventOutbox)
    .where(eq(tmfEventOutbox.subscriptionId, subscriptionId))
    .orderBy(asc(tmfEventOutbox.id));

/**
 * Deletes outbox rows delivered before `before`, or queued before it for a subscription deleted before it, with
 * their delivery attempts, in one transaction; the number of events deleted.
 */
export async function purgeOutboxBefore(db: DbOrTx, before: Date): Promise<number> {
  const at = before.toISOString();
  const doomed = sql`select o.id from tmf_event_outbox o join tmf_hub_subscriptions s on s.id = o.subscription_id
    where o.delivered_at < ${at}::timestamptz
       or (o.created_at < ${at}::timestamptz and s.deleted_at < ${at}::timestamptz)`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`delete from tmf_hub_deliveries where outbox_id in (${doomed})`);
    const deleted = await tx.execute(sql`delete from tmf_event_outbox where id in (${doomed}) returning id`);
    return (deleted as unknown as { rows: unknown[] }).rows.length;
  });
}
