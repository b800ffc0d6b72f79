import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
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

// The crash test (issue 10): a real server process on PostgreSQL is killed with SIGKILL while 200 creates with
// Idempotency-Keys are in flight, started again, and every key is retried. Skipped on PGlite (one process only).

const serverUrl = process.env.TEST_DATABASE_URL;
const ADMIN_PASSWORD = 'crash-test-admin-1';
const LEASE_SECONDS = 1;
const CREATES = 200;
const KILL_AFTER_ACKS = 40;

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let dbUrl: string;
let child: ChildProcess | null = null;

const startServer = (port: number) =>
  startServerProcess({
    databaseUrl: dbUrl,
    port,
    adminPassword: ADMIN_PASSWORD,
    env: { IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS) },
  });
const login = (base: string) => loginHeaders(base, 'admin', ADMIN_PASSWORD);

type Create = { key: string; name: string; body: string };

async function postCreate(base: string, headers: Record<string, string>, c: Create) {
  const res = await fetch(`${base}/api/customers`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': c.key },
    body: c.body,
  });
  return { status: res.status, json: (await res.json()) as { id?: number; name?: string; error?: { code: string } } };
}

describe.skipIf(!serverUrl)('a server killed with SIGKILL during concurrent creates with Idempotency-Keys', () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl as string, 'crm_crash');
    dbUrl = scratch.url;
  });
  afterAll(async () => {
    if (child) await killProcess(child);
    await scratch.drop();
  });

  it('answers every retried key with the original record, duplicates nothing and loses nothing acknowledged', async () => {
    const run = randomBytes(3).toString('hex');
    const creates: Create[] = Array.from({ length: CREATES }, (_, i) => {
      const name = `崩溃测试客户-${run}-${i}`;
      const body = {
        partyType: 'organization',
        category: 'key_account',
        name,
        creditCode: nextCreditCode(),
        mobile: nextMobile(),
      };
      return { key: `crash-${run}-${i}`, name, body: JSON.stringify(body) };
    });

    // First life: fire every create at once, kill the process once some have been acknowledged.
    const port1 = await freePort();
    child = await startServer(port1);
    const first = child;
    const base1 = `http://127.0.0.1:${port1}`;
    const headers1 = await login(base1);
    const acked = new Map<string, number>();
    const refused: string[] = [];
    let killedAt = 0;
    const killOnce = () => {
      if (killedAt) return;
      killedAt = Date.now();
      first.kill('SIGKILL');
    };
    await Promise.allSettled(
      creates.map(async (c) => {
        const res = await postCreate(base1, headers1, c);
        if (res.status !== 201) refused.push(`${c.key}: ${res.status}`);
        else acked.set(c.key, res.json.id as number);
        if (acked.size >= KILL_AFTER_ACKS) killOnce();
      }),
    );
    killOnce();
    if (first.exitCode === null && first.signalCode === null) await once(first, 'exit');
    expect(refused).toEqual([]);
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.size).toBeLessThan(CREATES);

    // Second life: every claim of the first life is older than the lease before any retry is sent.
    const port2 = await freePort();
    child = await startServer(port2);
    const base2 = `http://127.0.0.1:${port2}`;
    const headers2 = await login(base2);
    const leaseLeft = killedAt + LEASE_SECONDS * 1000 + 50 - Date.now();
    if (leaseLeft > 0) await new Promise((r) => setTimeout(r, leaseLeft));

    const answered = new Map<string, number>();
    const failures: string[] = [];
    for (let i = 0; i < creates.length; i += 20) {
      await Promise.all(
        creates.slice(i, i + 20).map(async (c) => {
          const res = await postCreate(base2, headers2, c);
          if (res.status !== 201 || res.json.name !== c.name)
            failures.push(`${c.key}: ${res.status} ${JSON.stringify(res.json)}`);
          else answered.set(c.key, res.json.id as number);
        }),
      );
    }
    expect(failures).toEqual([]);
    for (const [key, id] of acked) expect(answered.get(key), key).toBe(id);

    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: number; name: string }>(
        `select c.id::int as id, p.name from customers c join parties p on p.id = c.party_id where p.name like $1`,
        [`崩溃测试客户-${run}-%`],
      );
      const byName = new Map<string, number[]>();
      for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
      const duplicated = [...byName].filter(([, ids]) => ids.length > 1);
      expect(duplicated).toEqual([]);
      expect(rows).toHaveLength(CREATES);
      for (const c of creates) expect(byName.get(c.name), c.name).toEqual([answered.get(c.key)]);
    } finally {
      await db.end();
    }
  }, 150_000);
});
