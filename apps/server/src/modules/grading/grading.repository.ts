import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { addMonths, type RuleSetConfig } from './grading.models';
import { gradeColumns, gradingSelect, lit, litPeriod, rowsOf, tierRankSql } from './grading.queries';
import { customerGrades, gradingEvents, gradingRuleSets, gradingRuns } from './grading.table';

export type RuleSetRow = typeof gradingRuleSets.$inferSelect;
export type RunRow = typeof gradingRuns.$inferSelect;
export type GradeRow = typeof customerGrades.$inferSelect;
export type EventRow = typeof gradingEvents.$inferSelect;

// ---------------------------------------------------------------- rule sets

export const listRuleSets = (db: DbOrTx) => db.select().from(gradingRuleSets).orderBy(desc(gradingRuleSets.version));

export const findRuleSet = async (db: DbOrTx, id: number) =>
  (await db.select().from(gradingRuleSets).where(eq(gradingRuleSets.id, id)))[0];

export const countRuleSets = async (db: DbOrTx) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(gradingRuleSets))[0].n;

export async function nextVersion(db: DbOrTx): Promise<number> {
  const [{ v }] = await db.select({ v: sql<number>`coalesce(max(version), 0)::int + 1` }).from(gradingRuleSets);
  return v;
}

export async function insertRuleSet(db: DbOrTx, values: typeof gradingRuleSets.$inferInsert): Promise<RuleSetRow> {
  const [row] = await db.insert(gradingRuleSets).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateRuleSet(db: DbOrTx, id: number, values: Partial<typeof gradingRuleSets.$inferInsert>) {
  const [row] = await db
    .update(gradingRuleSets)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(gradingRuleSets.id, id))
    .returning();
  return row;
}

/** Active sets starting at or after `from`: a new set effective from `from` supersedes them. */
export const activeFrom = (db: DbOrTx, from: string) =>
  db
    .select()
    .from(gradingRuleSets)
    .where(and(eq(gradingRuleSets.status, 'active'), gte(gradingRuleSets.effectiveFrom, from)));

/** The active set in force for a period: the one with the latest start not after it. */
export const ruleSetInForce = async (db: DbOrTx, period: string) =>
  (
    await db
      .select()
      .from(gradingRuleSets)
      .where(and(eq(gradingRuleSets.status, 'active'), lte(gradingRuleSets.effectiveFrom, period)))
      .orderBy(desc(gradingRuleSets.effectiveFrom))
      .limit(1)
  )[0];

/** Serialises writers of the same period (runs) or of the rule-set table, inside a transaction. */
export async function lockKey(tx: DbOrTx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/**
 * Whether the previous period was graded under the same star rule (bars and months), so that its star counters can be
 * extended by this period's spend instead of reading the whole star window of bills.
 */
export async function starStreaksUsable(db: DbOrTx, period: string, config: RuleSetConfig): Promise<boolean> {
  const [row] = await rowsOf<{ ruleSetId: number }>(
    db,
    sql`select rule_set_id as "ruleSetId" from customer_grades where period = ${addMonths(period, -1)} limit 1`,
  );
  if (!row) return false;
  const previous = await findRuleSet(db, row.ruleSetId);
  const stars = previous?.config.stars;
  const bars = config.stars.minMonthlyFen;
  return (
    !!stars &&
    stars.months === config.stars.months &&
    stars.minMonthlyFen.three === bars.three &&
    stars.minMonthlyFen.four === bars.four &&
    stars.minMonthlyFen.five === bars.five
  );
}

// ---------------------------------------------------------------- runs

export async function insertRun(db: DbOrTx, values: typeof gradingRuns.$inferInsert): Promise<RunRow> {
  const [row] = await db.insert(gradingRuns).values(values).returning();
  return row;
}

export const findRun = async (db: DbOrTx, id: number) =>
  (await db.select().from(gradingRuns).where(eq(gradingRuns.id, id)))[0];

export const findRunByJob = async (db: DbOrTx, jobId: number) =>
  (await db.select().from(gradingRuns).where(eq(gradingRuns.jobId, jobId)))[0];

export async function updateRun(db: DbOrTx, id: number, values: Partial<typeof gradingRuns.$inferInsert>) {
  const [row] = await db.update(gradingRuns).set(values).where(eq(gradingRuns.id, id)).returning();
  return row;
}

export async function listRuns(db: DbOrTx, f: { period?: string; limit: number; offset: number }) {
  const where = f.period ? eq(gradingRuns.period, f.period) : undefined;
  const items = await db
    .select()
    .from(gradingRuns)
    .where(where)
    .orderBy(desc(gradingRuns.id))
    .limit(f.limit)
    .offset(f.offset);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(gradingRuns).where(where);
  return { items, total };
}

/** Memory a grading run may use per sort / hash operation (a session setting of its own transaction). */
export const GRADING_WORK_MEM = /^\d+(kB|MB|GB)$/.test(process.env.GRADING_WORK_MEM ?? '')
  ? (process.env.GRADING_WORK_MEM as string)
  : '256MB';

export type RunOutcome = { graded: number; tierChanges: number; starChanges: number; layers: Record<string, number> };

/**
 * Grades every customer for the period in one statement: deletes the period's grades and events, inserts the new
 * grades, and the tier / star changes against the previous period as events. Call inside a transaction.
 */
export async function gradePeriod(
  tx: DbOrTx,
  input: { period: string; config: RuleSetConfig; runId: number; ruleSetId: number; ruleSetVersion: number },
): Promise<RunOutcome> {
  const starStreaksFromPrevious = await starStreaksUsable(tx, input.period, input.config);
  const P = litPeriod(input.period);
  // One big set-based statement: enough memory to aggregate and sort in memory, and no JIT compilation (it costs
  // seconds and gains nothing here). Both settings end with the transaction.
  await tx.execute(sql.raw(`set local work_mem = '${GRADING_WORK_MEM}'`));
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`delete from grading_events where period = ${P}`);
  await tx.execute(sql`delete from customer_grades where period = ${P}`);
  const [row] = await rowsOf<RunOutcome>(
    tx,
    sql`with ins as (
  insert into customer_grades (${gradeColumns})
  select * from (${gradingSelect({ ...input, starStreaksFromPrevious })}) g
  -- in key order: index insertions stay local (rows come out of the ABC ranking in value order)
  order by g.customer_id
  returning customer_id, category, tier, prev_tier, stars, prev_stars
), ev as (
  insert into grading_events (period, customer_id, kind, from_value, to_value, direction, run_id)
  select ${P}, customer_id, 'tier', prev_tier, tier,
    case when ${tierRankSql(sql`tier`)} > ${tierRankSql(sql`prev_tier`)} then 'up' else 'down' end, ${lit(input.runId)}
  from ins where prev_tier is not null and tier is not null and tier <> prev_tier
  union all
  select ${P}, customer_id, 'stars', prev_stars::text, stars::text,
    case when stars > prev_stars then 'up' else 'down' end, ${lit(input.runId)}
  from ins where prev_stars is not null and stars is not null and stars <> prev_stars
  returning kind
)
select (select count(*) from ins)::int as graded,
  (select count(*) from ev where kind = 'tier')::int as "tierChanges",
  (select count(*) from ev where kind = 'stars')::int as "starChanges",
  (select coalesce(json_object_agg(layer, n), '{}'::json) from
    (select coalesce(tier, category) as layer, count(*)::int as n from ins group by 1) x) as layers`,
  );
  return row;
}

// ---------------------------------------------------------------- grades of one customer

/** Whether the customer exists within the scope (404 otherwise, like a missing one). */
export async function customerVisible(db: DbOrTx, customerId: number, scope: Scope): Promise<boolean> {
  const rows = await rowsOf<{ id: number }>(
    db,
    sql`select c.id from customers c where c.id = ${customerId} and ${customerScopeSql(scope, 'c')}`,
  );
  return rows.length > 0;
}

export const customerOrgType = async (db: DbOrTx, customerId: number) =>
  (
    await rowsOf<{ organizationType: string | null }>(
      db,
      sql`select organization_type as "organizationType" from customers where id = ${customerId}`,
    )
  )[0]?.organizationType ?? null;

export const gradeHistory = (db: DbOrTx, customerId: number, limit: number) =>
  db
    .select()
    .from(customerGrades)
    .where(eq(customerGrades.customerId, customerId))
    .orderBy(desc(customerGrades.period))
    .limit(limit);

export const customerEvents = (db: DbOrTx, customerId: number, limit: number) =>
  db
    .select()
    .from(gradingEvents)
    .where(eq(gradingEvents.customerId, customerId))
    .orderBy(desc(gradingEvents.period), desc(gradingEvents.id))
    .limit(limit);

export const gradesOfPeriod = (db: DbOrTx, period: string) =>
  db.select().from(customerGrades).where(eq(customerGrades.period, period));

/** Monthly spend of a customer over a window (for the star explanation). */
export const monthlySpend = (db: DbOrTx, customerId: number, from: string, to: string) =>
  rowsOf<{ period: string; fen: number }>(
    db,
    sql`select period, sum(total_fen)::float8 as fen from bills
      where customer_id = ${customerId} and period >= ${from} and period <= ${to} group by period order by period`,
  );

/** The latest period that has grades. */
export const latestGradedPeriod = async (db: DbOrTx) =>
  (await rowsOf<{ period: string | null }>(db, sql`select max(period) as period from customer_grades`))[0]?.period ??
  null;
