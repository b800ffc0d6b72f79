import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { userContext } from '../auth/auth.service';
import {
  csv,
  idNumber,
  importFile,
  seedCustomersAndAccounts,
  useScratchImportsDir,
} from '../imports/imports.test-helpers';
import { runDueJobs } from '../jobs/jobs.service';
import { EXPORT_JOB, exportSettings, purgeExportFiles, startExport } from './export-jobs.service';
import { registerExportJobs } from './exports.jobs';

let t: TestApp;
let admin: Session;
let am1: Session;
let dir: string;

beforeAll(async () => {
  useScratchImportsDir();
  dir = mkdtempSync(path.join(tmpdir(), 'crm-exports-'));
  process.env.EXPORTS_DIR = dir;
  registerExportJobs({ settings: exportSettings(loadConfig({})) });
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  am1 = await loginAs(t.app, 'am1');
  await seedCustomersAndAccounts({ app: t.app, handle: t.handle, s: admin, n: 3, prefix: 'EXA', am: 'am1' });
  await seedCustomersAndAccounts({ app: t.app, handle: t.handle, s: admin, n: 2, prefix: 'EXB', am: 'am2', start: 50 });
  const people = await importFile({
    app: t.app,
    handle: t.handle,
    s: admin,
    entity: 'customers',
    fileName: 'people.csv',
    content: csv([
      ['身份证号码', '客户名称', '客户类别', '手机号码', '归属机构编码', '地址'],
      [idNumber(601), '钱七', '公众客户', '13912345601', 'C1', '南京路1号'],
    ]),
    commit: true,
  });
  expect(people.committed?.status).toBe('committed');
  // Text a spreadsheet would run as a formula, as another channel (an integration, an older import) may store it.
  await t.handle.db.execute(
    sql`update parties set name = '=HYPERLINK("http://evil.example","点我")', address = '-1+2' where name = '钱七'`,
  );
});
afterAll(() => t.close());

const call = (s: Session, method: 'GET' | 'POST', url: string) => t.app.inject({ method, url, headers: s.headers });
const runExports = () => runDueJobs({ handle: t.handle, types: [EXPORT_JOB] });

async function readXlsx(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as never);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe('exports as durable jobs', () => {
  it('queues the export, shows its progress, and serves the file to the user who asked', async () => {
    const start = await call(admin, 'POST', '/api/exports/customers?format=xlsx&sort=customerNo');
    expect(start.statusCode, start.body).toBe(202);
    const job = start.json();
    expect(job).toMatchObject({ kind: 'customers', format: 'xlsx', status: 'queued', rowsDone: 0, rowsTotal: 6 });
    expect(job.downloadUrl).toBeNull();

    expect(await runExports()).toBe(1);
    const done = (await call(admin, 'GET', `/api/exports/${job.id}`)).json();
    expect(done).toMatchObject({ status: 'succeeded', rowsDone: 6, rowsTotal: 6 });
    expect(done.downloadUrl).toBe(`/api/exports/${job.id}/file`);
    expect(done.expiresAt).not.toBeNull();

    const file = await call(admin, 'GET', done.downloadUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toContain('customers-');
    const rows = await readXlsx(file.rawPayload);
    expect(rows).toHaveLength(1 + 6);
    const person = rows.find((r) => String(r[1]).includes('HYPERLINK'));
    expect(person?.[1]).toBe(`'=HYPERLINK("http://evil.example","点我")`); // text, never a formula
    expect(person?.[12]).toBe("'-1+2");
  });

  it('hides a job and its file from everybody else, administrators included', async () => {
    const job = (await call(am1, 'POST', '/api/exports/customers?format=csv')).json();
    await runExports();
    for (const other of [admin, await loginAs(t.app, 'am2')]) {
      expect((await call(other, 'GET', `/api/exports/${job.id}`)).statusCode).toBe(404);
      expect((await call(other, 'GET', `/api/exports/${job.id}/file`)).statusCode).toBe(404);
    }
    const mine = await call(am1, 'GET', `/api/exports/${job.id}/file`);
    expect(mine.statusCode).toBe(200);
    const lines = mine.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // The account manager's portfolio only: the job keeps the scope of the user who started it.
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['EXA测试公司1', 'EXA测试公司2', 'EXA测试公司3']);
  });

  it('answers 400 to a NUL byte before anything streams, exactly like the list endpoint', async () => {
    const list = await call(admin, 'GET', '/api/customers?search=a%00b');
    expect(list.statusCode).toBe(400);
    for (const url of [
      '/api/customers/export?format=csv&search=a%00b',
      '/api/exports/customers?format=csv&search=a%00b',
    ]) {
      const res = await call(admin, url.startsWith('/api/exports') ? 'POST' : 'GET', url);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(list.json());
    }
    const badFilter = await call(admin, 'POST', '/api/exports/bills?periodFrom=2024-13');
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.details[0].path).toBe('periodFrom');
  });

  it('refuses an export above the row cap with a message that says what to do', async () => {
    const ctx = await userContext({ db: t.handle.db, userId: t.org.users.admin.id });
    const settings = { ...exportSettings(loadConfig({})), maxRows: 5 };
    const query = { format: 'xlsx', lang: 'zh', sort: 'customerNo', order: 'asc' } as const;
    await expect(startExport({ ctx: ctx!, kind: 'customers', query, settings })).rejects.toMatchObject({
      code: 'exports.too_many_rows',
      statusCode: 400,
      message: expect.stringContaining('at most 5 rows'),
    });
  });

  it('needs data.export', async () => {
    const agent = await loginAs(t.app, 'agent1');
    expect((await call(agent, 'POST', '/api/exports/customers')).statusCode).toBe(403);
  });

  it('deletes expired files by a job; the download then answers that it expired', async () => {
    const job = (await call(admin, 'POST', '/api/exports/bills?format=csv')).json();
    await runExports();
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    const settings = exportSettings(loadConfig({}));
    expect(await purgeExportFiles({ settings })).toBe(0); // nothing is old yet
    const later = new Date(Date.now() + settings.ttlMs + 60_000);
    expect(await purgeExportFiles({ settings, now: later })).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);
    const gone = await call(admin, 'GET', `/api/exports/${job.id}/file`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('exports.expired');
  });
});
