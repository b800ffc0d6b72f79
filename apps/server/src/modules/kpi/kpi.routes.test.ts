// Issue 13 (AM KPI): am1's score for last month equals a hand computation; a changed weight changes it; a confirmed
// month does not change on recompute; drill-down lists the evidence; scope (own card vs the team).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer } from '../../test/grading-fixtures';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { runDueJobs } from '../jobs/jobs.service';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { registerKpiJobs } from './kpi.jobs';
import { DEFAULT_SETTINGS } from './kpi.models';

let t: TestApp;
let s: Record<'manager1' | 'manager2' | 'am1' | 'am2', Session>;
const period = shiftPeriod(periodOf(todayIso()), -1);
const exec = (q: ReturnType<typeof sql>) => t.handle.db.execute(q);

const call = async (who: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, headers: who.headers, payload: payload as object });
  return { status: res.statusCode, body: res.statusCode === 204 ? null : res.json() };
};
const run = async () => {
  const res = await call(s.manager1, 'POST', '/api/kpi/runs', { period });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await runDueJobs({ handle: t.handle, types: ['kpi.compute'] });
};
const cardOf = async (who: Session) => {
  const res = await call(who, 'GET', `/api/kpi/scorecards?period=${period}`);
  expect(res.status).toBe(200);
  return res.body as {
    id: number;
    userId: number;
    score: number;
    status: string;
    figures: { key: string; points: number }[];
  }[];
};

beforeAll(async () => {
  t = await createTestApp();
  registerKpiJobs();
  const { users, org } = t.org;
  const c1 = await addCustomer(t.handle.db, {
    orgUnitId: org.cityA.id,
    accountManagerId: users.am1.id,
    industry: 'finance',
  });
  const c2 = await addCustomer(t.handle.db, { orgUnitId: org.cityA.id, accountManagerId: users.am1.id });
  await addCustomer(t.handle.db, { orgUnitId: org.cityA.id, accountManagerId: users.am2.id });
  const at = (day: string) => `${period}-${day}T10:00:00+08:00`;
  // Spend: 3 baseline months of 100,000 fen + 50,000 fen, this month 160,000 fen.
  for (const [cid, base, now] of [
    [c1, 100_000, 110_000],
    [c2, 50_000, 50_000],
  ] as const) {
    for (const k of [3, 2, 1])
      await exec(sql`insert into bills (account_id, customer_id, period, total_fen)
        select id, ${cid}, ${shiftPeriod(period, -k)}, ${base} from billing_accounts where customer_id = ${cid}`);
    await exec(sql`insert into bills (account_id, customer_id, period, total_fen)
      select id, ${cid}, ${period}, ${now} from billing_accounts where customer_id = ${cid}`);
  }
  // One new service this month, one older.
  await exec(
    sql`insert into product_offerings (code, name_zh, name_en, family) values ('T-DL', '专线', 'Line', 'dedicated_line')`,
  );
  await exec(sql`insert into product_instances (customer_id, offering_id, service_number, start_date)
    select ${c1}, id, 'L1', ${`${period}-05`} from product_offerings where code = 'T-DL'`);
  await exec(sql`insert into product_instances (customer_id, offering_id, service_number, start_date)
    select ${c2}, id, 'L2', '2020-01-01' from product_offerings where code = 'T-DL'`);
  // Visits: 3 this month by am1.
  for (const d of ['03', '10', '20'])
    await exec(sql`insert into ka_visits (customer_id, user_id, channel, occurred_at, purpose)
      values (${c1}, ${users.am1.id}, 'visit', ${at(d)}, '走访')`);
  // Commitments due this month: one kept on time, one overdue.
  await exec(sql`insert into commitments (customer_id, type, what, due_at, promiser_id, status, within_limit, fulfilled_at)
    values (${c1}, 'delivery', '开通专线', ${at('15')}, ${users.am1.id}, 'fulfilled', true, ${at('14')}),
           (${c2}, 'plan_change', '改套餐', ${at('12')}, ${users.am1.id}, 'overdue', true, null)`);
  // One complaint caused (S4-like) this month.
  await exec(sql`insert into tickets (ticket_no, type, channel, severity, title, customer_id, owner_id, org_unit_id,
      customer_category, created_at)
    values ('T1', 'complaint', 'phone', 'major', '账单过高', ${c2}, ${users.agent1.id}, ${org.cityA.id}, 'key_account', ${at('08')})`);
  await exec(sql`insert into ticket_complaints (ticket_id, responsible_user_id, compensation_fen, compensation_status)
    select id, ${users.am1.id}, 140000, 'approved' from tickets where ticket_no = 'T1'`);
  s = {} as typeof s;
  for (const u of ['manager1', 'manager2', 'am1', 'am2'] as const) s[u] = await loginAs(t.app, u);
});
afterAll(() => t.close());

describe('account-manager KPI', () => {
  it("scores am1's last month exactly as computed by hand, with penalties", async () => {
    const ticket = (await exec(sql`select id from tickets where ticket_no = 'T1'`)) as unknown as {
      rows: { id: number }[];
    };
    const pen = await call(s.manager1, 'POST', '/api/kpi/penalties', {
      userId: t.org.users.am1.id,
      period,
      points: 5,
      amountFen: 140_000,
      reason: '遗忘改套餐，承担差价',
      ticketId: Number(ticket.rows[0].id),
    });
    expect(pen.status, JSON.stringify(pen.body)).toBe(201);
    await run();
    const [card] = await cardOf(s.am1);
    // Defaults: weights 30/15/15/10/10/10/10; targets growth 2%, 2 services, 90% satisfied, tolerance 2,
    // 95% on time, 90% complete, 4 visits.
    const spendTarget = Math.round((450_000 / 3) * 1.02); // 153,000
    const spend = 30 * Math.min(160_000 / spendTarget, 1.2); // 104.6% of target
    const services = 15 * (1 / 2);
    const satisfaction = 15; // no survey answer: counted as attained
    const complaints = 10 * (1 - 1 / 2);
    const commitments = 10 * (0.5 / 0.95);
    // Completeness: c1 has its industry (1 of 8 fields), c2 nothing: 1/16 = 6.25%.
    const completeness = 10 * (1 / 16 / 0.9);
    const visits = 10 * (3 / 4);
    const r2 = (v: number) => Math.round(v * 100) / 100;
    const expected = r2(
      [spend, services, satisfaction, complaints, commitments, completeness, visits]
        .map(r2)
        .reduce((a, b) => a + b, 0) - 5,
    );
    expect(card.userId).toBe(t.org.users.am1.id);
    expect(card.score).toBe(expected);
    expect(card.status).toBe('computed');
  });

  it('lists the evidence behind each figure', async () => {
    const [card] = await cardOf(s.am1);
    const ev = async (key: string) => (await call(s.am1, 'GET', `/api/kpi/scorecards/${card.id}/evidence/${key}`)).body;
    expect((await ev('newServices')).items.map((i: { label: string }) => i.label)).toEqual(['专线 L1']);
    expect((await ev('visits')).items).toHaveLength(3);
    expect((await ev('commitments')).items.map((i: { value: number }) => i.value).sort()).toEqual([0, 1]);
    expect((await ev('complaints')).items[0].amountFen).toBe(140_000);
    expect((await ev('penalties')).items[0]).toMatchObject({ kind: 'penalty', value: 5, amountFen: 140_000 });
    expect((await ev('spend')).items).toHaveLength(8);
  });

  it("lists a month's penalties with the AM, the linked ticket and who recorded them, in scope", async () => {
    const list = await call(s.manager1, 'GET', `/api/kpi/penalties?period=${period}`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        userName: t.org.users.am1.displayName,
        amountFen: 140_000,
        reason: '遗忘改套餐，承担差价',
        ticketNo: 'T1',
        ticketTitle: '账单过高',
        createdByName: t.org.users.manager1.displayName,
      }),
    ]);
    expect((await call(s.am1, 'GET', `/api/kpi/penalties?period=${period}`)).body).toHaveLength(1);
    expect((await call(s.am2, 'GET', `/api/kpi/penalties?period=${period}`)).body).toEqual([]);
    expect((await call(s.manager2, 'GET', `/api/kpi/penalties?period=${period}`)).body).toEqual([]);
  });

  it('changes the score when a weight changes', async () => {
    const [before] = await cardOf(s.am1);
    const put = await call(s.manager1, 'PUT', '/api/kpi/settings', {
      ...DEFAULT_SETTINGS,
      effectiveFrom: period,
      weights: { ...DEFAULT_SETTINGS.weights, visits: 0, satisfaction: 25 },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const bad = await call(s.manager1, 'PUT', '/api/kpi/settings', {
      ...DEFAULT_SETTINGS,
      effectiveFrom: period,
      weights: { ...DEFAULT_SETTINGS.weights, visits: 50 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('weights');
    await run();
    const [after] = await cardOf(s.am1);
    // visits earned 7.5 of 10; satisfaction (no data) earns its whole weight: +10 - 7.5.
    expect(after.score).toBe(Math.round((before.score + 2.5) * 100) / 100);
  });

  it('keeps a confirmed month frozen on recompute', async () => {
    const [card] = await cardOf(s.am1);
    expect((await call(s.am1, 'POST', `/api/kpi/scorecards/${card.id}/confirm`)).status).toBe(403);
    const ok = await call(s.manager1, 'POST', `/api/kpi/scorecards/${card.id}/confirm`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    await exec(sql`insert into ka_visits (customer_id, user_id, channel, occurred_at, purpose)
      select id, ${t.org.users.am1.id}, 'visit', ${`${period}-25T10:00:00+08:00`}, '再访' from customers
      where account_manager_id = ${t.org.users.am1.id} limit 1`);
    await call(s.manager1, 'PUT', '/api/kpi/settings', { ...DEFAULT_SETTINGS, effectiveFrom: period });
    await run();
    const [again] = await cardOf(s.am1);
    expect(again).toEqual({ ...ok.body, rank: 1 });
    const late = await call(s.manager1, 'POST', '/api/kpi/penalties', {
      userId: t.org.users.am1.id,
      period,
      points: 1,
      reason: '迟到',
    });
    expect(late.status).toBe(409);
  });

  it('shows an AM only their own card, a manager their team, another city nothing', async () => {
    expect((await cardOf(s.am1)).map((c) => c.userId)).toEqual([t.org.users.am1.id]);
    expect((await cardOf(s.manager1)).map((c) => c.userId).sort()).toEqual(
      [t.org.users.am1.id, t.org.users.am2.id].sort(),
    );
    expect(await cardOf(s.manager2)).toEqual([]);
    const [am2card] = await cardOf(s.am2);
    expect((await call(s.am1, 'GET', `/api/kpi/scorecards/${am2card.id}`)).status).toBe(404);
    expect((await call(s.manager2, 'GET', `/api/kpi/scorecards/${am2card.id}/evidence/spend`)).status).toBe(404);
    const trend = await call(s.am1, 'GET', '/api/kpi/trend');
    expect(trend.body.points).toHaveLength(12);
    expect(trend.body.points.at(-1).status).toBe('confirmed');
  });

  it('records inspections whose penalties feed the KPI', async () => {
    const q1 = await loginAs(t.app, 'quality1');
    const res = await call(q1, 'POST', '/api/quality/inspections', {
      kind: 'mystery_shopper',
      subjectType: 'staff',
      staffUserId: t.org.users.am2.id,
      inspectedAt: `${period}-18`,
      items: [
        { label: '首问负责', maxScore: 10, score: 6 },
        { label: '礼貌用语', maxScore: 10, score: 10 },
      ],
      penaltyPoints: 3,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ score: 16, maxScore: 20, scorePct: 80 });
    const bad = await call(q1, 'POST', '/api/quality/inspections', {
      kind: 'service_inspection',
      subjectType: 'counter',
      inspectedAt: `${period}-18`,
      items: [{ label: 'x', maxScore: 5, score: 6 }],
    });
    expect(bad.status).toBe(400);
    const [before] = (await cardOf(s.am2)).map((c) => c.score);
    await run();
    const [card] = await cardOf(s.am2);
    expect(card.score).toBe(Math.round((before - 3) * 100) / 100);
    const ev = await call(s.manager1, 'GET', `/api/kpi/scorecards/${card.id}/evidence/penalties`);
    expect(ev.body.items[0]).toMatchObject({ kind: 'inspection', value: 3 });
  });
});
