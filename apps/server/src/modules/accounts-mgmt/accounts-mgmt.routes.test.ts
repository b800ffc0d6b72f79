import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSpend } from '../../test/grading-fixtures';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { addContact, addKa, http } from '../ka-common/ka.test-helpers';
import { addDays, sameDayInYear, todayIso } from '../ka-common/ka-common.models';

let t: TestApp;
let am1: Session;
let am2: Session;
let manager1: Session;
let manager2: Session;
let h: ReturnType<typeof http>;
let bank: number;
let boss: number;
let cto: number;
const year = Number(todayIso().slice(0, 4));
// A birthday ten days ahead (not 29 February, which 1972 has but the current year may not).
const birthdayDay = addDays(todayIso(), addDays(todayIso(), 10).endsWith('02-29') ? 11 : 10);
beforeAll(async () => {
  t = await createTestApp();
  [am1, am2, manager1, manager2] = await Promise.all(
    ['am1', 'am2', 'manager1', 'manager2'].map((u) => loginAs(t.app, u)),
  );
  h = http(t);
  bank = await addKa(t.handle.db, {
    orgUnitId: t.org.org.cityA.id,
    accountManagerId: t.org.users.am1.id,
    name: '南京银行',
    industry: 'finance',
    sinceDate: sameDayInYear(addDays(todayIso(), 3), year - 8),
  });
  boss = await addContact(t.handle.db, bank, {
    name: '周行长',
    title: '行长',
    decisionRole: 'decision_maker',
    attitude: 'supporter',
    birthday: sameDayInYear(birthdayDay, 1972),
  });
  cto = await addContact(t.handle.db, bank, {
    name: '吴主任',
    title: '信息科技部主任',
    decisionRole: 'technical_lead',
    attitude: 'neutral',
  });
  await setSpend(t.handle.db, bank, { [`${year}-01`]: 50_000, [`${year}-02`]: 30_000 });
});
afterAll(() => t.close());

describe('account team and AM history', () => {
  it('adds a backup AM (who then sees the customer) and technical support', async () => {
    const backup = await h.send(am1, 'POST', `/api/ka/customers/${bank}/team`, {
      userId: t.org.users.am2.id,
      role: 'backup_am',
    });
    expect(backup.statusCode, backup.body).toBe(200);
    const tech = await h.send(am1, 'POST', `/api/ka/customers/${bank}/team`, {
      userId: t.org.users.backoffice1.id,
      role: 'technical_support',
    });
    expect(
      tech
        .json()
        .members.map((m: { role: string }) => m.role)
        .sort(),
    ).toEqual(['backup_am', 'technical_support']);
    expect((await h.get(am2, `/api/ka/customers/${bank}/team`)).statusCode).toBe(200);
    const dup = await h.send(am1, 'POST', `/api/ka/customers/${bank}/team`, {
      userId: t.org.users.am2.id,
      role: 'backup_am',
    });
    expect(dup.statusCode).toBe(409);
    const far = await h.send(am1, 'POST', `/api/ka/customers/${bank}/team`, {
      userId: t.org.users.am3.id,
      role: 'backup_am',
    });
    expect(far.statusCode).toBe(400);
  });

  it('takes the customer away from a backup AM removed from the team', async () => {
    const ka = await addKa(t.handle.db, { orgUnitId: t.org.org.cityA.id, accountManagerId: t.org.users.am1.id });
    const member = { userId: t.org.users.am2.id, role: 'backup_am' };
    expect((await h.send(am1, 'POST', `/api/ka/customers/${ka}/team`, member)).statusCode).toBe(200);
    expect((await h.get(am2, `/api/customers/${ka}`)).statusCode).toBe(200);
    const removed = await h.send(am1, 'DELETE', `/api/ka/customers/${ka}/team/${t.org.users.am2.id}/backup_am`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await h.get(am2, `/api/customers/${ka}`)).statusCode).toBe(404);
  });

  it('transfers the AM with a reason, keeping the history; only managers may', async () => {
    const other = await addKa(t.handle.db, { orgUnitId: t.org.org.cityA.id, accountManagerId: t.org.users.am1.id });
    expect(
      (await h.send(am1, 'POST', `/api/ka/customers/${other}/assign`, { toUserId: t.org.users.am2.id, reason: 'x' }))
        .statusCode,
    ).toBe(403);
    const res = await h.send(manager1, 'POST', `/api/ka/customers/${other}/assign`, {
      toUserId: t.org.users.am2.id,
      reason: '客户经理岗位调整',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      accountManager: { id: t.org.users.am2.id },
      assignments: [
        {
          fromUser: { id: t.org.users.am1.id },
          toUser: { id: t.org.users.am2.id },
          reason: '客户经理岗位调整',
          assignedByName: 'manager1',
        },
      ],
    });
    expect((await h.get(am1, `/api/ka/customers/${other}/team`)).statusCode).toBe(404);
    expect((await h.get(am2, `/api/ka/customers/${other}/team`)).statusCode).toBe(200);
    expect(
      (
        await h.send(manager2, 'POST', `/api/ka/customers/${other}/assign`, {
          toUserId: t.org.users.am3.id,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('annual account plan', () => {
  it('saves target, goals and key actions, and shows the spend so far', async () => {
    const res = await h.send(am1, 'POST', `/api/ka/customers/${bank}/plans`, {
      year,
      revenueTargetFen: 120_000_000,
      goals: ['专线扩容至全部网点', '提升满意度'],
      actions: [
        { title: '拜访科技部讨论扩容方案', ownerId: t.org.users.am1.id, dueDate: `${year}-03-31` },
        { title: '季度巡检', ownerId: t.org.users.backoffice1.id, dueDate: `${year}-06-30` },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({ year, revenueTargetFen: 120_000_000, actualFen: 8_000_000 });
    expect(plan.actions.map((a: { ownerName: string }) => a.ownerName)).toEqual(['am1', 'backoffice1']);
    const again = await h.send(am1, 'POST', `/api/ka/customers/${bank}/plans`, {
      year,
      revenueTargetFen: 130_000_000,
      reviewNotes: '一季度完成进度良好',
      actions: [{ id: plan.actions[0].id, title: plan.actions[0].title, doneDate: `${year}-03-20` }],
    });
    expect(again.json()).toMatchObject({
      id: plan.id,
      revenueTargetFen: 130_000_000,
      reviewNotes: '一季度完成进度良好',
    });
    expect(again.json().actions).toEqual([expect.objectContaining({ doneDate: `${year}-03-20` })]);
    expect((await h.get(am2, `/api/ka/customers/${bank}/plans`)).statusCode).toBe(200);
    expect((await h.get(manager2, `/api/ka/customers/${bank}/plans`)).statusCode).toBe(404);
  });
});

describe('decision chain, visits and tasks', () => {
  it('maps contacts with influence, attitude and relationships', async () => {
    await h.send(am1, 'PATCH', `/api/ka/customers/${bank}/contacts/${boss}/profile`, {
      influence: 'high',
      ourContactUserId: t.org.users.manager1.id,
    });
    const res = await h.send(am1, 'POST', `/api/ka/customers/${bank}/relationships`, {
      fromContactId: cto,
      toContactId: boss,
      kind: 'reports_to',
    });
    const chain = res.json();
    expect(chain.nodes.find((n: { contactId: number }) => n.contactId === boss)).toMatchObject({
      influence: 'high',
      attitude: 'supporter',
      decisionRole: 'decision_maker',
      ourContact: { id: t.org.users.manager1.id },
    });
    expect(chain.edges).toEqual([
      expect.objectContaining({ fromContactId: cto, toContactId: boss, kind: 'reports_to' }),
    ]);
    const self = await h.send(am1, 'POST', `/api/ka/customers/${bank}/relationships`, {
      fromContactId: cto,
      toContactId: cto,
      kind: 'close_to',
    });
    expect(self.statusCode).toBe(400);
    expect((await h.get(manager2, `/api/ka/customers/${bank}/decision-chain`)).statusCode).toBe(404);
  });

  it('records a visit whose next step becomes a task', async () => {
    const res = await h.send(am1, 'POST', `/api/ka/customers/${bank}/visits`, {
      channel: 'visit',
      occurredAt: new Date().toISOString(),
      contactIds: [boss, cto],
      purpose: '沟通网点专线扩容',
      outcome: '行长同意先在10个网点试点',
      nextStep: '提交试点方案',
      nextStepDue: addDays(todayIso(), 7),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().taskId).toEqual(expect.any(Number));
    const tasks = (await h.get(am1, '/api/ka/tasks?status=open')).json();
    expect(tasks).toEqual([
      expect.objectContaining({ title: '提交试点方案', source: 'visit', customerId: bank, customerName: '南京银行' }),
    ]);
    const chain = (await h.get(am1, `/api/ka/customers/${bank}/decision-chain`)).json();
    expect(chain.nodes.every((n: { lastVisitAt: string | null }) => n.lastVisitAt)).toBe(true);
    const c360 = (await h.get(am1, `/api/customers/${bank}`)).json();
    expect(c360.interactions[0]).toMatchObject({
      channel: 'visit',
      summary: expect.stringContaining('沟通网点专线扩容'),
    });
    const bad = await h.send(am1, 'POST', `/api/ka/customers/${bank}/visits`, {
      channel: 'visit',
      occurredAt: new Date().toISOString(),
      purpose: 'x',
      nextStep: 'y',
    });
    expect(bad.json().error.details[0].path).toBe('nextStepDue');
  });

  it('keeps tasks personal: another AM sees none, the manager sees the team', async () => {
    expect((await h.get(am2, '/api/ka/tasks')).json()).toEqual([]);
    const [task] = (await h.get(am1, '/api/ka/tasks')).json();
    expect((await h.send(am2, 'PATCH', `/api/ka/tasks/${task.id}`, { status: 'done' })).statusCode).toBe(404);
    expect((await h.get(manager1, `/api/ka/tasks?ownerId=${t.org.users.am1.id}`)).json()).toHaveLength(1);
    // Org scope over customers is not a view of colleagues' to-do lists: only managers see the team's tasks.
    const backOffice = await loginAs(t.app, 'backoffice1');
    expect((await h.get(backOffice, `/api/ka/tasks?ownerId=${t.org.users.am1.id}`)).json()).toEqual([]);
    const done = await h.send(am1, 'PATCH', `/api/ka/tasks/${task.id}`, { status: 'done' });
    expect(done.json().status).toBe('done');
  });
});

describe('care calendar and club events', () => {
  it('shows birthdays and anniversaries; an entry becomes a task once', async () => {
    const from = todayIso();
    const to = addDays(from, 30);
    const cal = (await h.get(am1, `/api/ka/calendar?from=${from}&to=${to}`)).json();
    const birthday = cal.find((e: { kind: string }) => e.kind === 'birthday');
    expect(birthday).toMatchObject({ subject: '周行长', customerName: '南京银行', date: birthdayDay, taskId: null });
    expect(cal.some((e: { kind: string }) => e.kind === 'anniversary')).toBe(true);
    const make = () =>
      h.send(am1, 'POST', '/api/ka/tasks', {
        title: '准备生日贺卡',
        dueDate: birthday.date,
        customerId: bank,
        source: 'calendar',
        sourceKey: birthday.key,
      });
    const first = (await make()).json();
    const second = (await make()).json();
    expect(second.id).toBe(first.id);
    const after = (await h.get(am1, `/api/ka/calendar?from=${from}&to=${to}`)).json();
    expect(after.find((e: { key: string }) => e.key === birthday.key).taskId).toBe(first.id);
    expect(
      (await h.get(manager1, `/api/ka/calendar?from=${from}&to=${to}&amId=${t.org.users.am1.id}`)).statusCode,
    ).toBe(200);
    expect(
      (await h.get(manager2, `/api/ka/calendar?from=${from}&to=${to}&amId=${t.org.users.am1.id}`)).statusCode,
    ).toBe(404);
    expect((await h.get(am1, `/api/ka/calendar?from=${from}&to=${addDays(from, 500)}`)).statusCode).toBe(400);
  });

  it('organises a club event with invitations, attendance and resulting leads (S6)', async () => {
    const date = addDays(todayIso(), 20);
    const ev = await h.send(manager1, 'POST', '/api/ka/club-events', {
      title: '大客户俱乐部高尔夫邀请赛',
      kind: 'golf',
      eventDate: date,
      memberFeeFen: 150_000,
      clubSubsidyFen: 50_000,
      sponsors: '华为（奖品）',
    });
    expect(ev.statusCode, ev.body).toBe(201);
    const eventId = ev.json().id;
    expect(
      (await h.send(am1, 'POST', '/api/ka/club-events', { title: 'x', kind: 'forum', eventDate: date })).statusCode,
    ).toBe(403);
    const inv = await h.send(am1, 'POST', `/api/ka/club-events/${eventId}/invitations`, {
      customerId: bank,
      contactId: boss,
    });
    expect(inv.statusCode, inv.body).toBe(200);
    const invitation = inv.json().invitations[0];
    const opp = (
      await h.send(am1, 'POST', '/api/ka/opportunities', { customerId: bank, title: '球场结识：数据中心托管' })
    ).json();
    const upd = await h.send(am1, 'PATCH', `/api/ka/club-invitations/${invitation.id}`, {
      status: 'attended',
      leadOpportunityId: opp.id,
    });
    expect(upd.json()).toMatchObject({ attended: 1, leads: 1 });
    expect(
      (await h.send(manager2, 'PATCH', `/api/ka/club-invitations/${invitation.id}`, { status: 'no_show' })).statusCode,
    ).toBe(404);
    const cal = (await h.get(am1, `/api/ka/calendar?from=${todayIso()}&to=${date}`)).json();
    expect(cal.find((e: { kind: string }) => e.kind === 'club_event')).toMatchObject({
      subject: '大客户俱乐部高尔夫邀请赛',
      detail: { status: 'attended' },
    });
  });

  it('schedules preventive line checks that recur on the calendar', async () => {
    const res = await h.send(am1, 'POST', `/api/ka/customers/${bank}/line-checks`, {
      description: '数据中心至各网点专线',
      intervalDays: 30,
      nextDueDate: addDays(todayIso(), 3),
    });
    expect(res.statusCode, res.body).toBe(200);
    const [check] = res.json();
    const done = await h.send(am1, 'POST', `/api/ka/line-checks/${check.id}/done`, { doneOn: todayIso() });
    expect(done.json()[0]).toMatchObject({ lastDoneDate: todayIso(), nextDueDate: addDays(todayIso(), 30) });
    expect(
      (await h.send(manager2, 'POST', `/api/ka/line-checks/${check.id}/done`, { doneOn: todayIso() })).statusCode,
    ).toBe(404);
  });
});

describe('AM workbench', () => {
  it("shows the AM's portfolio, tasks, pipeline and calendar; managers per AM; never another AM's", async () => {
    const wb = (await h.get(am1, '/api/ka/workbench')).json();
    expect(wb.am).toEqual({ id: t.org.users.am1.id, displayName: 'am1' });
    const row = wb.portfolio.find((p: { customerId: number }) => p.customerId === bank);
    expect(row.spend.map((s: { totalFen: number }) => s.totalFen).slice(-2)).toEqual([5_000_000, 3_000_000]);
    expect(wb.pipeline.find((p: { stage: string }) => p.stage === 'lead').count).toBe(1);
    expect(wb.calendar.length).toBeGreaterThan(0);
    expect(wb.tasks.map((x: { title: string }) => x.title)).toContain('准备生日贺卡');
    expect((await h.get(am2, `/api/ka/workbench?amId=${t.org.users.am1.id}`)).statusCode).toBe(404);
    const forAm = (await h.get(manager1, `/api/ka/workbench?amId=${t.org.users.am1.id}`)).json();
    expect(forAm.portfolio.map((p: { customerId: number }) => p.customerId)).toContain(bank);
    const team = (await h.get(manager1, '/api/ka/workbench/team')).json();
    expect(team.map((r: { am: { displayName: string } }) => r.am.displayName)).toEqual(['am1', 'am2']);
    expect((await h.get(am2, '/api/ka/workbench/team')).json().map((r: { am: { id: number } }) => r.am.id)).toEqual([
      t.org.users.am2.id,
    ]);
  });
});
