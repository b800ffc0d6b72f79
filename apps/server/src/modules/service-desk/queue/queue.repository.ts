import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { hotlineCalls } from './queue.table';

export type CallRow = typeof hotlineCalls.$inferSelect;

export async function insertCall(db: DbOrTx, values: typeof hotlineCalls.$inferInsert): Promise<CallRow> {
  const [row] = await db.insert(hotlineCalls).values(values).returning();
  return row;
}

export async function findCall(db: DbOrTx, id: number, lock = false) {
  const q = db.select().from(hotlineCalls).where(eq(hotlineCalls.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row as CallRow | undefined;
}

/** Waiting calls in answering order: priority first, then waiting time (the index covers it). */
export const listWaiting = (db: DbOrTx, limit: number) =>
  db
    .select()
    .from(hotlineCalls)
    .where(eq(hotlineCalls.status, 'waiting'))
    .orderBy(desc(hotlineCalls.priority), asc(hotlineCalls.arrivedAt), asc(hotlineCalls.id))
    .limit(limit);

/** Claims the next waiting call for an agent; concurrent agents never get the same call (skip locked). */
export async function claimNext(db: DbOrTx, userId: number, now: Date): Promise<CallRow | undefined> {
  const [row] = await db
    .update(hotlineCalls)
    .set({ status: 'answered', answeredBy: userId, answeredAt: now })
    .where(
      eq(
        hotlineCalls.id,
        sql`(select id from hotline_calls where status = 'waiting'
              order by priority desc, arrived_at asc, id asc limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return row;
}

export async function updateCall(db: DbOrTx, id: number, values: Partial<typeof hotlineCalls.$inferInsert>) {
  const [row] = await db
    .update(hotlineCalls)
    .set(values)
    .where(and(eq(hotlineCalls.id, id)))
    .returning();
  return row;
}
