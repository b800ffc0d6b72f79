import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { rowsOf } from '../../db/results';
import { createTestDb } from '../../test/test-db';
import { registerChurnJobs } from '../churn/churn.jobs';
import { listModels, riskList, SCORE_JOB, TRAIN_JOB } from '../churn/churn.service';
import { runDueJobs } from '../jobs/jobs.service';
import { demoCtx } from './demo.actors';
import { type DemoChurnSummary, seedDemoChurn } from './demo.churn';
import { loadDemoOperator } from './demo.service';

// The demo's churn on a small demo operator (the threshold lowered from 3,000 to fit a test): departures recorded
// through the termination service follow the drivers, a model learns them, and the queued score job ranks customers.
let db: DbHandle;
let summary: DemoChurnSummary | null;
let seconds: number;

beforeAll(async () => {
  db = await createTestDb();
  registerChurnJobs();
  await loadDemoOperator({ handle: db, customers: 2_000, progress: false });
  // The start-up cost is bounded by the customers at risk (300 by default), whatever the demo's size.
  const started = performance.now();
  summary = await seedDemoChurn({ db: db.db, minCustomers: 1_000, log: (l) => console.log(l) });
  seconds = (performance.now() - started) / 1000;
  console.log(`  demo churn seeded in ${seconds.toFixed(1)} s`);
}, 240_000);
afterAll(async () => {
  await db?.close();
});

it('records departures through the termination service, with reasons and competitors', async () => {
  expect(summary).not.toBeNull();
  const s = summary as DemoChurnSummary;
  expect(s.departures).toBeGreaterThan(20);
  const [row] = rowsOf<{ n: number; churned: number; competitors: number; audited: number }>(
    await db.db.execute(sql`select count(*)::int as n,
        count(*) filter (where c.status = 'churned')::int as churned,
        count(t.competitor_id)::int as competitors,
        (select count(*)::int from audit_log a where a.entity = 'churn_termination') as audited
      from churn_terminations t join customers c on c.id = t.customer_id`),
  );
  expect(row).toMatchObject({ n: s.departures, churned: s.departures, audited: s.departures });
  expect(row.competitors).toBeGreaterThan(0);
  // A second start does nothing.
  expect(await seedDemoChurn({ db: db.db, minCustomers: 1_000 })).toBeNull();
});

it('queues training of both learners; the worker promotes the better one and scores with it', async () => {
  const s = summary as DemoChurnSummary;
  expect(s.trainJobIds).toHaveLength(2);
  while ((await runDueJobs({ handle: db, types: [TRAIN_JOB, SCORE_JOB] })) > 0);
  const admin = await demoCtx(db.db, 'admin');
  const { items } = await listModels({ ctx: admin, limit: 10, offset: 0 });
  expect(items.map((m) => m.learner).sort()).toEqual(['gbdt', 'logistic']);
  const champion = items.find((m) => m.isChampion);
  expect(champion?.auc).toBeGreaterThan(0.7);
  expect(champion?.auc).toBe(Math.max(...items.map((m) => m.auc)));
});

it('queues a score job whose risk list ranks the customers with reasons', async () => {
  const admin = await demoCtx(db.db, 'admin');
  const page = await riskList({ ctx: admin, query: { limit: 20, offset: 0 } });
  expect(page.run?.status).toBe('succeeded');
  expect(page.total).toBeGreaterThan(100);
  expect(page.items[0].reasons.length).toBeGreaterThan(0);
  // Risk follows the drivers: customers with a recorded competitor offer score higher on average.
  const [avg] = rowsOf<{ with_offer: number; without: number }>(
    await db.db.execute(sql`select avg(s.risk) filter (where exists (select 1 from price_reviews r
        where r.customer_id = s.customer_id and r.competitor_offer_fen is not null)) as with_offer,
      avg(s.risk) filter (where not exists (select 1 from price_reviews r
        where r.customer_id = s.customer_id and r.competitor_offer_fen is not null)) as without
      from churn_scores s where s.run_id = ${page.run?.id ?? 0}`),
  );
  expect(Number(avg.with_offer)).toBeGreaterThan(Number(avg.without));
});
