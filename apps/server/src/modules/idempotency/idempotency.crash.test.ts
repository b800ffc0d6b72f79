import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCreditCode, nextMobile } from '../../test/customer-helpers';

// The crash test (issue 10): a real server process on PostgreSQL is killed with SIGKILL while 200 creates with
// Idempotency-Keys are in flight, started again, and every key is retried. Skipped on PGlite (one process only).

const serverUrl = process.env.TEST_DATABASE_URL;
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ADMIN_PASSWORD = 'crash-test-admin-1';
const LEASE_SECONDS = 1;
const CREATES = 200;
const KILL_AFTER_ACKS = 40;

let dbName: string;
let dbUrl: string;
let child: ChildProcess | null = null;

async function adminQuery(sql: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  s.close();
  await once(s, 'close');
  return port;
}

/** Starts `src/main.ts` in one Node process (no tsx wrapper, so SIGKILL hits the server itself); resolves when it listens. */
async function startServer(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      CRM_DEMO: 'false',
      CRM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS),
      WORKERS: '1',
      LOG_LEVEL: 'fatal',
      WEB_DIST: '/nonexistent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('Telecom CRM is running')) resolve();
    });
    proc.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    proc.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  return proc;
}

async function kill(proc: ChildProcess) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = once(proc, 'exit');
  proc.kill('SIGKILL');
  await exited;
}

async function login(base: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

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
    dbName = `crm_crash_${Date.now()}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${dbName}`);
    const url = new URL(serverUrl as string);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
  });
  afterAll(async () => {
    if (child) await kill(child);
    await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
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
