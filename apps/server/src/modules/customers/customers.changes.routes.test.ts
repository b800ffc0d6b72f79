import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomerVia, nextMobile, seedAccount } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Session;
let manager1: Session;
let am1: Session;
let am2: Session;
beforeAll(async () => {
  t = await createTestApp();
  [admin, manager1, am1, am2] = await Promise.all(['admin', 'manager1', 'am1', 'am2'].map((u) => loginAs(t.app, u)));
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...headers }, payload: payload as object });
const patch = (s: Session, url: string, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url, headers: s.headers, payload: payload as object });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const history = async (s: Session, id: number) => (await get(s, `/api/customers/${id}/history`)).json().items;
const writeTables = ['parties', 'customers', 'audit_log'];

describe('PATCH /api/customers/:id', () => {
  it('updates fields and audits only what changed', async () => {
    const c = await createCustomerVia(t.app, am1, { address: '南京市鼓楼区1号' });
    const mobile = nextMobile();
    const res = await patch(am1, `/api/customers/${c.id}`, {
      name: '新名字',
      mobile,
      address: null,
      status: 'suspended',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '新名字', mobile, address: null, status: 'suspended' });
    const [entry] = await history(am1, c.id);
    expect(entry).toMatchObject({ action: 'update', entity: 'customer' });
    expect(entry.changes).toEqual({
      name: { before: c.name, after: '新名字' },
      mobile: { before: c.mobile, after: mobile },
      address: { before: '南京市鼓楼区1号', after: null },
      status: { before: 'active', after: 'suspended' },
    });
    const again = await patch(am1, `/api/customers/${c.id}`, { name: '新名字' });
    expect(again.statusCode).toBe(200);
    expect(await history(am1, c.id)).toHaveLength(2);
  });

  it('refuses invalid changes with 400 naming the field, writing nothing', async () => {
    const c = await createCustomerVia(t.app, am1);
    const child = await createCustomerVia(t.app, am1, { parentCustomerId: c.id });
    const cases: [Record<string, unknown>, string][] = [
      [{ idNumber: '11010519491231002X' }, 'idNumber'],
      [{ creditCode: '91350100M000100Y44' }, 'creditCode'],
      [{ category: 'public', publicSubtype: 'mobile', name: 7 }, 'name'],
      [{ publicSubtype: 'mobile' }, 'publicSubtype'],
      [{ parentCustomerId: c.id }, 'parentCustomerId'],
      [{ parentCustomerId: child.id }, 'parentCustomerId'],
      [{ accountManagerId: t.org.users.am2.id }, 'accountManagerId'],
      [{ orgUnitId: t.org.org.cityB.id }, 'orgUnitId'],
      [{ mobile: '110' }, 'mobile'],
    ];
    for (const [payload, field] of cases) {
      const before = await countRows(t.handle, ...writeTables);
      const res = await patch(am1, `/api/customers/${c.id}`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await countRows(t.handle, ...writeTables)).toEqual(before);
    }
  });

  it('answers 409 for a credit code of another customer', async () => {
    const a = await createCustomerVia(t.app, am1);
    const b = await createCustomerVia(t.app, am1);
    const res = await patch(am1, `/api/customers/${b.id}`, { creditCode: a.creditCode });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'creditCode' })]);
    const own = await patch(am1, `/api/customers/${a.id}`, { creditCode: a.creditCode });
    expect(own.statusCode).toBe(200);
  });

  it('moves a customer to another account manager, out of the old one’s portfolio', async () => {
    const c = await createCustomerVia(t.app, am1);
    const res = await patch(manager1, `/api/customers/${c.id}`, { accountManagerId: t.org.users.am2.id });
    expect(res.json()).toMatchObject({ accountManagerId: t.org.users.am2.id, accountManagerName: 'am2' });
    expect((await get(am1, `/api/customers/${c.id}`)).statusCode).toBe(404);
    expect((await get(am2, `/api/customers/${c.id}`)).statusCode).toBe(200);
  });
});

describe('DELETE /api/customers/:id', () => {
  it('needs customers.delete', async () => {
    const c = await createCustomerVia(t.app, am1);
    const res = await t.app.inject({ method: 'DELETE', url: `/api/customers/${c.id}`, headers: am1.headers });
    expect(res.statusCode).toBe(403);
  });

  it('deletes a customer without business history, keeping the audit trail and clearing referrals', async () => {
    const c = await createCustomerVia(t.app, am1);
    const referred = await createCustomerVia(t.app, am1, { referredByCustomerId: c.id });
    await post(am1, `/api/customers/${c.id}/contacts`, { name: '李四', mobile: nextMobile() });
    const res = await t.app.inject({ method: 'DELETE', url: `/api/customers/${c.id}`, headers: admin.headers });
    expect(res.statusCode).toBe(204);
    expect((await get(admin, `/api/customers/${c.id}`)).statusCode).toBe(404);
    const audit = (await get(admin, `/api/audit?entity=customer&entityId=${c.id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'delete', customerId: c.id });
    expect(audit[0].changes.name).toEqual({ before: c.name, after: null });
    const after = (await get(am1, `/api/customers/${referred.id}`)).json().customer;
    expect(after.referredByCustomerId).toBeNull();
    expect((await history(am1, referred.id))[0].changes).toEqual({
      referredByCustomerId: { before: c.id, after: null },
    });
  });

  it('refuses with 409 while the customer has billing accounts (mark it churned instead)', async () => {
    const c = await createCustomerVia(t.app, am1);
    await seedAccount(t.handle, c.id, `ACC-DEL-${c.id}`);
    const res = await t.app.inject({ method: 'DELETE', url: `/api/customers/${c.id}`, headers: admin.headers });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'customers.has_dependents', details: [{ path: 'accounts' }] });
    expect((await get(admin, `/api/customers/${c.id}`)).statusCode).toBe(200);
  });
});

describe('GET /api/customers/:id/history', () => {
  it('pages the customer’s audit trail newest first, including its sub-resources', async () => {
    const c = await createCustomerVia(t.app, am1);
    await patch(am1, `/api/customers/${c.id}`, { notes: 'VIP' });
    await post(am1, `/api/customers/${c.id}/contacts`, { name: '王五' });
    const page = (await get(am1, `/api/customers/${c.id}/history?limit=2`)).json();
    expect(page.total).toBe(3);
    expect(page.items.map((e: { entity: string; action: string }) => `${e.entity}:${e.action}`)).toEqual([
      'contact:create',
      'customer:update',
    ]);
    const rest = (await get(am1, `/api/customers/${c.id}/history?limit=2&offset=2`)).json();
    expect(rest.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('masks personal numbers in the history for roles without pii.read', async () => {
    const mobile = nextMobile();
    const c = await createCustomerVia(t.app, am1, { mobile });
    const own = (await history(am1, c.id))[0].changes.mobile;
    const managers = (await history(manager1, c.id))[0].changes.mobile;
    expect(own.after).toBe(mobile);
    expect(managers.after).toBe(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
  });
});
