import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { addContract, addKa, http } from '../ka-common/ka.test-helpers';
import * as repo from './churn.repository';
import { resetChurnCoxCache } from './churn.screens.service';

// The read endpoints of the churn screens over 40 key accounts: a scoring run written directly (risk rising with
// the customer's index, every fifth customer held out), customers without a 12-month contract churning three times
// as often (terminations recorded through the API), some graded gold.

let t: TestApp;
let admin: Session;
let am1: Session;
let am3: Session;
let agent1: Session;
let h: ReturnType<typeof http>;
let runId: number;
const ids: number[] = [];
const exec = (q: ReturnType<typeof sql>) => t.handle.db.execute(q);
const reason = (zh: string) => ({ feature: 'spend_trend_3m', weight: 0.8, zh, en: 'spend down' });

beforeAll(async () => {
  t = await createTestApp();
  [admin, am1, am3, agent1] = await Promise.all(['admin', 'am1', 'am3', 'agent1'].map((u) => loginAs(t.app, u)));
  h = http(t);
  const db = t.handle.db;
  for (let i = 0; i < 40; i++) {
    const inA = i % 2 === 0;
    const id = await addKa(db, {
      orgUnitId: inA ? t.org.org.cityA.id : t.org.org.cityB.id,
      accountManagerId: inA ? t.org.users.am1.id : t.org.users.am3.id,
      name: `客户${i}`,
      sinceDate: `20${20 + (i % 4)}-0${1 + (i % 6)}-15`,
    });
    ids.push(id);
    const contracted = i % 3 !== 0;
    if (contracted) await addContract(db, id, { no: `HT${i}`, start: '2024-01-01', end: '2026-12-31', months: 12 });
    if (i % 4 === 1)
      await exec(sql`insert into customer_grades (period, customer_id, run_id, rule_set_id, rule_set_version, category,
          tier, reason, abc_class, measure_fen, measure_sum_fen, measure_months, measure_divisor, spend_fen)
        values ('2026-10', ${id}, 1, 1, 1, 'key_account', 'gold', 'test', 'A', 0, 0, 3, 3, 0)`);
  }
  const model = await repo.insertModel(db, {
    learner: 'logistic',
    featureSetVersion: 'test',
    trainFrom: '2026-01',
    trainTo: '2026-06',
    horizonMonths: 3,
    rows: 100,
    positives: 20,
    validationRows: 20,
    metrics: {
      auc: 0.8,
      prAuc: 0.5,
      lift10: 3,
      brier: 0.1,
      calibration: [],
      threshold: 0.5,
      confusion: { tp: 1, fp: 1, tn: 1, fn: 1, precision: 0.5, recall: 0.5, accuracy: 0.5 },
    },
    importance: [],
    encoding: { version: 'test', levels: {} },
    model: {},
    trainSeconds: 1,
  });
  const run = await repo.insertRun(db, { period: '2026-10', modelId: model?.id ?? 0, controlPercent: 20, seed: 1 });
  runId = run.id;
  await repo.insertScores(
    db,
    ids.map((customerId, i) => ({
      runId,
      customerId,
      risk: (i + 1) / 40,
      monthlyValueFen: 100_000,
      valueAtRiskFen: Math.round(((i + 1) / 40) * 1_200_000),
      reasons: [reason(`客户${i}消费下降`)],
      control: i % 5 === 4,
    })),
  );
  await repo.finishRun(db, runId, { status: 'succeeded', customers: 40, controls: 8 });
  // Churn: every third customer (no contract) twice in three, the contracted ones one in five; all in November.
  for (let i = 0; i < 40; i++) {
    const churns = i % 3 === 0 ? i % 9 !== 0 : i % 5 === 2;
    if (!churns) continue;
    const res = await h.send(admin, 'POST', `/api/customers/${ids[i]}/termination`, {
      terminationDate: '2026-11-10',
      reasonCode: 'price',
    });
    expect(res.statusCode).toBe(201);
  }
  resetChurnCoxCache(db);
});
afterAll(() => t.close());

describe('the risk list filters of the churn risk screen', () => {
  it('keeps customers between the minimum and maximum risk, and of one tier', async () => {
    const band = (await h.get(admin, '/api/churn/risk-list?minRiskPct=50&maxRiskPct=75&limit=100')).json();
    expect(band.items.length).toBeGreaterThan(0);
    for (const item of band.items) {
      expect(item.risk).toBeGreaterThanOrEqual(0.5);
      expect(item.risk).toBeLessThanOrEqual(0.75);
    }
    const gold = (await h.get(admin, '/api/churn/risk-list?tier=gold&limit=100')).json();
    expect(gold.items.length).toBeGreaterThan(0);
    expect(gold.items.every((x: { tier: string }) => x.tier === 'gold')).toBe(true);
    expect(gold.total).toBe(gold.items.length);
  });

  it('names the field of a tier that does not exist or a risk above 100', async () => {
    const bad = await h.get(admin, '/api/churn/risk-list?tier=silver');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('tier');
    expect((await h.get(admin, '/api/churn/risk-list?maxRiskPct=120')).statusCode).toBe(400);
  });
});

describe('the risk list summed per account manager', () => {
  it('counts the treated customers and high-risk value of each AM in the viewer scope', async () => {
    const all = (await h.get(admin, '/api/churn/risk-summary?minRiskPct=50')).json();
    expect(all.run.id).toBe(runId);
    expect(all.items).toHaveLength(2);
    expect(all.items.reduce((s: number, r: { customers: number }) => s + r.customers, 0)).toBe(32);
    for (const row of all.items) expect(row.highRiskValueAtRiskFen).toBeLessThanOrEqual(row.valueAtRiskFen);
    const mine = (await h.get(am1, '/api/churn/risk-summary')).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].accountManager.id).toBe(t.org.users.am1.id);
    const team = (await h.get(admin, `/api/churn/risk-summary?orgUnitId=${t.org.org.cityB.id}`)).json();
    expect(team.items.map((r: { accountManager: { id: number } }) => r.accountManager.id)).toEqual([
      t.org.users.am3.id,
    ]);
  });
});

describe("a customer's churn score on its 360 page", () => {
  it('gives the latest score with reasons, the history and the Cox hazard ratio with months to churn', async () => {
    // Customer 10 (contracted, active, treated).
    const res = await h.get(admin, `/api/customers/${ids[10]}/churn-score`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.score).toMatchObject({ runId, period: '2026-10', control: false });
    expect(body.score.risk).toBeCloseTo(11 / 40, 10);
    expect(body.score.reasons[0].zh).toBe('客户10消费下降');
    expect(body.history).toEqual([{ runId, period: '2026-10', risk: 11 / 40, control: false }]);
    expect(body.cox).not.toBeNull();
    expect(body.cox.expectedMonths).toBeGreaterThan(0);
    expect(body.cox.expectedMonths).toBeLessThanOrEqual(body.cox.horizonMonths);
    // Without a contract the hazard is higher than with one.
    const uncontracted = (await h.get(admin, `/api/customers/${ids[9]}/churn-score`)).json();
    expect(uncontracted.cox.hazardRatio).toBeGreaterThan(body.cox.hazardRatio);
    expect(uncontracted.cox.factors.some((f: { dimension: string }) => f.dimension === 'contract_type')).toBe(true);
  });

  it('has no Cox estimate for a churned customer, and answers 404 outside the scope', async () => {
    const churned = (await h.get(admin, `/api/customers/${ids[3]}/churn-score`)).json();
    expect(churned.cox).toBeNull();
    expect((await h.get(am3, `/api/customers/${ids[0]}/churn-score`)).statusCode).toBe(404);
    expect((await h.get(am1, `/api/customers/${ids[0]}/churn-score`)).statusCode).toBe(200);
  });
});

describe('the churn risk in the header strip of the customer 360 page', () => {
  const headline = async (s: Session, id: number) => {
    const res = await h.get(s, `/api/customers/${id}/headline`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().churnRisk;
  };

  it("shows the latest run's risk, its band and the strongest reason to the account manager", async () => {
    expect(await headline(am1, ids[10] ?? 0)).toEqual({
      runId,
      period: '2026-10',
      risk: 11 / 40,
      band: 'low',
      control: false,
      topReason: reason('客户10消费下降'),
    });
    expect(await headline(admin, ids[38] ?? 0)).toMatchObject({ risk: 39 / 40, band: 'very_high' });
    expect(await headline(admin, ids[22] ?? 0)).toMatchObject({ band: 'high' });
    expect(await headline(admin, ids[14] ?? 0)).toMatchObject({ band: 'medium', control: true });
  });

  it('leaves it out for roles without churn data and for customers the run did not score', async () => {
    expect(await headline(agent1, ids[10] ?? 0)).toBeNull();
    const unscored = await addKa(t.handle.db, {
      orgUnitId: t.org.org.cityA.id,
      accountManagerId: t.org.users.am1.id,
      name: '未评分客户',
      sinceDate: '2025-03-01',
    });
    expect(await headline(am1, unscored)).toBeNull();
    expect((await h.get(am3, `/api/customers/${ids[10]}/headline`)).statusCode).toBe(404);
  });
});

describe('the uplift of a scoring run against its hold-out', () => {
  it('compares the saved rate of listed customers with the hold-out at the risk threshold', async () => {
    const res = await h.get(admin, `/api/churn/score-runs/${runId}/uplift?minRiskPct=0`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.treatedCustomers).toBe(32);
    expect(body.controlCustomers).toBe(8);
    expect(body.report.treated.customers).toBe(32);
    expect(body.report.uplift).toBeCloseTo(body.report.treated.rate - body.report.control.rate, 10);
    expect(body.actions).toBe(0);
  });

  it('has no report when a group is empty, and 404 for an unknown run', async () => {
    const none = (await h.get(admin, `/api/churn/score-runs/${runId}/uplift?minRiskPct=99`)).json();
    expect(none.report).toBeNull();
    expect((await h.get(admin, '/api/churn/score-runs/999999/uplift')).statusCode).toBe(404);
  });
});
