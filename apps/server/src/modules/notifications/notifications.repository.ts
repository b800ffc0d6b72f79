import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications } from './notifications.table';

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationInsert = typeof notifications.$inferInsert;

/** Inserts the alerts that do not exist yet (same user and dedupe key) and returns only the new ones. */
export async function insertNotifications(db: DbOrTx, rows: NotificationInsert[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return db.insert(notifications).values(rows).onConflictDoNothing().returning();
}

export async function listNotifications(
  db: DbOrTx,
  userId: number,
  f: { unread?: boolean; limit: number; offset: number },
) {
  const where = and(eq(notifications.userId, userId), f.unread ? isNull(notifications.readAt) : undefined);
  const [items, [{ total }], unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ total: count() }).from(notifications).where(where),
    countUnread(db, userId),
  ]);
  return { items, total: Number(total), unread };
}

/** Unread alerts of a user: answered from the partial index notifications_user_unread_idx. */
export async function countUnread(db: DbOrTx, userId: number): Promise<number> {
  const [{ unread }] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(unread);
}

export async function markRead(db: DbOrTx, userId: number, id?: number): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(eq(notifications.userId, userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export const findNotification = async (db: DbOrTx, userId: number, id: number) =>
  (
    await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
  )[0];

/** Alerts of one kind and dedupe key (tests and "was it sent" checks). */
export const listByKey = (db: DbOrTx, dedupeKey: string) =>
  db.select().from(notifications).where(eq(notifications.dedupeKey, dedupeKey));
