import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { addKa, http } from '../ka-common/ka.test-helpers';
import { todayIso } from '../ka-common/ka-common.models';
import { FEATURE_SET_VERSION } from './churn.features';
import * as repo from './churn.repository';

// The uplift of retention measured against a scoring run's random hold-out control group (no control list passed).
// A run scored 12 customers of am1: five treated ones (T1-T4 with actions, N1 without) and seven held out (C1-C7).
//
//   treated (actions of the run):  T1 0.90, T2 0.80, T3 0.70 (churned), T4 0.60       -> 4 customers, 3 saved = 0.75
//   lowest treated risk: 0.60, so the controls at 0.60 and above count:
//   control: C1 0.95 (churned), C2 0.85 (churned), C3 0.75, C4 0.65 (churned), C5 0.60 -> 5 customers, 2 saved = 0.40
//   below the floor, not counted: C6 0.40 (churned), C7 0.20; N1 0.30 is treated-eligible but had no action.
//   uplift = 0.75 - 0.40 = 0.35
//   Wilson 95 % (z = 1.959963984540054): 3/4 -> [0.30064184, 0.95441274], 2/5 -> [0.11762077, 0.76927572]
//   Newcombe: lower = 0.35 - sqrt((0.75 - 0.30064184)^2 + (0.76927572 - 0.40)^2) = -0.23162472
//             upper = 0.35 + sqrt((0.95441274 - 0.75)^2 + (0.40 - 0.11762077)^2) =  0.69860091

let t: TestApp;
let h: ReturnType<typeof http>;
let am1: Session;
let am2: Session;
let runId: number;
const ids: Record<string, number> = {};
const exec = (q: ReturnType<typeof sql>) => t.handle.db.execute(q);

const scored: [string, number, boolean][] = [
  ['T1', 0.9, false],
  ['T2', 0.8, false],
  ['T3', 0.7, false],
  ['T4', 0.6, false],
  ['N1', 0.3, false],
  ['C1', 0.95, true],
  ['C2', 0.85, true],
  ['C3', 0.75, true],
  ['C4', 0.65, true],
  ['C5', 0.6, true],
  ['C6', 0.4, true],
  ['C7', 0.2, true],
];

beforeAll(async () => {
  t = await createTestApp();
  h = http(t);
  [am1, am2] = await Promise.all(['am1', 'am2'].map((u) => loginAs(t.app, u)));
  const db = t.handle.db;
  for (const [name] of scored)
    ids[name] = await addKa(db, {
      orgUnitId: t.org.org.cityA.id,
      accountManagerId: t.org.users.am1.id,
      name: `客户${name}`,
      sinceDate: '2020-01-15',
    });
  const model = await repo.insertModel(db, {
    learner: 'logistic',
    featureSetVersion: FEATURE_SET_VERSION,
    trainFrom: '2026-01',
    trainTo: '2026-03',
    horizonMonths: 3,
    rows: 100,
    positives: 10,
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
    encoding: { version: FEATURE_SET_VERSION, levels: {} },
    model: {},
    trainSeconds: 1,
  });
  if (!model) throw new Error('no model');
  const run = await repo.insertRun(db, { period: '2026-10', modelId: model.id, controlPercent: 50, seed: 1 });
  runId = run.id;
  await repo.insertScores(
    db,
    scored.map(([name, risk, control]) => ({
      runId,
      customerId: ids[name],
      risk,
      monthlyValueFen: 100_000,
      valueAtRiskFen: Math.round(risk * 1_200_000),
      reasons: [],
      control,
    })),
  );
  await repo.finishRun(db, runId, { status: 'succeeded', customers: 12, controls: 7 });
  for (const name of ['T1', 'T2', 'T3', 'T4']) {
    const res = await h.send(am1, 'POST', `/api/customers/${ids[name]}/retention-actions`, {
      kind: 'call',
      dueDate: todayIso(),
      scoringRunId: runId,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  for (const name of ['T3', 'C1', 'C2', 'C4', 'C6'])
    await exec(sql`update customers set status = 'churned' where id = ${ids[name]}`);
});
afterAll(() => t.close());

describe('uplift against the scoring run hold-out group', () => {
  it('uses the run hold-out at the treated risk and above when no control list is passed (hand computation)', async () => {
    const res = await h.send(am1, 'POST', '/api/churn/uplift', { scoringRunId: runId });
    expect(res.statusCode, res.body).toBe(200);
    const u = res.json();
    expect(u.treated).toEqual({ customers: 4, saved: 3, rate: 0.75 });
    expect(u.control).toEqual({ customers: 5, saved: 2, rate: 0.4 });
    expect(u.uplift).toBeCloseTo(0.35, 12);
    expect(u.lower).toBeCloseTo(-0.2316247158407697, 10);
    expect(u.upper).toBeCloseTo(0.6986009109113896, 10);
    expect(u.level).toBe(0.95);
    expect(u.significant).toBe(false);
  });

  it('defaults to the latest succeeded run, and still takes an explicit control list', async () => {
    const latest = await h.send(am1, 'POST', '/api/churn/uplift', {});
    expect(latest.statusCode, latest.body).toBe(200);
    expect(latest.json().control).toEqual({ customers: 5, saved: 2, rate: 0.4 });
    const listed = await h.send(am1, 'POST', '/api/churn/uplift', {
      scoringRunId: runId,
      controlCustomerIds: [ids.C6, ids.C7],
    });
    expect(listed.json().control).toEqual({ customers: 2, saved: 1, rate: 0.5 });
  });

  it('answers 400 naming the field for an unknown run, and when nobody in scope was treated', async () => {
    const unknown = await h.send(am1, 'POST', '/api/churn/uplift', { scoringRunId: 999_999 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('scoringRunId');
    const other = await h.send(am2, 'POST', '/api/churn/uplift', { scoringRunId: runId });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.code).toBe('churn.no_treated_customers');
  });
});
