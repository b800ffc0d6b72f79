// Helpers of the import / export tests (not a test file): files, multipart uploads, job runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { creditCodeCheckChar, type ImportEntity, type ImportRun, idNumberCheckChar } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/client';
import type { Session } from '../../test/test-app';
import { runDueJobs } from '../jobs/jobs.service';
import { registerImportJobs } from './imports.jobs';

// The job handlers are registered by main.ts in production; the tests run them through runDueJobs.
registerImportJobs();

/** Uploads go to a scratch directory, never into the repository's data folder. */
export function useScratchImportsDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-imports-'));
  process.env.IMPORTS_DIR = dir;
  return dir;
}

export const creditCode = (n: number) => {
  const first = `91320100${String(n).padStart(9, '0')}`;
  return first + creditCodeCheckChar(first);
};
export const idNumber = (n: number) => {
  const first = `320102${1970 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(Math.floor(n / 10) % 1000).padStart(3, '0')}`;
  return first + idNumberCheckChar(first);
};

export const csv = (rows: (string | number)[][]) => `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;

export async function upload(
  app: FastifyInstance,
  s: Session,
  entity: ImportEntity,
  fileName: string,
  content: Buffer | string,
) {
  const boundary = `----crmtest${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/imports?entity=${entity}`,
    headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

export async function getRun(app: FastifyInstance, s: Session, id: number): Promise<ImportRun> {
  return (await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: s.headers })).json();
}

/** Upload, dry run (running the job), and optionally commit (running the job): the run after each step. */
export async function importFile(opts: {
  app: FastifyInstance;
  handle: DbHandle;
  s: Session;
  entity: ImportEntity;
  fileName: string;
  content: Buffer | string;
  commit?: boolean;
  dryRunBody?: Record<string, unknown>;
}): Promise<{ validated: ImportRun; committed?: ImportRun }> {
  const { app, handle, s } = opts;
  const up = await upload(app, s, opts.entity, opts.fileName, opts.content);
  if (up.statusCode !== 201) throw new Error(`upload failed: ${up.statusCode} ${up.body}`);
  const id = up.json().id as number;
  const dry = await app.inject({
    method: 'POST',
    url: `/api/imports/${id}/dry-run`,
    headers: s.headers,
    payload: opts.dryRunBody ?? {},
  });
  if (dry.statusCode !== 202) throw new Error(`dry run failed: ${dry.statusCode} ${dry.body}`);
  await runDueJobs({ handle });
  const validated = await getRun(app, s, id);
  if (!opts.commit) return { validated };
  const c = await app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: s.headers });
  if (c.statusCode !== 202) throw new Error(`commit failed: ${c.statusCode} ${c.body} ${JSON.stringify(validated)}`);
  await runDueJobs({ handle });
  return { validated, committed: await getRun(app, s, id) };
}

/** `n` key-account customers in city A (`C1`) for `am`, with accounts A-<prefix>-<i>; returns the account numbers. */
export async function seedCustomersAndAccounts(opts: {
  app: FastifyInstance;
  handle: DbHandle;
  s: Session;
  n: number;
  prefix: string;
  am?: string;
  orgUnitCode?: string;
  start?: number;
}): Promise<string[]> {
  const start = opts.start ?? 1;
  const customers = [
    ['外部编号', '统一社会信用代码', '客户名称', '客户类别', '归属机构编码', '客户经理账号', '手机号码'],
  ];
  const accounts = [['账户编号', '客户标识', '账户名称']];
  const accountNos: string[] = [];
  for (let i = 0; i < opts.n; i++) {
    const k = start + i;
    customers.push([
      `${opts.prefix}-${k}`,
      creditCode(k),
      `${opts.prefix}测试公司${k}`,
      '大客户',
      opts.orgUnitCode ?? 'C1',
      opts.am ?? '',
      `139${String(k).padStart(8, '0')}`,
    ]);
    accounts.push([`A-${opts.prefix}-${k}`, `${opts.prefix}-${k}`, `${opts.prefix}账户${k}`]);
    accountNos.push(`A-${opts.prefix}-${k}`);
  }
  for (const [entity, rows] of [
    ['customers', customers],
    ['accounts', accounts],
  ] as const) {
    const { committed } = await importFile({
      ...opts,
      entity,
      fileName: `${entity}.csv`,
      content: csv(rows),
      commit: true,
    });
    if (committed?.status !== 'committed') throw new Error(`seed ${entity}: ${JSON.stringify(committed)}`);
  }
  return accountNos;
}

export const billHeader = ['账户编号', '账期', '本地通话费(元)', '流量费(元)', '月租费(元)', '应收合计(元)'];

/** Bill rows for every account and period: deterministic amounts. */
export function billRows(accountNos: string[], periods: string[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const p of periods)
    accountNos.forEach((a, i) => {
      const voice = ((i * 37) % 5000) / 100;
      const data = ((i * 53) % 9000) / 100;
      const rent = 30;
      rows.push([a, p, voice.toFixed(2), data.toFixed(2), rent.toFixed(2), (voice + data + rent).toFixed(2)]);
    });
  return rows;
}
