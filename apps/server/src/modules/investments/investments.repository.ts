import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { customers } from '../customers/customers.table';
import { investmentEvaluations, investmentPolicies, investmentProjects } from './investments.table';

export type ProjectRow = typeof investmentProjects.$inferSelect;
export type EvaluationRow = typeof investmentEvaluations.$inferSelect;
export type PolicyRow = typeof investmentPolicies.$inferSelect;

const nameOf = (column: SQL | unknown) => sql<string | null>`(select display_name from users x where x.id = ${column})`;

export const insertProject = async (db: DbOrTx, values: typeof investmentProjects.$inferInsert) =>
  (await db.insert(investmentProjects).values(values).returning())[0];

const latest = sql`(select e.id from investment_evaluations e where e.project_id = ${investmentProjects.id} order by e.version desc limit 1)`;

const projectColumns = {
  project: investmentProjects,
  customerName: sql<string>`(select pa.name from parties pa where pa.id = ${customers.partyId})`,
  ownerName: nameOf(investmentProjects.ownerId),
  latestVersion: sql<number | null>`(select e.version from investment_evaluations e where e.id = ${latest})`,
  latestStatus: sql<
    EvaluationRow['status'] | null
  >`(select e.status from investment_evaluations e where e.id = ${latest})`,
  latestSurplusFen: sql<
    number | null
  >`(select e.surplus_fen from investment_evaluations e where e.id = ${latest})`.mapWith((v) =>
    v === null ? null : Number(v),
  ),
};

export type ProjectListRow = Awaited<ReturnType<typeof listProjects>>['items'][number];

/** Projects of visible customers, newest first. */
export async function listProjects(
  db: DbOrTx,
  scope: Scope,
  f: { customerId?: number; status?: EvaluationRow['status']; id?: number },
  page: { limit: number; offset: number },
) {
  const where = and(
    customerScopeSql(scope, 'customers'),
    f.customerId ? eq(investmentProjects.customerId, f.customerId) : undefined,
    f.id ? eq(investmentProjects.id, f.id) : undefined,
    f.status ? sql`(select e.status from investment_evaluations e where e.id = ${latest}) = ${f.status}` : undefined,
  );
  const [items, [{ n }]] = await Promise.all([
    db
      .select(projectColumns)
      .from(investmentProjects)
      .innerJoin(customers, eq(customers.id, investmentProjects.customerId))
      .where(where)
      .orderBy(desc(investmentProjects.createdAt), desc(investmentProjects.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)` })
      .from(investmentProjects)
      .innerJoin(customers, eq(customers.id, investmentProjects.customerId))
      .where(where),
  ]);
  return { items, total: Number(n) };
}

export const listEvaluations = (db: DbOrTx, projectId: number) =>
  db
    .select({
      row: investmentEvaluations,
      createdByName: nameOf(investmentEvaluations.createdBy),
      reviewedByName: nameOf(investmentEvaluations.reviewedBy),
      decidedByName: nameOf(investmentEvaluations.decidedBy),
    })
    .from(investmentEvaluations)
    .where(eq(investmentEvaluations.projectId, projectId))
    .orderBy(asc(investmentEvaluations.version));

export async function lockProject(db: DbOrTx, id: number) {
  const [row] = await db.select().from(investmentProjects).where(eq(investmentProjects.id, id)).for('update');
  return row as ProjectRow | undefined;
}

export async function lockEvaluation(db: DbOrTx, id: number) {
  const [row] = await db.select().from(investmentEvaluations).where(eq(investmentEvaluations.id, id)).for('update');
  return row as EvaluationRow | undefined;
}

export async function nextVersion(db: DbOrTx, projectId: number) {
  const [row] = await db
    .select({ v: sql<number>`coalesce(max(${investmentEvaluations.version}), 0)` })
    .from(investmentEvaluations)
    .where(eq(investmentEvaluations.projectId, projectId));
  return Number(row?.v ?? 0) + 1;
}

export async function hasPendingVersion(db: DbOrTx, projectId: number) {
  const rows = await db
    .select({ id: investmentEvaluations.id })
    .from(investmentEvaluations)
    .where(
      and(
        eq(investmentEvaluations.projectId, projectId),
        inArray(investmentEvaluations.status, ['submitted', 'reviewed']),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export const insertEvaluation = async (db: DbOrTx, values: typeof investmentEvaluations.$inferInsert) =>
  (await db.insert(investmentEvaluations).values(values).returning())[0];

export const updateEvaluation = async (
  db: DbOrTx,
  id: number,
  set: Partial<typeof investmentEvaluations.$inferInsert>,
) => (await db.update(investmentEvaluations).set(set).where(eq(investmentEvaluations.id, id)).returning())[0];

/** Evaluations at a step, of visible customers, oldest first (the approval inbox). */
export const inbox = (db: DbOrTx, scope: Scope, statuses: EvaluationRow['status'][]) =>
  db
    .select({
      row: investmentEvaluations,
      projectName: investmentProjects.name,
      customerId: investmentProjects.customerId,
      customerName: sql<string>`(select pa.name from parties pa where pa.id = ${customers.partyId})`,
      createdByName: nameOf(investmentEvaluations.createdBy),
    })
    .from(investmentEvaluations)
    .innerJoin(investmentProjects, eq(investmentProjects.id, investmentEvaluations.projectId))
    .innerJoin(customers, eq(customers.id, investmentProjects.customerId))
    .where(and(inArray(investmentEvaluations.status, statuses), customerScopeSql(scope, 'customers')))
    .orderBy(asc(investmentEvaluations.submittedAt), asc(investmentEvaluations.id))
    .limit(500);

export async function latestPolicy(db: DbOrTx) {
  const [row] = await db.select().from(investmentPolicies).orderBy(desc(investmentPolicies.version)).limit(1);
  return row as PolicyRow | undefined;
}

export const insertPolicy = async (db: DbOrTx, values: typeof investmentPolicies.$inferInsert) =>
  (await db.insert(investmentPolicies).values(values).returning())[0];

/**
 * Who should act next on an evaluation: managers above the AM (nearest first) for the review; for the decision, the
 * active users of a role whose org unit contains the customer's unit (nearest first).
 */
export async function usersAbove(db: DbOrTx, orgUnitId: number, roles: string[]) {
  const result = await db.execute(sql`
    select m.id, m.role, mo.level
      from org_units uo
      join users m on m.active and m.role = any(${sql.raw(`'{${roles.join(',')}}'::text[]`)})
      join org_units mo on mo.id = m.org_unit_id
     where uo.id = ${orgUnitId} and uo.path like mo.path || '%'
     order by length(mo.path) desc, m.id`);
  return rowsOf<{ id: number; role: string; level: string }>(result);
}
