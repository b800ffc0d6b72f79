#!/usr/bin/env node
// Runs the TM Forum conformance test kits (TMF629 Customer v4, TMF632 Party v4) against this server, as an integrator
// would: the server on a scratch database (embedded PGlite in a temp directory, or a scratch database on the
// PostgreSQL server named by TMF_CTK_DATABASE_URL), an API token of the first administrator, and a small gateway on
// 127.0.0.1 that adds `Authorization: Bearer <token>` (the kits send no credentials). Every kit is run with newman 6
// and judged by newman's exit code. The kits are read from <repo>/../shared/tmf/ctk (or TMF_CTK_DIR), never copied.
//
//   npm run test:tmf                      all kits
//   npm run test:tmf -- tmf632            one kit
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kitsDir = process.env.TMF_CTK_DIR ?? path.resolve(repo, '..', 'shared', 'tmf', 'ctk');
const bin = (name) => path.join(repo, 'node_modules', '.bin', name);

/** Each kit: its collection file and the environment variable naming the API root (with a trailing slash). */
const KITS = {
  tmf629: { base: '/tmf-api/customerManagement/v4/', variable: 'Customer' },
  tmf632: { base: '/tmf-api/party/v4/', variable: 'Party' },
};

const log = (...args) => console.log('[tmf-ctk]', ...args);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, server, seconds = 180) {
  for (let i = 0; i < seconds * 4; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become healthy in time');
}

/** Signs in as the first administrator and issues an API token for the kits. */
async function createToken(url, password) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('crm_session='));
  const { csrfToken } = await login.json();
  const res = await fetch(`${url}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'TM Forum conformance kits' }),
  });
  if (!res.ok) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

/** A pass-through proxy on 127.0.0.1 adding the bearer token, as a deployment's API gateway would. */
function startGateway(target, token) {
  const gateway = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, authorization: `Bearer ${token}` },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => gateway.listen(0, '127.0.0.1', () => resolve(gateway)));
}

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function collectionOf(kit) {
  const dir = path.join(kitsDir, kit);
  const file = readdirSync(dir).find((f) => /(postman_collection|testkit)\.json$/.test(f));
  if (!file) throw new Error(`no collection in ${dir}`);
  return path.join(dir, file);
}

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const kits = wanted.length ? wanted : Object.keys(KITS);
  for (const kit of kits)
    if (!KITS[kit]) throw new Error(`unknown kit ${kit} (one of ${Object.keys(KITS).join(', ')})`);
  if (!existsSync(kitsDir)) throw new Error(`the kits are not at ${kitsDir} (set TMF_CTK_DIR)`);

  const scratch = mkdtempSync(path.join(tmpdir(), 'tmf-ctk-'));
  const password = randomBytes(12).toString('base64url');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let databaseUrl;
  let dropDatabase = async () => {};
  if (process.env.TMF_CTK_DATABASE_URL) {
    const name = `tmf_ctk_${process.pid}_${Date.now()}`;
    const { default: pg } = await import('pg');
    const onServer = async (sql) => {
      const client = new pg.Client({ connectionString: process.env.TMF_CTK_DATABASE_URL });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await onServer(`create database ${name}`);
    dropDatabase = () => onServer(`drop database if exists ${name} with (force)`);
    const u = new URL(process.env.TMF_CTK_DATABASE_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    log(`scratch PostgreSQL database ${name}`);
  } else log(`scratch PGlite database in ${scratch}`);

  const server = spawn(bin('tsx'), [path.join(repo, 'apps', 'server', 'src', 'main.ts')], {
    cwd: path.join(repo, 'apps', 'server'),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(scratch, 'pglite'),
      DATABASE_URL: databaseUrl ?? '',
      CRM_DEMO: 'false',
      CRM_ADMIN_PASSWORD: password,
      WEB_DIST: path.join(scratch, 'no-web'),
      WORKERS: '1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // The kits' hub listeners run on this machine: private and loopback callbacks are allowed.
      TMF_HUB_ALLOW_PRIVATE: process.env.TMF_HUB_ALLOW_PRIVATE ?? 'true',
    },
  });
  let gateway;
  const failures = [];
  try {
    await waitForHealth(url, server);
    const token = await createToken(url, password);
    gateway = await startGateway(port, token);
    const gatewayUrl = `http://127.0.0.1:${gateway.address().port}`;
    log(`server ${url}, gateway ${gatewayUrl}`);
    for (const kit of kits) {
      const { base, variable } = KITS[kit];
      log(`running ${kit}`);
      const code = await run(bin('newman'), [
        'run',
        collectionOf(kit),
        '--env-var',
        `${variable}=${gatewayUrl}${base}`,
        '--color',
        'off',
      ]);
      log(`${kit}: newman exit code ${code}`);
      if (code !== 0) failures.push(kit);
    }
  } finally {
    gateway?.close();
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    rmSync(scratch, { recursive: true, force: true });
    await dropDatabase();
  }
  if (failures.length) {
    log(`FAILED: ${failures.join(', ')}`);
    process.exit(1);
  }
  log(`all kits passed: ${kits.join(', ')}`);
}

main().catch((e) => {
  console.error('[tmf-ctk]', e.message);
  process.exit(1);
});
