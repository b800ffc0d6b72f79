import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCreditCode, nextMobile } from '../../test/customer-helpers';
import {
  createScratchDatabase,
  freePort,
  killProcess,
  loginHeaders,
  startServerProcess,
} from '../../test/server-process';
import { IDEMPOTENCY_PURGE_JOB } from '../idempotency/idempotency.jobs';

// Past one machine (issue 16): two server processes on one PostgreSQL database, as N processes on M hosts behind a
// load balancer would run. Both start at once (start-up work is serialised by an advisory lock), both run the job
// worker, and a client's requests may land on either. Skipped on PGlite (one process only).

const serverUrl = process.env.TEST_DATABASE_URL;
const ADMIN_PASSWORD = 'two-process-admin-1';
const JOBS = 600;

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
const servers: { proc: ChildProcess; base: string }[] = [];

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** Polls the database (the workers are other processes) until `done` holds or 60 s have passed. */
async function waitFor(done: () => Promise<boolean>) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out waiting for the workers');
}

describe.skipIf(!serverUrl)('two server processes on one database', () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl as string, 'crm_two_proc');
    const ports = [await freePort(), await freePort()];
    // Started together: both migrate and bootstrap the administrator, one after the other.
    const procs = await Promise.all(
      ports.map((port) =>
        startServerProcess({
          databaseUrl: scratch.url,
          port,
          adminPassword: ADMIN_PASSWORD,
        }),
      ),
    );
    procs.forEach((proc, i) => {
      servers.push({ proc, base: `http://127.0.0.1:${ports[i]}` });
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => killProcess(s.proc, 'SIGTERM')));
    await scratch?.drop();
  });

  it('migrated once and created one administrator although both started at the same time', async () => {
    const users = await query<{ n: number }>(`select count(*)::int as n from users where username = 'admin'`);
    expect(users[0].n).toBe(1);
  });

  it('runs every job exactly once, shared between the two workers', async () => {
    const [{ first }] = await query<{ first: number }>(
      `insert into jobs (type, payload)
       select $1, jsonb_build_object('n', n) from generate_series(1, $2::int) n
       returning (select coalesce(max(id), 0) from jobs)::int as first`,
      [IDEMPOTENCY_PURGE_JOB, JOBS],
    );
    const mine = `id > ${first} and type = '${IDEMPOTENCY_PURGE_JOB}' and payload ? 'n'`;
    await waitFor(async () => {
      const [row] = await query<{ left: number }>(
        `select count(*)::int as left from jobs where ${mine} and status <> 'succeeded'`,
      );
      return row.left === 0;
    });

    const rows = await query<{ attempts: number; claimed_by: string; n: number }>(
      `select attempts, claimed_by, count(*)::int as n from jobs where ${mine} group by attempts, claimed_by`,
    );
    // Claimed once each (a second claim would have raised `attempts`), by one of the two processes.
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(JOBS);
    const pids = new Set(servers.map((s) => String(s.proc.pid)));
    const byWorker = new Map(rows.map((r) => [r.claimed_by.split(':').pop() as string, r.n]));
    expect([...byWorker.keys()].every((pid) => pids.has(pid))).toBe(true);
    // Both workers took part: SKIP LOCKED lets them claim side by side instead of queueing behind each other.
    expect(byWorker.size).toBe(2);

    // Schedules are enqueued by both workers, but with a dedupe key: one job per period.
    const scheduled = await query<{ dedupe_key: string; n: number }>(
      `select dedupe_key, count(*)::int as n from jobs where type = $1 and dedupe_key is not null group by dedupe_key`,
      [IDEMPOTENCY_PURGE_JOB],
    );
    expect(scheduled.length).toBeGreaterThan(0);
    expect(scheduled.every((s) => s.n === 1)).toBe(true);
  }, 90_000);

  it('serves a client from either process: the session, Idempotency-Keys and records are shared', async () => {
    const [a, b] = servers;
    const headers = await loginHeaders(a.base, 'admin', ADMIN_PASSWORD);
    // The session made on A is honoured by B (sessions live in the database, not in a process).
    const me = await fetch(`${b.base}/api/auth/me`, { headers });
    expect(me.status).toBe(200);

    const key = `two-proc-${randomBytes(4).toString('hex')}`;
    const body = JSON.stringify({
      partyType: 'organization',
      category: 'key_account',
      name: `双进程测试客户-${key}`,
      creditCode: nextCreditCode(),
      mobile: nextMobile(),
    });
    const post = (base: string) =>
      fetch(`${base}/api/customers`, { method: 'POST', headers: { ...headers, 'idempotency-key': key }, body });
    const created = await post(a.base);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    // The retry lands on the other process: same answer, no second customer.
    const retried = await post(b.base);
    expect(retried.status).toBe(201);
    expect(((await retried.json()) as { id: number }).id).toBe(id);
    const read = await fetch(`${b.base}/api/customers/${id}`, { headers });
    expect(read.status).toBe(200);
    const count = await query<{ n: number }>(`select count(*)::int as n from parties where name = $1`, [
      `双进程测试客户-${key}`,
    ]);
    expect(count[0].n).toBe(1);
  }, 30_000);
});
