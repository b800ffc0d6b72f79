import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/results';
import { createTestApp, loginAs, type TestApp } from '../../test/test-app';
import { enqueueJob } from '../jobs/jobs.service';
import { addKa } from '../ka-common/ka.test-helpers';
import { FEATURE_SET_VERSION } from './churn.features';
import * as repo from './churn.repository';
import { runScoring, runTraining } from './churn.service';
import { trainRegistryModel } from './churn.training.models';

// The score job on the embedded database (one connection): it writes page by page in short transactions, so a
// sign-in and another job's enqueue complete while the run is still in progress. Were the run one long transaction
// (or one huge statement), the requests awaited between its pages would wait for it forever and the test would time
// out.

let t: TestApp;
const exec = (q: ReturnType<typeof sql>) => t.handle.db.execute(q);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.handle.db;
  for (let i = 0; i < 25; i++) {
    const id = await addKa(db, {
      orgUnitId: t.org.org.cityA.id,
      accountManagerId: t.org.users.am1.id,
      name: `分页客户${i}`,
      sinceDate: '2020-01-01',
    });
    const drop = i % 3 === 0;
    await exec(sql`insert into bills (account_id, customer_id, period, data_fen, total_fen)
      select a.id, a.customer_id, to_char(m, 'YYYY-MM'), v, v from billing_accounts a,
        generate_series('2025-12-01'::date, '2026-11-01'::date, interval '1 month') m,
        lateral (select (case when ${drop} and m >= '2026-09-01' then 400000 else 1000000 end)::bigint as v) x
      where a.customer_id = ${id}`);
  }
  // A champion trained on rows where a spend drop means churn.
  const rows = Array.from({ length: 60 }, (_, i) => ({
    features: { spend_trend_3m_pct: i % 3 === 0 ? -50 + (i % 7) : (i % 5) - 2, spend_level_yuan: 10_000 },
    label: i % 3 === 0 ? (i % 9 === 0 ? 0 : 1) : i % 10 === 1 ? 1 : 0,
  }));
  const trained = trainRegistryModel('logistic', rows);
  const model = await repo.insertModel(db, {
    learner: 'logistic',
    featureSetVersion: FEATURE_SET_VERSION,
    trainFrom: '2026-01',
    trainTo: '2026-03',
    horizonMonths: 3,
    rows: trained.rows,
    positives: trained.positives,
    validationRows: trained.validationRows,
    metrics: trained.metrics,
    importance: trained.importance,
    encoding: trained.encoding,
    model: trained.model as unknown as Record<string, unknown>,
    trainSeconds: trained.seconds,
  });
  if (!model) throw new Error('no model');
  await repo.setChampion(db, model.id, null);
});
afterAll(() => t.close());

describe('the churn score job on the single-connection embedded database', () => {
  it('commits each page in its own short transaction, so sign-ins and other jobs run while scoring is in progress', async () => {
    const seen: { page: number; committed: number; status: string; signedIn: boolean; jobId: number }[] = [];
    const result = await runScoring({
      db: t.handle.db,
      jobId: 9001,
      payload: { period: '2026-11', controlPercent: 0 },
      pageSize: 10,
      onPage: async ({ runId, page }) => {
        // Awaited while the run is in progress: these would never finish behind a long transaction.
        const session = await loginAs(t.app, 'am1');
        const job = await enqueueJob({ db: t.handle.db, type: 'test.other', payload: { page } });
        const [run] = rowsOf<{ status: string; customers: number }>(
          await exec(sql`select status, customers from churn_score_runs where id = ${runId}`),
        );
        const [{ n }] = rowsOf<{ n: number }>(
          await exec(sql`select count(*)::int as n from churn_scores where run_id = ${runId}`),
        );
        expect(Number(run.customers)).toBe(Number(n));
        seen.push({ page, committed: Number(n), status: run.status, signedIn: !!session.cookie, jobId: job.id });
      },
    });
    expect(result.customers).toBe(25);
    // 25 customers in pages of 10: three pages, each visible (committed) before the next one is written.
    expect(seen.map((s) => s.committed)).toEqual([10, 20, 25]);
    expect(seen.every((s) => s.status === 'running' && s.signedIn && s.jobId > 0)).toBe(true);
    const [run] = rowsOf<{ status: string; customers: number }>(
      await exec(sql`select status, customers from churn_score_runs where id = ${result.runId}`),
    );
    expect(run).toMatchObject({ status: 'succeeded', customers: 25 });
    // Every score carries its reasons (written through the one-parameter JSON insert).
    const scores = rowsOf<{ risk: number; reasons: unknown[]; monthly_value_fen: number }>(
      await exec(sql`select risk, reasons, monthly_value_fen from churn_scores where run_id = ${result.runId}`),
    );
    expect(scores).toHaveLength(25);
    for (const s of scores) {
      expect(Number(s.risk)).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(s.reasons)).toBe(true);
      expect(Number(s.monthly_value_fen)).toBeGreaterThan(0);
    }
  });

  it('a rerun of the same job starts its scores again and ends with the same totals', async () => {
    await exec(sql`update churn_score_runs set status = 'running' where job_id = 9001`);
    const again = await runScoring({ db: t.handle.db, jobId: 9001, payload: { period: '2026-11' }, pageSize: 7 });
    expect(again.customers).toBe(25);
    const [{ n }] = rowsOf<{ n: number }>(
      await exec(sql`select count(*)::int as n from churn_scores where run_id = ${again.runId}`),
    );
    expect(Number(n)).toBe(25);
  });

  it('scored in worker threads with pages in flight at once (COPY on PostgreSQL), every customer gets the same score, reasons and control flag', async () => {
    const payload = { period: '2026-11', controlPercent: 30, seed: 5 };
    const here = await runScoring({ db: t.handle.db, jobId: 9201, payload, pageSize: 25, workers: 0 });
    const there = await runScoring({
      db: t.handle.db,
      pool: t.handle.pool,
      jobId: 9202,
      payload,
      pageSize: 4,
      pagesInFlight: 3,
      workers: 2,
    });
    expect(there.customers).toBe(25);
    expect(there.controls).toBe(here.controls);
    const scores = async (runId: number) =>
      rowsOf<{ customer_id: number; risk: number; reasons: unknown; control: boolean; value_at_risk_fen: number }>(
        await exec(sql`select customer_id, risk, reasons, control, value_at_risk_fen from churn_scores
          where run_id = ${runId} order by customer_id`),
      ).map((r) => ({ ...r, customer_id: Number(r.customer_id), value_at_risk_fen: Number(r.value_at_risk_fen) }));
    expect(await scores(there.runId)).toEqual(await scores(here.runId));
    const [run] = rowsOf<{ status: string; customers: number; controls: number }>(
      await exec(sql`select status, customers, controls from churn_score_runs where id = ${there.runId}`),
    );
    expect(run).toMatchObject({ status: 'succeeded', customers: 25, controls: here.controls });
  });

  it('training with reuseSnapshots keeps the months already snapshotted and builds only the missing ones', async () => {
    const sentinel = async () =>
      rowsOf<{ n: number }>(
        await exec(sql`select count(*)::int as n from churn_feature_snapshots
          where period = '2026-11' and categorical_features[1] = 'sentinel'`),
      )[0].n;
    await exec(sql`update churn_feature_snapshots set categorical_features = '{sentinel}' where period = '2026-11'`);
    const payload = { learner: 'logistic' as const, fromPeriod: '2026-10', toPeriod: '2026-11', horizonMonths: 1 };
    // Nobody churned: the training itself refuses, after the snapshots step.
    await expect(
      runTraining({ db: t.handle.db, jobId: 9101, payload: { ...payload, reuseSnapshots: true } }),
    ).rejects.toThrow(/churn.training_data/);
    expect(Number(await sentinel())).toBe(25);
    const [{ n }] = rowsOf<{ n: number }>(
      await exec(sql`select count(*)::int as n from churn_feature_snapshots where period = '2026-10'`),
    );
    expect(Number(n)).toBe(25);
    await expect(runTraining({ db: t.handle.db, jobId: 9102, payload })).rejects.toThrow(/churn.training_data/);
    expect(Number(await sentinel())).toBe(0);
  });
});
