// Finding 3 of issue 10: four-eyes and approver amount limits on commitments and compensations, with the refused
// approval routed up the chain, and the limits maintained by administrators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../test/fixtures';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { ctxFor, makeCustomer } from '../service-desk/service-desk.test-helpers';

let t: TestApp;
let s: Record<'admin' | 'manager1' | 'am1' | 'province1', Session>;
let customerId: number;
const YUAN = 100;
const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();

const call = async (who: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, headers: who.headers, payload: payload as object });
  return { status: res.statusCode, body: res.statusCode === 204 ? null : res.json() };
};

beforeAll(async () => {
  t = await createTestApp();
  const adminCtx = await ctxFor(t.handle.db, t.org.users.admin);
  const c = await makeCustomer(adminCtx, {
    name: '南京市交通局',
    category: 'key_account',
    orgUnitId: t.org.org.cityA.id,
    organizationType: 'government',
    accountManagerId: t.org.users.am1.id,
  });
  customerId = c.id;
  s = {} as typeof s;
  for (const u of ['admin', 'manager1', 'am1'] as const) s[u] = await loginAs(t.app, u);
  const created = await call(s.admin, 'POST', '/api/users', {
    username: 'province1',
    displayName: '省公司经理',
    role: 'manager',
    orgUnitId: t.org.org.province.id,
    password: TEST_PASSWORD,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  s.province1 = await loginAs(t.app, 'province1');
});
afterAll(() => t.close());

const promise = async (who: Session, amountYuan: number, extra: Record<string, unknown> = {}) => {
  const res = await call(who, 'POST', '/api/commitments', {
    customerId,
    type: 'compensation',
    what: `减免月租 ${amountYuan} 元`,
    amountFen: amountYuan * YUAN,
    dueAt,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe('pending_approval');
  return res.body.id as number;
};
const act = (who: Session, id: number, action: 'approve' | 'reject') =>
  call(who, 'POST', `/api/commitments/${id}/actions`, { action });

const notificationsOf = async (who: Session) =>
  (await call(who, 'GET', '/api/notifications?limit=100')).body.items as {
    kind: string;
    data: Record<string, unknown>;
  }[];

describe('commitment approval authority', () => {
  it('refuses a promise to be approved by whoever recorded it (four-eyes)', async () => {
    const id = await promise(s.manager1, 3_000, { promiserId: t.org.users.am1.id });
    for (const action of ['approve', 'reject'] as const) {
      const res = await act(s.manager1, id, action);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('approvals.own_proposal');
    }
    expect((await act(s.province1, id, 'approve')).body.status).toBe('open');
  });

  it('refuses a 1,000,000-yuan approval above a city manager limit, naming it, and asks the approver above', async () => {
    const id = await promise(s.am1, 100_000);
    const refused = await act(s.manager1, id, 'approve');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('approvals.over_limit');
    expect(refused.body.error.message).toContain('20,000.00 yuan');
    expect((await call(s.manager1, 'GET', `/api/commitments/${id}`)).body.status).toBe('pending_approval');
    const asked = (await notificationsOf(s.province1)).filter((n) => n.kind === 'commitment.approval');
    expect(asked.map((n) => n.data.commitmentId)).toContain(id);
    expect((await act(s.province1, id, 'approve')).body).toMatchObject({
      status: 'open',
      approvedByName: '省公司经理',
    });

    const huge = await promise(s.am1, 1_000_000);
    const over = await act(s.province1, huge, 'approve');
    expect(over.body.error.code).toBe('approvals.over_limit');
    expect((await act(s.admin, huge, 'approve')).body.status).toBe('open');
  });

  it('lets an approver reject above their limit', async () => {
    const id = await promise(s.am1, 50_000);
    expect((await act(s.manager1, id, 'reject')).body.status).toBe('rejected');
  });
});

describe('compensation approval authority', () => {
  const complaintOf = async () => {
    const res = await call(s.am1, 'POST', '/api/service-desk/tickets', {
      type: 'complaint',
      channel: 'phone',
      customerId,
      severity: 'major',
      title: '专线中断三天',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  const propose = async (who: Session, ticketId: number, amountYuan: number) => {
    const res = await call(who, 'PATCH', `/api/service-desk/tickets/${ticketId}/complaint`, {
      compensationFen: amountYuan * YUAN,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const decide = (who: Session, ticketId: number, approve: boolean) =>
    call(who, 'POST', `/api/service-desk/tickets/${ticketId}/complaint/compensation-decision`, { approve });

  it('refuses a manager deciding his own compensation proposal', async () => {
    const ticketId = await complaintOf();
    await propose(s.manager1, ticketId, 1_000_000);
    const own = await decide(s.manager1, ticketId, true);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('approvals.own_proposal');
    expect((await decide(s.manager1, ticketId, false)).body.error.code).toBe('approvals.own_proposal');
  });

  it('approves within the limit and routes an amount above it up the chain', async () => {
    const small = await complaintOf();
    await propose(s.am1, small, 3_000);
    expect((await decide(s.manager1, small, true)).body.complaint.compensationStatus).toBe('approved');

    const big = await complaintOf();
    await propose(s.am1, big, 10_000);
    const refused = await decide(s.manager1, big, true);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'approvals.over_limit' });
    expect(refused.body.error.message).toContain('5,000.00 yuan');
    const asked = (await notificationsOf(s.province1)).filter((n) => n.kind === 'complaint.compensation_approval');
    expect(asked.map((n) => n.data.ticketId)).toContain(big);
    expect((await decide(s.province1, big, true)).body.complaint.compensationStatus).toBe('approved');
  });
});

describe('approval limits administration', () => {
  it('lists the seeded defaults to approvers, and only administrators change them (versioned, audited)', async () => {
    const list = await call(s.manager1, 'GET', '/api/approval-limits?kind=compensation');
    expect(list.status).toBe(200);
    const cityRow = list.body.find(
      (r: { role: string; orgLevel: string }) => r.role === 'manager' && r.orgLevel === 'city',
    );
    expect(cityRow).toMatchObject({ maxAmountFen: 5_000 * YUAN, version: 1 });
    expect(list.body.find((r: { role: string }) => r.role === 'admin')).toMatchObject({ maxAmountFen: null });
    expect((await call(s.am1, 'GET', '/api/approval-limits')).status).toBe(403);

    const input = { kind: 'compensation', role: 'manager', orgLevel: 'city', maxAmountFen: 20_000 * YUAN };
    expect((await call(s.manager1, 'PUT', '/api/approval-limits', input)).status).toBe(403);
    const changed = await call(s.admin, 'PUT', '/api/approval-limits', input);
    expect(changed.body).toMatchObject({ maxAmountFen: 20_000 * YUAN, version: 2, updatedBy: t.org.users.admin.id });
    const bad = await call(s.admin, 'PUT', '/api/approval-limits', { ...input, maxAmountFen: -1 });
    expect(bad.status).toBe(400);
    const audit = await call(s.admin, 'GET', `/api/audit?entity=approval_limit&entityId=${cityRow.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'update' });

    // The new limit applies at once.
    const ticket = await call(s.am1, 'POST', '/api/service-desk/tickets', {
      type: 'complaint',
      channel: 'phone',
      customerId,
      severity: 'minor',
      title: '装机延误',
    });
    await call(s.am1, 'PATCH', `/api/service-desk/tickets/${ticket.body.id}/complaint`, {
      compensationFen: 10_000 * YUAN,
    });
    const res = await call(
      s.manager1,
      'POST',
      `/api/service-desk/tickets/${ticket.body.id}/complaint/compensation-decision`,
      {
        approve: true,
      },
    );
    expect(res.body.complaint.compensationStatus).toBe('approved');
  });
});
