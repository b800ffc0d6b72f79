import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { commitmentLimits, commitments } from './commitments.table';

export type CommitmentRow = typeof commitments.$inferSelect;
export type LimitInsert = typeof commitmentLimits.$inferInsert;

export const listLimits = (db: DbOrTx) =>
  db.select().from(commitmentLimits).orderBy(asc(commitmentLimits.type), asc(commitmentLimits.role));
export const findLimit = async (db: DbOrTx, type: LimitInsert['type'], role: LimitInsert['role']) =>
  (
    await db
      .select()
      .from(commitmentLimits)
      .where(and(eq(commitmentLimits.type, type), eq(commitmentLimits.role, role)))
  )[0];
export async function upsertLimit(db: DbOrTx, values: LimitInsert) {
  const [row] = await db
    .insert(commitmentLimits)
    .values(values)
    .onConflictDoUpdate({
      target: [commitmentLimits.type, commitmentLimits.role],
      set: { maxAmountFen: values.maxAmountFen },
    })
    .returning();
  return row;
}

export async function insertCommitment(db: DbOrTx, values: typeof commitments.$inferInsert): Promise<CommitmentRow> {
  const [row] = await db.insert(commitments).values(values).returning();
  return row;
}
export async function findCommitmentRow(db: DbOrTx, id: number, lock = false) {
  const q = db.select().from(commitments).where(eq(commitments.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row as CommitmentRow | undefined;
}
export async function updateCommitment(db: DbOrTx, id: number, values: Partial<typeof commitments.$inferInsert>) {
  const [row] = await db
    .update(commitments)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(commitments.id, id))
    .returning();
  return row;
}

/**
 * Marks open commitments past their due time overdue and returns them; the conditional update makes each
 * commitment turn overdue (and be alerted) exactly once.
 */
export async function markOverdue(db: DbOrTx, now: Date, limit: number): Promise<CommitmentRow[]> {
  return db
    .update(commitments)
    .set({ status: 'overdue', overdueAt: now, updatedAt: now })
    .where(
      inArray(
        commitments.id,
        sql`(select id from commitments where status = 'open' and due_at < ${now.toISOString()}::timestamptz order by due_at limit ${limit})`,
      ),
    )
    .returning();
}
