import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { getJob, runDueJobs } from '../jobs/jobs.service';
import { importTuning, runCommit } from './imports.jobs';
import * as repo from './imports.repository';
import {
  billHeader,
  billRows,
  csv,
  getRun,
  importFile,
  seedCustomersAndAccounts,
  useScratchImportsDir,
} from './imports.test-helpers';

let t: TestApp;
let admin: Session;
let accounts: string[];
const rowsOf = async <T>(q: string): Promise<T[]> =>
  ((await t.handle.db.execute(q as never)) as unknown as { rows: T[] }).rows;
const billStats = async (period: string) =>
  (
    await rowsOf<{ n: number; keys: number; total: string }>(
      `select count(*)::int n, count(distinct (account_id, period))::int keys, coalesce(sum(total_fen), 0)::text total
         from bills where period = '${period}'`,
    )
  )[0];

beforeAll(async () => {
  useScratchImportsDir();
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  accounts = await seedCustomersAndAccounts({ app: t.app, handle: t.handle, s: admin, n: 5000, prefix: 'R' });
});
afterAll(() => {
  importTuning.chunkRows = 50_000;
  return t.close();
});

/** A validated bill import of every account for `period`, with its commit requested (job queued, not run). */
async function validatedBillImport(period: string) {
  const rows = billRows(accounts, [period]);
  const { validated } = await importFile({
    app: t.app,
    handle: t.handle,
    s: admin,
    entity: 'bills',
    fileName: `bills-${period}.csv`,
    content: csv([billHeader, ...rows]),
  });
  expect(validated.counts).toMatchObject({ rows: 5000, inserts: 5000, errors: 0 });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/imports/${validated.id}/commit`,
    headers: admin.headers,
  });
  expect(res.statusCode).toBe(202);
  return {
    id: validated.id,
    jobId: res.json().jobId as number,
    sumFen: rows.reduce((s, r) => s + Math.round(Number(r[5]) * 100), 0),
  };
}

describe('resumable chunked bill commit', () => {
  it('a crash after chunk 2 leaves whole chunks only; the re-run resumes at chunk 3 and never duplicates', async () => {
    importTuning.chunkRows = 1000;
    const { id, sumFen } = await validatedBillImport('2025-01');
    const crash = new Error('killed after chunk 2');
    await expect(
      runCommit({
        handle: t.handle,
        runId: id,
        progress: async () => {},
        afterChunk: async (k) => {
          if (k === 2) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    // Exactly two whole chunks are in, and the resume marker says so.
    expect(await billStats('2025-01')).toMatchObject({ n: 2000, keys: 2000 });
    const mid = await repo.findRun(t.handle.db, id);
    expect(mid).toMatchObject({ status: 'committing', committedRows: 2000, committedThroughRow: 2001 });
    expect((await getRun(t.app, admin, id)).status).toBe('committing');

    // A real crash also loses the UNLOGGED staging rows: the resume rebuilds them from the stored file.
    await repo.deleteStaging(t.handle.db, id);
    const resumedChunks: number[] = [];
    await runCommit({
      handle: t.handle,
      runId: id,
      progress: async () => {},
      afterChunk: async (k) => {
        resumedChunks.push(k);
      },
    });
    expect(resumedChunks).toEqual([1, 2, 3]); // chunks 3..5 of the file: 3,000 rows left
    const done = await billStats('2025-01');
    expect(done).toEqual({ n: 5000, keys: 5000, total: String(sumFen) });
    const run = await getRun(t.app, admin, id);
    expect(run).toMatchObject({ status: 'committed', committedRows: 5000 });
    expect(await repo.countStaging(t.handle.db, id)).toBe(0);
    // The queued commit job finds the run committed and does nothing.
    await runDueJobs({ handle: t.handle });
    expect(await billStats('2025-01')).toEqual(done);
  });

  it('a failing commit job is retried by the queue and completes without duplicates', async () => {
    importTuning.chunkRows = 2000;
    const { id, jobId, sumFen } = await validatedBillImport('2025-02');
    // Simulate a crash of the first attempt after one chunk (the worker died; the job went back to the queue).
    await expect(
      runCommit({
        handle: t.handle,
        runId: id,
        progress: async () => {},
        afterChunk: async () => {
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    expect(await billStats('2025-02')).toMatchObject({ n: 2000 });
    await runDueJobs({ handle: t.handle });
    expect((await getJob({ db: t.handle.db, id: jobId }))?.status).toBe('succeeded');
    expect(await billStats('2025-02')).toEqual({ n: 5000, keys: 5000, total: String(sumFen) });
    expect((await getRun(t.app, admin, id)).status).toBe('committed');
  });

  it('a bill stored between the dry run and the commit is updated from the file, not duplicated', async () => {
    importTuning.chunkRows = 1000;
    const { id, sumFen } = await validatedBillImport('2025-03');
    // The dry run found no 2025-03 bill stored, so the commit starts with plain inserts; this one, stored since,
    // makes chunk 3 hit the unique key, and the commit goes on as an upsert from there.
    await rowsOf(`insert into bills (account_id, customer_id, period, total_fen)
      select id, customer_id, '2025-03', 1 from billing_accounts where account_no = '${accounts[2500]}'`);
    const chunks: number[] = [];
    await runCommit({
      handle: t.handle,
      runId: id,
      progress: async () => {},
      afterChunk: async (k) => void chunks.push(k),
    });
    expect(chunks).toEqual([1, 2, 3, 4, 5]);
    expect(await billStats('2025-03')).toEqual({ n: 5000, keys: 5000, total: String(sumFen) });
    expect(await repo.findRun(t.handle.db, id)).toMatchObject({ status: 'committed', committedRows: 5000 });
  });

  it('re-running a whole committed file changes nothing', async () => {
    const before = await billStats('2025-02');
    const rows = billRows(accounts, ['2025-02']);
    const { validated, committed } = await importFile({
      app: t.app,
      handle: t.handle,
      s: admin,
      entity: 'bills',
      fileName: 'again.csv',
      content: csv([billHeader, ...rows]),
      commit: true,
    });
    expect(validated.counts).toMatchObject({ inserts: 0, updates: 0, unchanged: 5000 });
    expect(committed?.status).toBe('committed');
    expect(await billStats('2025-02')).toEqual(before);
  });
});
