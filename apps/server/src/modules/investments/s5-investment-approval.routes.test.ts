// S5 (project payback) end to end over HTTP: 12 metro-Ethernet lines on a 3-year contract. The first evaluation
// (605,000 yuan invested, 600,000 revenue over 3 years plus maintenance) fails the rule and finance rejects it; two
// years later the second (585,500 against 686,400 over 36 months) shows about 100,000 surplus, a payback month within
// the term, and finance approves it; both versions stay visible, each step notified and audited.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedBills } from '../../test/customer-helpers';
import { TEST_PASSWORD } from '../../test/fixtures';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { ctxFor, makeCustomer } from '../service-desk/service-desk.test-helpers';

let t: TestApp;
let s: Record<'admin' | 'manager1' | 'am1' | 'finance1', Session>;
let customerId: number;
const yuan = (y: number) => y * 100;

const call = async (who: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, headers: who.headers, payload: payload as object });
  return { status: res.statusCode, body: res.json() };
};

beforeAll(async () => {
  t = await createTestApp();
  const adminCtx = await ctxFor(t.handle.db, t.org.users.admin);
  const c = await makeCustomer(adminCtx, {
    name: '南京城域网客户',
    category: 'key_account',
    orgUnitId: t.org.org.cityA.id,
    organizationType: 'enterprise',
    accountManagerId: t.org.users.am1.id,
  });
  customerId = c.id;
  s = {} as typeof s;
  for (const u of ['admin', 'manager1', 'am1', 'finance1'] as const) s[u] = await loginAs(t.app, u);
});
afterAll(() => t.close());

const first = {
  capital: [
    { kind: 'equipment', label: '城域网设备', amountFen: yuan(420_000) },
    { kind: 'construction', label: '光缆施工', amountFen: yuan(160_000) },
    { kind: 'labour', label: '安装调测', amountFen: yuan(25_000) },
  ],
  yearlyOpexFen: yuan(18_000),
  termRevenueFen: yuan(600_000),
  termMonths: 36,
  discountRateBp: 800,
};
const second = {
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

const notificationsOf = async (who: Session) =>
  (await call(who, 'GET', '/api/notifications?limit=100')).body.items as {
    kind: string;
    data: Record<string, number>;
  }[];

describe('S5: investment evaluation and approval of 12 metro-Ethernet lines', () => {
  let projectId: number;

  it('rejects the first evaluation by the rule: the contract does not recover 605,000 + maintenance in 3 years', async () => {
    const created = await call(s.am1, 'POST', '/api/investments', { customerId, name: '12条城域网专线' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    projectId = created.body.id;

    const v1 = await call(s.am1, 'POST', `/api/investments/${projectId}/evaluations`, first);
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    const e1 = v1.body.evaluations[0];
    expect(e1).toMatchObject({
      version: 1,
      status: 'draft',
      capitalFen: yuan(605_000),
      totalRevenueFen: yuan(600_000),
      totalCostFen: yuan(605_000 + 54_000),
      surplusFen: yuan(-59_000),
      paybackMonth: null,
      rulePasses: false,
      approverLevel: 'city',
    });
    expect(e1.ruleReasons).toContain('not_recovered_in_term');
    expect(e1.cashFlow).toHaveLength(37);

    expect((await call(s.am1, 'POST', `/api/investment-evaluations/${e1.id}/submit`)).body.evaluations[0].status).toBe(
      'submitted',
    );
    expect(
      (await notificationsOf(s.manager1)).some((n) => n.kind === 'investment.step' && n.data.evaluationId === e1.id),
    ).toBe(true);
    // Finance cannot skip the manager's review.
    const early = await call(s.finance1, 'POST', `/api/investment-evaluations/${e1.id}/decision`, {
      decision: 'approve',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('investments.wrong_step');

    const inboxOfManager = await call(s.manager1, 'GET', '/api/investments/inbox');
    expect(inboxOfManager.body.map((i: { evaluationId: number }) => i.evaluationId)).toContain(e1.id);
    const reviewed = await call(s.manager1, 'POST', `/api/investment-evaluations/${e1.id}/review`, {
      action: 'forward',
      note: '请财务审核',
    });
    expect(reviewed.body.evaluations[0]).toMatchObject({ status: 'reviewed', reviewedByName: expect.any(String) });
    expect((await notificationsOf(s.finance1)).some((n) => n.data.evaluationId === e1.id)).toBe(true);
    const inbox = await call(s.finance1, 'GET', '/api/investments/inbox');
    expect(inbox.body.find((i: { evaluationId: number }) => i.evaluationId === e1.id)).toMatchObject({
      step: 'decide',
      rulePasses: false,
    });

    const approve = await call(s.finance1, 'POST', `/api/investment-evaluations/${e1.id}/decision`, {
      decision: 'approve',
    });
    expect(approve.status).toBe(422);
    expect(approve.body.error.code).toBe('investments.rule_not_met');
    const noReason = await call(s.finance1, 'POST', `/api/investment-evaluations/${e1.id}/decision`, {
      decision: 'reject',
    });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const rejected = await call(s.finance1, 'POST', `/api/investment-evaluations/${e1.id}/decision`, {
      decision: 'reject',
      reason: '三年收入不能收回投资及维护成本',
    });
    expect(rejected.body.evaluations[0]).toMatchObject({
      status: 'rejected',
      decisionReason: '三年收入不能收回投资及维护成本',
    });
    expect(
      (await notificationsOf(s.am1)).some((n) => n.data.evaluationId === e1.id && n.kind === 'investment.step'),
    ).toBe(true);
  });

  it('approves the second evaluation two years later: about 100,000 surplus, paid back within 36 months', async () => {
    const v2 = await call(s.am1, 'POST', `/api/investments/${projectId}/evaluations`, second);
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    const e2 = v2.body.evaluations[1];
    expect(e2.capitalFen).toBe(yuan(585_500));
    expect(e2.totalRevenueFen).toBeGreaterThanOrEqual(yuan(686_400));
    expect(Math.abs(e2.surplusFen - yuan(100_900))).toBeLessThan(yuan(1_000));
    expect(e2.paybackMonth).toBeGreaterThan(0);
    expect(e2.paybackMonth).toBeLessThanOrEqual(36);
    expect(e2.rulePasses).toBe(true);

    await call(s.am1, 'POST', `/api/investment-evaluations/${e2.id}/submit`);
    const own = await call(s.am1, 'POST', `/api/investment-evaluations/${e2.id}/review`, { action: 'forward' });
    expect(own.status).toBe(403);
    await call(s.manager1, 'POST', `/api/investment-evaluations/${e2.id}/review`, { action: 'forward' });
    const approved = await call(s.finance1, 'POST', `/api/investment-evaluations/${e2.id}/decision`, {
      decision: 'approve',
      reason: '三年内收回投资',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const project = await call(s.am1, 'GET', `/api/investments/${projectId}`);
    expect(project.body.evaluations.map((e: { version: number; status: string }) => [e.version, e.status])).toEqual([
      [1, 'rejected'],
      [2, 'approved'],
    ]);
    expect(project.body).toMatchObject({ latestVersion: 2, latestStatus: 'approved' });

    const audit = await t.handle.db.execute(
      `select action from audit_log where entity = 'investment_evaluation' and entity_id = '${e2.id}' order by id` as never,
    );
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual([
      'create',
      'submit',
      'forward',
      'approve',
    ]);
  });

  it('shows billed revenue against the plan once approved (realised payback)', async () => {
    const before = await call(s.am1, 'GET', `/api/investments/${projectId}/realised`);
    expect(before.body.startPeriod).toMatch(/^\d{4}-\d{2}$/);
    expect(before.body.actualRevenueFen).toBe(0);
    const start: string = before.body.startPeriod;
    const account = await seedAccount(t.handle, customerId, 'S5-ACC');
    const shift = (n: number) => {
      const [y, m] = start.split('-').map(Number);
      const i = y * 12 + m - 1 + n;
      return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    };
    await seedBills(t.handle, { id: account.id, customerId }, [shift(0), shift(1), shift(2)], yuan(20_000));
    const after = await call(s.am1, 'GET', `/api/investments/${projectId}/realised`);
    expect(after.body.actualRevenueFen).toBe(yuan(60_000));
    expect(after.body.months[2]).toMatchObject({ month: 3, actualCumulativeFen: yuan(60_000 - 585_500) });
    expect(after.body.months[3].actualCumulativeFen).toBeNull();
    expect(after.body.realisedPaybackMonth).toBeNull();
  });

  it('needs a province-level approver for a larger investment, configurable by administrators', async () => {
    const policy = await call(s.admin, 'PUT', '/api/investments/policy', {
      minSurplusFen: 0,
      requirePositiveNpv: false,
      tiers: [
        { maxCapitalFen: yuan(500_000), approverLevel: 'city' },
        { maxCapitalFen: null, approverLevel: 'province' },
      ],
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    expect(policy.body.version).toBe(1);
    const audited = await t.handle.db.execute(
      sql`select actor_name, changes from audit_log where entity = 'investment_policy' order by id desc limit 1`,
    );
    const [entry] = (audited as unknown as { rows: { actor_name: string; changes: Record<string, unknown> }[] }).rows;
    expect(entry.actor_name).toBe('admin');
    expect(Object.keys(entry.changes)).toContain('tiers');
    const byFinance = await call(s.finance1, 'PUT', '/api/investments/policy', policy.body);
    expect(byFinance.status).toBe(403);
    const bad = await call(s.admin, 'PUT', '/api/investments/policy', {
      minSurplusFen: 0,
      requirePositiveNpv: false,
      tiers: [{ maxCapitalFen: yuan(1), approverLevel: 'city' }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('tiers.0.maxCapitalFen');

    const p = await call(s.am1, 'POST', '/api/investments', { customerId, name: '园区光纤改造' });
    const v = await call(s.am1, 'POST', `/api/investments/${p.body.id}/evaluations`, second);
    const e = v.body.evaluations[0];
    expect(e.approverLevel).toBe('province');
    await call(s.am1, 'POST', `/api/investment-evaluations/${e.id}/submit`);
    await call(s.manager1, 'POST', `/api/investment-evaluations/${e.id}/review`, { action: 'forward' });
    expect(
      (await call(s.finance1, 'GET', '/api/investments/inbox')).body.map(
        (i: { evaluationId: number }) => i.evaluationId,
      ),
    ).not.toContain(e.id);
    const refused = await call(s.finance1, 'POST', `/api/investment-evaluations/${e.id}/decision`, {
      decision: 'approve',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('investments.approver_level');

    await call(s.admin, 'POST', '/api/users', {
      username: 'finance_p',
      displayName: '省公司财务',
      role: 'finance',
      orgUnitId: t.org.org.province.id,
      password: TEST_PASSWORD,
    });
    const provinceFinance = await loginAs(t.app, 'finance_p');
    const ok = await call(provinceFinance, 'POST', `/api/investment-evaluations/${e.id}/decision`, {
      decision: 'approve',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('refuses bad input naming the field, and hides projects outside the scope', async () => {
    const bad = await call(s.am1, 'POST', `/api/investments/${projectId}/evaluations`, { ...second, termMonths: 0 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('termMonths');
    const both = await call(s.am1, 'POST', `/api/investments/${projectId}/evaluations`, {
      ...second,
      monthlyRevenueFen: 1,
    });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('termRevenueFen');
    const am2 = await loginAs(t.app, 'am2');
    expect((await call(am2, 'GET', `/api/investments/${projectId}`)).status).toBe(404);
    expect((await call(s.finance1, 'POST', '/api/investments', { customerId, name: 'x' })).status).toBe(403);
  });
});
