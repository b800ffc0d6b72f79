import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { ctxFor, gradeCustomer, makeCustomer } from './service-desk.test-helpers';

let t: TestApp;
let s: Record<'admin' | 'agent1' | 'backoffice1' | 'manager1' | 'manager2' | 'am1' | 'quality1', Session>;
let ka: { id: number; mobile: string };
let pub: { id: number; mobile: string };

const call = async (who: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, headers: who.headers, payload: payload as object });
  return { status: res.statusCode, body: res.statusCode === 204 ? null : res.json() };
};

beforeAll(async () => {
  t = await createTestApp();
  const adminCtx = await ctxFor(t.handle.db, t.org.users.admin);
  const k = await makeCustomer(adminCtx, {
    name: '南京市公安局',
    category: 'key_account',
    orgUnitId: t.org.org.cityA.id,
    organizationType: 'public_security',
    accountManagerId: t.org.users.am1.id,
    mobile: '13911110001',
  });
  await gradeCustomer(t.handle.db, k.id, { tier: 'jade', importance: 'important' });
  const p = await makeCustomer(adminCtx, {
    name: '李四',
    category: 'public',
    orgUnitId: t.org.org.cityA.id,
    mobile: '13922220002',
  });
  ka = { id: k.id, mobile: '13911110001' };
  pub = { id: p.id, mobile: '13922220002' };
  s = {} as typeof s;
  for (const u of ['admin', 'agent1', 'backoffice1', 'manager1', 'manager2', 'am1', 'quality1'] as const)
    s[u] = await loginAs(t.app, u);
});
afterAll(() => t.close());

const newTicket = async (who: Session, customerId: number, extra: Record<string, unknown> = {}) => {
  const res = await call(who, 'POST', '/api/service-desk/tickets', {
    type: 'fault_report',
    channel: 'phone',
    customerId,
    severity: 'major',
    title: '宽带无法上网',
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('first-contact ownership and work orders', () => {
  it('keeps the first owner after re-routing, and a department cannot close the ticket', async () => {
    const ticket = await newTicket(s.agent1, ka.id);
    expect(ticket).toMatchObject({ ownerName: 'agent1', status: 'acknowledged', tier: 'jade' });
    const { body: departments } = await call(s.agent1, 'GET', '/api/service-desk/departments');
    const dept = (code: string) => departments.find((d: { code: string }) => d.code === code).id;
    const wo = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticket.id}/work-orders`, {
      departmentId: dept('network'),
      instructions: '请检查光猫与OLT',
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(wo.status).toBe(201);
    const rerouted = await call(s.agent1, 'PATCH', `/api/service-desk/work-orders/${wo.body.id}`, {
      departmentId: dept('billing'),
    });
    expect(rerouted.body.departmentName).toBe('计费中心');

    const byDept = await call(s.backoffice1, 'GET', '/api/service-desk/work-orders?status=open');
    expect(byDept.body.items.map((w: { id: number }) => w.id)).toContain(wo.body.id);
    // The department takes and resolves its work order ...
    const take = await call(s.backoffice1, 'PATCH', `/api/service-desk/work-orders/${wo.body.id}`, {
      status: 'inProgress',
      assigneeId: t.org.users.backoffice1.id,
    });
    expect(take.status).toBe(200);
    // ... but may not resolve or close the ticket itself, nor re-route the work.
    for (const status of ['resolved', 'cancelled'])
      expect(
        (
          await call(s.backoffice1, 'POST', `/api/service-desk/tickets/${ticket.id}/transitions`, {
            status,
            reason: 'x',
          })
        ).status,
      ).toBe(403);
    expect(
      (
        await call(s.backoffice1, 'PATCH', `/api/service-desk/work-orders/${wo.body.id}`, {
          departmentId: dept('network'),
        })
      ).status,
    ).toBe(403);
    // The owner cannot resolve while the department's work is open.
    const early = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticket.id}/transitions`, {
      status: 'resolved',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('tickets.open_work_orders');
    const done = await call(s.backoffice1, 'PATCH', `/api/service-desk/work-orders/${wo.body.id}`, {
      status: 'resolved',
      resolution: '账务系统已修正',
    });
    expect(done.body).toMatchObject({ status: 'resolved', overdue: false });

    const detail = (await call(s.backoffice1, 'GET', `/api/service-desk/tickets/${ticket.id}`)).body;
    expect(detail).toMatchObject({ ownerId: t.org.users.agent1.id, ownerName: 'agent1', status: 'inProgress' });
    expect(detail.allowedTransitions).toEqual([]);
    const resolved = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticket.id}/transitions`, {
      status: 'resolved',
    });
    expect(resolved.body.status).toBe('resolved');
    const unconfirmed = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticket.id}/transitions`, {
      status: 'closed',
    });
    expect(unconfirmed.body.error.code).toBe('tickets.confirmation_required');
    const closed = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticket.id}/transitions`, {
      status: 'closed',
      customerConfirmed: true,
    });
    expect(closed.body).toMatchObject({ status: 'closed', ownerName: 'agent1' });
    expect(closed.body.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'routed', 'rerouted', 'work_order_resolved', 'status']),
    );
    const notes = (await call(s.agent1, 'GET', '/api/notifications')).body;
    expect(notes.items.map((n: { kind: string }) => n.kind)).toContain('work_order.resolved');
  });

  it("gives a work order routed without a due time the ticket's SLA resolution target", async () => {
    const ticket = await newTicket(s.agent1, ka.id);
    const { body: departments } = await call(s.agent1, 'GET', '/api/service-desk/departments');
    const wo = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticket.id}/work-orders`, {
      departmentId: departments[0].id,
      instructions: '请上门检修',
    });
    expect(wo.status).toBe(201);
    const detail = (await call(s.agent1, 'GET', `/api/service-desk/tickets/${ticket.id}`)).body;
    const resolution = detail.clocks.find((c: { metric: string }) => c.metric === 'resolution');
    expect(resolution.dueAt).not.toBeNull();
    expect(wo.body.dueAt).toBe(resolution.dueAt);
    const none = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticket.id}/work-orders`, {
      departmentId: departments[0].id,
      instructions: '无时限的协助',
      dueAt: null,
    });
    expect(none.body.dueAt).toBeNull();
  });

  it("lets the owner's manager act, shows 'my owned tickets' and the owners' workload", async () => {
    const ticket = await newTicket(s.agent1, pub.id, { type: 'consultation', title: '套餐资费' });
    const byManager = await call(s.manager1, 'POST', `/api/service-desk/tickets/${ticket.id}/transitions`, {
      status: 'inProgress',
    });
    expect(byManager.status).toBe(200);
    expect(byManager.body.ownerName).toBe('agent1');
    const mine = (await call(s.agent1, 'GET', '/api/service-desk/tickets?mine=true&open=true')).body;
    expect(mine.items.every((i: { ownerName: string }) => i.ownerName === 'agent1')).toBe(true);
    expect(mine.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
    const workload = (await call(s.manager1, 'GET', '/api/service-desk/tickets/workload')).body;
    expect(workload.find((w: { ownerName: string }) => w.ownerName === 'agent1').open).toBeGreaterThanOrEqual(1);
  });

  it('answers 404 for a ticket outside the org scope and writes an audit record in the same transaction', async () => {
    const ticket = await newTicket(s.agent1, pub.id, { type: 'suggestion', title: '建议延长营业时间' });
    expect((await call(s.manager2, 'GET', `/api/service-desk/tickets/${ticket.id}`)).status).toBe(404);
    const audit = (await call(s.admin, 'GET', `/api/audit?entity=ticket&entityId=${ticket.id}`)).body;
    expect(audit.items[0]).toMatchObject({ action: 'create', actorName: 'agent1' });
  });

  it('validates ticket input with 400 naming the field', async () => {
    const res = await call(s.agent1, 'POST', '/api/service-desk/tickets', {
      type: 'outage',
      channel: 'phone',
      customerId: pub.id,
      title: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('type');
    const other = await call(s.agent1, 'POST', '/api/service-desk/tickets', {
      type: 'consultation',
      channel: 'wechat',
      customerId: 999_999,
      title: 'x',
    });
    expect(other.body.error.details[0].path).toBe('customerId');
  });

  it('creates a ticket once for a retried POST with the same Idempotency-Key', async () => {
    const body = { type: 'suggestion', channel: 'web', customerId: pub.id, title: '网厅增加发票下载' };
    const headers = { ...s.agent1.headers, 'idempotency-key': 'ticket-retry-1' };
    const first = await t.app.inject({ method: 'POST', url: '/api/service-desk/tickets', headers, payload: body });
    const again = await t.app.inject({ method: 'POST', url: '/api/service-desk/tickets', headers, payload: body });
    expect(again.json().id).toBe(first.json().id);
    const found = (
      await call(s.agent1, 'GET', `/api/service-desk/tickets?search=${encodeURIComponent('网厅增加发票')}`)
    ).body;
    expect(found.total).toBe(1);
  });
});

describe('hotline', () => {
  it('answers a KA call that arrived later before an earlier public call', async () => {
    const arrive = (phone: string, at: string, intent = 'consultation') =>
      call(s.agent1, 'POST', '/api/service-desk/queue', { phone, intent, arrivedAt: at });
    const early = await arrive(pub.mobile, '2025-11-17T10:00:00+08:00', 'fault_report');
    const late = await arrive(ka.mobile, '2025-11-17T10:05:00+08:00');
    expect(late.body.priority).toBeGreaterThan(early.body.priority);
    const queue = (await call(s.agent1, 'GET', '/api/service-desk/queue')).body;
    expect(queue.map((c: { id: number }) => c.id).slice(0, 2)).toEqual([late.body.id, early.body.id]);
    const next = (await call(s.agent1, 'POST', '/api/service-desk/queue/next')).body;
    expect(next.call).toMatchObject({ id: late.body.id, customerName: '南京市公安局', tier: 'jade' });
    expect(next.card.customer.name).toBe('南京市公安局');
    const second = (await call(s.agent1, 'POST', '/api/service-desk/queue/next')).body;
    expect(second.call.id).toBe(early.body.id);
  });

  it('returns the whole caller card in one request, masked for roles without pii.read', async () => {
    await newTicket(s.agent1, ka.id, { title: '专线丢包' });
    const card = (await call(s.agent1, 'GET', `/api/service-desk/caller?phone=${ka.mobile}`)).body;
    expect(card).toMatchObject({
      identified: true,
      phone: ka.mobile,
      customer: { name: '南京市公安局', category: 'key_account', accountManagerName: 'am1' },
      grading: { tier: 'jade', importance: 'important' },
      repairLimitMinutes: 240,
    });
    expect(card.entitlements).toEqual(expect.arrayContaining(['priority_answering', 'onsite_training']));
    expect(card.openTickets.length).toBeGreaterThan(0);
    const masked = (await call(s.manager1, 'GET', `/api/service-desk/caller?phone=${ka.mobile}`)).body;
    expect(masked.phone).toBe('139****0001');
    expect(masked.customer.mobile).toBe('139****0001');
    const outside = (await call(s.manager2, 'GET', `/api/service-desk/caller?phone=${ka.mobile}`)).body;
    expect(outside.identified).toBe(false);
  });

  it('shows on the caller card the open tickets and commitments the lists show each viewer, in the same order', async () => {
    await newTicket(s.agent1, ka.id, { title: '专线中断', severity: 'critical' });
    await newTicket(s.am1, ka.id, { title: '发票抬头更正', type: 'consultation', severity: 'minor' });
    const dueAt = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    for (const [days, what] of [
      [9, '上门检修专线'],
      [2, '回电说明故障原因'],
    ] as const)
      await call(s.am1, 'POST', '/api/commitments', { customerId: ka.id, type: 'repair', what, dueAt: dueAt(days) });
    // An administrator (all), the key account's manager (portfolio) and a desk manager (org scope).
    for (const who of [s.admin, s.am1, s.manager1]) {
      const card = (await call(who, 'GET', `/api/service-desk/caller?phone=${ka.mobile}`)).body;
      const tickets = (await call(who, 'GET', `/api/service-desk/tickets?customerId=${ka.id}&open=true&limit=10`)).body;
      const promises = (await call(who, 'GET', `/api/commitments?customerId=${ka.id}&openOnly=true&limit=10`)).body;
      expect(tickets.items.length).toBeGreaterThan(1);
      expect(promises.items.length).toBe(2);
      expect(card.openTickets).toEqual(tickets.items);
      expect(card.openCommitments).toEqual(promises.items);
      expect(card.openCommitments.map((c: { what: string }) => c.what)).toEqual(['回电说明故障原因', '上门检修专线']);
    }
  });

  it('shows the repair limit of an SLA policy saved a moment ago on the next caller card', async () => {
    const repairLimit = async () =>
      (await call(s.agent1, 'GET', `/api/service-desk/caller?phone=${pub.mobile}`)).body.repairLimitMinutes;
    const before = await repairLimit();
    const { body: policies } = await call(s.admin, 'GET', '/api/service-desk/sla/policies');
    const policy = {
      name: '公众重大故障修复',
      ticketType: 'fault_report',
      customerCategory: 'public',
      severity: 'major',
      responseMinutes: 20,
      resolutionMinutes: 600,
      calendarId: policies[0].calendarId,
    };
    const saved = await call(s.admin, 'POST', '/api/service-desk/sla/policies', policy);
    expect(saved.status).toBe(201);
    expect(await repairLimit()).toBe(600);
    await call(s.admin, 'PATCH', `/api/service-desk/sla/policies/${saved.body.id}`, { ...policy, active: false });
    expect(await repairLimit()).toBe(before);
  });

  it('registers an unknown caller quickly and identifies them on the next call', async () => {
    const unknown = (await call(s.agent1, 'GET', '/api/service-desk/caller?phone=+86 139 3333 0003')).body;
    expect(unknown).toMatchObject({ identified: false, customer: null });
    const registered = await call(s.agent1, 'POST', '/api/service-desk/callers', {
      name: '王五',
      phone: '13933330003',
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ identified: true, customer: { name: '王五', category: 'public' } });
    const landline = await call(s.agent1, 'POST', '/api/service-desk/callers', {
      name: '小杨餐馆',
      phone: '025-84561234',
      partyType: 'organization',
      category: 'business',
    });
    expect(landline.body.customer).toMatchObject({ name: '小杨餐馆', matchedBy: 'contact' });
  });
});

describe('knowledge base', () => {
  it('finds articles by a Chinese substring, counts usage and votes once per user', async () => {
    const created = await call(s.quality1, 'POST', '/api/kb/articles', {
      locale: 'zh-CN',
      title: '宽带提速套餐变更流程',
      body: '客户申请由计时套餐改为包月不限时套餐时，须在出账日之前完成变更。',
      productTags: ['broadband'],
      reviewDueDate: '2026-06-30',
    });
    expect(created.status).toBe(201);
    await call(s.quality1, 'POST', '/api/kb/articles', {
      locale: 'en',
      title: 'Roaming charges',
      body: 'International roaming is billed per day.',
    });
    const hits = (await call(s.agent1, 'GET', `/api/kb/articles?q=${encodeURIComponent('包月不限')}`)).body;
    expect(hits.items.map((a: { id: number }) => a.id)).toEqual([created.body.id]);
    expect((await call(s.agent1, 'GET', '/api/kb/articles?q=roaming')).body.total).toBe(1);
    expect((await call(s.agent1, 'GET', '/api/kb/articles?limit=5')).body.total).toBe(2);
    // Two words, anywhere in the article, both required; the UI language narrows to its articles.
    const q = (text: string, extra = '') =>
      call(s.agent1, 'GET', `/api/kb/articles?q=${encodeURIComponent(text)}${extra}`).then((r) => r.body);
    expect((await q('宽带 包月')).items.map((a: { id: number }) => a.id)).toEqual([created.body.id]);
    expect((await q('宽带，出账日')).total).toBe(1);
    expect((await q('宽带 漫游')).total).toBe(0);
    expect((await q('roaming day', '&locale=zh-CN')).total).toBe(0);
    expect((await q('roaming day', '&locale=en')).total).toBe(1);
    const ticket = await newTicket(s.agent1, pub.id, { type: 'consultation', title: '包月套餐' });
    const used = await call(s.agent1, 'POST', `/api/kb/articles/${created.body.id}/use`, { ticketId: ticket.id });
    expect(used.body.usageCount).toBe(1);
    await call(s.agent1, 'POST', `/api/kb/articles/${created.body.id}/vote`, { helpful: true });
    const voted = await call(s.agent1, 'POST', `/api/kb/articles/${created.body.id}/vote`, { helpful: true });
    expect(voted.body).toMatchObject({ helpfulCount: 1, notHelpfulCount: 0 });
    const flipped = await call(s.agent1, 'POST', `/api/kb/articles/${created.body.id}/vote`, { helpful: false });
    expect(flipped.body).toMatchObject({ helpfulCount: 0, notHelpfulCount: 1 });
    expect((await call(s.agent1, 'POST', '/api/kb/articles', { locale: 'en', title: 'x', body: 'y' })).status).toBe(
      403,
    );
    const timeline = (await call(s.agent1, 'GET', `/api/service-desk/tickets/${ticket.id}`)).body.events;
    expect(timeline.map((e: { kind: string }) => e.kind)).toContain('kb_used');
  });
});

describe('commitments', () => {
  it('needs approval beyond the bottom line and lists open KA promises for the manager', async () => {
    const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const small = await call(s.am1, 'POST', '/api/commitments', {
      customerId: ka.id,
      type: 'compensation',
      what: '赠送一个月专线租费',
      amountFen: 30_000,
      dueAt,
    });
    expect(small.body).toMatchObject({ status: 'open', withinLimit: true, promiserName: 'am1' });
    const big = await call(s.am1, 'POST', '/api/commitments', {
      customerId: ka.id,
      type: 'compensation',
      what: '减免三个月月租',
      amountFen: 900_000,
      dueAt,
    });
    expect(big.body).toMatchObject({ status: 'pending_approval', withinLimit: false, limitFen: 50_000 });
    expect((await call(s.am1, 'POST', `/api/commitments/${big.body.id}/actions`, { action: 'approve' })).status).toBe(
      403,
    );
    const review = (await call(s.manager1, 'GET', '/api/commitments?keyAccountsOnly=true&openOnly=true')).body;
    expect(review.items.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([small.body.id, big.body.id]));
    const approved = await call(s.manager1, 'POST', `/api/commitments/${big.body.id}/actions`, {
      action: 'approve',
      note: '同意',
    });
    expect(approved.body).toMatchObject({ status: 'open', approvedByName: 'manager1' });
    const noEvidence = await call(s.am1, 'POST', `/api/commitments/${small.body.id}/actions`, { action: 'fulfil' });
    expect(noEvidence.status).toBe(400);
    const fulfilled = await call(s.am1, 'POST', `/api/commitments/${small.body.id}/actions`, {
      action: 'fulfil',
      evidence: '11月账单已减免 300 元',
    });
    expect(fulfilled.body.status).toBe('fulfilled');
    expect((await call(s.manager2, 'GET', `/api/commitments/${small.body.id}`)).status).toBe(404);
  });
});

describe('complaint resolution', () => {
  it('refuses to resolve a complaint until root cause, responsibility and the customer confirmation are recorded', async () => {
    const c = await newTicket(s.agent1, pub.id, { type: 'complaint', title: '营业员态度差' });
    const move = (body: object) => call(s.agent1, 'POST', `/api/service-desk/tickets/${c.id}/transitions`, body);
    expect((await move({ status: 'inProgress' })).status).toBe(200);
    const bare = await move({ status: 'resolved' });
    expect(bare.status).toBe(409);
    expect(bare.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'rootCause',
      'responsibility',
      'customerConfirmed',
    ]);
    const patch = (who: Session, body: object) =>
      call(who, 'PATCH', `/api/service-desk/tickets/${c.id}/complaint`, body);
    expect((await patch(s.agent1, { rootCause: '营业员未按规范解释资费' })).status).toBe(200);
    // Only quality supervision or a manager decides responsibility; an employee decision names the employee.
    expect((await patch(s.agent1, { responsibility: 'none' })).status).toBe(403);
    const noEmployee = await patch(s.quality1, { responsibility: 'employee' });
    expect(noEmployee.status).toBe(400);
    expect(noEmployee.body.error.details[0].path).toBe('responsibleUserId');
    const decided = await patch(s.quality1, { responsibility: 'none' });
    expect(decided.body.complaint).toMatchObject({ responsibility: 'none', responsibleUserId: null });
    expect((await move({ status: 'resolved' })).body.error.details).toEqual([
      { path: 'customerConfirmed', message: 'required' },
    ]);
    const resolved = await move({ status: 'resolved', customerConfirmed: true });
    expect(resolved.status).toBe(200);
    expect(resolved.body.complaint.customerConfirmedAt).not.toBeNull();
  });
});

describe('reports', () => {
  it('shows complaint hot spots with drill-down and SLA attainment', async () => {
    const { body: categories } = await call(s.agent1, 'GET', '/api/service-desk/ticket-categories');
    const dispute = categories.find((c: { code: string }) => c.code === 'billing.dispute').id;
    for (let i = 0; i < 2; i++)
      await newTicket(s.agent1, pub.id, { type: 'complaint', title: `账单有误 ${i}`, categoryId: dispute });
    const hot = (await call(s.manager1, 'GET', '/api/service-desk/reports/complaint-hotspots')).body;
    expect(hot.total).toBeGreaterThanOrEqual(2);
    expect(hot.topCategories[0]).toMatchObject({ id: dispute, label: '账单争议' });
    expect(hot.repeatComplainers[0]).toMatchObject({ customerId: pub.id, customerName: '李四' });
    const en = (await call(s.manager1, 'GET', '/api/service-desk/reports/complaint-hotspots?locale=en')).body;
    expect(en.topCategories[0].label).toBe('Bill dispute');
    const drill = (
      await call(s.manager1, 'GET', `/api/service-desk/reports/complaint-hotspots/tickets?categoryId=${dispute}`)
    ).body;
    expect(drill.total).toBe(2);
    const sla = (await call(s.manager1, 'GET', '/api/service-desk/reports/sla-attainment')).body;
    expect(sla.byType.map((r: { key: string }) => r.key)).toEqual(
      expect.arrayContaining(['fault_report', 'complaint']),
    );
    expect(sla.byTier.map((r: { key: string }) => r.key)).toContain('jade');
    expect(sla.byDepartment.find((r: { key: string }) => r.key === '计费中心')).toMatchObject({ met: 1 });
    expect((await call(s.agent1, 'GET', '/api/service-desk/reports/sla-attainment')).status).toBe(403);
  });
});
