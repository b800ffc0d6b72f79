import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomerVia, seedOfferings } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { todayInShanghai } from './products.models';

let t: TestApp;
let am1: Session;
let am2: Session;
let offerings: Awaited<ReturnType<typeof seedOfferings>>;
beforeAll(async () => {
  t = await createTestApp();
  [am1, am2] = await Promise.all(['am1', 'am2'].map((u) => loginAs(t.app, u)));
  offerings = await seedOfferings(t.handle);
});
afterAll(() => t.close());

const send = (s: Session, method: 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s.headers, payload: payload as object });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const lastAudit = async (id: number) => (await get(am1, `/api/customers/${id}/history?limit=1`)).json().items[0];
const details = (res: { json: () => { error: { details: { path: string }[] } } }) =>
  res.json().error.details.map((d) => d.path);

let seq = 0;
async function customerWithProduct() {
  const c = await createCustomerVia(t.app, am1);
  const account = (await send(am1, 'POST', `/api/customers/${c.id}/accounts`, { name: '账户' })).json();
  const product = (
    await send(am1, 'POST', `/api/customers/${c.id}/products`, {
      offeringId: offerings[1].id,
      accountId: account.id,
      serviceNumber: `NJ-DL-9${String(++seq).padStart(3, '0')}`,
      startDate: '2024-03-01',
    })
  ).json();
  return { c, account, product };
}

describe('PATCH /api/customers/:id/products/:productId', () => {
  it('suspends, resumes and re-prices a product, auditing only the changed fields', async () => {
    const { c, product } = await customerWithProduct();
    const url = `/api/customers/${c.id}/products/${product.id}`;
    const suspended = await send(am1, 'PATCH', url, { status: 'suspended' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toEqual({ ...product, status: 'suspended' });
    expect(await lastAudit(c.id)).toMatchObject({
      action: 'update',
      entity: 'product_instance',
      entityId: String(product.id),
      changes: { status: { before: 'active', after: 'suspended' } },
    });
    expect(Object.keys((await lastAudit(c.id)).changes)).toEqual(['status']);

    const resumed = await send(am1, 'PATCH', url, { status: 'active', monthlyFen: 250_000, endDate: '2027-02-28' });
    expect(resumed.json()).toMatchObject({ status: 'active', monthlyFen: 250_000, endDate: '2027-02-28' });
    expect((await lastAudit(c.id)).changes).toEqual({
      status: { before: 'suspended', after: 'active' },
      monthlyFen: { before: 300_000, after: 250_000 },
      endDate: { before: null, after: '2027-02-28' },
    });
  });

  it('terminates a product today unless an end date is given, and keeps it terminated', async () => {
    const { c, product } = await customerWithProduct();
    const url = `/api/customers/${c.id}/products/${product.id}`;
    const terminated = await send(am1, 'PATCH', url, { status: 'terminated' });
    expect(terminated.json()).toMatchObject({ status: 'terminated', endDate: todayInShanghai() });
    const reopened = await send(am1, 'PATCH', url, { status: 'active' });
    expect(reopened.statusCode).toBe(400);
    expect(details(reopened)).toEqual(['status']);

    const second = (await customerWithProduct()).product;
    const ended = await send(am1, 'PATCH', `/api/customers/${second.customerId}/products/${second.id}`, {
      status: 'terminated',
      endDate: '2025-12-31',
    });
    expect(ended.json()).toMatchObject({ status: 'terminated', endDate: '2025-12-31' });
  });

  it('answers 400 naming the field, 409 for a live service number, and writes nothing', async () => {
    const { c, product } = await customerWithProduct();
    const other = (await customerWithProduct()).product;
    const url = `/api/customers/${c.id}/products/${product.id}`;
    const before = await countRows(t.handle, 'audit_log');
    for (const [payload, field] of [
      [{ status: 'closed' }, 'status'],
      [{ monthlyFen: -1 }, 'monthlyFen'],
      [{ endDate: '2024-02-30' }, 'endDate'],
      [{ endDate: '2023-01-01' }, 'endDate'],
      [{ serviceNumber: '' }, 'serviceNumber'],
    ] as const) {
      const res = await send(am1, 'PATCH', url, payload);
      expect(res.statusCode).toBe(400);
      expect(details(res)).toEqual([field]);
    }
    expect((await send(am1, 'PATCH', url, {})).statusCode).toBe(400);
    const taken = await send(am1, 'PATCH', url, { serviceNumber: other.serviceNumber });
    expect(taken.statusCode).toBe(409);
    expect(details(taken)).toEqual(['serviceNumber']);
    expect(await countRows(t.handle, 'audit_log')).toEqual(before);
  });

  it('answers 404 outside the scope and for a product of another customer', async () => {
    const { c, product } = await customerWithProduct();
    const other = await createCustomerVia(t.app, am1);
    const foreign = await send(am2, 'PATCH', `/api/customers/${c.id}/products/${product.id}`, { status: 'suspended' });
    expect(foreign.statusCode).toBe(404);
    const wrong = await send(am1, 'PATCH', `/api/customers/${other.id}/products/${product.id}`, {
      status: 'suspended',
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('products.product_not_found');
    expect((await get(am1, `/api/customers/${c.id}`)).json().products[0].status).toBe('active');
  });
});

describe('PATCH /api/customers/:id/contracts/:contractId', () => {
  async function customerWithContract() {
    const c = await createCustomerVia(t.app, am1);
    const contract = (
      await send(am1, 'POST', `/api/customers/${c.id}/contracts`, {
        title: '专线三年协议',
        startDate: '2024-03-01',
        termMonths: 36,
        committedMonthlyFen: 500_000,
        offeringIds: [offerings[1].id],
      })
    ).json();
    return { c, contract };
  }

  it('edits the contract, recomputing the end of a new term, and audits the changed fields', async () => {
    const { c, contract } = await customerWithContract();
    const url = `/api/customers/${c.id}/contracts/${contract.id}`;
    const res = await send(am1, 'PATCH', url, { termMonths: 24, committedMonthlyFen: 450_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...contract, termMonths: 24, endDate: '2026-02-28', committedMonthlyFen: 450_000 });
    expect(await lastAudit(c.id)).toMatchObject({
      action: 'update',
      entity: 'contract',
      entityId: String(contract.id),
    });
    expect((await lastAudit(c.id)).changes).toEqual({
      termMonths: { before: 36, after: 24 },
      endDate: { before: '2027-02-28', after: '2026-02-28' },
      committedMonthlyFen: { before: 500_000, after: 450_000 },
    });
    const ended = await send(am1, 'PATCH', url, { status: 'terminated', endDate: '2025-06-30', title: '专线协议' });
    expect(ended.json()).toMatchObject({
      status: 'terminated',
      endDate: '2025-06-30',
      title: '专线协议',
      termMonths: 24,
    });
  });

  it('answers 400 naming the field and 404 outside the scope or for another customer', async () => {
    const { c, contract } = await customerWithContract();
    const other = await createCustomerVia(t.app, am1);
    const url = `/api/customers/${c.id}/contracts/${contract.id}`;
    for (const [payload, field] of [
      [{ termMonths: 0 }, 'termMonths'],
      [{ status: 'signed' }, 'status'],
      [{ endDate: '2020-01-01' }, 'endDate'],
      [{ committedMonthlyFen: 1.5 }, 'committedMonthlyFen'],
    ] as const) {
      const res = await send(am1, 'PATCH', url, payload);
      expect(res.statusCode).toBe(400);
      expect(details(res)).toEqual([field]);
    }
    expect((await send(am2, 'PATCH', url, { title: '越权' })).statusCode).toBe(404);
    const wrong = await send(am1, 'PATCH', `/api/customers/${other.id}/contracts/${contract.id}`, { title: '串户' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('products.contract_not_found');
    expect((await get(am1, `/api/customers/${c.id}`)).json().contracts[0].title).toBe('专线三年协议');
  });
});
