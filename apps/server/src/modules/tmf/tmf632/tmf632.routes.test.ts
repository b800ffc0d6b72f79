import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { listAuditEntries } from '../../audit/audit.service';
import { ctxFor, makeCustomer } from '../../service-desk/service-desk.test-helpers';

let t: TestApp;
let admin: Session;
let manager1: Session;
let amToken: Record<string, string>;
const base = '/tmf-api/party/v4';
let groupPartyId: string;
let branchPartyId: string;
let am3PartyId: string;

const call = (
  headers: Record<string, string>,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) => t.app.inject({ method, url, headers, payload: payload as object });
const auditOf = async (customerId: number) =>
  (await listAuditEntries({ db: t.handle.db, filter: { customerId, limit: 10, offset: 0 } })).items.map(
    (e) => e.action,
  );

beforeAll(async () => {
  // Behind a reverse proxy (TRUST_PROXY=true) hrefs follow X-Forwarded-Proto / X-Forwarded-Host.
  const trustProxy = process.env.TRUST_PROXY;
  process.env.TRUST_PROXY = 'true';
  t = await createTestApp();
  if (trustProxy === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = trustProxy;
  admin = await loginAs(t.app, 'admin');
  manager1 = await loginAs(t.app, 'manager1');
  const ctx = await ctxFor(t.handle.db, t.org.users.admin);
  const { cityA, cityB } = t.org.org;
  const group = await makeCustomer(ctx, {
    name: '金陵钢铁集团',
    category: 'key_account',
    creditCode: '91350100M000100Y43',
    orgUnitId: cityA.id,
    accountManagerId: t.org.users.am1.id,
  });
  const branch = await makeCustomer(ctx, {
    name: '金陵钢铁集团浦口分公司',
    category: 'business',
    orgUnitId: cityA.id,
    parentCustomerId: group.id,
    accountManagerId: t.org.users.am1.id,
  });
  const other = await makeCustomer(ctx, { name: '姑苏丝绸有限公司', category: 'business', orgUnitId: cityB.id });
  groupPartyId = String(group.partyId);
  branchPartyId = String(branch.partyId);
  am3PartyId = String(other.partyId);
  const res = await call(admin.headers, 'POST', '/api/auth/tokens', { name: 'bss', userId: t.org.users.am1.id });
  amToken = { authorization: `Bearer ${res.json().token}` };
});
afterAll(() => t.close());

describe('TMF632 Party API', () => {
  let personId: string;
  let personCustomerId: number;

  it('creates an individual with a resident ID and mobile (201, Location), idempotently, audited', async () => {
    const body = {
      familyName: '张',
      givenName: '三',
      individualIdentification: [{ identificationType: 'residentIdCard', identificationId: '11010519491231002X' }],
      contactMedium: [{ mediumType: 'mobile', characteristic: { phoneNumber: '13912345678' } }],
      partyCharacteristic: [{ name: 'occupation', value: '教师' }],
    };
    const headers = { ...admin.headers, 'idempotency-key': 'tmf632-person-1' };
    const res = await call(headers, 'POST', `${base}/individual`, body);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(res.headers.location).toBe(p.href);
    expect(p).toMatchObject({
      '@type': 'Individual',
      familyName: '张',
      givenName: '三',
      fullName: '张三',
      status: 'initialized',
      individualIdentification: [{ identificationType: 'residentIdCard', identificationId: '11010519491231002X' }],
      partyCharacteristic: [{ name: 'occupation', value: '教师' }],
    });
    personId = p.id;
    personCustomerId = Number(p.relatedParty[0].id);
    expect(p.relatedParty[0]).toMatchObject({ role: 'customer', '@referredType': 'Customer' });
    const again = await call(headers, 'POST', `${base}/individual`, body);
    expect(again.json().id).toBe(personId);
    expect(await auditOf(personCustomerId)).toEqual(['create']);
  });

  it('masks the resident ID and mobile for a role without pii.read', async () => {
    const created = await call(manager1.headers, 'POST', `${base}/individual`, {
      fullName: '李四',
      individualIdentification: [{ identificationType: 'residentIdCard', identificationId: '110105194912310038' }],
      contactMedium: [{ mediumType: 'mobile', characteristic: { phoneNumber: '13987654321' } }],
    });
    expect(created.statusCode).toBe(201);
    const res = await call(manager1.headers, 'GET', `${base}/individual/${created.json().id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().familyName).toBe('李');
    const id = res.json().individualIdentification[0].identificationId;
    expect(id).toBe('110105********0038');
    expect(res.json().contactMedium[0].characteristic.phoneNumber).toBe('139****4321');
  });

  it('filters individuals by familyName and givenName in SQL, with fields= projection and count headers', async () => {
    const fam = await call(admin.headers, 'GET', `${base}/individual?familyName=${encodeURIComponent('张')}`);
    expect(fam.json().map((p: { id: string }) => p.id)).toEqual([personId]);
    expect(fam.headers['x-total-count']).toBe('1');
    expect(fam.headers['x-result-count']).toBe('1');
    const given = await call(admin.headers, 'GET', `${base}/individual?givenName=${encodeURIComponent('三')}`);
    expect(given.json().map((p: { id: string }) => p.id)).toEqual([personId]);
    const nobody = await call(admin.headers, 'GET', `${base}/individual?givenName=${encodeURIComponent('五')}`);
    expect(nobody.json()).toEqual([]);
    const some = await call(admin.headers, 'GET', `${base}/individual?fields=familyName`);
    expect(Object.keys(some.json()[0]).sort()).toEqual(['@type', 'familyName', 'href', 'id']);
    const bad = await call(admin.headers, 'GET', `${base}/individual?nationality=CN`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('nationality');
  });

  it('shows the organisation hierarchy and the Unified Social Credit Code', async () => {
    const res = await call(admin.headers, 'GET', `${base}/organization/${groupPartyId}`);
    expect(res.json()).toMatchObject({
      tradingName: '金陵钢铁集团',
      isLegalEntity: true,
      isHeadOffice: true,
      organizationIdentification: [
        { identificationType: 'unifiedSocialCreditCode', identificationId: '91350100M000100Y43' },
      ],
      organizationChildRelationship: [{ organization: { id: branchPartyId, name: '金陵钢铁集团浦口分公司' } }],
    });
    const branch = await call(admin.headers, 'GET', `${base}/organization?id=${branchPartyId}`);
    expect(branch.json()[0]).toMatchObject({
      isHeadOffice: false,
      organizationParentRelationship: { organization: { id: groupPartyId } },
    });
    const individualAsOrg = await call(admin.headers, 'GET', `${base}/organization/${personId}`);
    expect(individualAsOrg.statusCode).toBe(404);
  });

  it('merge-patches an organisation (rename, parent) with application/merge-patch+json, audited', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${base}/organization/${am3PartyId}`,
      headers: { ...admin.headers, 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({
        tradingName: '姑苏丝绸集团',
        organizationParentRelationship: { organization: { id: groupPartyId } },
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      tradingName: '姑苏丝绸集团',
      organizationParentRelationship: { organization: { id: groupPartyId } },
    });
    const customerId = Number(res.json().relatedParty[0].id);
    expect(await auditOf(customerId)).toEqual(['update', 'create']);
    const unknownParent = await call(admin.headers, 'PATCH', `${base}/organization/${am3PartyId}`, {
      organizationParentRelationship: { organization: { id: '999999' } },
    });
    expect(unknownParent.statusCode).toBe(400);
    expect(unknownParent.json().message).toContain('organizationParentRelationship');
    const badCode = await call(admin.headers, 'PATCH', `${base}/organization/${am3PartyId}`, {
      organizationIdentification: [{ identificationType: 'unifiedSocialCreditCode', identificationId: 'ABC' }],
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().message).toContain('organizationIdentification.identificationId');
  });

  it('builds absolute hrefs from the forwarded protocol and host of a trusted proxy', async () => {
    const res = await call(
      { ...admin.headers, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'bss-gw.example.com' },
      'GET',
      `${base}/organization/${groupPartyId}?fields=id`,
    );
    expect(res.json().href).toBe(`https://bss-gw.example.com${base}/organization/${groupPartyId}`);
  });

  it("an account manager's API token sees only the portfolio's parties", async () => {
    const list = await call(amToken, 'GET', `${base}/organization?sort=id`);
    expect(list.json().map((o: { id: string }) => o.id)).toEqual([groupPartyId, branchPartyId]);
    expect((await call(amToken, 'GET', `${base}/organization/${am3PartyId}`)).statusCode).toBe(404);
    expect((await call(amToken, 'PATCH', `${base}/organization/${am3PartyId}`, { name: 'x' })).statusCode).toBe(404);
  });

  it('answers TMF 404 for unknown ids of any shape, and deletes a party (204, audited)', async () => {
    for (const id of ['5ffaf1d2-ea2a-49fc-a47b-e93a95182a97', '99999999999', '424242']) {
      const res = await call(admin.headers, 'GET', `${base}/individual/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: '404', '@type': 'Error' });
    }
    expect((await call(admin.headers, 'DELETE', `${base}/individual/${personId}`)).statusCode).toBe(204);
    expect((await call(admin.headers, 'GET', `${base}/individual/${personId}`)).statusCode).toBe(404);
    expect(await auditOf(personCustomerId)).toEqual(['delete', 'create']);
  });
});
