import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer, createGradingTestApp, flat, setSpend } from '../../test/grading-fixtures';
import { loginAs, type TestApp } from '../../test/test-app';
import { runGradingNow } from '../grading/grading.service';

let t: TestApp;
let graded: number;
let ungraded: number;
beforeAll(async () => {
  t = await createGradingTestApp();
  const { org, users } = t.org;
  const db = t.handle.db;
  graded = await addCustomer(db, { orgUnitId: org.cityA.id, accountManagerId: users.am1.id, industry: 'finance' });
  await setSpend(db, graded, flat(['2026-04', '2026-05', '2026-06'], 10_000));
  await runGradingNow({ db, period: '2026-06' });
  ungraded = await addCustomer(db, { orgUnitId: org.cityA.id, accountManagerId: users.am1.id });
});
afterAll(() => t.close());

describe('GET /api/customers/{id} includes the grading', () => {
  it('shows the current tier and the measure it was decided on (10,000 yuan/month is gold)', async () => {
    const s = await loginAs(t.app, 'am1');
    const res = await t.app.inject({ method: 'GET', url: `/api/customers/${graded}`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().grading).toMatchObject({ period: '2026-06', tier: 'gold', measure: 1_000_000 });
  });

  it('answers null for a customer that was never graded', async () => {
    const s = await loginAs(t.app, 'am1');
    const res = await t.app.inject({ method: 'GET', url: `/api/customers/${ungraded}`, headers: s.headers });
    expect(res.json().grading).toBeNull();
  });
});
