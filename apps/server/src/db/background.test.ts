import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueueJob, registerJobHandler, runDueJobs } from '../modules/jobs/jobs.service';
import { createRequestGate } from '../platform/request-priority';
import { backgroundHandle, nextTurn } from './background';
import { type DbHandle, openPglite } from './client';
import { migrateDatabase } from './migrate';

// The embedded database runs each statement on the event loop: a job issuing many statements must let sockets be
// read and requests answered in between (ADR 0022). Always PGlite: on PostgreSQL the handle is not wrapped.
let handle: DbHandle;
let statements = 0;
const STATEMENTS = 200;

beforeAll(async () => {
  handle = await openPglite();
  await migrateDatabase(handle);
  registerJobHandler('test.many-statements', async ({ db }) => {
    for (let i = 0; i < STATEMENTS; i++) {
      await db.execute(sql`select ${i}::int as i`);
      statements++;
    }
    await db.transaction(async (tx) => {
      await tx.execute(sql`create table if not exists background_probe (n int)`);
      await tx.execute(sql`insert into background_probe values (${statements})`);
    });
    return { statements };
  });
});
afterAll(() => handle.close());

async function runJob(h: DbHandle) {
  statements = 0;
  await enqueueJob({ db: handle.db, type: 'test.many-statements' });
  return runDueJobs({ handle: h, types: ['test.many-statements'] });
}

describe('background work on the embedded database', () => {
  it('keeps the event loop turning while a job issues statement after statement', async () => {
    const plain = { seenAt: -1 };
    const running = runJob(handle);
    setImmediate(() => {
      plain.seenAt = statements;
    });
    await running;
    // Without the background handle, the whole job ran before a timer or socket got its turn.
    expect(plain.seenAt).toBe(-1);
    await nextTurn();
    expect(plain.seenAt).toBe(STATEMENTS);

    const gated = { seenAt: -1 };
    const gate = createRequestGate();
    const background = runJob(backgroundHandle(handle, gate));
    setImmediate(() => {
      gated.seenAt = statements;
    });
    await background;
    expect(gated.seenAt).toBeLessThan(5);
    expect(statements).toBe(STATEMENTS);
  });

  it('holds the job back while a request is being answered, and goes on when it is done', async () => {
    const gate = createRequestGate({ maxWaitMs: 60_000 });
    const requestDone = gate.begin();
    let finished = false;
    const background = runJob(backgroundHandle(handle, gate)).then(() => {
      finished = true;
    });
    for (let i = 0; i < 20; i++) await nextTurn();
    expect(statements).toBe(0);
    expect(finished).toBe(false);
    requestDone();
    await background;
    expect(statements).toBe(STATEMENTS);
  });

  it('commits the job transaction as on the plain database', async () => {
    await runJob(backgroundHandle(handle, createRequestGate()));
    const rows = await handle.db.execute(sql`select max(n)::int as n from background_probe`);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0].n).toBe(STATEMENTS);
  });

  it('leaves a PostgreSQL handle as it is', () => {
    const pgHandle = { ...handle, kind: 'postgres' as const, pglite: undefined };
    expect(backgroundHandle(pgHandle, createRequestGate())).toBe(pgHandle);
  });
});

describe('the request gate', () => {
  it('lets background work go on after at most two seconds when a request does not end', async () => {
    vi.useFakeTimers();
    try {
      const gate = createRequestGate({ maxWaitMs: 2_000 });
      gate.begin();
      let passed = false;
      const waiting = gate.whenIdle().then(() => {
        passed = true;
      });
      await vi.advanceTimersByTimeAsync(1_999);
      expect(passed).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(passed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not count a request answered for longer than the stale limit (a long download)', () => {
    const gate = createRequestGate({ staleMs: 10_000 });
    gate.begin();
    const now = Date.now();
    expect(gate.busy(now)).toBe(true);
    expect(gate.busy(now + 10_001)).toBe(false);
  });
});
