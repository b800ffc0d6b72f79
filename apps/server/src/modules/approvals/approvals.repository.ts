import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { approvalLimits } from './approvals.table';

export type ApprovalLimitRow = typeof approvalLimits.$inferSelect;
type LimitKey = Pick<ApprovalLimitRow, 'kind' | 'role' | 'orgLevel'>;

export const listLimits = (db: DbOrTx, kind?: ApprovalLimitRow['kind']) =>
  db
    .select()
    .from(approvalLimits)
    .where(kind ? eq(approvalLimits.kind, kind) : undefined)
    .orderBy(asc(approvalLimits.kind), asc(approvalLimits.role), asc(approvalLimits.orgLevel));

export async function findLimit(db: DbOrTx, key: LimitKey, lock = false) {
  const q = db
    .select()
    .from(approvalLimits)
    .where(
      and(
        eq(approvalLimits.kind, key.kind),
        eq(approvalLimits.role, key.role),
        eq(approvalLimits.orgLevel, key.orgLevel),
      ),
    );
  const [row] = lock ? await q.for('update') : await q;
  return row as ApprovalLimitRow | undefined;
}

/** Creates or changes a limit; a change bumps its version. */
export async function upsertLimit(
  db: DbOrTx,
  values: LimitKey & { maxAmountFen: number | null; updatedBy: number | null; updatedAt: Date },
) {
  const [row] = await db
    .insert(approvalLimits)
    .values(values)
    .onConflictDoUpdate({
      target: [approvalLimits.kind, approvalLimits.role, approvalLimits.orgLevel],
      set: {
        maxAmountFen: values.maxAmountFen,
        updatedBy: values.updatedBy,
        updatedAt: values.updatedAt,
        version: sql`${approvalLimits.version} + 1`,
      },
    })
    .returning();
  return row;
}
