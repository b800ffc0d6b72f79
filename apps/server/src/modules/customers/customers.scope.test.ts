import { maskIdNumber, maskPhone } from '@crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestCtx } from '../../platform/context';
import { countRows, createCustomerVia, nextIdNumber, nextMobile, seedOfferings } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { deleteCustomer } from './customer-delete.service';

let t: TestApp;
const s: Record<string, Session> = {};
type C = { id: number; customerNo: string; name: string; mobile: string };
let c1: C; // am1's key account (city A), with a contact and a product
let c2: C; // am2's customer (city A)
let cB: C; // city B customer of am3
let cD: C; // district A customer without an account manager
let cP: C; // an individual of city A (ID number)
const contactMobile = nextMobile();
const contactPhone = '025-84001234';
const serviceNumber = '18951000001';
const cityBMobile = nextMobile();
let contactId: number;

beforeAll(async () => {
  t = await createTestApp();
  const names = ['admin', 'manager1', 'am1', 'am2', 'agent1', 'backoffice1', 'quality1', 'marketing1', 'finance1'];
  for (const u of [...names, 'manager2', 'am3']) s[u] = await loginAs(t.app, u);
  c1 = (await createCustomerVia(t.app, s.am1, { name: '南京钢铁集团' })) as C;
  c2 = (await createCustomerVia(t.app, s.am2, { name: '南京地铁公司' })) as C;
  cB = (await createCustomerVia(t.app, s.manager2, {
    accountManagerId: t.org.users.am3.id,
    name: '苏州工业园区',
    mobile: cityBMobile,
  })) as C;
  cD = (await createCustomerVia(t.app, s.manager1, { orgUnitId: t.org.org.districtA.id, name: '鼓楼医院' })) as C;
  cP = (await createCustomerVia(t.app, s.agent1, {
    partyType: 'individual',
    category: 'public',
    creditCode: undefined,
    idNumber: nextIdNumber(),
    name: '赵六',
  })) as C;
  const contact = await t.app.inject({
    method: 'POST',
    url: `/api/customers/${c1.id}/contacts`,
    headers: s.am1.headers,
    payload: { name: '钱经理', mobile: contactMobile, phone: contactPhone, decisionRole: 'decision_maker' },
  });
  contactId = contact.json().id;
  const [offering] = await seedOfferings(t.handle);
  const account = await t.app.inject({
    method: 'POST',
    url: `/api/customers/${c1.id}/accounts`,
    headers: s.am1.headers,
    payload: { name: '南钢总账户' },
  });
  const product = await t.app.inject({
    method: 'POST',
    url: `/api/customers/${c1.id}/products`,
    headers: s.am1.headers,
    payload: { offeringId: offering.id, accountId: account.json().id, serviceNumber, startDate: '2024-01-01' },
  });
  expect(product.statusCode).toBe(201);
});
afterAll(() => t.close());

const ids = async (who: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/customers?limit=500', headers: s[who].headers }))
    .json()
    .items.map((c: { id: number }) => c.id)
    .sort((a: number, b: number) => a - b);

describe('row scope', () => {
  it('lists all customers for the administrator, the org subtree for org roles, the portfolio for AMs', async () => {
    const sorted = (...cs: C[]) => cs.map((c) => c.id).sort((a, b) => a - b);
    expect(await ids('admin')).toEqual(sorted(c1, c2, cB, cD, cP));
    expect(await ids('manager1')).toEqual(sorted(c1, c2, cD, cP));
    expect(await ids('agent1')).toEqual(sorted(c1, c2, cD, cP));
    expect(await ids('manager2')).toEqual(sorted(cB));
    expect(await ids('am1')).toEqual(sorted(c1));
    expect(await ids('am2')).toEqual(sorted(c2));
    expect(await ids('am3')).toEqual(sorted(cB));
  });

  // Every customer path, as [method, url(id), payload].
  const paths: [string, (id: number) => string, unknown?][] = [
    ['GET', (id) => `/api/customers/${id}`],
    ['PATCH', (id) => `/api/customers/${id}`, { notes: 'x' }],
    ['GET', (id) => `/api/customers/${id}/history`],
    ['GET', (id) => `/api/customers/${id}/bills`],
    ['GET', (id) => `/api/customers/${id}/shares`],
    ['POST', (id) => `/api/customers/${id}/contacts`, { name: '某人' }],
    ['PATCH', (id) => `/api/customers/${id}/contacts/${contactId}`, { name: '某人' }],
    ['DELETE', (id) => `/api/customers/${id}/contacts/${contactId}`],
    ['POST', (id) => `/api/customers/${id}/accounts`, { name: '账户' }],
    [
      'POST',
      (id) => `/api/customers/${id}/products`,
      { offeringId: 1, accountId: 1, serviceNumber: '1', startDate: '2024-01-01' },
    ],
    ['POST', (id) => `/api/customers/${id}/contracts`, { title: '合同', startDate: '2024-01-01', termMonths: 12 }],
    ['POST', (id) => `/api/customers/${id}/interactions`, { channel: 'phone', direction: 'inbound', summary: '来电' }],
  ];
  const pairs: [string, () => C][] = [
    ['am1', () => c2],
    ['am2', () => c1],
    ['am3', () => c1],
    ['manager1', () => cB],
    ['manager2', () => c1],
    ['agent1', () => cB],
  ];
  it.each(pairs)(
    'answers 404 to %s on every path of an out-of-scope customer, like a missing one',
    async (who, target) => {
      const before = await countRows(
        t.handle,
        'customers',
        'contacts',
        'billing_accounts',
        'product_instances',
        'contracts',
        'interactions',
        'audit_log',
      );
      for (const [method, url, payload] of paths) {
        const inject = (id: number) =>
          t.app.inject({ method: method as 'GET', url: url(id), headers: s[who].headers, payload: payload as object });
        const hidden = await inject(target().id);
        const missing = await inject(987_654);
        expect(hidden.statusCode, `${method} ${url(target().id)}`).toBe(404);
        expect(hidden.json()).toEqual(missing.json());
        expect(hidden.json().error.code).toBe('customers.not_found');
      }
      const after = await countRows(
        t.handle,
        'customers',
        'contacts',
        'billing_accounts',
        'product_instances',
        'contracts',
        'interactions',
        'audit_log',
      );
      expect(after).toEqual(before);
    },
  );

  it('answers 404 on the share paths to a manager outside the customer’s org', async () => {
    const userId = t.org.users.am1.id;
    for (const method of ['POST', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/customers/${c1.id}/shares`,
        headers: s.manager2.headers,
        payload: { userId },
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it('applies the scope in the delete use case too', async () => {
    const ctx: RequestCtx = {
      db: t.handle.db,
      user: {
        id: t.org.users.am1.id,
        username: 'am1',
        displayName: 'am1',
        role: 'account_manager',
        orgUnitId: t.org.org.cityA.id,
        orgUnitName: '南京市',
      },
      scope: { kind: 'portfolio', userId: t.org.users.am1.id },
      actor: { userId: t.org.users.am1.id, name: 'am1', requestId: null },
      can: () => true,
    };
    await expect(deleteCustomer({ ctx, id: c2.id })).rejects.toMatchObject({
      statusCode: 404,
      code: 'customers.not_found',
    });
  });

  it('lets a manager share a customer with an account manager and take it back', async () => {
    const share = await t.app.inject({
      method: 'POST',
      url: `/api/customers/${c2.id}/shares`,
      headers: s.manager1.headers,
      payload: { userId: t.org.users.am1.id },
    });
    expect(share.statusCode).toBe(201);
    expect(share.json()).toMatchObject({ customerId: c2.id, userId: t.org.users.am1.id, username: 'am1' });
    expect(await ids('am1')).toContain(c2.id);
    const view = await t.app.inject({ method: 'GET', url: `/api/customers/${c2.id}`, headers: s.am1.headers });
    expect(view.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/customers/${c2.id}/shares`,
      headers: s.manager1.headers,
      payload: { userId: t.org.users.am1.id },
    });
    expect(again.statusCode).toBe(409);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/customers/${c2.id}/history`,
      headers: s.manager1.headers,
    });
    expect(history.json().items[0]).toMatchObject({ action: 'share', entity: 'customer_share', customerId: c2.id });
    const unshare = await t.app.inject({
      method: 'DELETE',
      url: `/api/customers/${c2.id}/shares/${t.org.users.am1.id}`,
      headers: s.manager1.headers,
    });
    expect(unshare.statusCode).toBe(204);
    expect(await ids('am1')).not.toContain(c2.id);
    const gone = await t.app.inject({ method: 'GET', url: `/api/customers/${c2.id}`, headers: s.am1.headers });
    expect(gone.statusCode).toBe(404);
  });

  it('refuses shares with non account managers, users of other cities, and without customers.share', async () => {
    const share = (who: string, userId: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/customers/${c2.id}/shares`,
        headers: s[who].headers,
        payload: { userId },
      });
    const agent = await share('manager1', t.org.users.agent1.id);
    expect(agent.statusCode).toBe(400);
    expect(agent.json().error.details[0].path).toBe('userId');
    expect((await share('manager1', t.org.users.am3.id)).statusCode).toBe(400);
    expect((await share('manager1', t.org.users.am2.id)).statusCode).toBe(400);
    expect((await share('am2', t.org.users.am1.id)).statusCode).toBe(403);
    const body = await t.app.inject({
      method: 'DELETE',
      url: `/api/customers/${c2.id}/shares`,
      headers: s.manager1.headers,
      payload: { userId: t.org.users.am1.id },
    });
    expect(body.statusCode).toBe(404);
    expect(body.json().error.code).toBe('customers.share_not_found');
  });
});

describe('GET /api/customers/lookup', () => {
  const lookup = (who: string, phone: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/customers/lookup?phone=${encodeURIComponent(phone)}`,
      headers: s[who].headers,
    });

  it('finds the customer by party mobile, contact mobile or phone, and product service number', async () => {
    const byMobile = await lookup('agent1', c1.mobile);
    expect(byMobile.statusCode).toBe(200);
    expect(byMobile.json()).toEqual({
      id: c1.id,
      customerNo: c1.customerNo,
      name: '南京钢铁集团',
      category: 'key_account',
      status: 'active',
      organizationType: null,
      accountManagerId: t.org.users.am1.id,
      accountManagerName: 'am1',
      accountManagerPhone: '13800000000',
      orgUnitName: '南京市',
      matchedBy: 'party_mobile',
      matchedContactName: null,
    });
    expect((await lookup('agent1', contactMobile)).json()).toMatchObject({
      id: c1.id,
      matchedBy: 'contact',
      matchedContactName: '钱经理',
    });
    expect((await lookup('agent1', contactPhone)).json()).toMatchObject({ id: c1.id, matchedBy: 'contact' });
    expect((await lookup('agent1', serviceNumber)).json()).toMatchObject({ id: c1.id, matchedBy: 'service_number' });
    expect((await lookup('agent1', `+86 ${c1.mobile}`)).json()).toMatchObject({ id: c1.id });
  });

  it('answers 404 customers.not_found for an unknown number and for a customer out of scope', async () => {
    for (const [who, phone] of [
      ['agent1', '13999999999'],
      ['manager2', c1.mobile],
      ['am2', serviceNumber],
      ['manager1', cityBMobile],
    ]) {
      const res = await lookup(who, phone);
      expect(res.statusCode, `${who} ${phone}`).toBe(404);
      expect(res.json().error.code).toBe('customers.not_found');
    }
  });

  it('refuses a phone that is not a number', async () => {
    const res = await lookup('agent1', 'abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('phone');
  });
});

describe('personal data masking', () => {
  const masked = ['manager1', 'quality1', 'marketing1', 'finance1'];
  const clear = ['admin', 'agent1', 'backoffice1'];

  it.each(masked)('masks mobile and ID numbers for %s in the list and the 360 view', async (who) => {
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/customers?limit=500', headers: s[who].headers })
    ).json();
    const row = list.items.find((c: { id: number }) => c.id === c1.id);
    expect(row.mobile).toBe(maskPhone(c1.mobile));
    const view = (
      await t.app.inject({ method: 'GET', url: `/api/customers/${c1.id}`, headers: s[who].headers })
    ).json();
    expect(view.customer.mobile).toBe(maskPhone(c1.mobile));
    expect(view.contacts[0]).toMatchObject({ mobile: maskPhone(contactMobile), phone: maskPhone(contactPhone) });
    const person = (
      await t.app.inject({ method: 'GET', url: `/api/customers/${cP.id}`, headers: s[who].headers })
    ).json();
    const full = (
      await t.app.inject({ method: 'GET', url: `/api/customers/${cP.id}`, headers: s.admin.headers })
    ).json();
    expect(person.customer.idNumber).toBe(maskIdNumber(full.customer.idNumber));
    expect(person.customer.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  });

  it.each(clear)('shows personal numbers in full to %s', async (who) => {
    const view = (
      await t.app.inject({ method: 'GET', url: `/api/customers/${c1.id}`, headers: s[who].headers })
    ).json();
    expect(view.customer.mobile).toBe(c1.mobile);
    expect(view.contacts[0]).toMatchObject({ mobile: contactMobile, phone: contactPhone });
  });

  it('shows an account manager their own customers in full', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/customers', headers: s.am1.headers })).json();
    expect(list.items[0].mobile).toBe(c1.mobile);
  });
});
