// The evaluation editor's preview: POST /api/investments/preview computes an input's figures under the policy in
// force (totals, surplus, payback, NPV, IRR, verdict, approver level, monthly cash flow) and saves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';

let t: TestApp;
let am1: Session;
let agent1: Session;
const yuan = (y: number) => y * 100;

beforeAll(async () => {
  t = await createTestApp();
  am1 = await loginAs(t.app, 'am1');
});
afterAll(() => t.close());

const post = async (who: Session, payload: unknown) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/investments/preview',
    headers: who.headers,
    payload: payload as object,
  });
  return { status: res.statusCode, body: res.json() };
};

const s5Second = {
  capital: [
    { kind: 'equipment', label: '城域网设备', amountFen: yuan(400_000) },
    { kind: 'construction', label: '光缆施工', amountFen: yuan(160_000) },
    { kind: 'labour', label: '安装调测', amountFen: yuan(25_500) },
  ],
  yearlyOpexFen: 0,
  termRevenueFen: yuan(686_400),
  termMonths: 36,
  discountRateBp: 0,
};

describe('investment evaluation preview', () => {
  it('computes S5 second evaluation: about 100,000 surplus, payback within 36 months, rule passes', async () => {
    const r = await post(am1, s5Second);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      capitalFen: yuan(585_500),
      totalRevenueFen: yuan(686_400),
      surplusFen: yuan(100_900),
      rulePasses: true,
      ruleReasons: [],
      policyVersion: 0,
    });
    expect(r.body.paybackMonth).toBeGreaterThan(0);
    expect(r.body.paybackMonth).toBeLessThanOrEqual(36);
    expect(r.body.cashFlow).toHaveLength(37);
    expect(r.body.cashFlow.at(-1).cumulativeFen).toBe(yuan(100_900));
  });

  it('names the reason when the contract does not recover the cost in its term', async () => {
    const r = await post(am1, {
      ...s5Second,
      capital: [{ kind: 'equipment', label: '设备', amountFen: yuan(605_000) }],
      yearlyOpexFen: yuan(18_000),
      termRevenueFen: yuan(600_000),
    });
    expect(r.status).toBe(200);
    expect(r.body.rulePasses).toBe(false);
    expect(r.body.ruleReasons).toContain('not_recovered_in_term');
    expect(r.body.paybackMonth).toBeNull();
  });

  it('saves nothing', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/investments', headers: am1.headers });
    await post(am1, s5Second);
    const after = await t.app.inject({ method: 'GET', url: '/api/investments', headers: am1.headers });
    expect(after.json().total).toBe(before.json().total);
  });

  it('answers 400 naming the field for bad input, never 500', async () => {
    const r = await post(am1, { ...s5Second, termRevenueFen: undefined });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.error.details)).toContain('monthlyRevenueFen');
    const neg = await post(am1, { ...s5Second, termMonths: 0 });
    expect(neg.status).toBe(400);
    expect(JSON.stringify(neg.body.error.details)).toContain('termMonths');
  });

  it('is refused without the investments.write permission', async () => {
    agent1 = await loginAs(t.app, 'agent1');
    const r = await post(agent1, s5Second);
    expect(r.status).toBe(403);
  });
});
