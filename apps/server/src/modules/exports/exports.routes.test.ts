import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import {
  billHeader,
  billRows,
  csv,
  idNumber,
  importFile,
  seedCustomersAndAccounts,
  useScratchImportsDir,
} from '../imports/imports.test-helpers';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  useScratchImportsDir();
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  const am1Accounts = await seedCustomersAndAccounts({
    app: t.app,
    handle: t.handle,
    s: admin,
    n: 3,
    prefix: 'AMA',
    am: 'am1',
  });
  await seedCustomersAndAccounts({
    app: t.app,
    handle: t.handle,
    s: admin,
    n: 2,
    prefix: 'AMB',
    am: 'am2',
    start: 100,
  });
  await seedCustomersAndAccounts({
    app: t.app,
    handle: t.handle,
    s: admin,
    n: 2,
    prefix: 'SUZ',
    orgUnitCode: 'C2',
    start: 200,
  });
  const people = await importFile({
    app: t.app,
    handle: t.handle,
    s: admin,
    entity: 'customers',
    fileName: 'people.csv',
    content: csv([
      ['身份证号码', '客户名称', '客户类别', '手机号码', '归属机构编码', '行业'],
      [idNumber(501), '王小明', '公众客户', '13912345678', 'C1', ''],
    ]),
    commit: true,
  });
  expect(people.committed?.status).toBe('committed');
  const bills = await importFile({
    app: t.app,
    handle: t.handle,
    s: admin,
    entity: 'bills',
    fileName: 'b.csv',
    content: csv([billHeader, ...billRows(am1Accounts, ['2024-05', '2024-06'])]),
    commit: true,
  });
  expect(bills.committed?.status).toBe('committed');
});
afterAll(() => t.close());

async function readXlsx(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as never);
  const ws = wb.worksheets[0];
  const rows: (string | number | null)[][] = [];
  ws.eachRow((row) => {
    rows.push((row.values as (string | number | null)[]).slice(1));
  });
  return { name: ws.name, rows };
}

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });

describe('customer export', () => {
  it('streams an .xlsx with Chinese headers and text that reads back intact', async () => {
    const res = await get(admin, '/api/customers/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('customers-');
    const { name, rows } = await readXlsx(res.rawPayload);
    expect(name).toBe('客户');
    expect(rows[0].slice(0, 4)).toEqual(['客户编号', '客户名称', '客户类型', '客户类别']);
    expect(rows).toHaveLength(1 + 8);
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toContain('AMA测试公司1');
    expect(names).toContain('王小明');
    const person = rows.find((r) => r[1] === '王小明');
    expect(person?.[3]).toBe('公众客户');
    expect(person?.[9]).toBe(idNumber(501)); // admin reads PII
  });

  it('exports only the account manager portfolio for am1', async () => {
    const am1 = await loginAs(t.app, 'am1');
    const { rows } = await readXlsx((await get(am1, '/api/customers/export?format=xlsx')).rawPayload);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['AMA测试公司1', 'AMA测试公司2', 'AMA测试公司3']);
  });

  it('applies the list filters and writes English headers and a BOM to CSV', async () => {
    const res = await get(admin, '/api/customers/export?format=csv&lang=en&category=key_account&search=AMB');
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].startsWith('Customer no,Name,Party type,Category')).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('AMB测试公司100');
    expect(lines[1]).toContain('Key account');
    const byOrg = await get(admin, `/api/customers/export?format=csv&orgUnitId=${t.org.org.cityB.id}`);
    expect(byOrg.body.trim().split('\r\n')).toHaveLength(3);
  });

  it('masks PII for roles without pii.read and respects the org scope of a manager', async () => {
    const manager = await loginAs(t.app, 'manager1');
    const { rows } = await readXlsx((await get(manager, '/api/customers/export?format=xlsx')).rawPayload);
    expect(rows).toHaveLength(1 + 6); // city A only: 3 + 2 key accounts and one person
    const person = rows.find((r) => r[1] === '王小明');
    expect(person?.[9]).toBe(`${idNumber(501).slice(0, 6)}********${idNumber(501).slice(-4)}`);
    expect(person?.[10]).toBe('139****5678');
  });

  it('needs data.export', async () => {
    const agent = await loginAs(t.app, 'agent1');
    expect((await get(agent, '/api/customers/export')).statusCode).toBe(403);
    const marketing = await loginAs(t.app, 'marketing1');
    expect((await get(marketing, '/api/customers/export?format=csv')).statusCode).toBe(200);
  });
});

describe('bill export', () => {
  it('exports bills in yuan with the import file headers, in scope', async () => {
    const res = await get(admin, '/api/bills/export?format=xlsx&periodFrom=2024-06');
    const { rows } = await readXlsx(res.rawPayload);
    expect(rows[0].slice(0, 4)).toEqual(['账户编号', '客户编号', '客户名称', '账期']);
    expect(rows).toHaveLength(1 + 3);
    expect(rows[1][3]).toBe('2024-06');
    expect(rows[1][9]).toBe(30); // rental 30.00 yuan
    const am2 = await loginAs(t.app, 'am2');
    const none = await get(am2, '/api/bills/export?format=csv');
    expect(
      none.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);
  });
});
