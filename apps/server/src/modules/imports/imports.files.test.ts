import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { runDueJobs } from '../jobs/jobs.service';
import { IMPORT_PURGE_JOB, importLimits, purgeImportFiles } from './imports.service';
import { creditCode, csv, importFile, upload, useScratchImportsDir } from './imports.test-helpers';

let t: TestApp;
let admin: Session;
let dir: string;
const filesOnDisk = () => readdirSync(dir);
const rowsOf = async <T>(q: string): Promise<T[]> =>
  ((await t.handle.db.execute(q as never)) as unknown as { rows: T[] }).rows;

const customers = (n: number) =>
  csv([
    ['外部编号', '统一社会信用代码', '客户名称', '客户类别', '归属机构编码'],
    ...Array.from({ length: n }, (_, i) => [`F-${i}`, creditCode(9000 + i), `文件测试公司${i}`, '大客户', 'C1']),
  ]);

beforeAll(async () => {
  dir = useScratchImportsDir();
  t = await createTestApp({ config: { importMaxBytes: 2048 } });
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

describe('import files', () => {
  it('caps uploads at 100 MB by default, configurable through IMPORT_MAX_MB', () => {
    expect(importLimits(loadConfig({})).maxBytes).toBe(100 * 1024 * 1024);
    expect(importLimits(loadConfig({ IMPORT_MAX_MB: '5' })).maxBytes).toBe(5 * 1024 * 1024);
  });

  it('refuses a file over the limit with a 413 in the standard shape and keeps nothing on disk', async () => {
    const res = await upload(t.app, admin, 'customers', 'big.csv', customers(200));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'imports.too_large', details: [{ path: 'file' }] });
    expect(res.json().error.message).toContain('MB');
    expect(filesOnDisk()).toEqual([]);
  });

  it('keeps nothing on disk for a wrong type, an unreadable or an empty file, or a user without data.import', async () => {
    expect((await upload(t.app, admin, 'customers', 'x.exe', 'MZ')).statusCode).toBe(400);
    expect((await upload(t.app, admin, 'customers', 'x.xlsx', 'not a zip')).statusCode).toBe(400);
    expect((await upload(t.app, admin, 'customers', 'x.csv', '')).statusCode).toBe(400);
    const agent = await loginAs(t.app, 'agent1');
    expect((await upload(t.app, agent, 'customers', 'x.csv', customers(1))).statusCode).toBe(403);
    expect(filesOnDisk()).toEqual([]);
  });

  it('deletes the files of committed runs at once and of abandoned runs after the configured days', async () => {
    const { committed } = await importFile({
      app: t.app,
      handle: t.handle,
      s: admin,
      entity: 'customers',
      fileName: 'c.csv',
      content: customers(2),
      commit: true,
    });
    expect(committed?.status).toBe('committed');
    const abandoned = (await upload(t.app, admin, 'customers', 'later.csv', customers(1))).json().id as number;
    expect(filesOnDisk()).toHaveLength(2);

    expect(await purgeImportFiles({ db: t.handle.db, days: 7 })).toBe(1); // the committed run's file
    expect(filesOnDisk()).toHaveLength(1);
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await purgeImportFiles({ db: t.handle.db, days: 7, now: later })).toBe(1);
    expect(filesOnDisk()).toEqual([]);
    const marked = await rowsOf<{ n: number }>(
      'select count(*)::int as n from import_runs where file_deleted_at is not null',
    );
    expect(marked[0].n).toBe(2);

    const dry = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${abandoned}/dry-run`,
      headers: admin.headers,
      payload: {},
    });
    expect(dry.statusCode).toBe(409);
    expect(dry.json().error.code).toBe('imports.file_deleted');
  });

  it('runs the purge as a durable job', async () => {
    await t.handle.db.execute(`insert into jobs (type) values ('${IMPORT_PURGE_JOB}')` as never);
    await runDueJobs({ handle: t.handle });
    const [job] = await rowsOf<{ status: string }>(`select status from jobs where type = '${IMPORT_PURGE_JOB}'`);
    expect(job.status).toBe('succeeded');
  });
});
