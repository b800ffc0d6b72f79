import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { seedTestOrg, type TestOrg } from '../../test/fixtures';
import { addCustomer, flat, setSpend } from '../../test/grading-fixtures';
import { createTestDb } from '../../test/test-db';
import { runDueJobs } from '../jobs/jobs.service';
import { registerGradingJobs } from './grading.jobs';
import { abcClassesFor, defaultRuleSetConfig, periodRange } from './grading.models';
import { gradingSelect, rowsOf } from './grading.queries';
import { gradesOfPeriod, starStreaksUsable } from './grading.repository';
import { activateRuleSet, createRuleSet, listRuleSets, previewMovers, previewRuleSet } from './grading.rules.service';
import { getCustomerGrading, getRun, runGradingNow, startRun } from './grading.service';

let handle: DbHandle;
let org: TestOrg;
let ctx: RequestCtx;
const ids: Record<string, number> = {};
const H1 = periodRange('2026-01', '2026-03');
const H2 = periodRange('2026-04', '2026-06');
const ALL = periodRange('2026-01', '2026-06');

const tiersOf = async (period: string) =>
  new Map((await gradesOfPeriod(handle.db, period)).map((g) => [g.customerId, g]));

beforeAll(async () => {
  handle = await createTestDb();
  org = await seedTestOrg(handle);
  registerGradingJobs();
  const u = org.users.admin;
  ctx = {
    db: handle.db,
    user: { ...u, orgUnitName: '集团' },
    scope: { kind: 'all' },
    actor: { userId: u.id, name: u.username, requestId: null },
    can: () => true,
  };
  const ka = (name: string, extra: Partial<Parameters<typeof addCustomer>[1]> = {}) =>
    addCustomer(handle.db, { orgUnitId: org.org.cityA.id, organizationType: 'enterprise', name, ...extra });
  for (const [name, yuan] of [
    ['b9999', 9_999.99],
    ['b10000', 10_000],
    ['b499999', 499_999.99],
    ['b500000', 500_000],
    ['p160k', 160_000],
  ] as const) {
    ids[name] = await ka(name);
    await setSpend(handle.db, ids[name], flat(H2, yuan));
  }
  ids.gov = await ka('gov', { organizationType: 'government' });
  await setSpend(handle.db, ids.gov, flat(H2, 500));
  ids.hyst = await ka('hyst');
  await setSpend(handle.db, ids.hyst, { ...flat(H1, 40_000), ...flat(H2, 1_000) });
  ids.star5 = await addCustomer(handle.db, { category: 'public', orgUnitId: org.org.cityA.id });
  await setSpend(handle.db, ids.star5, flat(ALL, 800));
  ids.star4 = await addCustomer(handle.db, { category: 'public', orgUnitId: org.org.cityA.id });
  await setSpend(handle.db, ids.star4, { ...flat(ALL, 900), '2026-03': 500 });
  ids.gap = await addCustomer(handle.db, { category: 'public', orgUnitId: org.org.cityA.id });
  await setSpend(handle.db, ids.gap, { ...flat(ALL, 2_000) });
  await handle.exec(`delete from bills where customer_id = ${ids.gap} and period = '2026-02'`);
  ids.biz = await addCustomer(handle.db, { category: 'business', orgUnitId: org.org.cityB.id });
  await setSpend(handle.db, ids.biz, flat(H2, 4_000));
  ids.prospect = await ka('prospect', { status: 'prospect' });
  ids.churned = await ka('churned', { status: 'churned' });
  // grade the months in order, so hysteresis sees the previous month
  for (const p of ['2026-03', '2026-04', '2026-05', '2026-06']) await runGradingNow({ db: handle.db, period: p });
});
afterAll(() => handle.close());

describe('grading run', () => {
  it('grades the tier boundaries exactly', async () => {
    const g = await tiersOf('2026-06');
    expect(g.get(ids.b9999)?.tier).toBe('crystal');
    expect(g.get(ids.b10000)?.tier).toBe('gold');
    expect(g.get(ids.b499999)?.tier).toBe('jade');
    expect(g.get(ids.b500000)?.tier).toBe('diamond');
    expect(g.get(ids.b10000)).toMatchObject({ measureFen: 1_000_000, measureMonths: 3, measureDivisor: 3 });
  });

  it('makes a government KA important regardless of spend, and splits general KA by spend', async () => {
    const g = await tiersOf('2026-06');
    expect(g.get(ids.gov)).toMatchObject({ importance: 'important', tier: 'crystal' });
    expect(g.get(ids.b9999)?.importance).toBe('ordinary');
    expect(g.get(ids.b10000)?.importance).toBe('extra_large');
    expect(g.get(ids.biz)).toMatchObject({ tier: null, importance: null, potential: true });
  });

  it('gives stars only for 6 full consecutive months', async () => {
    const g = await tiersOf('2026-06');
    expect(g.get(ids.star5)?.stars).toBe(5);
    expect(g.get(ids.star4)?.stars).toBe(4);
    // February is missing: only March..June (4 months) run at or above every bar
    expect(g.get(ids.gap)).toMatchObject({ stars: 0, starStreak3: 4, starStreak5: 4 });
    expect(g.get(ids.star4)).toMatchObject({ starStreak3: 6, starStreak4: 6, starStreak5: 3 });
    expect(g.get(ids.b10000)?.stars).toBeNull();
  });

  it("extends last month's star counters exactly as recomputing them from six months of bills would", async () => {
    // a customer added after 2026-05 was graded, with its whole history: it has no counters to extend
    const late = await addCustomer(handle.db, { category: 'public', orgUnitId: org.org.cityA.id });
    await setSpend(handle.db, late, flat(ALL, 850));
    const input = { period: '2026-06', config: defaultRuleSetConfig, runId: 0, ruleSetId: 1, ruleSetVersion: 1 };
    const pick = (rows: Record<string, unknown>[]) =>
      rows
        .map((r) => [r.customer_id, r.stars, r.star_streak3, r.star_streak4, r.star_streak5, r.tier, r.abc_class])
        .sort((a, b) => Number(a[0]) - Number(b[0]));
    const incremental = await rowsOf<Record<string, unknown>>(
      handle.db,
      gradingSelect({ ...input, starStreaksFromPrevious: true }),
    );
    const full = await rowsOf<Record<string, unknown>>(
      handle.db,
      gradingSelect({ ...input, starStreaksFromPrevious: false }),
    );
    expect(pick(incremental)).toEqual(pick(full));
    expect(incremental.find((r) => r.customer_id === late)).toMatchObject({ stars: 5, star_streak5: 6 });
    expect(await starStreaksUsable(handle.db, '2026-06', defaultRuleSetConfig)).toBe(true);
    const otherBars = structuredClone(defaultRuleSetConfig);
    otherBars.stars.minMonthlyFen.three = 35_000;
    expect(await starStreaksUsable(handle.db, '2026-06', otherBars)).toBe(false);
    expect(await starStreaksUsable(handle.db, '2026-03', defaultRuleSetConfig)).toBe(false);
    await handle.exec(
      `delete from bills where customer_id = ${late}; update customers set status = 'prospect' where id = ${late}`,
    );
  });

  it('holds a tier through one period below it and downgrades after the second', async () => {
    const at = async (p: string) => (await tiersOf(p)).get(ids.hyst)!;
    expect(await at('2026-03')).toMatchObject({ tier: 'gem', reason: 'threshold' });
    expect(await at('2026-04')).toMatchObject({
      tier: 'gem',
      rawTier: 'gold',
      held: true,
      belowCount: 1,
      reason: 'held',
    });
    expect(await at('2026-05')).toMatchObject({ tier: 'gold', rawTier: 'gold', held: false, reason: 'downgraded' });
    expect(await at('2026-06')).toMatchObject({ tier: 'gold', rawTier: 'crystal', held: true, belowCount: 1 });
  });

  it('does not grade prospects, nor churned customers without bills', async () => {
    const g = await tiersOf('2026-06');
    expect(g.has(ids.prospect)).toBe(false);
    expect(g.has(ids.churned)).toBe(false);
  });

  it('classifies ABC exactly as the pure rule does', async () => {
    const rows = await gradesOfPeriod(handle.db, '2026-06');
    const expected = abcClassesFor(
      rows.map((r) => ({ id: r.customerId, valueFen: r.measureFen })),
      defaultRuleSetConfig,
    );
    for (const r of rows) expect(r.abcClass).toBe(expected.get(r.customerId));
    expect(rows.find((r) => r.customerId === ids.b500000)?.abcClass).toBe('A');
  });

  it('is idempotent: re-running a period gives the same grades and no duplicate events', async () => {
    const strip = (rows: Awaited<ReturnType<typeof gradesOfPeriod>>) =>
      rows.map(({ runId: _r, ...rest }) => rest).sort((a, b) => a.customerId - b.customerId);
    const before = strip(await gradesOfPeriod(handle.db, '2026-05'));
    const count = async () =>
      (
        (await handle.db.execute(sql`select count(*)::int as n from grading_events`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0].n;
    const eventsBefore = await count();
    const again = await runGradingNow({ db: handle.db, period: '2026-05' });
    expect(again.graded).toBe(before.length);
    expect(strip(await gradesOfPeriod(handle.db, '2026-05'))).toEqual(before);
    expect(await count()).toBe(eventsBefore);
  });

  it('explains a grade: measure, months used, bounds, hysteresis, and history with events', async () => {
    const g = await getCustomerGrading({ db: handle.db, customerId: ids.hyst });
    expect(g).toMatchObject({
      period: '2026-06',
      tier: 'gold',
      layer: 'gold',
      measure: { valueFen: 100_000, months: 3, monthsUsed: 3, fromPeriod: '2026-04', toPeriod: '2026-06' },
      reason: 'held',
      explanation: {
        tier: { raw: 'crystal', rawLowerFen: 0, rawUpperFen: 1_000_000, previous: 'gold', held: true, belowCount: 1 },
      },
    });
    expect(g?.history.map((h) => h.tier)).toEqual(['gold', 'gold', 'gem', 'gem']);
    expect(g?.events).toContainEqual(
      expect.objectContaining({
        period: '2026-05',
        kind: 'tier',
        fromValue: 'gem',
        toValue: 'gold',
        direction: 'down',
      }),
    );
    expect(await getCustomerGrading({ db: handle.db, customerId: ids.prospect })).toBeNull();
  });
});

describe('rule sets: preview, activate, re-run', () => {
  it('moves exactly the customers the preview announced', async () => {
    const [active] = await listRuleSets({ ctx });
    expect(active).toMatchObject({ version: 1, status: 'active' });
    const config = structuredClone(defaultRuleSetConfig);
    config.tiers.minFen.gold = 1_200_000;
    config.tiers.minFen.jade = 15_000_000;
    config.hysteresis.downgradeAfter = 1;
    const draft = await createRuleSet({ ctx, input: { name: 'v2', effectiveFrom: '2026-06', config } });
    expect(draft).toMatchObject({ version: 2, status: 'draft' });

    const preview = await previewRuleSet({ ctx, id: draft.id, period: '2026-06' });
    const movers = await previewMovers({ ctx, id: draft.id, filter: { period: '2026-06', limit: 500, offset: 0 } });
    expect(preview.moved).toBe(movers.total);
    expect(movers.items.map((m) => [m.customerId, m.fromLayer, m.toLayer])).toEqual(
      expect.arrayContaining([
        [ids.b10000, 'gold', 'crystal'],
        [ids.p160k, 'platinum', 'jade'],
        [ids.hyst, 'gold', 'crystal'],
      ]),
    );

    const before = await tiersOf('2026-06');
    const activated = await activateRuleSet({ ctx, id: draft.id });
    expect(activated.status).toBe('active');
    const rerun = await runGradingNow({ db: handle.db, period: '2026-06' });
    const after = await tiersOf('2026-06');
    const layer = (g?: { tier: string | null; category: string }) => g && (g.tier ?? g.category);
    const moved = [...after.entries()]
      .filter(([id, g]) => layer(before.get(id)) !== layer(g))
      .map(([id, g]) => [id, layer(before.get(id)), layer(g)]);
    expect(moved.sort()).toEqual(movers.items.map((m) => [m.customerId, m.fromLayer, m.toLayer]).sort());
    expect(after.get(ids.b10000)?.ruleSetVersion).toBe(2);
    for (const l of preview.layers)
      expect([...after.values()].filter((g) => layer(g) === l.layer)).toHaveLength(l.proposedCustomers);
    expect(rerun.graded).toBe(preview.customers);

    // v1 stays in force for earlier periods; v2 from 2026-06
    const sets = await listRuleSets({ ctx });
    expect(sets.find((s) => s.version === 1)).toMatchObject({ status: 'active', effectiveTo: '2026-05' });
    const old = await runGradingNow({ db: handle.db, period: '2026-05' });
    expect((await tiersOf('2026-05')).get(ids.b10000)?.ruleSetVersion).toBe(1);
    expect(old.graded).toBeGreaterThan(0);
  });
});

describe('runs as jobs', () => {
  it('queues a run and executes it through the job queue with progress', async () => {
    const queued = await startRun({ ctx, period: '2026-04' });
    expect(queued).toMatchObject({ status: 'queued', period: '2026-04' });
    expect(queued.jobId).toEqual(expect.any(Number));
    expect(await runDueJobs({ handle })).toBeGreaterThanOrEqual(1);
    const done = await getRun({ ctx, id: queued.id });
    expect(done).toMatchObject({ status: 'succeeded', ruleSetVersion: 1, progress: { done: 1, total: 1 } });
    expect(done.gradedCount).toBeGreaterThan(0);
  });
});
