import { and, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { customers, parties } from '../customers/customers.table';
import { users } from '../org/org.table';
import { churnRetentionActions } from './churn.retention.table';

export type RetentionActionRow = typeof churnRetentionActions.$inferSelect;

export async function insertAction(db: DbOrTx, values: typeof churnRetentionActions.$inferInsert) {
  const [row] = await db.insert(churnRetentionActions).values(values).returning();
  return row;
}

export async function updateAction(db: DbOrTx, id: number, values: Partial<typeof churnRetentionActions.$inferInsert>) {
  const [row] = await db
    .update(churnRetentionActions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(churnRetentionActions.id, id))
    .returning();
  return row;
}

export type ActionFilter = {
  id?: number;
  customerId?: number;
  ownerId?: number;
  outcome?: RetentionActionRow['outcome'];
  scoringRunId?: number;
};

export async function listActions(
  db: DbOrTx,
  scope: Scope,
  filter: ActionFilter,
  page: { limit: number; offset: number },
  lock = false,
) {
  const where: SQL | undefined = and(
    customerScopeSql(scope, 'customers'),
    filter.id ? eq(churnRetentionActions.id, filter.id) : undefined,
    filter.customerId ? eq(churnRetentionActions.customerId, filter.customerId) : undefined,
    filter.ownerId ? eq(churnRetentionActions.ownerId, filter.ownerId) : undefined,
    filter.outcome ? eq(churnRetentionActions.outcome, filter.outcome) : undefined,
    filter.scoringRunId ? eq(churnRetentionActions.scoringRunId, filter.scoringRunId) : undefined,
  );
  const q = db
    .select({ action: churnRetentionActions, customerName: parties.name, ownerName: users.displayName })
    .from(churnRetentionActions)
    .innerJoin(customers, eq(customers.id, churnRetentionActions.customerId))
    .innerJoin(parties, eq(parties.id, customers.partyId))
    .innerJoin(users, eq(users.id, churnRetentionActions.ownerId))
    .where(where)
    .orderBy(desc(churnRetentionActions.dueDate), desc(churnRetentionActions.id))
    .limit(page.limit)
    .offset(page.offset);
  const [items, [{ n }]] = await Promise.all([
    lock ? q.for('update', { of: churnRetentionActions }) : q,
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(churnRetentionActions)
      .innerJoin(customers, eq(customers.id, churnRetentionActions.customerId))
      .where(where),
  ]);
  return { items, total: n };
}
export type ActionListRow = Awaited<ReturnType<typeof listActions>>['items'][number];

/** Customers in the scope with retention actions (of a scoring run, created from a date). */
export async function treatedCustomerIds(
  db: DbOrTx,
  scope: Scope,
  filter: { scoringRunId?: number; from?: string },
): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: churnRetentionActions.customerId })
    .from(churnRetentionActions)
    .innerJoin(customers, eq(customers.id, churnRetentionActions.customerId))
    .where(
      and(
        customerScopeSql(scope, 'customers'),
        filter.scoringRunId ? eq(churnRetentionActions.scoringRunId, filter.scoringRunId) : undefined,
        filter.from ? gte(churnRetentionActions.createdAt, sql`${filter.from}::date`) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

/** Of the given customers in the scope: how many there are, and how many are not churned (saved). */
export async function savedCounts(db: DbOrTx, scope: Scope, ids: number[]) {
  if (!ids.length) return { customers: 0, saved: 0 };
  const [row] = await db
    .select({
      customers: sql<number>`count(*)::int`,
      saved: sql<number>`count(*) filter (where ${customers.status} <> 'churned')::int`,
    })
    .from(customers)
    .where(and(customerScopeSql(scope, 'customers'), inArray(customers.id, ids)));
  return row;
}

/**
 * The random hold-out control group of a scoring run, in the scope, at `minRisk` and above (the treated customers'
 * lowest risk in the run, so both groups come from the same part of the ranking).
 */
export async function holdoutControlIds(
  db: DbOrTx,
  scope: Scope,
  opts: { runId: number; minRisk: number },
): Promise<number[]> {
  const rows =
    (await db.execute(sql`select s.customer_id from churn_scores s join customers on customers.id = s.customer_id
    where s.run_id = ${opts.runId} and s.control and s.risk >= ${opts.minRisk} and ${customerScopeSql(scope, 'customers')}
    order by s.customer_id`)) as unknown as { rows: { customer_id: number }[] };
  return rows.rows.map((r) => Number(r.customer_id));
}

/** The lowest risk, in a scoring run, of the given customers (null when none of them was scored in it). */
export async function lowestRiskIn(db: DbOrTx, opts: { runId: number; customerIds: number[] }): Promise<number | null> {
  if (!opts.customerIds.length) return null;
  const rows = (await db.execute(sql`select min(risk) as risk from churn_scores
    where run_id = ${opts.runId} and not control
      and customer_id = any(${sql.raw(`'{${opts.customerIds.map((i) => Math.trunc(i)).join(',')}}'::int[]`)})`)) as unknown as {
    rows: { risk: number | null }[];
  };
  const r = rows.rows[0]?.risk;
  return r === null || r === undefined ? null : Number(r);
}
