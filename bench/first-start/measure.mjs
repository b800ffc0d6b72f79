// First start on a fresh embedded database: how long do sign-in and the first pages take while the demo's
// background jobs (grading follow-ups, warnings, churn, surveys, KPI ...) still run?
//
//   node bench/first-start/measure.mjs                 # fresh DATA_DIR under /tmp, port 3390
//   node bench/first-start/measure.mjs --port 3391 --user am1 --interval 500 --max-minutes 20 --keep
//   npx tsx bench/first-start/prepare.ts /tmp/first-start && node bench/first-start/measure.mjs --from /tmp/first-start
//
// Starts `npx tsx apps/server/src/main.ts` like `npm start` does (without the web build), waits for the printed URL,
// then every `--interval` ms (one probe at a time: a probe that takes longer delays the next one) times
// `POST /api/auth/login`, `GET /api/customers?limit=20` with that session, and reads the job queue from `/metrics`
// (loopback). It stops once the queue has no due or running job (after at least three probes), prints the timeline
// (one line per probe, plus a line whenever a job type starts or finishes) and the worst and median figures.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg('port', 3390));
const user = arg('user', 'am1');
const password = arg('password', 'demo1234');
const intervalMs = Number(arg('interval', 500));
const maxMinutes = Number(arg('max-minutes', 20));
const keep = process.argv.includes('--keep');
const quiet = process.argv.includes('--quiet');
const base = `http://127.0.0.1:${port}`;

const dataDir = arg('data-dir', undefined) ?? mkdtempSync(path.join(tmpdir(), 'wt-start-data-'));
const t0 = Date.now();
const secs = (ms) => (ms / 1000).toFixed(1);
let urlAt = 0;

// --from <dir>: start on a copy of a database prepared by prepare.ts (the demo loaded, its jobs queued), to time the
// jobs again without loading the demo each time.
const from = arg('from', undefined);
if (from) cpSync(from, dataDir, { recursive: true });
console.log(`[measure] DATA_DIR=${dataDir}${from ? ` (a copy of ${from})` : ''} port ${port}`);
const server = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
  cwd: repoRoot,
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
const serverLines = [];
let printedUrl;
const printed = new Promise((resolve) => {
  printedUrl = resolve;
});
const onLine = (line) => {
  serverLines.push(`${secs(Date.now() - t0)} ${line}`);
  if (!quiet && !line.startsWith('{')) console.log(`[server +${secs(Date.now() - t0)}s] ${line}`);
  if (line.includes('Telecom CRM is running at')) printedUrl();
};
for (const stream of [server.stdout, server.stderr]) {
  let rest = '';
  stream.on('data', (chunk) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) onLine(p);
  });
}
let exited = false;
server.on('exit', (code) => {
  exited = true;
  if (code) console.log(`[measure] the server exited with code ${code}`);
});

const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // gone
  }
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

async function timed(fn) {
  const started = performance.now();
  try {
    const res = await fn();
    return { ms: performance.now() - started, status: res.status, res };
  } catch (err) {
    return { ms: performance.now() - started, status: 0, error: `${err}${err?.cause ? ` (${err.cause})` : ''}` };
  }
}

/** Due + running jobs per type from the Prometheus text (crm_job_queued / crm_job_running gauges). */
function parseQueue(text) {
  const byType = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^crm_jobs?_(queued|running)[a-z_]*\{type="([^"]+)"\} (\d+(?:\.\d+)?)/);
    if (!m) continue;
    const entry = byType[m[2]] ?? { queued: 0, running: 0 };
    entry[m[1]] += Number(m[3]);
    byType[m[2]] = entry;
  }
  return byType;
}

async function probe() {
  const login = await timed(() =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password }),
    }),
  );
  const cookie = login.res?.headers.get('set-cookie')?.split(';')[0];
  await login.res?.arrayBuffer().catch(() => {});
  const list = cookie
    ? await timed(() => fetch(`${base}/api/customers?limit=20`, { headers: { cookie } }))
    : { ms: 0, status: 0 };
  await list.res?.arrayBuffer().catch(() => {});
  const metrics = await timed(() => fetch(`${base}/metrics`));
  const text = metrics.res ? await metrics.res.text().catch(() => '') : '';
  const error = login.error ?? list.error ?? metrics.error;
  return { login, list, metricsMs: metrics.ms, queue: parseQueue(text), error };
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
};

async function main() {
  await Promise.race([printed, new Promise((r) => setTimeout(r, maxMinutes * 60_000))]);
  if (exited) throw new Error('the server exited before printing its URL');
  urlAt = Date.now();
  console.log(`[measure] URL printed after ${secs(urlAt - t0)} s; probing every ${intervalMs} ms`);
  const rows = [];
  let running = new Set();
  const deadline = urlAt + maxMinutes * 60_000;
  while (Date.now() < deadline && !exited) {
    const at = Date.now();
    const p = await probe();
    const since = at - urlAt;
    const active = Object.entries(p.queue).filter(([, v]) => v.queued + v.running > 0);
    const now = new Set(active.filter(([, v]) => v.running > 0).map(([t]) => t));
    const started = [...now].filter((t) => !running.has(t));
    const ended = [...running].filter((t) => !now.has(t));
    running = now;
    const queued = active.reduce((n, [, v]) => n + v.queued + v.running, 0);
    rows.push({
      since,
      login: p.login.ms,
      list: p.list.ms,
      queued,
      ok: p.login.status === 200 && p.list.status === 200,
    });
    const flag =
      p.login.status === 200 && p.list.status === 200
        ? ''
        : ` (status ${p.login.status}/${p.list.status}${p.error ? `: ${p.error}` : ''})`;
    const changes = [...started.map((t) => `+${t}`), ...ended.map((t) => `-${t}`)].join(' ');
    console.log(
      `  +${secs(since).padStart(6)} s  login ${p.login.ms.toFixed(0).padStart(6)} ms  customers ${p.list.ms
        .toFixed(0)
        .padStart(
          6,
        )} ms  metrics ${p.metricsMs.toFixed(0).padStart(6)} ms  jobs due/running ${String(queued).padStart(3)}${flag}${changes ? `  ${changes}` : ''}`,
    );
    if (rows.length >= 3 && queued === 0) break;
    const wait = intervalMs - (Date.now() - at);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  const logins = rows.map((r) => r.login);
  const lists = rows.map((r) => r.list);
  const worstLogin = rows.reduce((a, b) => (b.login > a.login ? b : a), rows[0]);
  const worstList = rows.reduce((a, b) => (b.list > a.list ? b : a), rows[0]);
  const firstLogin = rows[0];
  console.log('');
  console.log(`[measure] demo loaded and URL printed after ${secs(urlAt - t0)} s`);
  console.log(
    `[measure] first sign-in ${firstLogin.login.toFixed(0)} ms, first customer list ${firstLogin.list.toFixed(0)} ms`,
  );
  console.log(
    `[measure] sign-in: worst ${worstLogin.login.toFixed(0)} ms (at +${secs(worstLogin.since)} s), median ${percentile(logins, 50).toFixed(0)} ms, p90 ${percentile(logins, 90).toFixed(0)} ms`,
  );
  console.log(
    `[measure] customer list: worst ${worstList.list.toFixed(0)} ms (at +${secs(worstList.since)} s), median ${percentile(lists, 50).toFixed(0)} ms, p90 ${percentile(lists, 90).toFixed(0)} ms`,
  );
  const slow = rows.filter((r) => r.login + r.list > 2000).length;
  console.log(`[measure] probes over 2 s (sign-in + list): ${slow} of ${rows.length}`);
  console.log(`[measure] job queue empty after +${secs(Date.now() - urlAt)} s (${rows.length} probes)`);
}

/** After the server stopped: every job's start and end relative to the printed URL, read from the database. */
async function printJobTimeline() {
  await new Promise((resolve) => {
    if (exited) resolve();
    else server.on('exit', resolve);
  });
  // npx may exit before the server: wait until the server released the data directory (it removes the lock file).
  for (let i = 0; i < 100 && existsSync(`${dataDir}.lock`); i++) await new Promise((r) => setTimeout(r, 200));
  rmSync(`${dataDir}.lock`, { force: true });
  const { PGlite } = await import(path.join(repoRoot, 'node_modules/@electric-sql/pglite/dist/index.js'));
  const pg = await PGlite.create({ dataDir });
  const { rows } = await pg.query(`select id, type, status, attempts,
      extract(epoch from started_at) * 1000 as started, extract(epoch from finished_at) * 1000 as finished
    from jobs where started_at is not null order by started_at, id`);
  await pg.close();
  console.log('');
  console.log('[measure] jobs (start / end in s after the URL, duration):');
  for (const r of rows) {
    const s = Number(r.started) - urlAt;
    const f = r.finished === null ? null : Number(r.finished) - urlAt;
    console.log(
      `  #${String(r.id).padEnd(5)} ${r.type.padEnd(28)} ${secs(s).padStart(7)} -> ${f === null ? '    ...' : secs(f).padStart(7)}  ${f === null ? '' : `${secs(f - s)} s`}  ${r.status}${r.attempts > 1 ? ` (attempt ${r.attempts})` : ''}`,
    );
  }
}

main()
  .catch((err) => {
    console.error(`[measure] ${err instanceof Error ? err.message : err}`);
    console.error(serverLines.slice(-20).join('\n'));
    process.exitCode = 1;
  })
  .finally(async () => {
    stop();
    if (urlAt) await printJobTimeline().catch((err) => console.error(`[measure] no job timeline: ${err}`));
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.lock`, { force: true });
  });
