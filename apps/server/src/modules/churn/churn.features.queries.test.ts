import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSpend } from '../../test/grading-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { addContract, addKa, addProduct, seedKaOfferings } from '../ka-common/ka.test-helpers';
import {
  churnFeatures,
  FEATURE_SET_VERSION,
  type FeatureValues,
  featureTextsOf,
  featureValuesOf,
  parseArrayText,
} from './churn.features';
import { labelledSnapshotPages, labelledSnapshots, writeSnapshot } from './churn.features.queries';

// A hand-built hotel (S3): the snapshot of June 2026 (as of 1 July 2026) must hold exactly the values worked out
// by hand from its bills, products, contract, complaints, price review, contacts and grades.

let t: TestApp;
let hotel: number;
let left: number;
let byProduct: number;
let undated: number;
const exec = (q: ReturnType<typeof sql>) => t.handle.db.execute(q);

beforeAll(async () => {
  t = await createTestApp();
  const off = await seedKaOfferings(t.handle);
  const db = t.handle.db;
  hotel = await addKa(db, {
    orgUnitId: t.org.org.cityA.id,
    accountManagerId: t.org.users.am1.id,
    name: '金陵国际大酒店',
    sinceDate: '2019-05-01',
  });
  // 10,000 yuan a month for a year, then 6,000, 6,000 and 6,600 in April-June 2026.
  const spend: Record<string, number> = {};
  for (const p of ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'])
    spend[p] = 10_000;
  Object.assign(spend, { '2026-04': 6_000, '2026-05': 6_000, '2026-06': 6_600, '2026-07': 1 });
  await setSpend(db, hotel, spend);
  await exec(sql`update bills set arrears_fen = 123456 where customer_id = ${hotel} and period = '2026-05'`);
  await exec(sql`update bills set arrears_fen = 999 where customer_id = ${hotel} and period = '2026-07'`);
  // Two lines since 2020; the second terminated on 15 May 2026.
  await addProduct(db, hotel, off.metro.id, 'MSTP-1', 500_000);
  const second = await addProduct(db, hotel, off.metro.id, 'MSTP-2', 500_000);
  await exec(sql`update product_instances set end_date = '2026-05-15', status = 'terminated' where id = ${second}`);
  await addContract(db, hotel, { no: 'HT-1', start: '2023-08-15', end: '2026-08-15', months: 36 });
  // Complaints: one in January (outside the 90 days), one in May resolved, one in June still open.
  const ticket = (no: string, type: string, at: string, resolved: string | null) =>
    exec(sql`insert into tickets (ticket_no, type, channel, severity, title, owner_id, org_unit_id, customer_id,
        customer_category, created_at, resolved_at)
      values (${no}, ${type}, 'phone', 'minor', 't', ${t.org.users.agent1.id}, ${t.org.org.cityA.id}, ${hotel},
        'key_account', ${at}::timestamptz, ${resolved}::timestamptz)`);
  await ticket('T-1', 'complaint', '2026-01-10T10:00:00+08:00', null);
  await ticket('T-2', 'complaint', '2026-05-10T10:00:00+08:00', '2026-05-12T10:00:00+08:00');
  await ticket('T-3', 'complaint', '2026-06-20T10:00:00+08:00', null);
  await ticket('T-4', 'fault_report', '2026-07-02T10:00:00+08:00', null);
  // The price review was due on 1 April 2026 and a competitor offered 5,000 yuan.
  const [line] = (
    (await exec(sql`select id from product_instances where customer_id = ${hotel} order by id limit 1`)) as unknown as {
      rows: { id: number }[];
    }
  ).rows;
  await exec(sql`insert into price_reviews (customer_id, product_instance_id, next_review_date, competitor_offer_fen)
    values (${hotel}, ${line.id}, '2026-04-01', 500000)`);
  // Last contact: 12 May 2026 (a later one on 3 July is after the snapshot).
  for (const at of ['2026-03-01T09:00:00+08:00', '2026-05-12T23:30:00+08:00', '2026-07-03T09:00:00+08:00'])
    await exec(sql`insert into interactions (customer_id, channel, direction, summary, occurred_at)
      values (${hotel}, 'phone', 'outbound', 'call', ${at}::timestamptz)`);
  // Graded gold in May after platinum; the July grade is after the snapshot.
  for (const [p, tier, prev] of [
    ['2026-05', 'gold', 'platinum'],
    ['2026-07', 'diamond', 'gold'],
  ])
    await exec(sql`insert into customer_grades (period, customer_id, run_id, rule_set_id, rule_set_version, category,
        tier, prev_tier, reason, abc_class, measure_fen, measure_sum_fen, measure_months, measure_divisor, spend_fen)
      values (${p}, ${hotel}, 1, 1, 1, 'key_account', ${tier}, ${prev}, 'test', 'A', 0, 0, 3, 3, 0)`);
  // A customer whose termination was recorded on 20 May 2026 is not in the June snapshot, but is in April's with
  // label 1. The day its record was set churned (audit, 3 July) is not its churn date.
  left = await addKa(db, { orgUnitId: t.org.org.cityA.id, name: '离网公司', sinceDate: '2020-01-01' });
  await exec(sql`update customers set status = 'churned' where id = ${left}`);
  await exec(sql`insert into churn_terminations (customer_id, termination_date, reason_code)
    values (${left}, '2026-05-20', 'competitor_offer')`);
  await exec(sql`insert into audit_log (actor_name, action, entity, entity_id, changes, at)
    values ('am1', 'update', 'customer', ${String(left)}, '{"status":{"before":"active","after":"churned"}}'::jsonb,
      '2026-07-03T10:00:00+08:00')`);
  // Churned without a termination record: the termination date of its last product (10 May 2026) is the churn date.
  byProduct = await addKa(db, { orgUnitId: t.org.org.cityA.id, name: '拆机公司', sinceDate: '2020-01-01' });
  const lastLine = await addProduct(db, byProduct, off.metro.id, 'MSTP-9', 100_000);
  await exec(sql`update product_instances set end_date = '2026-05-10', status = 'terminated' where id = ${lastLine}`);
  await exec(sql`update customers set status = 'churned' where id = ${byProduct}`);
  // Churned with no recorded date at all: left out of the snapshots rather than given a guessed date.
  undated = await addKa(db, { orgUnitId: t.org.org.cityA.id, name: '无日期公司', sinceDate: '2020-01-01' });
  await exec(sql`update customers set status = 'churned' where id = ${undated}`);
});
afterAll(() => t.close());

describe('the monthly churn feature snapshot', () => {
  it('computes every feature of a hand-built customer as of the first day after the month', async () => {
    expect(await writeSnapshot(t.handle.db, { period: '2026-06' })).toBe(1);
    const [row] = await labelledSnapshots(t.handle.db, { from: '2026-06', to: '2026-06', horizonMonths: 3 });
    expect(row.customerId).toBe(hotel);
    expect(row.label).toBe(0);
    expect(row.features).toEqual({
      tenure_months: 86,
      spend_level_yuan: 6200,
      spend_trend_3m_pct: -38,
      spend_trend_6m_pct: -19,
      // 6,600 yuan on 1 line against 10,000 yuan on 2 lines six months before.
      arpu_change_pct: 32,
      products_active: 1,
      products_terminated_6m: 1,
      contract_days_left: 45,
      complaints_90d: 2,
      unresolved_tickets_90d: 1,
      sla_breaches_90d: 0,
      satisfaction_latest: null,
      recommend_latest: null,
      price_review_overdue_days: 91,
      competitor_offer: 1,
      arrears_yuan: 1234.56,
      // 6,600 against the mean of March-May (22,000 / 3).
      usage_drop_pct: 10,
      days_since_contact: 50,
      tier_change: -2,
      tier: 'gold',
      category: 'key_account',
    });
    // Every declared feature is in the snapshot, and nothing else.
    expect(Object.keys(row.features).sort()).toEqual(churnFeatures.map((f) => f.key).sort());
  });

  it('labels a customer who churned within the horizon, and leaves churned customers out afterwards', async () => {
    await writeSnapshot(t.handle.db, { period: '2026-04' });
    const rows = await labelledSnapshots(t.handle.db, { from: '2026-04', to: '2026-04', horizonMonths: 1 });
    expect(rows.find((r) => r.customerId === left)?.label).toBe(1);
    expect(rows.find((r) => r.customerId === byProduct)?.label).toBe(1);
    expect(rows.find((r) => r.customerId === hotel)?.label).toBe(0);
    expect(rows.map((r) => r.customerId)).not.toContain(undated);
    // With a horizon ending before the recorded termination date, the label is 0 (no guess from the audit trail).
    await writeSnapshot(t.handle.db, { period: '2026-03' });
    const march = await labelledSnapshots(t.handle.db, { from: '2026-03', to: '2026-03', horizonMonths: 1 });
    expect(march.find((r) => r.customerId === left)?.label).toBe(0);
    const june = await labelledSnapshots(t.handle.db, { from: '2026-06', to: '2026-06', horizonMonths: 1 });
    expect(june.map((r) => r.customerId)).toEqual([hotel]);
    // What the training worker gets: the same rows in the same order, as the stored arrays' text, read page by page.
    const window = { from: '2026-03', to: '2026-04', horizonMonths: 1 };
    const both = await labelledSnapshots(t.handle.db, window);
    const features: ReturnType<typeof featureValuesOf>[] = [];
    const labels: number[] = [];
    for await (const page of labelledSnapshotPages(t.handle.db, { ...window, pageSize: 2 })) {
      expect(page.labels.length).toBeLessThanOrEqual(2);
      for (let i = 0; i < page.numeric.length; i++)
        features.push(featureValuesOf({ numeric: page.numeric[i], categorical: page.categorical[i] }));
      labels.push(...page.labels);
    }
    expect(both.length).toBeGreaterThan(2);
    expect(features).toEqual(both.map((r) => r.features));
    expect(labels).toEqual(both.map((r) => r.label));
  });

  it('rewrites a period idempotently under the current feature-set version', async () => {
    await writeSnapshot(t.handle.db, { period: '2026-06' });
    const r = (await t.handle.db.execute(
      sql`select count(*)::int as n, min(feature_set_version) as v from churn_feature_snapshots where period = '2026-06'`,
    )) as unknown as { rows: { n: number; v: string }[] };
    expect(r.rows[0]).toEqual({ n: 1, v: FEATURE_SET_VERSION });
  });

  it('leaves out of training the rows of a customer deleted after its snapshot (no foreign key on the snapshot)', async () => {
    const mistake = await addKa(t.handle.db, {
      orgUnitId: t.org.org.cityA.id,
      name: '录错公司',
      sinceDate: '2020-01-01',
    });
    await writeSnapshot(t.handle.db, { period: '2026-05' });
    const window = { from: '2026-05', to: '2026-05', horizonMonths: 1 };
    expect((await labelledSnapshots(t.handle.db, window)).map((r) => r.customerId)).toContain(mistake);
    await exec(sql`delete from customers where id = ${mistake}`);
    expect((await labelledSnapshots(t.handle.db, window)).map((r) => r.customerId)).not.toContain(mistake);
  });
});

describe('the stored feature arrays', () => {
  it('reads back every feature of a row from the arrays as PostgreSQL writes them, in declaration order', () => {
    const values: FeatureValues = Object.fromEntries(
      churnFeatures.map((f, i) => [f.key, f.kind === 'numeric' ? i - 3.25 : `l${i}`]),
    );
    values.contract_days_left = null;
    values.tier = 'none';
    const texts = featureTextsOf(values);
    expect(texts.numeric.startsWith('{-3.25,-2.25,')).toBe(true);
    expect(featureValuesOf(texts)).toEqual(values);
  });

  it('parses quoted elements and NULLs of an array literal', () => {
    expect(parseArrayText('{}')).toEqual([]);
    expect(parseArrayText('{1,NULL,2.5e+20}')).toEqual(['1', null, '2.5e+20']);
    expect(parseArrayText('{"a,b",NULL,"say \\"hi\\"",c,"NULL"}')).toEqual(['a,b', null, 'say "hi"', 'c', 'NULL']);
    expect(featureTextsOf({ tier: 'a,b', category: 'NULL' }).categorical).toBe('{"a,b","NULL"}');
  });
});
