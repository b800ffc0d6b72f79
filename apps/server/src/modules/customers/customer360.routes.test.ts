import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomerVia, nextMobile, seedBills, seedOfferings } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';

let t: TestApp;
let am1: Session;
let manager1: Session;
let admin: Session;
let marketing1: Session;
let offerings: Awaited<ReturnType<typeof seedOfferings>>;
beforeAll(async () => {
  t = await createTestApp();
  [am1, manager1, admin, marketing1] = await Promise.all(
    ['am1', 'manager1', 'admin', 'marketing1'].map((u) => loginAs(t.app, u)),
  );
  offerings = await seedOfferings(t.handle);
});
afterAll(() => t.close());

const send = (s: Session, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s.headers, payload: payload as object });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const lastAudit = async (id: number) => (await get(am1, `/api/customers/${id}/history?limit=1`)).json().items[0];
const details = (res: { json: () => { error: { details: { path: string }[] } } }) =>
  res.json().error.details.map((d) => d.path);

describe('contacts', () => {
  it('creates, updates and deletes a contact, auditing each change on the customer', async () => {
    const c = await createCustomerVia(t.app, am1);
    const mobile = nextMobile();
    const created = await send(am1, 'POST', `/api/customers/${c.id}/contacts`, {
      name: '孙总',
      title: '信息中心主任',
      mobile,
      birthday: '1975-06-01',
      decisionRole: 'decision_maker',
      attitude: 'supporter',
    });
    expect(created.statusCode).toBe(201);
    const contact = created.json();
    expect(contact).toMatchObject({ customerId: c.id, name: '孙总', mobile, decisionRole: 'decision_maker' });
    expect(await lastAudit(c.id)).toMatchObject({
      action: 'create',
      entity: 'contact',
      entityId: String(contact.id),
      changes: { name: { before: null, after: '孙总' }, mobile: { before: null, after: mobile } },
    });

    const updated = await send(am1, 'PATCH', `/api/customers/${c.id}/contacts/${contact.id}`, { attitude: 'neutral' });
    expect(updated.json()).toMatchObject({ attitude: 'neutral', name: '孙总' });
    expect((await lastAudit(c.id)).changes).toEqual({ attitude: { before: 'supporter', after: 'neutral' } });

    const deleted = await send(am1, 'DELETE', `/api/customers/${c.id}/contacts/${contact.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(await lastAudit(c.id)).toMatchObject({
      action: 'delete',
      entity: 'contact',
      changes: { name: { before: '孙总', after: null } },
    });
    expect((await get(am1, `/api/customers/${c.id}`)).json().contacts).toEqual([]);
  });

  it('answers 404 for a contact of another customer and refuses invalid contacts without writing', async () => {
    const a = await createCustomerVia(t.app, am1);
    const b = await createCustomerVia(t.app, am1);
    const contact = (await send(am1, 'POST', `/api/customers/${a.id}/contacts`, { name: '甲' })).json();
    const wrong = await send(am1, 'PATCH', `/api/customers/${b.id}/contacts/${contact.id}`, { name: '乙' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('customers.contact_not_found');
    const before = await countRows(t.handle, 'contacts', 'audit_log');
    for (const [payload, field] of [
      [{ name: '' }, 'name'],
      [{ name: '丙', mobile: '123' }, 'mobile'],
      [{ name: '丙', phone: 'abc' }, 'phone'],
      [{ name: '丙', decisionRole: 'boss' }, 'decisionRole'],
      [{ name: '丙', birthday: '1975-13-01' }, 'birthday'],
    ] as const) {
      const res = await send(am1, 'POST', `/api/customers/${a.id}/contacts`, payload);
      expect(res.statusCode).toBe(400);
      expect(details(res)).toContain(field);
    }
    expect(await countRows(t.handle, 'contacts', 'audit_log')).toEqual(before);
  });
});

describe('accounts, products and contracts', () => {
  it('opens billing accounts, numbered unless given, and refuses a duplicate number with 409', async () => {
    const c = await createCustomerVia(t.app, am1);
    const auto = await send(am1, 'POST', `/api/customers/${c.id}/accounts`, { name: '总部账户' });
    expect(auto.statusCode).toBe(201);
    expect(auto.json()).toMatchObject({ customerId: c.id, paymentMethod: 'cash', billCycleDay: 1, status: 'active' });
    expect(auto.json().accountNo).toBe(`A${String(auto.json().id).padStart(10, '0')}`);
    expect(await lastAudit(c.id)).toMatchObject({
      entity: 'billing_account',
      changes: { name: { before: null, after: '总部账户' } },
    });
    const named = await send(am1, 'POST', `/api/customers/${c.id}/accounts`, {
      name: '分部',
      accountNo: 'NJ-001',
      paymentMethod: 'bank_debit',
    });
    expect(named.json().accountNo).toBe('NJ-001');
    const dup = await send(am1, 'POST', `/api/customers/${c.id}/accounts`, { name: '重复', accountNo: 'NJ-001' });
    expect(dup.statusCode).toBe(409);
    expect(details(dup)).toEqual(['accountNo']);
    const bad = await send(am1, 'POST', `/api/customers/${c.id}/accounts`, { name: 'x', billCycleDay: 31 });
    expect(details(bad)).toEqual(['billCycleDay']);
  });

  it('adds products billed to the customer’s own account, priced from the catalogue by default', async () => {
    const c = await createCustomerVia(t.app, am1);
    const other = await createCustomerVia(t.app, am1);
    const account = (await send(am1, 'POST', `/api/customers/${c.id}/accounts`, { name: '账户' })).json();
    const foreign = (await send(am1, 'POST', `/api/customers/${other.id}/accounts`, { name: '别家' })).json();
    const [mobilePlan, line, retired] = offerings;
    const body = { offeringId: line.id, accountId: account.id, serviceNumber: 'NJ-DL-0001', startDate: '2024-03-01' };
    const res = await send(am1, 'POST', `/api/customers/${c.id}/products`, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      customerId: c.id,
      offeringCode: 'DL-100M',
      family: 'dedicated_line',
      monthlyFen: 300_000,
      status: 'active',
      endDate: null,
    });
    expect(await lastAudit(c.id)).toMatchObject({
      entity: 'product_instance',
      changes: { serviceNumber: { after: 'NJ-DL-0001' } },
    });
    const priced = await send(am1, 'POST', `/api/customers/${c.id}/products`, {
      ...body,
      offeringId: mobilePlan.id,
      serviceNumber: nextMobile(),
      monthlyFen: 9_900,
    });
    expect(priced.json().monthlyFen).toBe(9_900);

    const before = await countRows(t.handle, 'product_instances', 'audit_log');
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ ...body, serviceNumber: 'X1', offeringId: retired.id }, 400, 'offeringId'],
      [{ ...body, serviceNumber: 'X2', offeringId: 999_999 }, 400, 'offeringId'],
      [{ ...body, serviceNumber: 'X3', accountId: foreign.id }, 400, 'accountId'],
      [{ ...body, serviceNumber: 'X4', endDate: '2024-02-01' }, 400, 'endDate'],
      [{ ...body, serviceNumber: 'X5', startDate: '2024-02-31' }, 400, 'startDate'],
      [{ ...body, serviceNumber: 'X6', monthlyFen: 1.5 }, 400, 'monthlyFen'],
      [{ ...body, serviceNumber: 'X7', monthlyFen: -1 }, 400, 'monthlyFen'],
      [{ ...body, serviceNumber: 'X8', status: 'gone' }, 400, 'status'],
      [body, 409, 'serviceNumber'],
    ];
    for (const [payload, status, field] of refusals) {
      const r = await send(am1, 'POST', `/api/customers/${c.id}/products`, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(details(r)).toContain(field);
    }
    expect(await countRows(t.handle, 'product_instances', 'audit_log')).toEqual(before);
  });

  it('signs contracts with their products and computes the end of the term', async () => {
    const c = await createCustomerVia(t.app, am1);
    const [mobilePlan, line, retired] = offerings;
    const res = await send(am1, 'POST', `/api/customers/${c.id}/contracts`, {
      title: '专线三年框架协议',
      startDate: '2024-01-15',
      termMonths: 36,
      committedMonthlyFen: 500_000,
      offeringIds: [line.id, mobilePlan.id],
    });
    expect(res.statusCode).toBe(201);
    const contract = res.json();
    expect(contract).toMatchObject({ endDate: '2027-01-14', status: 'active', committedMonthlyFen: 500_000 });
    expect(contract.contractNo).toBe(`K${String(contract.id).padStart(10, '0')}`);
    expect(contract.products.map((p: { offeringId: number }) => p.offeringId).sort()).toEqual(
      [mobilePlan.id, line.id].sort(),
    );
    expect(await lastAudit(c.id)).toMatchObject({
      entity: 'contract',
      changes: { title: { after: '专线三年框架协议' }, offeringIds: { after: [line.id, mobilePlan.id] } },
    });
    const view = (await get(am1, `/api/customers/${c.id}`)).json();
    expect(view.contracts).toEqual([contract]);

    const before = await countRows(t.handle, 'contracts', 'contract_products', 'audit_log');
    const base = { title: '合同', startDate: '2024-01-01', termMonths: 12 };
    for (const [payload, status, field] of [
      [{ ...base, offeringIds: [line.id, line.id] }, 400, 'offeringIds'],
      [{ ...base, offeringIds: [retired.id] }, 400, 'offeringIds'],
      [{ ...base, termMonths: 0 }, 400, 'termMonths'],
      [{ ...base, title: undefined }, 400, 'title'],
      [{ ...base, contractNo: contract.contractNo }, 409, 'contractNo'],
    ] as const) {
      const r = await send(am1, 'POST', `/api/customers/${c.id}/contracts`, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(details(r)).toContain(field);
    }
    expect(await countRows(t.handle, 'contracts', 'contract_products', 'audit_log')).toEqual(before);
  });

  it('lists the active catalogue', async () => {
    const res = await get(marketing1, '/api/product-offerings');
    expect(
      res
        .json()
        .map((o: { code: string }) => o.code)
        .sort(),
    ).toEqual(['DL-100M', 'MOB-5G']);
    const lines = await get(marketing1, '/api/product-offerings?family=dedicated_line');
    expect(lines.json()).toEqual([expect.objectContaining({ code: 'DL-100M', defaultMonthlyFen: 300_000 })]);
  });
});

describe('interactions', () => {
  it('records interactions by the signed-in user, newest first in the 360 view', async () => {
    const c = await createCustomerVia(t.app, am1);
    const older = await send(am1, 'POST', `/api/customers/${c.id}/interactions`, {
      channel: 'visit',
      direction: 'outbound',
      summary: '上门拜访，了解专线扩容需求',
      occurredAt: '2024-05-01T10:00:00+08:00',
    });
    expect(older.statusCode).toBe(201);
    expect(older.json()).toMatchObject({
      userId: t.org.users.am1.id,
      userName: 'am1',
      occurredAt: '2024-05-01T02:00:00.000Z',
    });
    const newer = await send(manager1, 'POST', `/api/customers/${c.id}/interactions`, {
      channel: 'phone',
      direction: 'inbound',
      summary: '客户来电咨询账单',
    });
    expect(newer.statusCode).toBe(201);
    expect(await lastAudit(c.id)).toMatchObject({ entity: 'interaction', changes: { channel: { after: 'phone' } } });
    const view = (await get(am1, `/api/customers/${c.id}`)).json();
    expect(view.interactions.map((i: { id: number }) => i.id)).toEqual([newer.json().id, older.json().id]);
    expect(view.interactions[0].userName).toBe('manager1');

    const before = await countRows(t.handle, 'interactions', 'audit_log');
    const future = new Date(Date.now() + 3_600_000).toISOString();
    for (const [payload, field] of [
      [{ channel: 'phone', direction: 'inbound', summary: 'x', occurredAt: future }, 'occurredAt'],
      [{ channel: 'pigeon', direction: 'inbound', summary: 'x' }, 'channel'],
      [{ channel: 'phone', direction: 'sideways', summary: 'x' }, 'direction'],
      [{ channel: 'phone', direction: 'inbound', summary: ' ' }, 'summary'],
      [{ channel: 'phone', direction: 'inbound', summary: 'x', occurredAt: 'yesterday' }, 'occurredAt'],
    ] as const) {
      const r = await send(am1, 'POST', `/api/customers/${c.id}/interactions`, payload);
      expect(r.statusCode).toBe(400);
      expect(details(r)).toContain(field);
    }
    expect(await countRows(t.handle, 'interactions', 'audit_log')).toEqual(before);
    const marketing = await send(marketing1, 'POST', `/api/customers/${c.id}/interactions`, {
      channel: 'phone',
      direction: 'outbound',
      summary: 'x',
    });
    expect(marketing.statusCode).toBe(403);
  });
});

describe('GET /api/customers/:id (customer 360)', () => {
  const periods = (from: string, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const m = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + i;
      return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    });

  it('assembles the customer, branches, contacts, accounts, products, contracts, bills and spend', async () => {
    const group = await createCustomerVia(t.app, am1, { name: '江苏交通控股' });
    const branch = await createCustomerVia(t.app, am1, { name: '江苏交通控股南京分公司', parentCustomerId: group.id });
    const hidden = await createCustomerVia(t.app, admin, {
      name: '外市分公司',
      parentCustomerId: group.id,
      orgUnitId: t.org.org.cityB.id,
    });
    const a1 = (await send(am1, 'POST', `/api/customers/${group.id}/accounts`, { name: '账户1' })).json();
    const a2 = (await send(am1, 'POST', `/api/customers/${group.id}/accounts`, { name: '账户2' })).json();
    await seedBills(t.handle, a1, periods('2022-01', 30), 10_000); // 2022-01 .. 2024-06
    await seedBills(t.handle, a2, ['2024-06', '2024-04'], 5_000);

    const res = await get(am1, `/api/customers/${group.id}`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.customer).toMatchObject({ id: group.id, name: '江苏交通控股' });
    expect(view.children).toEqual([{ id: branch.id, customerNo: branch.customerNo, name: '江苏交通控股南京分公司' }]);
    expect((await get(admin, `/api/customers/${group.id}`)).json().children.map((c: { id: number }) => c.id)).toEqual([
      branch.id,
      hidden.id,
    ]);
    expect(view.accounts.map((a: { id: number }) => a.id)).toEqual([a1.id, a2.id]);

    expect(view.bills).toHaveLength(24);
    expect(view.bills[0]).toMatchObject({
      period: '2024-06',
      accountId: a1.id,
      accountNo: a1.accountNo,
      totalFen: 10_000,
    });
    expect(view.bills[1]).toMatchObject({ period: '2024-06', accountId: a2.id, totalFen: 5_000 });
    const billPeriods = view.bills.map((b: { period: string }) => b.period);
    expect(billPeriods).toEqual([...billPeriods].sort().reverse());

    expect(view.spendByPeriod).toHaveLength(24);
    expect(view.spendByPeriod[0]).toEqual({ period: '2022-07', totalFen: 10_000 });
    expect(view.spendByPeriod.at(-1)).toEqual({ period: '2024-06', totalFen: 15_000 });
    expect(view.spendByPeriod.find((p: { period: string }) => p.period === '2024-05')).toEqual({
      period: '2024-05',
      totalFen: 10_000,
    });
    expect(view.spendByPeriod.find((p: { period: string }) => p.period === '2024-04').totalFen).toBe(15_000);

    const branchView = (await get(am1, `/api/customers/${branch.id}`)).json();
    expect(branchView.customer).toMatchObject({ parentCustomerId: group.id, parentName: '江苏交通控股' });
    expect(branchView).toMatchObject({ bills: [], spendByPeriod: [], products: [], contracts: [], interactions: [] });
  });

  it('pages the bills with the total count', async () => {
    const c = await createCustomerVia(t.app, am1);
    const account = (await send(am1, 'POST', `/api/customers/${c.id}/accounts`, { name: '账户' })).json();
    await seedBills(t.handle, account, periods('2023-01', 15));
    const page = (await get(am1, `/api/customers/${c.id}/bills?limit=10&offset=10`)).json();
    expect(page.total).toBe(15);
    expect(page.items.map((b: { period: string }) => b.period)).toEqual([
      '2023-05',
      '2023-04',
      '2023-03',
      '2023-02',
      '2023-01',
    ]);
    expect((await get(am1, `/api/customers/${c.id}/bills`)).json().items).toHaveLength(15);
  });

  it('answers 400 for a malformed id and 404 for a missing one', async () => {
    expect((await get(am1, '/api/customers/abc')).statusCode).toBe(400);
    expect((await get(am1, '/api/customers/99999999999')).statusCode).toBe(400);
    const missing = await get(am1, '/api/customers/424242');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('customers.not_found');
  });

  it('documents the customer API in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const path of [
      '/api/customers',
      '/api/customers/lookup',
      '/api/customers/{id}',
      '/api/customers/{id}/history',
      '/api/customers/{id}/contacts/{contactId}',
      '/api/customers/{id}/accounts',
      '/api/customers/{id}/products',
      '/api/customers/{id}/contracts',
      '/api/customers/{id}/interactions',
      '/api/customers/{id}/bills',
      '/api/customers/{id}/shares',
      '/api/product-offerings',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/customers/{id}'].get.tags).toEqual(['customers']);
  });
});
