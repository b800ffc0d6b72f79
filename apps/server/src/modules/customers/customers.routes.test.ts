import { creditCodeCheckChar, idNumberCheckChar } from '@crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomerVia, nextCreditCode, nextIdNumber, nextMobile } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Session;
let manager1: Session;
let am1: Session;
let am2: Session;
let agent1: Session;
beforeAll(async () => {
  t = await createTestApp();
  [admin, manager1, am1, am2, agent1] = await Promise.all(
    ['admin', 'manager1', 'am1', 'am2', 'agent1'].map((u) => loginAs(t.app, u)),
  );
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...headers }, payload: payload as object });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const history = async (s: Session, id: number) => (await get(s, `/api/customers/${id}/history`)).json().items;
const writeTables = ['parties', 'customers', 'audit_log'];

describe('POST /api/customers', () => {
  it('creates a key account in the account manager’s own portfolio, numbered and audited', async () => {
    const creditCode = '91350100M000100Y43';
    const res = await post(am1, '/api/customers', {
      partyType: 'organization',
      category: 'key_account',
      name: '福州海峡银行',
      creditCode,
      mobile: '13905910001',
      industry: 'finance',
      coverageLevel: 'provincial',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      name: '福州海峡银行',
      creditCode,
      mobile: '13905910001',
      orgUnitId: t.org.org.cityA.id,
      orgUnitName: '南京市',
      accountManagerId: t.org.users.am1.id,
      accountManagerName: 'am1',
      status: 'active',
    });
    expect(c.customerNo).toBe(`C${String(c.id).padStart(10, '0')}`);
    expect(c.sinceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(c.createdAt).toISOString()).toBe(c.createdAt);
    const [entry] = await history(am1, c.id);
    expect(entry).toMatchObject({ action: 'create', entity: 'customer', entityId: String(c.id), customerId: c.id });
    expect(entry.changes).toMatchObject({
      name: { before: null, after: '福州海峡银行' },
      creditCode: { before: null, after: creditCode },
      accountManagerId: { before: null, after: t.org.users.am1.id },
      category: { before: null, after: 'key_account' },
    });
    expect(entry.requestId).toEqual(res.headers['x-request-id']);
  });

  it('lets a manager place a customer in a unit below and assign an account manager of that branch', async () => {
    const c = await createCustomerVia(t.app, manager1, {
      orgUnitId: t.org.org.districtA.id,
      accountManagerId: t.org.users.am1.id,
    });
    expect(c).toMatchObject({ orgUnitId: t.org.org.districtA.id, accountManagerId: t.org.users.am1.id });
  });

  it('derives birth date and gender of an individual from the ID number', async () => {
    const res = await post(agent1, '/api/customers', {
      partyType: 'individual',
      category: 'public',
      publicSubtype: 'mobile',
      name: '张三',
      idNumber: '11010519491231002x',
      mobile: nextMobile(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ idNumber: '11010519491231002X', accountManagerId: null });
    const [entry] = await history(agent1, res.json().id);
    expect(entry.changes).toMatchObject({
      birthDate: { before: null, after: '1949-12-31' },
      gender: { before: null, after: 'female' },
    });
  });

  const wrongCheck = (code: string) => {
    const right = creditCodeCheckChar(code.slice(0, 17));
    return code.slice(0, 17) + (right === '0' ? '1' : '0');
  };
  const impossibleBirth = (() => {
    const first17 = '11010519490230001';
    return first17 + idNumberCheckChar(first17);
  })();
  const base = { partyType: 'organization', category: 'business', name: '南京某公司' };
  const invalid: [string, Record<string, unknown>, string][] = [
    [
      'a credit code with a wrong check character',
      { ...base, creditCode: wrongCheck('91350100M000100Y43') },
      'creditCode',
    ],
    ['a credit code of the wrong length', { ...base, creditCode: '91350100M000100Y4' }, 'creditCode'],
    [
      'an ID number with a wrong check digit',
      { ...base, partyType: 'individual', category: 'public', idNumber: '110105194912310021' },
      'idNumber',
    ],
    [
      'an ID number with an impossible birth date',
      { ...base, partyType: 'individual', category: 'public', idNumber: impossibleBirth },
      'idNumber',
    ],
    ['a mobile number not starting 13-19', { ...base, mobile: '12345678901' }, 'mobile'],
    ['a mobile number too short', { ...base, mobile: '1390000123' }, 'mobile'],
    ['a missing name', { partyType: 'organization', category: 'business' }, 'name'],
    ['an empty name', { ...base, name: '   ' }, 'name'],
    ['a missing category', { partyType: 'organization', name: 'x' }, 'category'],
    ['a missing party type', { category: 'business', name: 'x' }, 'partyType'],
    ['a number as name', { ...base, name: 123 }, 'name'],
    ['an unknown category', { ...base, category: 'vip' }, 'category'],
    ['an unknown industry', { ...base, industry: 'space' }, 'industry'],
    ['an unknown status', { ...base, status: 'deleted' }, 'status'],
    ['an impossible date', { ...base, sinceDate: '2024-02-30' }, 'sinceDate'],
    ['a malformed email', { ...base, email: 'not-an-email' }, 'email'],
    ['a string org unit id', { ...base, orgUnitId: 'abc' }, 'orgUnitId'],
    ['an org unit id beyond the integer range', { ...base, orgUnitId: 3_000_000_000 }, 'orgUnitId'],
    ['an individual key account', { ...base, partyType: 'individual', category: 'key_account' }, 'category'],
    ['an organisation with an ID number', { ...base, idNumber: '11010519491231002X' }, 'idNumber'],
    ['a public subtype on a business customer', { ...base, publicSubtype: 'residential' }, 'publicSubtype'],
  ];
  it.each(invalid)('refuses %s with 400 naming the field and writes nothing', async (_label, payload, field) => {
    const before = await countRows(t.handle, ...writeTables);
    const res = await post(am1, '/api/customers', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.invalid');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await countRows(t.handle, ...writeTables)).toEqual(before);
  });

  const refused: [string, () => Session, () => Record<string, unknown>, string][] = [
    ['an org unit outside the creator’s scope', () => manager1, () => ({ orgUnitId: t.org.org.cityB.id }), 'orgUnitId'],
    ['a missing org unit', () => admin, () => ({ orgUnitId: 999_999 }), 'orgUnitId'],
    [
      'another account manager, by an account manager',
      () => am1,
      () => ({ accountManagerId: t.org.users.am2.id }),
      'accountManagerId',
    ],
    [
      'a user who is not an account manager',
      () => manager1,
      () => ({ accountManagerId: t.org.users.agent1.id }),
      'accountManagerId',
    ],
    [
      'an account manager of another city',
      () => manager1,
      () => ({ accountManagerId: t.org.users.am3.id }),
      'accountManagerId',
    ],
    ['a missing account manager', () => manager1, () => ({ accountManagerId: 999_999 }), 'accountManagerId'],
    ['a missing referrer', () => am1, () => ({ referredByCustomerId: 999_999 }), 'referredByCustomerId'],
    ['a missing parent', () => am1, () => ({ parentCustomerId: 999_999 }), 'parentCustomerId'],
  ];
  it.each(refused)('refuses %s with 400 naming the field and writes nothing', async (_label, who, extra, field) => {
    const before = await countRows(t.handle, ...writeTables);
    const res = await post(who(), '/api/customers', { ...base, ...extra() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: field })]);
    expect(await countRows(t.handle, ...writeTables)).toEqual(before);
  });

  it('refuses a referrer or parent the creator cannot see, like a missing one', async () => {
    const other = await createCustomerVia(t.app, am2);
    for (const field of ['referredByCustomerId', 'parentCustomerId']) {
      const res = await post(am1, '/api/customers', { ...base, [field]: other.id });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ path: field, message: 'customer not found' }]);
    }
  });

  it('answers 409 naming the field for a duplicate credit code, ID number or external id, writing nothing', async () => {
    const creditCode = nextCreditCode();
    const idNumber = nextIdNumber();
    await createCustomerVia(t.app, am1, { creditCode, externalId: 'BSS-1' });
    await createCustomerVia(t.app, am1, {
      partyType: 'individual',
      category: 'public',
      creditCode: undefined,
      idNumber,
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, creditCode }, 'creditCode'],
      [{ ...base, creditCode: creditCode.toLowerCase() }, 'creditCode'],
      [{ ...base, partyType: 'individual', category: 'public', idNumber }, 'idNumber'],
      [{ ...base, externalId: 'BSS-1' }, 'externalId'],
    ];
    for (const [payload, field] of cases) {
      const before = await countRows(t.handle, ...writeTables);
      const res = await post(am2, '/api/customers', payload);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'customers.duplicate', details: [{ path: field }] });
      expect(await countRows(t.handle, ...writeTables)).toEqual(before);
    }
  });

  it('never answers 500 for text the database cannot store', async () => {
    const res = await post(am1, '/api/customers', { ...base, name: 'bad\u0000name' });
    expect(res.statusCode).toBe(400);
  });

  it('honours Idempotency-Key: a retry replays the first response and creates nothing more', async () => {
    const payload = { ...base, name: '幂等测试公司', creditCode: nextCreditCode() };
    const key = { 'idempotency-key': 'create-customer-1' };
    const first = await post(am1, '/api/customers', payload, key);
    const before = await countRows(t.handle, 'customers');
    const retry = await post(am1, '/api/customers', payload, key);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await countRows(t.handle, 'customers')).toEqual(before);
    const reused = await post(am1, '/api/customers', { ...payload, name: '另一家' }, key);
    expect(reused.statusCode).toBe(422);
  });
});

describe('GET /api/customers', () => {
  let mine: { id: number; customerNo: string; name: string }[];
  beforeAll(async () => {
    const am2Session = await loginAs(t.app, 'am2');
    mine = [];
    for (const [name, category] of [
      ['江苏电力公司', 'key_account'],
      ['南京港务集团', 'key_account'],
      ['鼓楼小超市', 'business'],
      ['江宁电子厂', 'business'],
    ]) {
      mine.push(await createCustomerVia(t.app, am2Session, { name, category, industry: 'manufacturing_mining' }));
    }
  });

  it('pages the account manager’s portfolio with the total count', async () => {
    const all = (await get(am2, '/api/customers?limit=500')).json();
    const page = (await get(am2, '/api/customers?limit=2&offset=1&sort=customerNo')).json();
    expect(page.total).toBe(all.total);
    expect(page.items.map((c: { id: number }) => c.id)).toEqual(all.items.slice(1, 3).map((c: { id: number }) => c.id));
    expect(all.items.every((c: { accountManagerId: number }) => c.accountManagerId === t.org.users.am2.id)).toBe(true);
  });

  it('searches a Chinese name substring, an exact customer number, mobile or credit code', async () => {
    const names = async (q: string) =>
      (await get(am2, `/api/customers?search=${encodeURIComponent(q)}`))
        .json()
        .items.map((c: { name: string }) => c.name);
    expect(await names('电')).toEqual(expect.arrayContaining(['江苏电力公司', '江宁电子厂']));
    expect(await names('电力')).toEqual(['江苏电力公司']);
    expect(await names(mine[1].customerNo)).toEqual(['南京港务集团']);
    const detail = (await get(am2, `/api/customers/${mine[2].id}`)).json().customer;
    expect(await names(detail.mobile)).toEqual(['鼓楼小超市']);
    expect(await names(detail.creditCode.toLowerCase())).toEqual(['鼓楼小超市']);
    expect(await names('100%')).toEqual([]);
  });

  it('filters by category, status, industry, org unit and account manager, and sorts', async () => {
    const q = async (query: string) => (await get(manager1, `/api/customers?limit=500&${query}`)).json();
    const business = await q(`category=business&accountManagerId=${t.org.users.am2.id}`);
    expect(business.items.map((c: { name: string }) => c.name).sort()).toEqual(['江宁电子厂', '鼓楼小超市'].sort());
    const byName = await q(`accountManagerId=${t.org.users.am2.id}&industry=manufacturing_mining&sort=name&order=desc`);
    const sorted = byName.items.map((c: { name: string }) => c.name);
    expect(sorted).toEqual([...sorted].sort((a: string, b: string) => b.localeCompare(a, 'en')));
    expect((await q('status=churned')).total).toBe(0);
    const district = await q(`orgUnitId=${t.org.org.districtA.id}`);
    expect(district.items.every((c: { orgUnitId: number }) => c.orgUnitId === t.org.org.districtA.id)).toBe(true);
    expect((await q(`orgUnitId=${t.org.org.cityB.id}`)).total).toBe(0);
  });

  it('refuses bad query parameters with 400 naming them', async () => {
    for (const [query, field] of [
      ['sort=password', 'sort'],
      ['limit=0', 'limit'],
      ['category=vip', 'category'],
      ['orgUnitId=x', 'orgUnitId'],
    ]) {
      const res = await get(am1, `/api/customers?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe(field);
    }
  });
});
