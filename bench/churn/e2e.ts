/**
 * Churn end to end on PostgreSQL: the monthly feature snapshot, training of both learners (the registry's job code,
 * `runTraining`), and the score job (`runScoring`: snapshot, score, reasons in words, control group, write) over every
 * customer, as the job worker runs them. Prints the figures; the scoring target at 1M customers is < 60 s.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/churn/e2e.ts                 # 20,000
 *   DATABASE_URL=... npx tsx bench/churn/e2e.ts --customers 1000000 --page 10000                          # 1M
 *
 * Creates (once) the scratch database `crm_bench_churn_<customers>` and migrates it on every run: the grading benchmark's synthetic operator
 * (bench/grading/generate.ts, 12 months of bills) plus churn: 1 customer in 20 leaves in the last three months
 * (termination recorded, bills stop), after its spend halved from five months before; 1 in 20 more halves its
 * spend and stays (noise). With python3-sklearn installed (and without --no-sklearn), it also writes the encoded training matrix and prints
 * scikit-learn's training times on it (bench/churn/sklearn_times.py).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../../apps/server/src/db/client';
import { migrateDatabase } from '../../apps/server/src/db/migrate';
import { encodeFeatureRows, encodingOf } from '../../apps/server/src/modules/churn/churn.features';
import { labelledSnapshots, writeSnapshotPaged } from '../../apps/server/src/modules/churn/churn.features.queries';
import {
  runScoring,
  runTraining,
  SCORE_PAGE_SIZE_PG,
  SCORE_PAGES_IN_FLIGHT_PG,
} from '../../apps/server/src/modules/churn/churn.service';
import { defaultWorkerCount } from '../../apps/server/src/modules/churn/churn.workers';
import { periodOf, shiftPeriod, todayIso } from '../../apps/server/src/modules/ka-common/ka-common.models';
import { generateOperator } from '../grading/generate';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '20000' },
    page: { type: 'string' },
    'in-flight': { type: 'string' },
    workers: { type: 'string' },
    'no-train-gbdt': { type: 'boolean', default: false },
    'no-sklearn': { type: 'boolean', default: false },
    'build-only': { type: 'boolean', default: false },
  },
});
const customers = Number(values.customers);
const pageSize = values.page ? Number(values.page) : undefined;
const log = (s: string) => console.log(s);
const last = shiftPeriod(periodOf(todayIso()), -1);
const trainPeriod = shiftPeriod(last, -3);

async function main() {
  const url = process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a PostgreSQL server.');
  const name = `crm_bench_churn_${customers}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const h = openPostgres(scratch.toString(), 8);
  const pool = h.pool as pg.Pool;
  // The longest the event loop was blocked during a step: training and scoring run in worker threads, so a server
  // doing this keeps answering requests.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const stall = () => `longest event-loop stall ${(loop.max / 1e6).toFixed(0)} ms`;
  const time = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    loop.reset();
    loop.enable();
    const r = await f();
    loop.disable();
    log(`  ${what.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1)} s (${stall()})`);
    return r;
  };
  // Always: a database built by an earlier version of the code picks up the migrations added since.
  await migrateDatabase(h);
  if (!exists) {
    log(`building ${name} ...`);
    await generateOperator(pool, { customers, months: 12, lastPeriod: last, log });
    await pool.query(`update customers set since_date = '2018-01-01' where status <> 'prospect'`);
    // Spend halves from five months before the end for 1 in 10 active customers; half of them leave later.
    await pool.query(`update bills b set total_fen = b.total_fen / 2, data_fen = b.data_fen / 2,
        local_voice_fen = b.local_voice_fen / 2, paid_fen = least(b.paid_fen, b.total_fen / 2)
      from customers c where c.id = b.customer_id and c.status = 'active' and c.id % 20 in (0, 1)
        and b.period >= '${shiftPeriod(last, -4)}'`);
    await pool.query(`insert into churn_terminations (customer_id, termination_date, reason_code)
      select id, '${shiftPeriod(last, -2)}-01'::date + (id / 20) % 85, 'price' from customers
      where status = 'active' and id % 20 = 0`);
    await pool.query(
      `update customers set status = 'churned' where id in (select customer_id from churn_terminations)`,
    );
    await pool.query(`delete from bills b using churn_terminations t
      where t.customer_id = b.customer_id and b.period > to_char(t.termination_date, 'YYYY-MM')`);
    await pool.query('vacuum analyze');
  }
  if (values['build-only']) {
    log(`${name} is built`);
    await h.close();
    return;
  }
  await pool.query('delete from churn_scores; delete from churn_score_runs; delete from churn_models');
  await pool.query('delete from churn_feature_snapshots');
  log(
    `churn end to end: ${customers} customers, PostgreSQL, pages of ${pageSize ?? SCORE_PAGE_SIZE_PG}, ` +
      `${values['in-flight'] ?? SCORE_PAGES_IN_FLIGHT_PG} in flight, ${values.workers ?? defaultWorkerCount()} worker thread(s)`,
  );
  const rows = await time(`feature snapshot ${trainPeriod}`, () =>
    writeSnapshotPaged(h.db, {
      period: trainPeriod,
      pageSize: pageSize ?? SCORE_PAGE_SIZE_PG,
      pagesInFlight: values['in-flight'] ? Number(values['in-flight']) : SCORE_PAGES_IN_FLIGHT_PG,
    }),
  );
  log(`    ${rows} snapshot rows`);
  const payload = { fromPeriod: trainPeriod, toPeriod: trainPeriod, horizonMonths: 3, reuseSnapshots: true };
  let jobId = 900_000_000;
  for (const learner of values['no-train-gbdt'] ? (['logistic'] as const) : (['logistic', 'gbdt'] as const)) {
    const r = await time(`train ${learner} (read, fit, validate, register)`, () =>
      runTraining({ db: h.db, jobId: jobId++, payload: { ...payload, learner }, reuseSnapshots: true }),
    );
    log(`    validation AUC ${r.auc.toFixed(4)}${r.champion ? ' (champion)' : ''}`);
  }
  const t0 = performance.now();
  loop.reset();
  loop.enable();
  const timings = { snapshotMs: 0, scoreMs: 0, writeMs: 0 };
  const scored = await runScoring({
    db: h.db,
    pool,
    jobId: jobId++,
    payload: { period: last, controlPercent: 10 },
    pageSize,
    pagesInFlight: values['in-flight'] ? Number(values['in-flight']) : undefined,
    workers: values.workers ? Number(values.workers) : undefined,
    timings,
  });
  const s = (performance.now() - t0) / 1000;
  loop.disable();
  log(
    `  ${'score end to end (snapshot, score, reasons, write)'.padEnd(44)} ${s.toFixed(1)} s: ${scored.customers} customers, ${Math.round(scored.customers / s)} /s (target at 1M: < 60 s)`,
  );
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  log(
    `    summed over the pages (overlapping): snapshot statements ${sec(timings.snapshotMs)}, scoring in workers ${sec(timings.scoreMs)}, COPY writes ${sec(timings.writeMs)}; ${stall()}`,
  );
  if (!values['no-sklearn']) {
    // The Debian package installs into the system python, which a pyenv shim on PATH may hide.
    const python = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((p) => {
      if (!p) return false;
      try {
        execFileSync(p, ['-c', 'import sklearn'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    });
    if (!python) {
      log('  scikit-learn not importable (apt-get install python3-sklearn, or PYTHON=...): no comparison');
      await h.close();
      return;
    }
    const labelled = await labelledSnapshots(h.db, { from: trainPeriod, to: trainPeriod, horizonMonths: 3 });
    const enc = encodingOf(labelled.map((r) => r.features));
    const m = encodeFeatureRows(
      labelled.map((r) => r.features),
      enc,
    );
    const dir = path.join('.tmp', 'bench');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `churn-e2e-${customers}.csv`);
    const lines = [[...m.columns.map((c) => c.name.replace(/[,\s]/g, '_')), 'label'].join(',')];
    for (let r = 0; r < m.rows; r++) {
      const cells = Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols), (v) => (Number.isNaN(v) ? 'nan' : v));
      lines.push(`${cells.join(',')},${labelled[r].label}`);
    }
    writeFileSync(file, lines.join('\n'));
    log(`  scikit-learn on the same ${m.rows} x ${m.cols} matrix:`);
    process.stdout.write(
      execFileSync(python, [path.join('bench', 'churn', 'sklearn_times.py'), file], { encoding: 'utf8' }),
    );
  }
  await h.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
