import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { listAuditEntries } from '../../audit/audit.service';
import { ctxFor, makeCustomer } from '../../service-desk/service-desk.test-helpers';

let t: TestApp;
let admin: Session;
let amToken: Record<string, string>;
const base = '/tmf-api/customerManagement/v4/customer';
let am1CustomerId: number;
let am3CustomerId: number;

const call = (
  headers: Record<string, string>,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  payload?: unknown,
) => t.app.inject({ method, url, headers, payload: payload as object });

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  const ctx = await ctxFor(t.handle.db, t.org.users.admin);
  const { cityA, cityB } = t.org.org;
  am1CustomerId = (
    await makeCustomer(ctx, {
      name: '金陵钢铁集团',
      category: 'key_account',
      industry: 'manufacturing_mining',
      orgUnitId: cityA.id,
      accountManagerId: t.org.users.am1.id,
      sinceDate: '2020-03-01',
    })
  ).id;
  am3CustomerId = (
    await makeCustomer(ctx, {
      name: '姑苏丝绸有限公司',
      category: 'business',
      orgUnitId: cityB.id,
      accountManagerId: t.org.users.am3.id,
      sinceDate: '2024-06-01',
    })
  ).id;
  await makeCustomer(ctx, { name: '王小明', category: 'public', orgUnitId: cityA.id, sinceDate: '2025-01-15' });
  const res = await call(admin.headers, 'POST', '/api/auth/tokens', { name: 'bss', userId: t.org.users.am1.id });
  amToken = { authorization: `Bearer ${res.json().token}` };
});
afterAll(() => t.close());

describe('TMF629 Customer API', () => {
  it('creates a customer with its engaged party (201, Location, absolute href) and replays it by Idempotency-Key', async () => {
    const body = {
      name: 'Moon Football Club',
      engagedParty: { id: '500', '@referredType': 'Organization' },
      contactMedium: [{ mediumType: 'email', characteristic: { emailAddress: 'club@example.com' } }],
      characteristic: [{ name: 'industry', value: 'education_health' }],
    };
    const headers = { ...admin.headers, 'idempotency-key': 'tmf629-create-1' };
    const res = await call(headers, 'POST', base, body);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.href).toBe(`http://localhost:80${base}/${c.id}`);
    expect(res.headers.location).toBe(c.href);
    expect(c).toMatchObject({
      '@type': 'Customer',
      name: 'Moon Football Club',
      status: 'active',
      engagedParty: { '@referredType': 'Organization', name: 'Moon Football Club' },
      contactMedium: [{ mediumType: 'email', characteristic: { emailAddress: 'club@example.com' } }],
    });
    expect(c.characteristic).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'category', value: 'business' }),
        expect.objectContaining({ name: 'industry', value: 'education_health' }),
      ]),
    );
    const again = await call(headers, 'POST', base, body);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(c.id);
    const audit = await listAuditEntries({
      db: t.handle.db,
      filter: { customerId: Number(c.id), limit: 10, offset: 0 },
    });
    expect(audit.items.map((e) => e.action)).toEqual(['create']);
  });

  it('builds absolute hrefs from the Host the client used', async () => {
    const res = await call({ ...admin.headers, host: 'crm.example.com' }, 'GET', `${base}/${am1CustomerId}`);
    expect(res.json().href).toBe(`http://crm.example.com${base}/${am1CustomerId}`);
  });

  it('gets a customer with account manager, characteristics and validFor; fields= keeps id, href and @type', async () => {
    const full = await call(admin.headers, 'GET', `${base}/${am1CustomerId}`);
    expect(full.statusCode).toBe(200);
    expect(full.json()).toMatchObject({
      name: '金陵钢铁集团',
      validFor: { startDateTime: '2020-03-01T00:00:00+08:00' },
      relatedParty: [{ id: String(t.org.users.am1.id), role: 'accountManager', '@referredType': 'Individual' }],
      account: [],
      agreement: [],
    });
    const some = await call(admin.headers, 'GET', `${base}/${am1CustomerId}?fields=name,status`);
    expect(Object.keys(some.json()).sort()).toEqual(['@type', 'href', 'id', 'name', 'status']);
  });

  it('filters in SQL (name, status, comma lists as OR, date bounds), sorts and pages with count headers', async () => {
    const byName = await call(admin.headers, 'GET', `${base}?name=${encodeURIComponent('王小明')}`);
    expect(byName.json().map((c: { name: string }) => c.name)).toEqual(['王小明']);
    const since = await call(admin.headers, 'GET', `${base}?validFor.startDateTime.gte=2024-01-01&sort=-name`);
    expect(since.json().map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['姑苏丝绸有限公司', '王小明']),
    );
    expect(since.json().map((c: { name: string }) => c.name)).not.toContain('金陵钢铁集团');
    const either = await call(admin.headers, 'GET', `${base}?id=${am1CustomerId},${am3CustomerId}&sort=id&fields=id`);
    expect(either.json().map((c: { id: string }) => c.id)).toEqual([String(am1CustomerId), String(am3CustomerId)]);
    const page = await call(admin.headers, 'GET', `${base}?offset=1&limit=2&sort=id`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['x-total-count']).toBe('4');
    expect(page.headers['x-result-count']).toBe('2');
    expect(page.json()).toHaveLength(2);
  });

  it('answers 400 naming the parameter for an unsupported filter, never an unfiltered list', async () => {
    const res = await call(admin.headers, 'GET', `${base}?severity=Major`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'tmf.unsupported_filter', status: '400', '@type': 'Error' });
    expect(res.json().message).toContain('severity');
    const status = await call(admin.headers, 'GET', `${base}?status=vip`);
    expect(status.statusCode).toBe(400);
  });

  it('answers a TMF 404 for unknown ids of any shape and unknown paths, 405 for PUT, 400 naming bad body fields', async () => {
    for (const id of ['999999', '12345678901', 'c2df1950-c17c-4576-9c22-e59073a4a86a', '-1']) {
      const res = await call(admin.headers, 'GET', `${base}/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: '404', reason: 'Customer not found', '@type': 'Error' });
    }
    const unknown = await call(admin.headers, 'GET', '/tmf-api/productCatalogManagement/v4/productOffering');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/json');
    expect(unknown.json()).toMatchObject({ code: 'route.not_found', status: '404' });
    const anonymous = await call({}, 'GET', '/tmf-api/nothing/here');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'auth.unauthenticated', status: '401', '@type': 'Error' });
    const anonymousList = await call({}, 'GET', base);
    expect(anonymousList.json()).toMatchObject({ status: '401', '@type': 'Error' });
    const put = await call(admin.headers, 'PUT', `${base}/${am1CustomerId}`, { name: 'x' });
    expect(put.statusCode).toBe(405);
    const noName = await call(admin.headers, 'POST', base, { engagedParty: { id: '1' } });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().message).toContain('name');
    const badMail = await call(admin.headers, 'POST', base, {
      name: 'x',
      engagedParty: { '@referredType': 'Individual' },
      contactMedium: [{ mediumType: 'email', characteristic: { emailAddress: 'not-an-address' } }],
    });
    expect(badMail.statusCode).toBe(400);
    expect(badMail.json().message).toContain('contactMedium.emailAddress');
    const readOnly = await call(admin.headers, 'PATCH', `${base}/${am1CustomerId}`, {
      characteristic: [{ name: 'tier', value: 'A' }],
    });
    expect(readOnly.statusCode).toBe(400);
    expect(readOnly.json().message).toContain('characteristic.tier');
  });

  it('merge-patches (application/merge-patch+json) through the customers service, audited', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${base}/${am3CustomerId}`,
      headers: { ...admin.headers, 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({
        name: '姑苏丝绸集团',
        status: 'suspended',
        characteristic: [{ name: 'industry', value: null }],
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '姑苏丝绸集团', status: 'suspended' });
    const audit = await listAuditEntries({
      db: t.handle.db,
      filter: { customerId: am3CustomerId, limit: 10, offset: 0 },
    });
    expect(audit.items[0]).toMatchObject({ action: 'update', actorName: 'admin' });
  });

  it("an account manager's API token sees and changes only the portfolio", async () => {
    const list = await call(amToken, 'GET', base);
    expect(list.json().map((c: { id: string }) => c.id)).toEqual([String(am1CustomerId)]);
    expect(list.headers['x-total-count']).toBe('1');
    expect((await call(amToken, 'GET', `${base}/${am3CustomerId}`)).statusCode).toBe(404);
    expect((await call(amToken, 'PATCH', `${base}/${am3CustomerId}`, { name: 'x' })).statusCode).toBe(404);
    // account managers may not delete customers at all (customers.delete)
    expect((await call(amToken, 'DELETE', `${base}/${am3CustomerId}`)).statusCode).toBe(403);
  });

  it('documents each TMF API at /docs under its own tag with its schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const tagsOf = (path: string) =>
      Object.values(doc.paths[path] as Record<string, { tags: string[] }>).flatMap((op) => op.tags);
    expect(tagsOf('/tmf-api/customerManagement/v4/customer')).toContain('TMF629 Customer');
    expect(tagsOf('/tmf-api/party/v4/organization/{id}')).toContain('TMF632 Party');
    const post = doc.paths['/tmf-api/customerManagement/v4/customer'].post;
    expect(JSON.stringify(post.requestBody)).toContain('engagedParty');
  });

  it('deletes a customer without business history (204, audited), then 404', async () => {
    const created = await call(admin.headers, 'POST', base, {
      name: '临时客户',
      engagedParty: { '@referredType': 'Individual' },
    });
    const id = created.json().id;
    const del = await call(admin.headers, 'DELETE', `${base}/${id}`);
    expect(del.statusCode).toBe(204);
    expect((await call(admin.headers, 'GET', `${base}/${id}`)).statusCode).toBe(404);
    const audit = await listAuditEntries({ db: t.handle.db, filter: { customerId: Number(id), limit: 10, offset: 0 } });
    expect(audit.items.map((e) => e.action)).toEqual(['delete', 'create']);
  });
});
