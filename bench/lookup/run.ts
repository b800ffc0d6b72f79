// Hotline lookup benchmark: GET /api/customers/lookup?phone= with random existing numbers against a 1M-customer
// operator, driven by autocannon from this process while the server runs as a child process; then `pgbench -S` on the
// same PostgreSQL server for the same duration. Prints requests/s, p50/p99 latency, pgbench TPS and the ratio.
//
//   npx tsx bench/lookup/run.ts [--customers 1000000] [--duration 30] [--connections 16] [--workers 2]
//                               [--driver autocannon] [--reference] [--url postgres://...]
//                               [--with-exports] [--db crm_bench_lookup] [--tsx]
//
// The server runs as `npm start` runs it, compiled (`apps/server/dist/main.js`, built first); --tsx runs the
// TypeScript through tsx instead (as before ADR 0005).
// --reference: the protocol of issue 16: both servers run side by side and the load alternates between them for
// --rounds rounds (3): product lookup, bare reference, product caller card; prints each ratio as the median of the
// rounds with its spread, the server's peak RSS, the load average and the planner settings. Targets: lookup >= 85% of
// the reference's requests/s, p99 <= 1.3x the reference's, caller card >= 50%, RSS < 400 MB.
//
// --with-exports: the lookup load twice, first alone, then while two full customer exports (.xlsx, as export jobs)
// run the whole time (a finished export is started again); prints p99 of both and the target p99 < 50 ms.
//
// Databases `crm_bench_lookup` (kept between runs unless --fresh: building 1M customers takes minutes) and
// `crm_bench_pgbench` (pgbench -i -s 10). Loopback only; every loop is bounded by --duration.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadAverage, median, plannerSettings, watchRss, withSpread } from '../common/protocol';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: '3990' },
    workers: { type: 'string', default: '1' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    fresh: { type: 'boolean', default: false },
    driver: { type: 'string', default: 'wrk' },
    reference: { type: 'boolean', default: false },
    'with-exports': { type: 'boolean', default: false },
    db: { type: 'string', default: 'crm_bench_lookup' },
    rounds: { type: 'string', default: '3' },
    tsx: { type: 'boolean', default: false },
  },
});
const N = Number(values.customers);
const duration = Math.min(600, Number(values.duration));
const connections = Number(values.connections);
const port = Number(values.port);
const serverUrl = new URL(values.url as string);
if (!['127.0.0.1', 'localhost'].includes(serverUrl.hostname)) throw new Error('loopback only');
const urlOf = (db: string) => Object.assign(new URL(serverUrl), { pathname: `/${db}` }).toString();
const DB = values.db as string;
if (!/^[a-z_][a-z0-9_]*$/.test(DB)) throw new Error('--db: a plain database name');
const PASSWORD = 'bench-password-1';
const repo = path.resolve(import.meta.dirname, '../..');
const mobileOf = (i: number) => `139${String(i).padStart(8, '0')}`;

async function query(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

async function ensureOperator() {
  const exists = (await query(serverUrl.toString(), `select 1 from pg_database where datname = '${DB}'`)).length > 0;
  if (exists && !values.fresh) {
    const [{ n }] = await query(urlOf(DB), 'select count(*)::int n from customers').catch(() => [{ n: -1 }]);
    if (n === N) return console.log(`reusing ${DB} (${n.toLocaleString()} customers)`);
  }
  await query(serverUrl.toString(), `drop database if exists ${DB} with (force)`);
  await query(serverUrl.toString(), `create database ${DB}`);
  const { openPostgres } = await import('../../apps/server/src/db/client');
  const { migrateDatabase } = await import('../../apps/server/src/db/migrate');
  const { bootstrapAdministrator } = await import('../../apps/server/src/modules/org/org.service');
  const handle = openPostgres(urlOf(DB), 2);
  try {
    await migrateDatabase(handle);
    await bootstrapAdministrator({ db: handle.db, password: PASSWORD });
    console.log(`building ${N.toLocaleString()} customers (parties with mobiles, one contact per 10, accounts) ...`);
    const t0 = Date.now();
    await handle.exec(`
      insert into parties (party_type, name, mobile)
        select 'individual', '客户' || g, '139' || lpad(g::text, 8, '0') from generate_series(1, ${N}) g;
      insert into customers (party_id, customer_no, category, org_unit_id)
        select id, 'C' || lpad(id::text, 10, '0'), 'public', (select min(o.id) from org_units o) from parties order by 1;
      insert into contacts (customer_id, name, mobile)
        select id, '联系人' || id, '138' || lpad(id::text, 8, '0') from customers where id % 10 = 0;
      analyze;`);
    console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await handle.close();
  }
}

/** The server as `npm start` runs it: compiled (`npm run build -w apps/server`, ADR 0005), unless --tsx. */
function startServer(): ChildProcess {
  if (!values.tsx) {
    const built = spawnSync('npm', ['run', 'build', '-w', 'apps/server'], { cwd: repo, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build -w apps/server failed');
  }
  const entry = values.tsx
    ? ['--import', 'tsx', 'apps/server/src/main.ts']
    : ['--enable-source-maps', 'apps/server/dist/main.js'];
  const child = spawn(process.execPath, entry, {
    cwd: repo,
    env: {
      ...process.env,
      DATABASE_URL: urlOf(DB),
      PORT: String(port),
      HOST: '127.0.0.1',
      CRM_DEMO: 'false',
      LOG_LEVEL: 'warn',
      WORKERS: values.workers,
      // --with-exports: full exports of every customer (above the default row cap), files in a scratch directory.
      EXPORT_MAX_ROWS: String(Math.max(200_000, N)),
      EXPORTS_DIR: path.join(tmpdir(), `crm-bench-exports-${process.pid}`),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  return child;
}

async function waitForServer(base: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

async function apiToken(base: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const res = await fetch(`${base}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: `bench-${Date.now()}` }),
  });
  if (!res.ok) throw new Error(`token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

type Load = { driver: string; rps: number; p50: number; p99: number; errors: number; total: number };

const hasWrk = () => spawnSync('wrk', ['--version']).error === undefined;

/**
 * wrk (C, epoll; Debian package `wrk`) when installed: its per-request cost is close to pgbench's client, so the
 * ratio compares the server paths rather than the load generators. Random existing numbers via a Lua script.
 */
function driveWithWrk(base: string, token: string, route = '/api/customers/lookup'): Load {
  const script = path.join(tmpdir(), `crm-bench-lookup-${process.pid}.lua`);
  writeFileSync(
    script,
    `wrk.headers["authorization"] = "Bearer ${token}"
math.randomseed(${Date.now() % 1_000_000})
request = function()
  return wrk.format("GET", "${route}?phone=139" .. string.format("%08d", math.random(1, ${N})))
end
`,
  );
  console.log(`driving GET ${route} with wrk for ${duration} s, ${connections} connections ...`);
  const run = spawnSync(
    'wrk',
    ['-t', '2', '-c', String(connections), '-d', `${duration}s`, '--latency', '-s', script, base],
    { encoding: 'utf8' },
  );
  rmSync(script, { force: true });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`);
  const out = run.stdout;
  const ms = (label: string) => {
    const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) throw new Error(`no ${label}% latency in: ${out}`);
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((a, x) => a + Number(x), 0) : 0);
  return {
    driver: 'wrk',
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: ms('50'),
    p99: ms('99'),
    errors,
    total,
  };
}

async function driveWithAutocannon(base: string, token: string, route = '/api/customers/lookup'): Promise<Load> {
  console.log(`driving GET ${route} with autocannon for ${duration} s, ${connections} connections ...`);
  const result = await autocannon({
    url: base,
    connections,
    duration,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `${route}?phone=${mobileOf(1 + Math.floor(Math.random() * N))}`,
        }),
      },
    ],
  });
  return {
    driver: 'autocannon',
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  };
}

function pgbench(): number {
  const db = 'crm_bench_pgbench';
  const exists = spawnSync('psql', [serverUrl.toString(), '-tAc', `select 1 from pg_database where datname='${db}'`], {
    encoding: 'utf8',
  });
  if (exists.stdout.trim() !== '1') {
    spawnSync('psql', [serverUrl.toString(), '-c', `create database ${db}`], { stdio: 'inherit' });
    const init = spawnSync('pgbench', ['-i', '-s', '10', '-q', urlOf(db)], { stdio: 'inherit' });
    if (init.status !== 0) throw new Error('pgbench -i failed');
  }
  const run = spawnSync('pgbench', ['-S', '-c', String(connections), '-j', '2', '-T', String(duration), urlOf(db)], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr}`);
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout) ?? /tps = ([\d.]+)/.exec(run.stdout);
  if (!m) throw new Error(`no tps in: ${run.stdout}`);
  return Number(m[1]);
}

async function main() {
  await ensureOperator();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer();
  try {
    await waitForServer(base);
    const token = await apiToken(base);
    if (values['with-exports']) return await runWithExports(base, token);
    if (values.reference) return await runProtocol(base, token, server);
    const check = await fetch(`${base}/api/customers/lookup?phone=${mobileOf(42)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!check.ok) throw new Error(`lookup check failed: ${check.status} ${await check.text()}`);
    const load =
      hasWrk() && values.driver !== 'autocannon' ? driveWithWrk(base, token) : await driveWithAutocannon(base, token);
    const { rps, p50, p99, errors, total, driver } = load;
    console.log(`running pgbench -S for ${duration} s with ${connections} clients ...`);
    const tps = pgbench();
    const ratio = rps / tps;
    console.log(
      `\nlookup (${driver}, ${values.workers} server processes): ${Math.round(rps).toLocaleString()} requests/s, p50 ${p50} ms, p99 ${p99} ms, ${errors} errors / non-2xx of ${total}`,
    );
    console.log(`pgbench -S: ${Math.round(tps).toLocaleString()} TPS`);
    console.log(
      `ratio lookup / pgbench: ${(ratio * 100).toFixed(0)}% (target >= 30%: ${ratio >= 0.3 ? 'met' : 'NOT met'}); p99 < 25 ms: ${p99 < 25 ? 'met' : 'NOT met'}`,
    );
  } finally {
    server.kill('SIGTERM');
  }
}

const drive = (base: string, token: string, route?: string) =>
  hasWrk() && values.driver !== 'autocannon'
    ? Promise.resolve(driveWithWrk(base, token, route))
    : driveWithAutocannon(base, token, route);

type ExportJobView = { id: number; status: string; rowsDone: number; rowsTotal: number | null };

/** Keeps `count` full customer exports running (as export jobs) until `stop()`; answers how many finished. */
function keepExportsRunning(base: string, token: string, count: number) {
  const headers = { authorization: `Bearer ${token}` };
  const start = async () => {
    const res = await fetch(`${base}/api/exports/customers?format=xlsx`, { method: 'POST', headers });
    if (res.status !== 202) throw new Error(`export failed to start: ${res.status} ${await res.text()}`);
    return ((await res.json()) as ExportJobView).id;
  };
  const view = async (id: number) =>
    (await (await fetch(`${base}/api/exports/${id}`, { headers })).json()) as ExportJobView;
  let stopped = false;
  let finished = 0;
  let running: number[] = [];
  const loop = (async () => {
    running = await Promise.all(Array.from({ length: count }, start));
    while (!stopped) {
      await new Promise((r) => setTimeout(r, 250));
      const views = await Promise.all(running.map(view));
      for (const [i, v] of views.entries()) {
        if (v.status === 'failed') throw new Error(`export ${v.id} failed`);
        if (v.status === 'succeeded' && !stopped) {
          finished++;
          running[i] = await start();
        }
      }
    }
  })();
  return {
    /** Resolves once every export is running (not merely queued). */
    started: async () => {
      for (let i = 0; i < 240; i++) {
        if (running.length === count && (await Promise.all(running.map(view))).every((v) => v.status !== 'queued'))
          return;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error('the exports did not start');
    },
    stop: async () => {
      stopped = true;
      await loop;
      return { finished, last: await Promise.all(running.map(view)) };
    },
  };
}

/** The lookup load alone, then while two full exports run; p99 of both (target with exports: < 50 ms). */
async function runWithExports(base: string, token: string) {
  console.log(`lookup alone for ${duration} s ...`);
  const alone = await drive(base, token);
  console.log(`lookup while two full customer exports (.xlsx, ${N.toLocaleString()} rows each) run ...`);
  const exports = keepExportsRunning(base, token, 2);
  await exports.started();
  const loaded = await drive(base, token);
  const { finished, last } = await exports.stop();
  const line = (name: string, l: Load) =>
    `${name}: ${Math.round(l.rps).toLocaleString()} requests/s, p50 ${l.p50} ms, p99 ${l.p99} ms, ${l.errors} errors / non-2xx of ${l.total}`;
  console.log(`\n${line(`lookup alone (${alone.driver})`, alone)}`);
  console.log(line('lookup with 2 exports running', loaded));
  console.log(
    `exports finished during the run: ${finished}; at the end: ${last.map((v) => `#${v.id} ${v.status} ${v.rowsDone}/${v.rowsTotal}`).join(', ')}`,
  );
  console.log(`p99 with exports < 50 ms: ${loaded.p99 < 50 ? 'met' : 'NOT met'}`);
}

/** Starts bare-server.ts (node:http + one prepared statement): the floor of any Node.js HTTP service here. */
async function startReference(): Promise<{ base: string; child: ChildProcess }> {
  const refPort = port + 1;
  const base = `http://127.0.0.1:${refPort}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lookup/bare-server.ts'], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: urlOf(DB), PORT: String(refPort) },
    stdio: 'inherit',
  });
  for (let i = 0; i < 60; i++) {
    const up = await fetch(`${base}/api/customers/lookup?phone=${mobileOf(42)}`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { base, child };
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('the reference server did not start');
}

/**
 * Issue 16's protocol: product and reference side by side, the load alternating between them for `--rounds`
 * rounds; each ratio is the median of the rounds' ratios, printed with its spread.
 */
async function runProtocol(base: string, token: string, server: ChildProcess) {
  const rounds = Math.max(1, Number(values.rounds));
  const settings = await plannerSettings(urlOf(DB));
  const loadBefore = loadAverage();
  const reference = await startReference();
  const rows: { product: Load; ref: Load; caller: Load; rss: number }[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      console.log(`round ${round} of ${rounds}`);
      const rss = watchRss(server.pid as number);
      const product = await drive(base, token);
      const ref = await drive(reference.base, 'none');
      const caller = await drive(base, token, '/api/service-desk/caller');
      rows.push({ product, ref, caller, rss: rss.stop() });
    }
  } finally {
    reference.child.kill('SIGTERM');
  }
  const f = (l: Load) =>
    `${Math.round(l.rps).toLocaleString()} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms, ${l.errors} errors`;
  console.log(
    `\n${N.toLocaleString()} customers, ${connections} connections, ${duration} s per run, ${rows[0].product.driver}`,
  );
  console.log(`server: ${values.tsx ? 'TypeScript through tsx (--tsx)' : 'compiled, as npm start runs it'}`);
  console.log(`load average before: ${loadBefore}; after: ${loadAverage()}`);
  console.log(`planner settings: ${settings}`);
  for (const [i, r] of rows.entries()) {
    console.log(
      `round ${i + 1}: lookup ${f(r.product)} | reference ${f(r.ref)} | caller card ${f(r.caller)} | server RSS peak ${r.rss.toFixed(0)} MB`,
    );
  }
  const rpsRatio = rows.map((r) => r.product.rps / r.ref.rps);
  const p99Ratio = rows.map((r) => r.product.p99 / r.ref.p99);
  const callerRatio = rows.map((r) => r.caller.rps / r.ref.rps);
  const rss = rows.map((r) => r.rss);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `lookup / reference requests/s: ${withSpread(rpsRatio)} (target >= 0.85: ${verdict(median(rpsRatio) >= 0.85)})`,
  );
  console.log(`lookup / reference p99: ${withSpread(p99Ratio)} (target <= 1.3: ${verdict(median(p99Ratio) <= 1.3)})`);
  console.log(
    `caller card / reference requests/s: ${withSpread(callerRatio)} (target >= 0.50: ${verdict(median(callerRatio) >= 0.5)})`,
  );
  console.log(`server RSS peak: ${withSpread(rss, 0)} MB (target < 400 MB: ${verdict(Math.max(...rss) < 400)})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
