// What the service-desk screens read: the caller card names the caller and counts products like the 360 page, ticket
// lists carry the resolution clock's warning instant for live countdowns, the back office sees unfinished work orders
// with a count of the finished ones hidden, the SLA report's totals equal its bars, and KB search segments Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productInstances } from '../../db/schema';
import { seedAccount, seedOfferings } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { createContact } from '../customers/contacts.service';
import { ctxFor, gradeCustomer, makeCustomer } from './service-desk.test-helpers';

let t: TestApp;
let s: Record<'admin' | 'agent1' | 'backoffice1' | 'manager1' | 'quality1', Session>;
let ka: { id: number };

const call = async (who: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, headers: who.headers, payload: payload as object });
  return { status: res.statusCode, body: res.statusCode === 204 ? null : res.json() };
};

const newTicket = async (customerId: number, extra: Record<string, unknown> = {}) => {
  const res = await call(s.agent1, 'POST', '/api/service-desk/tickets', {
    type: 'fault_report',
    channel: 'phone',
    customerId,
    severity: 'major',
    title: '专线中断',
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
};

beforeAll(async () => {
  t = await createTestApp();
  const adminCtx = await ctxFor(t.handle.db, t.org.users.admin);
  const k = await makeCustomer(adminCtx, {
    name: '南京钟山湖景大酒店有限公司',
    category: 'key_account',
    orgUnitId: t.org.org.cityA.id,
    accountManagerId: t.org.users.am1.id,
    mobile: '13911113333',
  });
  await gradeCustomer(t.handle.db, k.id, { tier: 'gold', importance: 'important' });
  await createContact({ ctx: adminCtx, id: k.id, input: { name: '许国宁', phone: '02584001234' } });
  ka = { id: k.id };
  // 25 products: 22 live, 3 terminated (more than the card lists).
  const [mobile] = await seedOfferings(t.handle);
  const account = await seedAccount(t.handle, k.id, 'ACC-UX-1');
  await t.handle.db.insert(productInstances).values(
    Array.from({ length: 25 }, (_, i) => ({
      customerId: k.id,
      accountId: account.id,
      offeringId: mobile.id,
      serviceNumber: `1890000${String(i).padStart(4, '0')}`,
      startDate: '2025-01-01',
      status: i < 3 ? ('terminated' as const) : ('active' as const),
    })),
  );
  s = {} as typeof s;
  for (const u of ['admin', 'agent1', 'backoffice1', 'manager1', 'quality1'] as const) s[u] = await loginAs(t.app, u);
});
afterAll(() => t.close());

describe('caller card', () => {
  it('says who is calling (the matched contact) and counts products as the 360 page does', async () => {
    const card = (await call(s.agent1, 'GET', '/api/service-desk/caller?phone=025-8400-1234')).body;
    expect(card.customer).toMatchObject({ id: ka.id, matchedBy: 'contact', matchedContactName: '许国宁' });
    const c360 = (await call(s.admin, 'GET', `/api/customers/${ka.id}`)).body;
    expect(card.productCounts).toEqual({ total: c360.products.length, live: 22 });
    expect(card.productCounts.total).toBe(25);
    expect(card.products.length).toBeLessThanOrEqual(card.productCounts.live);
    const self = (await call(s.agent1, 'GET', '/api/service-desk/caller?phone=13911113333')).body;
    expect(self.customer).toMatchObject({ matchedBy: 'party_mobile', matchedContactName: null });
  });
});

describe('ticket lists for live SLA countdowns', () => {
  it("carries the resolution clock's due time, warning instant and state", async () => {
    const ticket = await newTicket(ka.id);
    const page = (await call(s.agent1, 'GET', `/api/service-desk/tickets?customerId=${ka.id}`)).body;
    const row = page.items.find((r: { id: number }) => r.id === ticket.id);
    expect(row.resolutionClockState).toBe('running');
    expect(Date.parse(row.resolutionWarnAt)).toBeLessThan(Date.parse(row.resolutionDueAt));
  });
});

describe('back-office work orders', () => {
  it('lists unfinished work by default and counts the finished ones it hides', async () => {
    const ticket = await newTicket(ka.id, { title: '机房断电' });
    const { body: departments } = await call(s.agent1, 'GET', '/api/service-desk/departments');
    const network = departments.find((d: { code: string }) => d.code === 'network').id;
    const route = (instructions: string) =>
      call(s.agent1, 'POST', `/api/service-desk/tickets/${ticket.id}/work-orders`, {
        departmentId: network,
        instructions,
      });
    const done = (await route('检查电源')).body;
    const todo = (await route('更换板卡')).body;
    expect(todo.dueAt).not.toBeNull(); // the default due time from the SLA policy
    await call(s.backoffice1, 'PATCH', `/api/service-desk/work-orders/${done.id}`, {
      status: 'resolved',
      resolution: '已恢复供电',
    });
    const url = `/api/service-desk/work-orders?departmentId=${network}`;
    const unfinished = (await call(s.backoffice1, 'GET', `${url}&unfinished=true`)).body;
    const ids = unfinished.items.map((w: { id: number }) => w.id);
    expect(ids).toContain(todo.id);
    expect(ids).not.toContain(done.id);
    expect(unfinished.finishedHidden).toBeGreaterThanOrEqual(1);
    const all = (await call(s.backoffice1, 'GET', url)).body;
    expect(all.items.map((w: { id: number }) => w.id)).toEqual(expect.arrayContaining([todo.id, done.id]));
    expect(all.finishedHidden).toBeUndefined();
  });
});

describe('SLA attainment report', () => {
  it('has totals equal to met + breached + open in every group, leaving out withdrawn tickets', async () => {
    const before = (await call(s.manager1, 'GET', '/api/service-desk/reports/sla-attainment')).body;
    const consultations = (b: typeof before) =>
      b.byType.find((r: { key: string }) => r.key === 'consultation')?.total ?? 0;
    const open = await newTicket(ka.id, { type: 'consultation', title: '资费咨询' });
    const withdrawn = await newTicket(ka.id, { type: 'consultation', title: '误拨' });
    const cancel = await call(s.agent1, 'POST', `/api/service-desk/tickets/${withdrawn.id}/transitions`, {
      status: 'cancelled',
      reason: '客户误拨',
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(open.id).toBeGreaterThan(0);
    const sla = (await call(s.manager1, 'GET', '/api/service-desk/reports/sla-attainment')).body;
    for (const group of ['byType', 'byTier', 'byOrgUnit', 'byDepartment'])
      for (const r of sla[group]) expect(r.total, `${group} ${r.key}`).toBe(r.met + r.breached + r.open);
    expect(consultations(sla)).toBe(consultations(before) + 1);
  });
});

describe('knowledge-base search in Chinese', () => {
  it('finds an article by run-together or spaced words that are apart in the text', async () => {
    const article = await call(s.quality1, 'POST', '/api/kb/articles', {
      locale: 'zh-CN',
      title: '数字电路中断的处理',
      body: '数字电路出现故障时，先确认本端设备，再派单网络部。宽带用户改为包月资费的，次月生效。',
      productTags: ['DL-100M'],
    });
    expect(article.status, JSON.stringify(article.body)).toBe(201);
    const q = async (text: string) =>
      (await call(s.agent1, 'GET', `/api/kb/articles?q=${encodeURIComponent(text)}`)).body.items.map(
        (a: { id: number }) => a.id,
      );
    for (const text of ['数字电路 故障', '数字电路故障', '宽带 包月', '宽带包月'])
      expect(await q(text), text).toContain(article.body.id);
    expect(await q('宽带 漫游')).not.toContain(article.body.id);
  });
});

describe('knowledge-base suggestions for a ticket', () => {
  it('puts the articles matching more of the ticket words, then those matching in the title, before the most used', async () => {
    const article = async (title: string, body: string) => {
      const res = await call(s.quality1, 'POST', '/api/kb/articles', { locale: 'zh-CN', title, body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as number;
    };
    const plan = await article(
      '宽带改包月未生效的处理',
      '宽带用户改为包月资费的，次月生效；当月账单仍按时长计费的，核实后退还差额。',
    );
    const bill = await article('账单明细查询', '在营业厅或网上营业厅可打印近六个月的明细。');
    const hall = await article(
      '营业厅服务时间',
      '营业厅受理宽带、固话、移动业务，工作日8:30-17:30。账单可在营业厅打印。',
    );
    const other = await article('国际漫游开通', '出国前开通国际漫游，资费按目的地计。');
    const ticket = await newTicket(ka.id, {
      type: 'complaint',
      title: '宽带包月未生效',
      description: '客户反映宽带改为包月后账单仍按小时计费，要求核查。',
    });
    // The most used article of all: usage alone must not lift it above better matches.
    for (let i = 0; i < 3; i++) await call(s.agent1, 'POST', `/api/kb/articles/${hall}/use`, { ticketId: ticket.id });

    const res = await call(s.agent1, 'GET', `/api/kb/suggestions?ticketId=${ticket.id}&locale=zh-CN&limit=10`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = res.body.items.map((a: { id: number }) => a.id);
    expect(ids[0]).toBe(plan);
    expect(ids).not.toContain(other);
    // More words first: the hall's article ("宽带" and "账单" in its body) before the bill article ("账单" in its title).
    expect(ids.indexOf(hall)).toBeLessThan(ids.indexOf(bill));
    expect(ids.indexOf(bill)).toBeGreaterThan(0);

    // A search ranks title matches first too: both words in the title beat both words only in the body.
    const search = (
      await call(s.agent1, 'GET', `/api/kb/articles?q=${encodeURIComponent('宽带 包月')}`)
    ).body.items.map((a: { id: number }) => a.id);
    expect(search[0]).toBe(plan);

    expect((await call(s.agent1, 'GET', '/api/kb/suggestions?ticketId=999999')).status).toBe(404);
  });

  it('ranks a one-word title match above a one-word body match', async () => {
    const res = await call(s.quality1, 'POST', '/api/kb/articles', {
      locale: 'zh-CN',
      title: '光猫指示灯说明',
      body: '光猫LOS灯红色表示光信号中断。',
    });
    const inBody = await call(s.quality1, 'POST', '/api/kb/articles', {
      locale: 'zh-CN',
      title: '上门维修预约',
      body: '维修人员上门前会电话确认，请备好光猫和路由器。',
    });
    for (let i = 0; i < 2; i++) await call(s.agent1, 'POST', `/api/kb/articles/${inBody.body.id}/use`, {});
    const ticket = await newTicket(ka.id, { title: '光猫故障' });
    const ids = (await call(s.agent1, 'GET', `/api/kb/suggestions?ticketId=${ticket.id}&locale=zh-CN`)).body.items.map(
      (a: { id: number }) => a.id,
    );
    expect(ids.indexOf(res.body.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(res.body.id)).toBeLessThan(ids.indexOf(inBody.body.id));
  });
});
