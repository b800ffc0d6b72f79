import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { listAuditEntries } from '../../audit/audit.service';
import { ctxFor, makeCustomer } from '../../service-desk/service-desk.test-helpers';

let t: TestApp;
let admin: Session;
let amToken: Record<string, string>;
const base = '/tmf-api/accountManagement/v4/billingAccount';
let am1CustomerId: number;
let am3CustomerId: number;
let am1AccountId: string;
let am3AccountId: string;

const call = (
  headers: Record<string, string>,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  payload?: unknown,
) => t.app.inject({ method, url, headers, payload: payload as object });
const idsOf = (res: { json: () => { id: string }[] }) => res.json().map((a) => a.id);

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  const ctx = await ctxFor(t.handle.db, t.org.users.admin);
  const { cityA, cityB } = t.org.org;
  am1CustomerId = (
    await makeCustomer(ctx, {
      name: '金陵钢铁集团',
      category: 'key_account',
      orgUnitId: cityA.id,
      accountManagerId: t.org.users.am1.id,
    })
  ).id;
  am3CustomerId = (
    await makeCustomer(ctx, {
      name: '姑苏丝绸有限公司',
      category: 'business',
      orgUnitId: cityB.id,
      accountManagerId: t.org.users.am3.id,
    })
  ).id;
  const open = async (customerId: number, body: object) =>
    (await call(admin.headers, 'POST', `/api/customers/${customerId}/accounts`, body)).json().id;
  am1AccountId = String(await open(am1CustomerId, { name: '金陵钢铁总部账户', paymentMethod: 'bank_debit' }));
  await open(am1CustomerId, { name: '金陵钢铁预付费账户', paymentMethod: 'prepaid', billCycleDay: 5 });
  am3AccountId = String(await open(am3CustomerId, { name: '姑苏丝绸账户', paymentMethod: 'transfer' }));
  const res = await call(admin.headers, 'POST', '/api/auth/tokens', { name: 'bss', userId: t.org.users.am1.id });
  amToken = { authorization: `Bearer ${res.json().token}` };
});
afterAll(() => t.close());

describe('TMF666 Account API (billingAccount)', () => {
  it('gets an account with its customer, bill structure and payment method; fields= keeps id, href and @type', async () => {
    const res = await call(admin.headers, 'GET', `${base}/${am1AccountId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: am1AccountId,
      href: `http://localhost:80${base}/${am1AccountId}`,
      '@type': 'BillingAccount',
      name: '金陵钢铁总部账户',
      accountType: 'postpaid',
      state: 'active',
      billStructure: { cycleSpecification: { frequency: 'monthly', dateShift: 0 } },
      defaultPaymentMethod: { id: 'bank_debit' },
      relatedParty: [
        {
          id: String(am1CustomerId),
          href: `http://localhost:80/tmf-api/customerManagement/v4/customer/${am1CustomerId}`,
          name: '金陵钢铁集团',
          role: 'Customer',
          '@referredType': 'Customer',
        },
      ],
    });
    const some = await call(admin.headers, 'GET', `${base}/${am1AccountId}?fields=name,state`);
    expect(Object.keys(some.json()).sort()).toEqual(['@type', 'href', 'id', 'name', 'state']);
  });

  it('filters in SQL (customer, state, accountType, name, comma lists as OR), sorts and pages with count headers', async () => {
    const ofCustomer = await call(admin.headers, 'GET', `${base}?relatedParty.id=${am1CustomerId}&sort=id`);
    expect(ofCustomer.json().map((a: { name: string }) => a.name)).toEqual(['金陵钢铁总部账户', '金陵钢铁预付费账户']);
    const prepaid = await call(admin.headers, 'GET', `${base}?accountType=prepaid&fields=billStructure`);
    expect(prepaid.json()).toHaveLength(1);
    expect(prepaid.json()[0].billStructure.cycleSpecification.dateShift).toBe(4);
    const byName = await call(admin.headers, 'GET', `${base}?name=${encodeURIComponent('姑苏丝绸账户')}`);
    expect(idsOf(byName)).toEqual([am3AccountId]);
    const either = await call(admin.headers, 'GET', `${base}?id=${am3AccountId},${am1AccountId}&sort=-id`);
    expect(idsOf(either)).toEqual([am3AccountId, am1AccountId]);
    const active = await call(admin.headers, 'GET', `${base}?state=active&lastModified.gte=2020-01-01`);
    expect(active.headers['x-total-count']).toBe('3');
    const page = await call(admin.headers, 'GET', `${base}?offset=1&limit=1&sort=id`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['x-total-count']).toBe('3');
    expect(page.headers['x-result-count']).toBe('1');
    expect(page.json()).toHaveLength(1);
  });

  it('answers 400 naming the parameter for an unsupported filter or value, never an unfiltered list', async () => {
    const res = await call(admin.headers, 'GET', `${base}?paymentStatus=due`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'tmf.unsupported_filter', status: '400', '@type': 'Error' });
    expect(res.json().message).toContain('paymentStatus');
    expect((await call(admin.headers, 'GET', `${base}?state=frozen`)).statusCode).toBe(400);
    expect((await call(admin.headers, 'GET', `${base}?name.gt=a`)).statusCode).toBe(400);
  });

  it('answers a TMF 404 for unknown ids of any shape, 405 for DELETE and PUT, 400 naming bad body fields', async () => {
    for (const id of ['999999', '12345678901', 'c2df1950-c17c-4576-9c22-e59073a4a86a', '-1']) {
      const res = await call(admin.headers, 'GET', `${base}/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: '404', reason: 'BillingAccount not found', '@type': 'Error' });
    }
    expect((await call(admin.headers, 'PATCH', `${base}/999999`, { name: 'x' })).statusCode).toBe(404);
    const del = await call(admin.headers, 'DELETE', `${base}/${am1AccountId}`);
    expect(del.statusCode).toBe(405);
    expect(del.json()).toMatchObject({ status: '405', '@type': 'Error' });
    expect((await call(admin.headers, 'PUT', `${base}/${am1AccountId}`, { name: 'x' })).statusCode).toBe(405);
    const noParty = await call(admin.headers, 'POST', base, { name: 'x' });
    expect(noParty.statusCode).toBe(400);
    expect(noParty.json().message).toContain('relatedParty');
    const unknownCustomer = await call(admin.headers, 'POST', base, {
      name: 'x',
      relatedParty: [{ id: '999999', role: 'Customer' }],
    });
    expect(unknownCustomer.statusCode).toBe(400);
    expect(unknownCustomer.json().message).toContain('relatedParty.id');
    const badDay = await call(admin.headers, 'PATCH', `${base}/${am1AccountId}`, {
      billStructure: { cycleSpecification: { dateShift: 40 } },
    });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().message).toContain('billStructure.cycleSpecification.dateShift');
    const badState = await call(admin.headers, 'PATCH', `${base}/${am1AccountId}`, { state: 'frozen' });
    expect(badState.statusCode).toBe(400);
    expect(badState.json().message).toContain('state');
  });

  it('creates an account for the related customer (201, Location), audited, and replays it by Idempotency-Key', async () => {
    const body = {
      name: '姑苏丝绸分公司账户',
      relatedParty: [{ id: String(am3CustomerId), role: 'Customer', '@referredType': 'Customer' }],
      defaultPaymentMethod: { id: 'cash' },
      billStructure: { cycleSpecification: { dateShift: 9 } },
    };
    const headers = { ...admin.headers, 'idempotency-key': 'tmf666-create-1' };
    const res = await call(headers, 'POST', base, body);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(res.headers.location).toBe(a.href);
    expect(a).toMatchObject({
      name: '姑苏丝绸分公司账户',
      state: 'active',
      accountType: 'postpaid',
      billStructure: { cycleSpecification: { dateShift: 9 } },
      relatedParty: [{ id: String(am3CustomerId), role: 'Customer' }],
    });
    const again = await call(headers, 'POST', base, body);
    expect(again.json().id).toBe(a.id);
    const audit = await listAuditEntries({
      db: t.handle.db,
      filter: { customerId: am3CustomerId, limit: 10, offset: 0 },
    });
    const created = audit.items.filter((e) => e.entity === 'billing_account' && e.action === 'create');
    expect(created.map((e) => String(e.entityId))).toContain(a.id);
    expect(created).toHaveLength(2);
  });

  it('merge-patches (application/merge-patch+json) through the billing service, audited', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${base}/${am3AccountId}`,
      headers: { ...admin.headers, 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ state: 'suspended', defaultPaymentMethod: { id: 'prepaid' } }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'suspended', accountType: 'prepaid' });
    const audit = await listAuditEntries({
      db: t.handle.db,
      filter: { customerId: am3CustomerId, limit: 10, offset: 0 },
    });
    expect(audit.items[0]).toMatchObject({ action: 'update', entity: 'billing_account', actorName: 'admin' });
    const moved = await call(admin.headers, 'PATCH', `${base}/${am3AccountId}`, {
      relatedParty: [{ id: String(am1CustomerId), role: 'Customer' }],
    });
    expect(moved.statusCode).toBe(400);
  });

  it("an account manager's API token sees and changes only the portfolio's accounts", async () => {
    const list = await call(amToken, 'GET', base);
    expect(list.json().map((a: { relatedParty: { id: string }[] }) => a.relatedParty[0].id)).toEqual([
      String(am1CustomerId),
      String(am1CustomerId),
    ]);
    expect(list.headers['x-total-count']).toBe('2');
    expect((await call(amToken, 'GET', `${base}/${am3AccountId}`)).statusCode).toBe(404);
    expect((await call(amToken, 'PATCH', `${base}/${am3AccountId}`, { name: 'x' })).statusCode).toBe(404);
    const foreign = await call(amToken, 'POST', base, {
      name: 'x',
      relatedParty: [{ id: String(am3CustomerId), role: 'Customer' }],
    });
    expect(foreign.statusCode).toBe(400);
    const own = await call(amToken, 'PATCH', `${base}/${am1AccountId}`, { name: '金陵钢铁结算账户' });
    expect(own.json().name).toBe('金陵钢铁结算账户');
  });

  it('is documented at /docs under its own tag with its schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const ops = doc.paths[base] as Record<string, { tags: string[] }>;
    expect(Object.values(ops).flatMap((op) => op.tags)).toContain('TMF666 Account');
    expect(JSON.stringify(ops.post)).toContain('relatedParty');
  });
});
