import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomerVia } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';

let t: TestApp;
let am1: Session;
let am2: Session;
let marketing1: Session;
beforeAll(async () => {
  t = await createTestApp();
  [am1, am2, marketing1] = await Promise.all(['am1', 'am2', 'marketing1'].map((u) => loginAs(t.app, u)));
});
afterAll(() => t.close());

const send = (s: Session, method: 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s.headers, payload: payload as object });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const lastAudit = async (id: number) => (await get(am1, `/api/customers/${id}/history?limit=1`)).json().items[0];
const details = (res: { json: () => { error: { details: { path: string }[] } } }) =>
  res.json().error.details.map((d) => d.path);

async function customerWithAccount() {
  const c = await createCustomerVia(t.app, am1);
  const account = (await send(am1, 'POST', `/api/customers/${c.id}/accounts`, { name: '总部账户' })).json();
  return { c, account };
}

describe('PATCH /api/customers/:id/accounts/:accountId', () => {
  it('edits the account and audits only the changed fields', async () => {
    const { c, account } = await customerWithAccount();
    const res = await send(am1, 'PATCH', `/api/customers/${c.id}/accounts/${account.id}`, {
      name: '总部结算账户',
      paymentMethod: 'transfer',
      billCycleDay: 15,
      status: 'suspended',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ...account,
      name: '总部结算账户',
      paymentMethod: 'transfer',
      billCycleDay: 15,
      status: 'suspended',
    });
    expect(await lastAudit(c.id)).toMatchObject({
      action: 'update',
      entity: 'billing_account',
      entityId: String(account.id),
    });
    expect((await lastAudit(c.id)).changes).toEqual({
      name: { before: '总部账户', after: '总部结算账户' },
      paymentMethod: { before: 'cash', after: 'transfer' },
      billCycleDay: { before: 1, after: 15 },
      status: { before: 'active', after: 'suspended' },
    });
    expect((await get(am1, `/api/customers/${c.id}`)).json().accounts[0]).toMatchObject({ billCycleDay: 15 });

    // The same values again change nothing and record nothing.
    const audits = await countRows(t.handle, 'audit_log');
    expect(
      (await send(am1, 'PATCH', `/api/customers/${c.id}/accounts/${account.id}`, { billCycleDay: 15 })).statusCode,
    ).toBe(200);
    expect(await countRows(t.handle, 'audit_log')).toEqual(audits);
  });

  it('answers 400 naming the field and writes nothing', async () => {
    const { c, account } = await customerWithAccount();
    const before = await countRows(t.handle, 'audit_log');
    for (const [payload, field] of [
      [{ billCycleDay: 31 }, 'billCycleDay'],
      [{ paymentMethod: 'cheque' }, 'paymentMethod'],
      [{ status: 'deleted' }, 'status'],
      [{ name: '' }, 'name'],
    ] as const) {
      const res = await send(am1, 'PATCH', `/api/customers/${c.id}/accounts/${account.id}`, payload);
      expect(res.statusCode).toBe(400);
      expect(details(res)).toEqual([field]);
    }
    const empty = await send(am1, 'PATCH', `/api/customers/${c.id}/accounts/${account.id}`, {});
    expect(empty.statusCode).toBe(400);
    expect(await countRows(t.handle, 'audit_log')).toEqual(before);
  });

  it('answers 404 outside the scope and for an account of another customer, 403 without the permission', async () => {
    const { c, account } = await customerWithAccount();
    const other = await createCustomerVia(t.app, am1);
    const url = `/api/customers/${c.id}/accounts/${account.id}`;
    const foreign = await send(am2, 'PATCH', url, { name: '越权' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('customers.not_found');
    const wrong = await send(am1, 'PATCH', `/api/customers/${other.id}/accounts/${account.id}`, { name: '串户' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('billing.account_not_found');
    expect((await send(marketing1, 'PATCH', url, { name: '市场' })).statusCode).toBe(403);
    expect((await get(am1, `/api/customers/${c.id}`)).json().accounts[0].name).toBe('总部账户');
  });
});
