import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { createTestDb } from '../../test/test-db';
import { enqueueJob, fillJobLanes, getJob, recordFinishedJob, registerJobHandler, runDueJobs } from './jobs.service';

let handle: DbHandle;
const seen: number[] = [];
let failuresLeft = 1;

beforeAll(async () => {
  handle = await createTestDb();
  registerJobHandler('test.echo', async ({ job, progress }) => {
    await progress(1, 2);
    seen.push((job.payload as { n: number }).n);
    await progress(2, 2);
    return { doubled: (job.payload as { n: number }).n * 2 };
  });
  registerJobHandler('test.flaky', async () => {
    if (failuresLeft-- > 0) throw new Error('transient');
    return 'ok';
  });
});
afterAll(() => handle.close());

describe('durable jobs', () => {
  it('runs a queued job, records progress and result', async () => {
    const job = await enqueueJob({ db: handle.db, type: 'test.echo', payload: { n: 21 } });
    expect(job.status).toBe('queued');
    expect(await runDueJobs({ handle })).toBe(1);
    const done = await getJob({ db: handle.db, id: job.id });
    expect(done).toMatchObject({ status: 'succeeded', progressDone: 2, progressTotal: 2, result: { doubled: 42 } });
  });

  it('keeps a schedule from queuing work already done outside the worker (same dedupe key)', async () => {
    const done = await recordFinishedJob({
      db: handle.db,
      type: 'test.echo',
      dedupeKey: 'echo:demo-month',
      payload: { n: 5 },
      result: { doubled: 10 },
    });
    expect(done).toMatchObject({ status: 'succeeded', result: { doubled: 10 } });
    const scheduled = await enqueueJob({
      db: handle.db,
      type: 'test.echo',
      payload: { n: 5 },
      dedupeKey: 'echo:demo-month',
    });
    expect(scheduled.id).toBe(done.id);
    expect(await runDueJobs({ handle, types: ['test.echo'] })).toBe(0);
    expect(seen).not.toContain(5);
  });

  it('does not queue a second job with the same dedupe key', async () => {
    const a = await enqueueJob({ db: handle.db, type: 'test.echo', payload: { n: 1 }, dedupeKey: 'echo:2026-10' });
    const b = await enqueueJob({ db: handle.db, type: 'test.echo', payload: { n: 1 }, dedupeKey: 'echo:2026-10' });
    expect(b.id).toBe(a.id);
    await runDueJobs({ handle });
    const c = await enqueueJob({ db: handle.db, type: 'test.echo', payload: { n: 1 }, dedupeKey: 'echo:2026-10' });
    expect(c.id).toBe(a.id);
    expect(seen.filter((n) => n === 1)).toHaveLength(1);
  });

  it('retries a failing job later instead of losing it', async () => {
    const job = await enqueueJob({ db: handle.db, type: 'test.flaky' });
    await runDueJobs({ handle });
    const afterFailure = await getJob({ db: handle.db, id: job.id });
    expect(afterFailure).toMatchObject({ status: 'queued', attempts: 1, error: 'Error: transient' });
    expect(afterFailure!.runAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('leaves jobs of unknown types alone', async () => {
    const job = await enqueueJob({ db: handle.db, type: 'test.unknown' });
    await runDueJobs({ handle });
    expect((await getJob({ db: handle.db, id: job.id }))?.status).toBe('queued');
  });

  it('runs a laned type at most `concurrency` at a time, the rest queued, beside the other jobs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inside = 0;
    let entered!: () => void;
    const twoInside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    registerJobHandler(
      'test.laned',
      async () => {
        if (++inside === 2) entered();
        await gate;
        return 'ok';
      },
      { concurrency: 2 },
    );
    const jobs = await Promise.all([1, 2, 3].map(() => enqueueJob({ db: handle.db, type: 'test.laned' })));
    expect(await runDueJobs({ handle })).toBe(0); // the ordinary worker loop leaves laned types alone
    const lanesDone = fillJobLanes({ handle });
    await twoInside;
    const states = await Promise.all(jobs.map((j) => getJob({ db: handle.db, id: j.id })));
    expect(states.map((j) => j?.status).sort()).toEqual(['queued', 'running', 'running']);
    release();
    await lanesDone;
    await fillJobLanes({ handle });
    const after = await Promise.all(jobs.map((j) => getJob({ db: handle.db, id: j.id })));
    expect(after.map((j) => j?.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('finishes the job in hand on shutdown and claims no other (the rest stay queued for the next start)', async () => {
    let shuttingDown = false;
    registerJobHandler('test.shutdown', async () => {
      shuttingDown = true; // the signal arrives while this job runs
      return 'done';
    });
    const jobs = await Promise.all([1, 2].map(() => enqueueJob({ db: handle.db, type: 'test.shutdown' })));
    expect(await runDueJobs({ handle, types: ['test.shutdown'], stopping: () => shuttingDown })).toBe(1);
    const states = await Promise.all(jobs.map((j) => getJob({ db: handle.db, id: j.id })));
    expect(states.map((j) => j?.status)).toEqual(['succeeded', 'queued']);
    expect(await runDueJobs({ handle, types: ['test.shutdown'] })).toBe(1);
  });
});
