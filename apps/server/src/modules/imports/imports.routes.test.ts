import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import {
  billHeader,
  billRows,
  csv,
  getRun,
  idNumber,
  importFile,
  seedCustomersAndAccounts,
  upload,
  useScratchImportsDir,
} from './imports.test-helpers';

let t: TestApp;
let admin: Session;
let finance: Session;
let accounts: string[];
const rowsOf = async <T>(q: string): Promise<T[]> =>
  ((await t.handle.db.execute(q as never)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  useScratchImportsDir();
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  finance = await loginAs(t.app, 'finance1');
  accounts = await seedCustomersAndAccounts({
    app: t.app,
    handle: t.handle,
    s: admin,
    n: 1000,
    prefix: 'K',
    am: 'am1',
  });
});
afterAll(() => t.close());

const periods10 = [
  '2024-01',
  '2024-02',
  '2024-03',
  '2024-04',
  '2024-05',
  '2024-06',
  '2024-07',
  '2024-08',
  '2024-09',
  '2024-10',
];

describe('bill import: dry run, commit, idempotency', () => {
  it('reports exactly the 5 bad rows of 10,000, lands whole when fixed, and changes nothing the second time', async () => {
    const good = billRows(accounts, periods10);
    expect(good).toHaveLength(10_000);
    const bad = good.map((r) => [...r]);
    // File row numbers: header is row 1, data row i is row i + 2.
    bad[10][1] = '2024-13'; // row 12: impossible period
    bad[2000][2] = '-5.00'; // row 2002: negative amount
    bad[4000][0] = 'A-NOPE-1'; // row 4002: unknown account
    bad[6000] = [...bad[5999]]; // row 6002: same account and period as row 6001
    bad[9999][5] = '12.345'; // row 10001: three decimals
    const { validated } = await importFile({
      app: t.app,
      handle: t.handle,
      s: finance,
      entity: 'bills',
      fileName: 'bills.csv',
      content: csv([billHeader, ...bad]),
    });
    expect(validated.status).toBe('invalid');
    expect(validated.counts.rows).toBe(10_000);
    expect(validated.counts.errors).toBe(5);
    const errors = (
      await t.app.inject({
        method: 'GET',
        url: `/api/imports/${validated.id}/errors?limit=50`,
        headers: finance.headers,
      })
    ).json();
    expect(errors.items.map((e: { rowNo: number }) => e.rowNo)).toEqual([12, 2002, 4002, 6002, 10001]);
    expect(errors.items[2]).toMatchObject({ column: '账户编号', value: 'A-NOPE-1', reason: 'account not found' });
    expect(errors.items[3].reason).toBe('duplicate of row 6001');
    const commit = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${validated.id}/commit`,
      headers: finance.headers,
    });
    expect(commit.statusCode).toBe(409);
    const report = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${validated.id}/errors.csv`,
      headers: finance.headers,
    });
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const lines = report.body.trim().split('\r\n');
    expect(lines[0]).toBe('行号,列,值,原因');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe('12,账期,2024-13,不是有效账期（YYYY-MM）');
    const reportEn = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${validated.id}/errors.csv?lang=en`,
      headers: finance.headers,
    });
    expect(reportEn.body.trim().split('\r\n').slice(0, 2)).toEqual([
      'row,column,value,reason',
      '12,账期,2024-13,not a billing period (YYYY-MM)',
    ]);

    const first = await importFile({
      app: t.app,
      handle: t.handle,
      s: finance,
      entity: 'bills',
      fileName: 'bills-fixed.csv',
      content: csv([billHeader, ...good]),
      commit: true,
    });
    expect(first.validated.counts).toEqual({ rows: 10_000, inserts: 10_000, updates: 0, unchanged: 0, errors: 0 });
    expect(first.validated.preview[0]).toMatchObject({ accountNo: 'A-K-1', period: '2024-01', rental: '3000' });
    expect(first.committed?.status).toBe('committed');
    expect(first.committed?.committedRows).toBe(10_000);
    const [before] = await rowsOf<{ n: number; s: string; x: string }>(
      `select count(*)::int n, sum(total_fen)::text s, sum(xmin::text::bigint)::text x from bills`,
    );
    expect(before.n).toBe(10_000);
    expect(Number(before.s)).toBe(good.reduce((sum, r) => sum + Math.round(Number(r[5]) * 100), 0));

    const second = await importFile({
      app: t.app,
      handle: t.handle,
      s: finance,
      entity: 'bills',
      fileName: 'bills-fixed.csv',
      content: csv([billHeader, ...good]),
      commit: true,
    });
    expect(second.validated.counts).toEqual({ rows: 10_000, inserts: 0, updates: 0, unchanged: 10_000, errors: 0 });
    expect(second.committed?.status).toBe('committed');
    const [after] = await rowsOf<{ n: number; s: string; x: string }>(
      `select count(*)::int n, sum(total_fen)::text s, sum(xmin::text::bigint)::text x from bills`,
    );
    expect(after).toEqual(before); // not a single row was rewritten
    const history = (
      await t.app.inject({ method: 'GET', url: '/api/imports?entity=bills', headers: finance.headers })
    ).json();
    expect(history.total).toBe(3);
    expect(history.items[0]).toMatchObject({ createdBy: 'finance1', status: 'committed', fileName: 'bills-fixed.csv' });
    const audit = (
      await t.app.inject({ method: 'GET', url: '/api/audit?entity=import&limit=50', headers: admin.headers })
    ).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('import.commit');
  });

  it('updates a bill whose amounts changed and counts it as an update', async () => {
    const rows = billRows(accounts.slice(0, 3), ['2024-01']);
    rows[1][5] = '999.99';
    const { validated, committed } = await importFile({
      app: t.app,
      handle: t.handle,
      s: finance,
      entity: 'bills',
      fileName: 'fix.csv',
      content: csv([billHeader, ...rows]),
      commit: true,
    });
    expect(validated.counts).toMatchObject({ inserts: 0, updates: 1, unchanged: 2 });
    expect(committed?.status).toBe('committed');
    const [bill] = await rowsOf<{ total_fen: number }>(
      `select b.total_fen::int from bills b join billing_accounts a on a.id = b.account_id where a.account_no = 'A-K-2' and b.period = '2024-01'`,
    );
    expect(bill.total_fen).toBe(99_999);
  });
});

describe('file formats and encodings', () => {
  it('imports a GBK-encoded CSV with Chinese headers (detected)', async () => {
    const content = iconv.encode(
      csv([
        ['身份证号码', '客户名称', '客户类别', '公众客户子类', '手机号码', '地址'],
        [idNumber(77), '张三', '公众客户', '流动客户', '13800138077', '南京市鼓楼区中山路1号'],
        [idNumber(78), '李四', '公众客户', '住宅客户', '13800138078', '南京市玄武区'],
      ]),
      'gbk',
    );
    const up = await upload(t.app, finance, 'customers', '客户.csv', content);
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({
      detectedEncoding: 'gb18030',
      headers: ['身份证号码', '客户名称', '客户类别', '公众客户子类', '手机号码', '地址'],
    });
    const { committed, validated } = await importFile({
      app: t.app,
      handle: t.handle,
      s: finance,
      entity: 'customers',
      fileName: '客户.csv',
      content,
      commit: true,
    });
    expect(validated.counts).toMatchObject({ inserts: 2, errors: 0 });
    expect(committed?.status).toBe('committed');
    const people = await rowsOf<{ name: string; address: string; party_type: string; gender: string }>(
      `select name, address, party_type, gender from parties where id_number in ('${idNumber(77)}', '${idNumber(78)}') order by name`,
    );
    expect(people.map((p) => p.name).sort()).toEqual(['张三', '李四'].sort());
    expect(people.find((p) => p.name === '张三')).toMatchObject({
      address: '南京市鼓楼区中山路1号',
      party_type: 'individual',
    });
  });

  it('lets the user choose the encoding and map unknown headers', async () => {
    const content = iconv.encode(
      csv([
        ['acct', 'month', '合计'],
        ['A-K-5', '2024-11', '12.50'],
      ]),
      'gbk',
    );
    const up = (await upload(t.app, finance, 'bills', 'x.csv', content)).json();
    expect(up.mapping).toEqual({ acct: null, month: null, 合计: 'total' });
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${up.id}/dry-run`,
      headers: finance.headers,
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('imports.bad_mapping');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${up.id}/dry-run`,
      headers: finance.headers,
      payload: { encoding: 'gbk', mapping: { acct: 'accountNo', month: 'period' } },
    });
    expect(ok.statusCode).toBe(202);
    const { runDueJobs } = await import('../jobs/jobs.service');
    await runDueJobs({ handle: t.handle });
    expect((await getRun(t.app, finance, up.id)).counts).toMatchObject({ rows: 1, inserts: 1, errors: 0 });
  });

  it('imports an .xlsx file (streaming reader) and serves an .xlsx template with Chinese headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('账单');
    ws.addRow(billHeader);
    ws.addRow(['A-K-7', '2024-12', 1.5, 2, 30, 33.5]);
    ws.addRow(['A-K-8', new Date(Date.UTC(2024, 11, 1)), 0, 0, 30, 30]);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const { validated, committed } = await importFile({
      app: t.app,
      handle: t.handle,
      s: finance,
      entity: 'bills',
      fileName: 'bills.xlsx',
      content,
      commit: true,
    });
    expect(validated.counts).toMatchObject({ rows: 2, inserts: 2, errors: 0 });
    expect(committed?.status).toBe('committed');
    const tpl = await t.app.inject({
      method: 'GET',
      url: '/api/imports/templates/bills?format=xlsx',
      headers: finance.headers,
    });
    expect(tpl.statusCode).toBe(200);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(tpl.rawPayload as never);
    expect(back.worksheets[0].getRow(1).getCell(1).value).toBe('账户编号');
    expect(back.worksheets[0].getRow(1).getCell(2).value).toBe('账期');
    // The example row: a usable account number, amounts as numbers (not text) in Excel.
    expect(back.worksheets[0].getRow(2).getCell(1).value).toBe('A0000000001');
    expect(back.worksheets[0].getRow(2).getCell(9).value).toBe(3580.5);
  });

  it('refuses other file types', async () => {
    const res = await upload(t.app, finance, 'bills', 'bills.pdf', '%PDF-1.4');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('imports.unsupported_type');
  });
});

describe('access and scope', () => {
  it('needs data.import', async () => {
    const am1 = await loginAs(t.app, 'am1');
    const res = await upload(t.app, am1, 'bills', 'b.csv', csv([billHeader]));
    expect(res.statusCode).toBe(403);
  });

  it('treats accounts of customers outside the importer org as not found', async () => {
    await seedCustomersAndAccounts({
      app: t.app,
      handle: t.handle,
      s: admin,
      n: 2,
      prefix: 'SZ',
      orgUnitCode: 'C2',
      start: 5000,
    });
    const { validated } = await importFile({
      app: t.app,
      handle: t.handle,
      s: finance,
      entity: 'bills',
      fileName: 'b.csv',
      content: csv([billHeader, ['A-SZ-5000', '2024-05', 1, 1, 1, 3], ['A-K-1', '2024-11', 1, 1, 1, 3]]),
    });
    expect(validated.counts).toMatchObject({ errors: 1, inserts: 1 });
    const errors = (
      await t.app.inject({ method: 'GET', url: `/api/imports/${validated.id}/errors`, headers: finance.headers })
    ).json();
    expect(errors.items).toEqual([{ rowNo: 2, column: '账户编号', value: 'A-SZ-5000', reason: 'account not found' }]);
    const other = await loginAs(t.app, 'backoffice1');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/imports/${validated.id}`, headers: other.headers })).statusCode,
    ).toBe(404);
  });
});
