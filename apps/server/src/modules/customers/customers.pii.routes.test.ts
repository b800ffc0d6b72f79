import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerVia, nextIdNumber, nextMobile } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { listAuditLog } from '../audit/audit.service';
import { notifyUsers } from '../notifications/notifications.service';
import { ctxFor } from '../service-desk/service-desk.test-helpers';

// Personal data (finding 1 of issue 10): roles without `pii.read` never receive a resident ID number, birth date or
// phone number in clear, in any output; reads of full personal data and customer exports are audited.

let t: TestApp;
let s: Record<string, Session>;
const callerPhone = '13812345678';
let idNumber: string;
let mobile: string;
let customerId: number;

beforeAll(async () => {
  t = await createTestApp();
  const names = ['admin', 'am1', 'agent1', 'manager1', 'quality1', 'marketing1', 'finance1'];
  s = Object.fromEntries(await Promise.all(names.map(async (u) => [u, await loginAs(t.app, u)] as const)));
  idNumber = nextIdNumber();
  mobile = nextMobile();
  const c = await createCustomerVia(t.app, s.am1, {
    partyType: 'individual',
    category: 'public',
    publicSubtype: 'mobile',
    name: '王个人',
    creditCode: undefined,
    idNumber,
    mobile,
  });
  customerId = c.id;
  const ticket = await t.app.inject({
    method: 'POST',
    url: '/api/service-desk/tickets',
    headers: s.agent1.headers,
    payload: { type: 'fault_report', channel: 'phone', customerId, title: '宽带断网', callerPhone },
  });
  expect(ticket.statusCode, ticket.body).toBe(201);
});
afterAll(() => t.close());

const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: s[who].headers });
const birthDigits = (id: string) => id.slice(6, 14);
const birthDate = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
type Change = { before: unknown; after: unknown };
type Entry = { action: string; entity: string; entityId: string; changes: Record<string, Change> };
const afterOf = (items: Entry[], entity: string, field: string) =>
  items.find((e) => e.entity === entity && e.changes[field])?.changes[field].after;
const auditOf = async (filter: string) =>
  (await get('admin', `/api/audit?limit=100&${filter}`)).json().items as (Entry & { actorName: string })[];

describe('GET /api/customers/{id}/history', () => {
  it.each(['manager1', 'quality1', 'marketing1', 'finance1'])(
    '%s (no pii.read) sees the birth date, ID number, mobile and caller phone masked',
    async (who) => {
      const res = await get(who, `/api/customers/${customerId}/history`);
      expect(res.statusCode).toBe(200);
      const items: Entry[] = res.json().items;
      expect(afterOf(items, 'customer', 'idNumber')).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
      expect(afterOf(items, 'customer', 'birthDate')).toBe('****-**-**');
      expect(afterOf(items, 'customer', 'mobile')).toBe(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
      expect(afterOf(items, 'ticket', 'callerPhone')).toBe('138****5678');
      // Nothing in the whole body rebuilds the resident ID or shows a number in clear.
      for (const secret of [idNumber, birthDigits(idNumber), birthDate(idNumber), mobile, callerPhone])
        expect(res.body).not.toContain(secret);
    },
  );

  it.each(['am1', 'agent1'])('%s (pii.read) sees the values in clear', async (who) => {
    const items: Entry[] = (await get(who, `/api/customers/${customerId}/history`)).json().items;
    expect(afterOf(items, 'customer', 'idNumber')).toBe(idNumber);
    expect(afterOf(items, 'customer', 'birthDate')).toBe(birthDate(idNumber));
    expect(afterOf(items, 'ticket', 'callerPhone')).toBe(callerPhone);
  });
});

describe('other outputs', () => {
  it('masks the caller phone of a ticket for a viewer without pii.read', async () => {
    const list = (await get('quality1', `/api/service-desk/tickets?customerId=${customerId}`)).json();
    const ticket = (await get('quality1', `/api/service-desk/tickets/${list.items[0].id}`)).json();
    expect(ticket.callerPhone).toBe('138****5678');
    const clear = (await get('agent1', `/api/service-desk/tickets/${list.items[0].id}`)).json();
    expect(clear.callerPhone).toBe(callerPhone);
  });

  it('masks the whole audit log (before/after of any entity) for an audit reader without pii.read', async () => {
    const manager = await ctxFor(t.handle.db, t.org.users.manager1);
    const { items } = await listAuditLog({ ctx: manager, filter: { limit: 100, offset: 0 } });
    const body = JSON.stringify(items);
    for (const secret of [idNumber, birthDate(idNumber), mobile, callerPhone]) expect(body).not.toContain(secret);
    expect(JSON.stringify((await auditOf('entity=ticket')).map((e) => e.changes))).toContain(callerPhone);
  });

  it('masks ID and mobile numbers in alert text and data for a reader without pii.read', async () => {
    const userIds = [t.org.users.manager1.id, t.org.users.am1.id];
    await notifyUsers({
      tx: t.handle.db,
      userIds,
      alert: {
        kind: 'test',
        title: `来电 ${callerPhone} 投诉`,
        body: `证件 ${idNumber}`,
        data: { callerPhone },
        dedupeKey: 'pii-test',
      },
    });
    const [masked] = (await get('manager1', '/api/notifications')).json().items;
    expect(masked).toMatchObject({ title: '来电 138****5678 投诉', data: { callerPhone: '138****5678' } });
    expect(masked.body).not.toContain(idNumber);
    const [clear] = (await get('am1', '/api/notifications')).json().items;
    expect(clear).toMatchObject({ title: `来电 ${callerPhone} 投诉`, body: `证件 ${idNumber}` });
  });

  it('never echoes a phone number in an error message', async () => {
    const res = await get('manager1', `/api/no-such-route?phone=${callerPhone}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).not.toContain(callerPhone);
    expect(res.json().error.message).toContain('138****5678');
  });
});

describe('auditing reads of full personal data', () => {
  it('records read_pii when a pii.read role receives an unmasked ID number, and nothing for masked views', async () => {
    const before = (await auditOf(`entity=customer&entityId=${customerId}`)).filter((e) => e.action === 'read_pii');
    expect((await get('manager1', `/api/customers/${customerId}`)).json().customer.idNumber).not.toBe(idNumber);
    expect((await get('am1', `/api/customers/${customerId}`)).json().customer.idNumber).toBe(idNumber);
    const reads = (await auditOf(`entity=customer&entityId=${customerId}`)).filter((e) => e.action === 'read_pii');
    expect(reads.length - before.length).toBe(1);
    expect(reads[0]).toMatchObject({ actorName: 'am1', changes: {} });
    // Not shown on the customer's own history tab.
    const history: Entry[] = (await get('am1', `/api/customers/${customerId}/history`)).json().items;
    expect(history.some((e) => e.action === 'read_pii')).toBe(false);
  });

  it('does not record reads of an organisation (no ID number)', async () => {
    const org = await createCustomerVia(t.app, s.am1);
    await get('am1', `/api/customers/${org.id}`);
    expect(await auditOf(`entity=customer&entityId=${org.id}`)).toEqual([
      expect.objectContaining({ action: 'create' }),
    ]);
  });
});

describe('auditing customer exports', () => {
  it('records who exported with which filter, the row count and whether it was masked', async () => {
    const full = await get('am1', `/api/customers/export?format=csv&search=${encodeURIComponent('王个人')}`);
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain(idNumber);
    const masked = await get('manager1', `/api/customers/export?format=csv&search=${mobile}`);
    expect(masked.statusCode).toBe(200);
    expect(masked.body).not.toContain(idNumber);
    const exports = (await auditOf('entity=customer&entityId=*')).filter((e) => e.action === 'export');
    expect(exports).toHaveLength(2);
    const byActor = Object.fromEntries(exports.map((e) => [e.actorName, e.changes]));
    expect(byActor.am1).toMatchObject({
      filter: { after: expect.objectContaining({ search: '王个人', format: 'csv' }) },
      rowCount: { after: 1 },
      masked: { after: false },
    });
    // The search text (a mobile number) is stored masked.
    expect(byActor.manager1).toMatchObject({
      filter: { after: expect.objectContaining({ search: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` }) },
      rowCount: { after: 1 },
      masked: { after: true },
    });
  });
});
