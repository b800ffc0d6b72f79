import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerVia } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { gradeCustomer } from '../service-desk/service-desk.test-helpers';

// The customer 360 timeline and headline through HTTP: merged by time across kinds, keyset pages, the kind filter,
// the customer's scope, masking, and the headline counts.

let t: TestApp;
let admin: Session;
let agent: Session;
let am1: Session;
let am3: Session;
let manager: Session;
let customerId: number;

type Entry = {
  key: string;
  kind: string;
  at: string;
  title: { code: string; params: Record<string, unknown> };
  status: string | null;
  actor: { id: number | null; displayName: string } | null;
  link: { to: string; id: string; customerId: number };
};
type Page = { items: Entry[]; nextCursor: string | null; kinds: string[] };

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const timeline = async (s: Session, query = '') => {
  const res = await get(s, `/api/customers/${customerId}/timeline${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

beforeAll(async () => {
  t = await createTestApp();
  const { users, org } = t.org;
  await t.handle.db.execute(sql`update users set display_name = '王晓明' where id = ${users.am1.id}`);
  admin = await loginAs(t.app, 'admin');
  agent = await loginAs(t.app, 'agent1');
  am1 = await loginAs(t.app, 'am1');
  am3 = await loginAs(t.app, 'am3');
  manager = await loginAs(t.app, 'manager1');
  const c = await createCustomerVia(t.app, admin, { orgUnitId: org.cityA.id, accountManagerId: users.am1.id });
  customerId = c.id;
  // Interactions at known times (one with a mobile number in its summary), by the AM.
  for (const [at, summary] of [
    ['2026-01-05T09:00:00+08:00', '上门拜访，客户手机13912345678'],
    ['2026-01-07T09:00:00+08:00', '电话回访'],
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/customers/${customerId}/interactions`,
      headers: am1.headers,
      payload: { channel: 'phone', direction: 'outbound', summary, occurredAt: at },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  // A hotline ticket taken by the agent.
  const ticket = await t.app.inject({
    method: 'POST',
    url: '/api/service-desk/tickets',
    headers: agent.headers,
    payload: { type: 'fault_report', channel: 'phone', customerId, title: '专线中断', severity: 'major' },
  });
  expect(ticket.statusCode, ticket.body).toBe(201);
  // Warnings (two open, one closed) and commitments (open, overdue, fulfilled) as their engines would leave them.
  const db = t.handle.db;
  for (const [rule, status, at] of [
    ['spend_drop', 'open', '2026-01-06T10:00:00+08:00'],
    ['arrears', 'acknowledged', '2026-01-06T10:00:00+08:00'],
    ['no_contact', 'closed', '2026-01-04T10:00:00+08:00'],
  ])
    await db.execute(sql`insert into warnings (customer_id, rule_code, cause_key, severity, status, created_at)
      values (${customerId}, ${rule}, 'k', 'high', ${status}, ${at}::timestamptz)`);
  for (const [status, at] of [
    ['open', '2026-01-03T10:00:00+08:00'],
    ['overdue', '2026-01-02T10:00:00+08:00'],
    ['fulfilled', '2026-01-01T10:00:00+08:00'],
  ])
    await db.execute(sql`insert into commitments (customer_id, type, what, due_at, promiser_id, status, within_limit,
        created_at)
      values (${customerId}, 'repair', '三天内修复', now(), ${users.am1.id}, ${status}, true, ${at}::timestamptz)`);
  await gradeCustomer(db, customerId, { tier: 'gold' });
});
afterAll(() => t.close());

describe('customer timeline', () => {
  it('merges every kind newest first, with title codes, statuses, actor names and deep links', async () => {
    const page = await timeline(admin, '?limit=100');
    const times = page.items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const kinds = new Set(page.items.map((e) => e.kind));
    for (const k of ['ticket', 'interaction', 'warning', 'commitment', 'change']) expect(kinds).toContain(k);
    const visit = page.items.find((e) => e.kind === 'interaction' && e.title.params.summary === '电话回访');
    expect(visit).toMatchObject({
      at: '2026-01-07T01:00:00.000000Z',
      title: { code: 'interaction.logged', params: { channel: 'phone', direction: 'outbound' } },
      actor: { id: t.org.users.am1.id, displayName: '王晓明' },
      link: { to: 'customer_interactions', id: String(customerId), customerId },
    });
    const warning = page.items.find((e) => e.kind === 'warning' && e.title.params.rule === 'arrears');
    expect(warning).toMatchObject({ status: 'acknowledged', link: { to: 'warning' } });
    expect(page.nextCursor).toBeNull();
    expect(page.kinds).toContain('bill');
  });

  it("shows a hotline ticket for the customer among its activity, with the agent's name", async () => {
    const page = await timeline(admin, '?kinds=ticket,interaction');
    const ticket = page.items.find((e) => e.kind === 'ticket');
    expect(ticket).toMatchObject({
      title: { code: 'ticket.opened', params: { channel: 'phone', type: 'fault_report', subject: '专线中断' } },
      status: 'acknowledged',
      actor: { displayName: 'agent1' },
      link: { to: 'ticket' },
    });
    expect(new Set(page.items.map((e) => e.kind))).toEqual(new Set(['ticket', 'interaction']));
  });

  it('pages by cursor without gaps or repeats, in the same order as one long page', async () => {
    const all = (await timeline(admin, '?limit=100')).items.map((e) => e.key);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await timeline(admin, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.key));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('filters by kind and refuses an unknown kind or a forged cursor naming the field', async () => {
    const warnings = await timeline(admin, '?kinds=warning');
    // Same time: the later record first (key order); then the older one.
    expect(warnings.items.map((e) => e.title.params.rule)).toEqual(['arrears', 'spend_drop', 'no_contact']);
    expect(warnings.items.every((e) => e.kind === 'warning')).toBe(true);
    const bad = await get(admin, `/api/customers/${customerId}/timeline?kinds=warning,gossip`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'timeline.unknown_kind', details: [{ path: 'kinds' }] });
    const forged = await get(admin, `/api/customers/${customerId}/timeline?cursor=bm90LWEtY3Vyc29y`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('timeline.bad_cursor');
  });

  it('answers 404 to an account manager of another unit, exactly like a missing customer', async () => {
    for (const url of [`/api/customers/${customerId}/timeline`, `/api/customers/${customerId}/headline`]) {
      const res = await get(am3, url);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('customers.not_found');
    }
    expect((await get(am1, `/api/customers/${customerId}/timeline`)).statusCode).toBe(200);
    expect((await get(admin, '/api/customers/999999/timeline')).statusCode).toBe(404);
  });

  it('masks mobile numbers in free text for viewers without pii.read', async () => {
    const summaryFor = async (s: Session) =>
      (await timeline(s, '?kinds=interaction')).items.map((e) => String(e.title.params.summary)).join(' ');
    expect(await summaryFor(am1)).toContain('13912345678');
    const masked = await summaryFor(manager);
    expect(masked).not.toContain('13912345678');
    expect(masked).toContain('139****5678');
  });
});

describe('customer headline', () => {
  it('counts open warnings, tickets and commitments, with tier, stars and the AM by name', async () => {
    const res = await get(manager, `/api/customers/${customerId}/headline`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      customerId,
      tier: 'gold',
      accountManager: { id: t.org.users.am1.id, displayName: '王晓明' },
      isKeyAccount: true,
      openWarnings: 2,
      openTickets: 1,
      openCommitments: 2,
      overdueCommitments: 1,
      churnRisk: null,
      satisfaction: null,
    });
  });
});
