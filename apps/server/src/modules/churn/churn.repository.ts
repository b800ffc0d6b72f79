import { pipeline } from 'node:stream/promises';
import { and, desc, eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { churnModels, churnScoreRuns, churnScores } from './churn.table';

export type ModelRow = typeof churnModels.$inferSelect;
export type RunRow = typeof churnScoreRuns.$inferSelect;

const modelSummaryColumns = {
  id: churnModels.id,
  learner: churnModels.learner,
  featureSetVersion: churnModels.featureSetVersion,
  trainFrom: churnModels.trainFrom,
  trainTo: churnModels.trainTo,
  horizonMonths: churnModels.horizonMonths,
  rows: churnModels.rows,
  positives: churnModels.positives,
  validationRows: churnModels.validationRows,
  metrics: churnModels.metrics,
  importance: churnModels.importance,
  isChampion: churnModels.isChampion,
  promotedAt: churnModels.promotedAt,
  trainSeconds: churnModels.trainSeconds,
  createdAt: churnModels.createdAt,
};
export type ModelSummaryRow = Omit<ModelRow, 'model' | 'encoding' | 'options' | 'jobId' | 'createdBy' | 'promotedBy'>;

export const insertModel = async (db: DbOrTx, row: typeof churnModels.$inferInsert) =>
  (await db.insert(churnModels).values(row).onConflictDoNothing().returning())[0] as ModelRow | undefined;

export const findModelByJob = async (db: DbOrTx, jobId: number) =>
  (await db.select().from(churnModels).where(eq(churnModels.jobId, jobId)))[0];

export const findModel = async (db: DbOrTx, id: number, lock = false) => {
  const q = db.select().from(churnModels).where(eq(churnModels.id, id));
  return (lock ? await q.for('update') : await q)[0];
};

export const findChampion = async (db: DbOrTx, lock = false) => {
  const q = db.select().from(churnModels).where(eq(churnModels.isChampion, true));
  return (lock ? await q.for('update') : await q)[0];
};

export const listModels = (db: DbOrTx, opts: { limit: number; offset: number }) =>
  db
    .select(modelSummaryColumns)
    .from(churnModels)
    .orderBy(desc(churnModels.id))
    .limit(opts.limit)
    .offset(opts.offset) as Promise<ModelSummaryRow[]>;

export const countModels = async (db: DbOrTx) =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(churnModels))[0]?.n ?? 0);

export async function setChampion(db: DbOrTx, id: number, userId: number | null) {
  await db.update(churnModels).set({ isChampion: false }).where(eq(churnModels.isChampion, true));
  await db
    .update(churnModels)
    .set({ isChampion: true, promotedAt: new Date(), promotedBy: userId })
    .where(eq(churnModels.id, id));
}

export const findRunByJob = async (db: DbOrTx, jobId: number) =>
  (await db.select().from(churnScoreRuns).where(eq(churnScoreRuns.jobId, jobId)))[0];

export const insertRun = async (db: DbOrTx, row: typeof churnScoreRuns.$inferInsert) =>
  (await db.insert(churnScoreRuns).values(row).returning())[0] as RunRow;

export const finishRun = (db: DbOrTx, id: number, set: Partial<typeof churnScoreRuns.$inferInsert>) =>
  db
    .update(churnScoreRuns)
    .set({ ...set, finishedAt: new Date() })
    .where(eq(churnScoreRuns.id, id));

export const deleteRunScores = async (db: DbOrTx, runId: number) => {
  await db.delete(churnScores).where(eq(churnScores.runId, runId));
  await db.update(churnScoreRuns).set({ customers: 0, controls: 0 }).where(eq(churnScoreRuns.id, runId));
};

/**
 * Inserts a page of scores in one statement with ONE parameter (the page as JSON, unpacked by json_to_recordset):
 * a multi-row VALUES list of thousands of rows x 7 parameters is slow to bind and plan, and on the embedded database
 * it holds the only connection for that long.
 */
export async function insertScores(db: DbOrTx, rows: (typeof churnScores.$inferInsert)[]) {
  if (!rows.length) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      run_id: r.runId,
      customer_id: r.customerId,
      risk: r.risk,
      monthly_value_fen: r.monthlyValueFen,
      value_at_risk_fen: r.valueAtRiskFen,
      reasons: r.reasons,
      control: r.control,
    })),
  );
  await insertScoresJson(db, json);
}

/**
 * Writes one page of a score run in one short transaction: the scores and the run's progress. On PostgreSQL (a pool
 * given) the rows arrive as COPY text and are streamed with COPY FROM STDIN; on the embedded database, as one JSON
 * array for the json_to_recordset insert. A rerun of the run deletes its scores first, so a page is never doubled.
 */
export async function writeScorePage(
  target: { db: DbOrTx; pool?: pg.Pool },
  page: { runId: number; customers: number; controls: number; format: 'copy' | 'json'; payload: string },
) {
  if (page.format === 'json' || !target.pool) {
    await target.db.transaction(async (tx) => {
      await insertScoresJson(tx, page.payload);
      await addRunProgress(tx, page.runId, page);
    });
    return;
  }
  const client = await target.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    await pipeline(
      [page.payload],
      client.query(
        copyFrom(`copy churn_scores (run_id, customer_id, risk, monthly_value_fen, value_at_risk_fen, reasons, control)
          from stdin`),
      ),
    );
    await client.query(
      'update churn_score_runs set customers = customers + $1, controls = controls + $2 where id = $3',
      [page.customers, page.controls, page.runId],
    );
    await client.query('commit');
  } catch (e) {
    broken = e as Error;
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release(broken);
  }
}

/** `insertScores` with the page already serialized (by a churn worker). */
export async function insertScoresJson(db: DbOrTx, json: string) {
  await db.execute(sql`insert into churn_scores
      (run_id, customer_id, risk, monthly_value_fen, value_at_risk_fen, reasons, control)
    select run_id, customer_id, risk, monthly_value_fen, value_at_risk_fen, reasons, control
    from json_to_recordset(${json}::json) as x(run_id int, customer_id int, risk float8, monthly_value_fen bigint,
      value_at_risk_fen bigint, reasons jsonb, control boolean)
    on conflict do nothing`);
}

/** Adds a written page to the run's running totals (progress while the job runs). */
export const addRunProgress = (db: DbOrTx, id: number, page: { customers: number; controls: number }) =>
  db
    .update(churnScoreRuns)
    .set({
      customers: sql`${churnScoreRuns.customers} + ${page.customers}`,
      controls: sql`${churnScoreRuns.controls} + ${page.controls}`,
    })
    .where(eq(churnScoreRuns.id, id));

export const listRuns = (db: DbOrTx, opts: { limit: number; offset: number }) =>
  db.select().from(churnScoreRuns).orderBy(desc(churnScoreRuns.id)).limit(opts.limit).offset(opts.offset);

export const countRuns = async (db: DbOrTx) =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(churnScoreRuns))[0]?.n ?? 0);

export const findRun = async (db: DbOrTx, id: number) =>
  (await db.select().from(churnScoreRuns).where(eq(churnScoreRuns.id, id)))[0];

export const latestSucceededRun = async (db: DbOrTx) =>
  (
    await db
      .select()
      .from(churnScoreRuns)
      .where(eq(churnScoreRuns.status, 'succeeded'))
      .orderBy(desc(churnScoreRuns.id))
      .limit(1)
  )[0];

/** The customer's latest value tier (grading), for the risk list's tier column and filter (customer alias `c`). */
const latestTierSql = sql`(select g.tier from customer_grades g where g.customer_id = c.id order by g.period desc limit 1)`;

export type RiskRow = {
  customerId: number;
  customerName: string;
  customerNo: string;
  accountManagerId: number | null;
  accountManagerName: string | null;
  orgUnitId: number;
  risk: number;
  monthlyValueFen: number;
  valueAtRiskFen: number;
  reasons: { feature: string; weight: number; zh: string; en: string }[];
  tier: string | null;
};

/**
 * The risk list of a run in a scope: treated customers only (the control group is never on it), of an account
 * manager or of an org unit subtree when asked, ranked by risk x value (value at risk), then risk.
 */
export async function riskList(
  db: DbOrTx,
  scope: Scope,
  opts: {
    runId: number;
    accountManagerId?: number;
    orgUnitIds?: number[];
    minRisk?: number;
    maxRisk?: number;
    tier?: string;
    limit: number;
    offset: number;
  },
): Promise<{ items: RiskRow[]; total: number }> {
  const where = sql`s.run_id = ${opts.runId} and not s.control and ${customerScopeSql(scope, 'c')}
    ${opts.accountManagerId ? sql`and c.account_manager_id = ${opts.accountManagerId}` : sql``}
    ${opts.orgUnitIds ? sql`and c.org_unit_id = any(${sql.raw(`'{${opts.orgUnitIds.map((i) => Math.trunc(i)).join(',')}}'::int[]`)})` : sql``}
    ${opts.minRisk !== undefined ? sql`and s.risk >= ${opts.minRisk}` : sql``}
    ${opts.maxRisk !== undefined ? sql`and s.risk <= ${opts.maxRisk}` : sql``}
    ${opts.tier ? sql`and ${latestTierSql} = ${opts.tier}` : sql``}`;
  const items = rowsOf<{
    customer_id: number;
    name: string;
    customer_no: string;
    am: number | null;
    am_name: string | null;
    org_unit_id: number;
    risk: number;
    monthly_value_fen: string | number;
    value_at_risk_fen: string | number;
    reasons: RiskRow['reasons'];
    tier: string | null;
  }>(
    await db.execute(sql`select s.customer_id, p.name, c.customer_no, c.account_manager_id as am,
        u.display_name as am_name, c.org_unit_id, s.risk, s.monthly_value_fen, s.value_at_risk_fen, s.reasons,
        ${latestTierSql} as tier
      from churn_scores s join customers c on c.id = s.customer_id join parties p on p.id = c.party_id
      left join users u on u.id = c.account_manager_id
      where ${where}
      order by s.value_at_risk_fen desc, s.risk desc, s.customer_id
      limit ${opts.limit} offset ${opts.offset}`),
  ).map((r) => ({
    customerId: Number(r.customer_id),
    customerName: r.name,
    customerNo: r.customer_no,
    accountManagerId: r.am === null ? null : Number(r.am),
    accountManagerName: r.am_name,
    orgUnitId: Number(r.org_unit_id),
    risk: Number(r.risk),
    monthlyValueFen: Number(r.monthly_value_fen),
    valueAtRiskFen: Number(r.value_at_risk_fen),
    reasons: r.reasons,
    tier: r.tier,
  }));
  const [{ n }] = rowsOf<{ n: number | string }>(
    await db.execute(sql`select count(*) as n from churn_scores s join customers c on c.id = s.customer_id
      where ${where}`),
  );
  return { items, total: Number(n) };
}

/** The latest succeeded run's score of each of `customerIds`. */
export async function latestScoresOf(db: DbOrTx, customerIds: number[]) {
  if (!customerIds.length) return [];
  const run = await latestSucceededRun(db);
  if (!run) return [];
  const rows = await db
    .select()
    .from(churnScores)
    .where(
      and(
        eq(churnScores.runId, run.id),
        sql`${churnScores.customerId} = any(${sql.raw(`'{${customerIds.map((i) => Math.trunc(i)).join(',')}}'::int[]`)})`,
      ),
    );
  return rows.map((r) => ({ ...r, period: run.period }));
}
