// Acceptance story S4 (DOMAIN.md §6): a forgotten plan change is caught before the bill; if billed wrongly anyway, the
// complaint records the AM's responsibility and a 1,400 yuan compensation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bills, productOfferings } from '../../db/schema';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { enqueueJob, runDueJobs } from '../jobs/jobs.service';
import { COMMITMENTS_SCAN_JOB, registerServiceDeskJobs, SLA_SCAN_JOB } from './service-desk.jobs';
import { ctxFor, makeCustomer } from './service-desk.test-helpers';

let t: TestApp;
let am1: Session;
let agent1: Session;
let quality1: Session;
let manager1: Session;
let customerId: number;
let productId: number;
let accountId: number;
const phone = '13955550004';

const call = async (who: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, headers: who.headers, payload: payload as object });
  return { status: res.statusCode, body: res.json() };
};

const runScans = async (now: Date, key: string) => {
  for (const type of [COMMITMENTS_SCAN_JOB, SLA_SCAN_JOB])
    await enqueueJob({ db: t.handle.db, type, payload: { now: now.toISOString() }, dedupeKey: `${type}:${key}` });
  await runDueJobs({ handle: t.handle });
};

beforeAll(async () => {
  t = await createTestApp();
  registerServiceDeskJobs();
  const admin = await ctxFor(t.handle.db, t.org.users.admin);
  [am1, agent1, quality1, manager1] = await Promise.all(
    ['am1', 'agent1', 'quality1', 'manager1'].map((u) => loginAs(t.app, u)),
  );
  customerId = (
    await makeCustomer(admin, {
      name: '金陵商贸有限公司',
      category: 'business',
      orgUnitId: t.org.org.cityA.id,
      accountManagerId: t.org.users.am1.id,
      mobile: phone,
    })
  ).id;
  const [hourly] = await t.handle.db
    .insert(productOfferings)
    .values([
      {
        code: 'BB-140H',
        nameZh: '宽带 140元/月+4元/小时',
        nameEn: 'Broadband 140/month + 4/hour',
        family: 'data',
        defaultMonthlyFen: 14_000,
      },
      {
        code: 'BB-600U',
        nameZh: '宽带包月不限时 600元/月',
        nameEn: 'Broadband unlimited 600/month',
        family: 'data',
        defaultMonthlyFen: 60_000,
      },
    ])
    .returning();
  accountId = (await call(am1, 'POST', `/api/customers/${customerId}/accounts`, { name: '金陵商贸 宽带账户' })).body.id;
  const product = await call(am1, 'POST', `/api/customers/${customerId}/products`, {
    offeringId: hourly.id,
    accountId,
    serviceNumber: 'ADSL025845600',
    startDate: '2025-01-01',
    monthlyFen: 14_000,
  });
  expect(product.status, JSON.stringify(product.body)).toBe(201);
  productId = product.body.id;
});
afterAll(() => t.close());

describe('S4: the forgotten plan change', () => {
  const cutOff = new Date(Date.now() + 2 * 86_400_000);
  let orderId: number;
  let commitmentId: number;
  let complaintId: number;

  it('records the plan change as a service order due before the billing cut-off, and the promise', async () => {
    const order = await call(am1, 'POST', '/api/service-desk/tickets', {
      type: 'service_order',
      channel: 'phone',
      customerId,
      productInstanceId: productId,
      severity: 'major',
      title: '宽带套餐变更：140元/月+4元/小时 改为 600元/月包月不限时',
      requestedResolutionAt: cutOff.toISOString(),
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ ownerName: 'am1', type: 'service_order', serviceNumber: 'ADSL025845600' });
    const due = new Date(order.body.clocks.find((c: { metric: string }) => c.metric === 'resolution').dueAt);
    expect(due.getTime()).toBeLessThanOrEqual(cutOff.getTime());
    orderId = order.body.id;
    const promise = await call(am1, 'POST', '/api/commitments', {
      customerId,
      type: 'plan_change',
      what: '出账日前将宽带改为 600 元/月包月不限时套餐',
      amountFen: 60_000,
      dueAt: cutOff.toISOString(),
      ticketId: orderId,
      orderRef: `TT${orderId}`,
    });
    expect(promise.body).toMatchObject({ status: 'open', withinLimit: true, ticketId: orderId });
    commitmentId = promise.body.id;
  });

  it('alerts the AM and their manager once when the order is overdue', async () => {
    const late = new Date(cutOff.getTime() + 3_600_000);
    await runScans(late, 'late-1');
    await runScans(new Date(late.getTime() + 120_000), 'late-2');
    // Response and resolution clocks alert separately: the order was neither taken up nor done.
    const kinds = async (who: Session) =>
      (await call(who, 'GET', '/api/notifications?unread=true')).body.items.map(
        (n: { kind: string; data: { metric?: string } | null }) =>
          n.data?.metric ? `${n.kind}:${n.data.metric}` : n.kind,
      );
    const amAlerts = await kinds(am1);
    expect(amAlerts.filter((k: string) => k === 'commitment.overdue')).toHaveLength(1);
    expect(amAlerts.filter((k: string) => k === 'sla.breach:resolution')).toHaveLength(1);
    const managerAlerts = await kinds(manager1);
    expect(managerAlerts.filter((k: string) => k === 'commitment.overdue')).toHaveLength(1);
    expect(managerAlerts.filter((k: string) => k === 'sla.breach:resolution')).toHaveLength(1);
    const promise = (await call(manager1, 'GET', `/api/commitments/${commitmentId}`)).body;
    expect(promise.status).toBe('overdue');
    const order = (await call(am1, 'GET', `/api/service-desk/tickets/${orderId}`)).body;
    expect(order.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['commitment', 'commitment_overdue', 'sla_breach']),
    );
  });

  it('records the complaint about the 2,000 yuan bill with the AM responsible and 1,400 yuan compensation', async () => {
    await t.handle.db
      .insert(bills)
      .values({ accountId, customerId, period: '2025-11', dataFen: 200_000, totalFen: 200_000 });
    const card = (await call(agent1, 'GET', `/api/service-desk/caller?phone=${phone}`)).body;
    expect(card.customer).toMatchObject({ id: customerId, accountManagerName: 'am1' });
    expect(card.lastBills[0]).toMatchObject({ period: '2025-11', totalFen: 200_000 });
    expect(card.openCommitments.map((c: { id: number; status: string }) => [c.id, c.status])).toEqual([
      [commitmentId, 'overdue'],
    ]);
    const { body: categories } = await call(agent1, 'GET', '/api/service-desk/ticket-categories');
    const complaint = await call(agent1, 'POST', '/api/service-desk/tickets', {
      type: 'complaint',
      channel: 'phone',
      customerId,
      productInstanceId: productId,
      categoryId: categories.find((c: { code: string }) => c.code === 'billing.plan_not_applied').id,
      severity: 'major',
      title: '申请的包月套餐未生效，本月宽带账单 2000 元',
    });
    expect(complaint.body.ownerName).toBe('agent1');
    complaintId = complaint.body.id;
    const handled = await call(quality1, 'PATCH', `/api/service-desk/tickets/${complaintId}/complaint`, {
      rootCause: '客户经理未在出账日前提交套餐变更',
      responsibleUserId: t.org.users.am1.id,
      compensationFen: 140_000,
    });
    expect(handled.body.complaint).toMatchObject({
      responsibleUserName: 'am1',
      compensationFen: 140_000,
      compensationStatus: 'proposed',
    });
    expect(
      (
        await call(agent1, 'POST', `/api/service-desk/tickets/${complaintId}/complaint/compensation-decision`, {
          approve: true,
        })
      ).status,
    ).toBe(403);
    const approved = await call(
      manager1,
      'POST',
      `/api/service-desk/tickets/${complaintId}/complaint/compensation-decision`,
      {
        approve: true,
        note: '差额 1400 元由责任客户经理承担',
      },
    );
    expect(approved.body.complaint).toMatchObject({
      compensationStatus: 'approved',
      compensationDecidedBy: 'manager1',
    });
  });

  it('closes the complaint only with the customer confirmation, and the AM fulfils the promise late', async () => {
    const move = (body: object) => call(agent1, 'POST', `/api/service-desk/tickets/${complaintId}/transitions`, body);
    expect((await move({ status: 'inProgress' })).status).toBe(200);
    // Root cause and responsibility are decided; the customer has not confirmed yet, so it cannot be resolved.
    const early = await move({ status: 'resolved' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'complaints.resolution_incomplete',
      details: [{ path: 'customerConfirmed', message: 'required' }],
    });
    const resolved = await move({ status: 'resolved', customerConfirmed: true });
    expect(resolved.status).toBe(200);
    expect(resolved.body.complaint).toMatchObject({ responsibility: 'employee' });
    const closed = await call(agent1, 'POST', `/api/service-desk/tickets/${complaintId}/transitions`, {
      status: 'closed',
      customerConfirmed: true,
    });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.complaint.customerConfirmedAt).not.toBeNull();
    const kept = await call(am1, 'POST', `/api/commitments/${commitmentId}/actions`, {
      action: 'fulfil',
      evidence: '套餐已变更为 600 元/月包月不限时，差额已退还',
    });
    expect(kept.body.status).toBe('fulfilled');
    const hot = (await call(manager1, 'GET', '/api/service-desk/reports/complaint-hotspots')).body;
    expect(hot).toMatchObject({ total: 1, compensationFen: 140_000 });
    expect(hot.topProducts[0].label).toBe('宽带 140元/月+4元/小时');
  });
});
