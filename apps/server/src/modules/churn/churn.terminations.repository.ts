import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { customers, parties } from '../customers/customers.table';
import { users } from '../org/org.table';
import { churnCompetitors, churnTerminations } from './churn.terminations.table';

export type CompetitorRow = typeof churnCompetitors.$inferSelect;
export type TerminationRow = typeof churnTerminations.$inferSelect;

export const listCompetitors = (db: DbOrTx) =>
  db.select().from(churnCompetitors).orderBy(asc(churnCompetitors.sortOrder), asc(churnCompetitors.id));

export const findCompetitor = async (db: DbOrTx, id: number) =>
  (await db.select().from(churnCompetitors).where(eq(churnCompetitors.id, id)))[0];

export const findCompetitorByCode = async (db: DbOrTx, code: string) =>
  (await db.select().from(churnCompetitors).where(eq(churnCompetitors.code, code)))[0];

export const countCompetitors = async (db: DbOrTx) => (await db.select({ n: count() }).from(churnCompetitors))[0].n;

/** Inserts the rows whose code is not there yet (concurrent callers are harmless). */
export async function insertCompetitorsIfMissing(db: DbOrTx, rows: (typeof churnCompetitors.$inferInsert)[]) {
  if (rows.length) await db.insert(churnCompetitors).values(rows).onConflictDoNothing();
}

export async function insertCompetitor(db: DbOrTx, values: typeof churnCompetitors.$inferInsert) {
  const [row] = await db.insert(churnCompetitors).values(values).returning();
  return row;
}

export async function updateCompetitor(db: DbOrTx, id: number, values: Partial<typeof churnCompetitors.$inferInsert>) {
  const [row] = await db
    .update(churnCompetitors)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(churnCompetitors.id, id))
    .returning();
  return row;
}

export async function insertTermination(db: DbOrTx, values: typeof churnTerminations.$inferInsert) {
  const [row] = await db.insert(churnTerminations).values(values).returning();
  return row;
}

export type TerminationFilter = { id?: number; customerId?: number; from?: string; to?: string };

export async function listTerminations(
  db: DbOrTx,
  scope: Scope,
  filter: TerminationFilter,
  page: { limit: number; offset: number },
) {
  const where: SQL | undefined = and(
    customerScopeSql(scope, 'customers'),
    filter.id ? eq(churnTerminations.id, filter.id) : undefined,
    filter.customerId ? eq(churnTerminations.customerId, filter.customerId) : undefined,
    filter.from ? gte(churnTerminations.terminationDate, filter.from) : undefined,
    filter.to ? lte(churnTerminations.terminationDate, filter.to) : undefined,
  );
  const base = () =>
    db
      .select({
        termination: churnTerminations,
        customerName: parties.name,
        competitorNameZh: churnCompetitors.nameZh,
        competitorNameEn: churnCompetitors.nameEn,
        recordedByName: users.displayName,
      })
      .from(churnTerminations)
      .innerJoin(customers, eq(customers.id, churnTerminations.customerId))
      .innerJoin(parties, eq(parties.id, customers.partyId))
      .leftJoin(churnCompetitors, eq(churnCompetitors.id, churnTerminations.competitorId))
      .leftJoin(users, eq(users.id, churnTerminations.recordedBy));
  const [items, [{ n }]] = await Promise.all([
    base()
      .where(where)
      .orderBy(desc(churnTerminations.terminationDate), desc(churnTerminations.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(churnTerminations)
      .innerJoin(customers, eq(customers.id, churnTerminations.customerId))
      .where(where),
  ]);
  return { items, total: n };
}
export type TerminationListRow = Awaited<ReturnType<typeof listTerminations>>['items'][number];
