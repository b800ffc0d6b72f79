// Bill import benchmark: the product's import (same service and job code as the UI and CLI: stream + COPY into the
// staging table, set-based validation, chunked upsert into bills) against `psql \copy` of the same file into a bare
// table, on the same PostgreSQL server.
//
//   npx tsx bench/import-bills/run.ts [--rows 2000000] [--url postgres://postgres@127.0.0.1:5432/postgres]
//
// Creates (and drops at the end, unless --keep) a scratch database `crm_bench_import`.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { importCommand } from '../../apps/server/src/cli/index';
import { openPostgres } from '../../apps/server/src/db/client';
import { migrateDatabase } from '../../apps/server/src/db/migrate';
import { actorContext } from '../../apps/server/src/modules/imports/imports.service';
import { bootstrapAdministrator } from '../../apps/server/src/modules/org/org.service';
import { loadAverage, median, plannerSettings, watchRss, withSpread } from '../common/protocol';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '2000000' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    keep: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
  },
});
const rows = Number(values.rows);
const PERIODS = 12;
const accounts = Math.ceil(rows / PERIODS);
const serverUrl = new URL(values.url as string);
if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(serverUrl.hostname)) throw new Error('loopback only');
const DB = 'crm_bench_import';
const dbUrl = new URL(serverUrl);
dbUrl.pathname = `/${DB}`;
const workDir = path.resolve(import.meta.dirname, '../../.tmp/bench');
mkdirSync(workDir, { recursive: true });
process.env.IMPORTS_DIR = path.join(workDir, 'imports');

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: serverUrl.toString() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const periods = Array.from({ length: PERIODS }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
const accountNo = (i: number) => `A${String(i).padStart(10, '0')}`;

/** N bill rows (12 periods per account), in the product's Chinese headers, amounts in yuan. */
async function writeBillFile(file: string) {
  const out = createWriteStream(file);
  out.write(
    '账户编号,账期,本地通话费(元),长途通话费(元),国际通话费(元),流量费(元),增值业务费(元),月租费(元),应收合计(元),已缴金额(元),欠费金额(元)\n',
  );
  let buf = '';
  for (let n = 0; n < rows; n++) {
    const a = (n % accounts) + 1;
    const p = periods[Math.floor(n / accounts)];
    const v = [(a * 37) % 9000, (a * 11) % 3000, (a * 7) % 500, (a * 53) % 12000, (a * 13) % 2000, 3000];
    const total = v.reduce((s, x) => s + x, 0);
    const paid = a % 10 === 0 ? 0 : total;
    const y = (f: number) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;
    buf += `${accountNo(a)},${p},${v.map(y).join(',')},${y(total)},${y(paid)},${y(total - paid)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await finished(out);
}

type Round = { psqlSec: number; floorSec: number; productSec: number; validateMs: number; commitMs: number };

/** One round: psql \copy into a bare table, the floor (that plus the shortest INSERT into bills), the product. */
async function runRound(handle: ReturnType<typeof openPostgres>, file: string): Promise<Round> {
  await handle.exec('drop table if exists bench_bills_bare');
  await handle.exec('truncate bills');
  await handle.exec('vacuum analyze bills');
  // 1. psql \copy of the same file into a bare table (no indexes, no constraints).
  await handle.exec(`create table bench_bills_bare (account_no text, period text, local_voice numeric(14,2),
    long_distance numeric(14,2), international numeric(14,2), data numeric(14,2), value_added numeric(14,2),
    rental numeric(14,2), total numeric(14,2), paid numeric(14,2), arrears numeric(14,2))`);
  const t0 = process.hrtime.bigint();
  const psql = spawnSync(
    'psql',
    [
      dbUrl.toString(),
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `\\copy bench_bills_bare from '${file}' with (format csv, header true)`,
    ],
    { encoding: 'utf8' },
  );
  if (psql.status !== 0) throw new Error(`psql failed: ${psql.stderr}`);
  const psqlSec = Number(process.hrtime.bigint() - t0) / 1e9;

  // 2. The floor set by the target table itself: the shortest hand-written SQL that lands the bare rows in `bills`
  //    (account number -> account and customer, yuan -> fen) with its primary key, unique key, two secondary indexes
  //    and the foreign key, but without any validation, idempotency or resumability. Emptied again before step 3.
  const t2 = process.hrtime.bigint();
  await handle.exec(`insert into bills (account_id, customer_id, period, local_voice_fen, long_distance_fen,
      international_fen, data_fen, value_added_fen, rental_fen, total_fen, paid_fen, arrears_fen)
    select a.id, a.customer_id, b.period, (b.local_voice * 100)::bigint, (b.long_distance * 100)::bigint,
      (b.international * 100)::bigint, (b.data * 100)::bigint, (b.value_added * 100)::bigint,
      (b.rental * 100)::bigint, (b.total * 100)::bigint, (b.paid * 100)::bigint, (b.arrears * 100)::bigint
    from bench_bills_bare b join billing_accounts a on a.account_no = b.account_no`);
  const floorSec = psqlSec + Number(process.hrtime.bigint() - t2) / 1e9;
  await handle.exec('truncate bills');
  await handle.exec('vacuum analyze bills');

  // 3. The product: upload, dry run, commit, exactly as `npm run cli -- import bills <file>`.
  const ctx = await actorContext({ db: handle.db, username: 'admin' });
  const t1 = process.hrtime.bigint();
  const r = await importCommand({
    handle,
    ctx,
    entity: 'bills',
    file,
    dryRun: false,
    encoding: 'auto',
    quiet: false,
  });
  const productSec = Number(process.hrtime.bigint() - t1) / 1e9;
  const [{ n }] = (await handle.pool!.query('select count(*)::int n from bills')).rows;
  if (n !== rows || r.run.committedRows !== rows) throw new Error(`expected ${rows} bills, found ${n}`);
  return { psqlSec, floorSec, productSec, validateMs: r.validateMs, commitMs: r.commitMs };
}

async function main() {
  console.log(
    `bill import benchmark: ${rows.toLocaleString()} rows (${accounts.toLocaleString()} accounts x ${PERIODS} periods)`,
  );
  await admin(`drop database if exists ${DB} with (force)`);
  await admin(`create database ${DB}`);
  const handle = openPostgres(dbUrl.toString(), 4);
  try {
    await migrateDatabase(handle);
    await bootstrapAdministrator({ db: handle.db, password: 'bench-password-1' });
    console.log('creating customers and billing accounts ...');
    await handle.exec(`
      insert into parties (party_type, name) select 'organization', 'Bench ' || g from generate_series(1, ${accounts}) g;
      insert into customers (party_id, customer_no, category, org_unit_id)
        select id, 'C' || lpad(id::text, 10, '0'), 'business', (select min(o.id) from org_units o) from parties order by 1;
      insert into billing_accounts (customer_id, account_no, name)
        select id, 'A' || lpad(id::text, 10, '0'), 'Account ' || id from customers order by 1;
      analyze;`);
    const file = path.join(workDir, `bills-${rows}.csv`);
    console.log(`writing ${file} ...`);
    await writeBillFile(file);
    const mb = statSync(file).size / 1048576;

    const rounds = Math.max(1, Number(values.rounds));
    const settings = await plannerSettings(dbUrl.toString());
    const loadBefore = loadAverage();
    const rss = watchRss(process.pid);
    const results: Round[] = [];
    for (let i = 1; i <= rounds; i++) {
      console.log(`round ${i} of ${rounds}: psql \\copy, floor, product import ...`);
      results.push(await runRound(handle, file));
    }
    const rate = (sec: number) =>
      Math.round(rows / sec)
        .toLocaleString()
        .padStart(10);
    console.log(`\nfile: ${mb.toFixed(0)} MiB, ${rows.toLocaleString()} rows, ${rounds} rounds`);
    console.log(`load average before: ${loadBefore}; after: ${loadAverage()}`);
    console.log(`planner settings: ${settings}`);
    console.log(`bench process RSS peak (the product import runs in it): ${rss.stop().toFixed(0)} MB`);
    for (const [i, r] of results.entries()) {
      console.log(
        `round ${i + 1}: psql \\copy ${rate(r.psqlSec)} rows/s | floor ${rate(r.floorSec)} rows/s | product ${rate(r.productSec)} rows/s (dry run ${(r.validateMs / 1000).toFixed(1)} s, commit ${(r.commitMs / 1000).toFixed(1)} s)`,
      );
    }
    const ofFloor = results.map((r) => r.floorSec / r.productSec);
    const ofCopy = results.map((r) => r.psqlSec / r.productSec);
    const floorOfCopy = results.map((r) => r.psqlSec / r.floorSec);
    console.log(
      `product / floor: ${withSpread(ofFloor)} (target >= 0.80: ${median(ofFloor) >= 0.8 ? 'met' : 'NOT met'})`,
    );
    console.log(`product / psql \\copy: ${withSpread(ofCopy)}; floor / psql \\copy: ${withSpread(floorOfCopy)}`);
  } finally {
    await handle.close();
    if (!values.keep) await admin(`drop database if exists ${DB} with (force)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
