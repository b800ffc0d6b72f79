import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// Real server processes (`src/main.ts`) on a scratch PostgreSQL database, for the tests that need more than one
// process or a process that dies: the crash test and the two-process test. PostgreSQL only.

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function adminQuery(serverUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Creates an empty database beside `serverUrl`'s; `drop` removes it (connections forced closed). */
export async function createScratchDatabase(serverUrl: string, prefix: string) {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  s.close();
  await once(s, 'close');
  return port;
}

/**
 * Starts `src/main.ts` in one Node process (no tsx wrapper, so a signal hits the server itself) on 127.0.0.1;
 * resolves when it listens. No demo data; the admin's password is `adminPassword`.
 */
export async function startServerProcess(opts: {
  databaseUrl: string;
  port: number;
  adminPassword: string;
  env?: Record<string, string>;
}): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      CRM_DEMO: 'false',
      CRM_ADMIN_PASSWORD: opts.adminPassword,
      WORKERS: '1',
      LOG_LEVEL: 'fatal',
      WEB_DIST: '/nonexistent',
      ...opts.env,
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

/** Kills the process with `signal` (default SIGKILL) and waits for it to exit. */
export async function killProcess(proc: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = once(proc, 'exit');
  proc.kill(signal);
  await exited;
}

/** Logs in as `username`; returns the headers of a browser session (cookie, CSRF token, JSON). */
export async function loginHeaders(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}
