/**
 * Grading benchmark: a full grading run of one period through the product's code (runGradingNow: one transaction,
 * delete + insert of the period's grades, tier/star events, run record, audit), against the fastest hand-written
 * single SQL statement computing the same tiers (pyramid layers, hysteresis included) for the same customers.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/grading/run.ts --customers 1000000
 *
 * Uses the database of DATABASE_URL when it already holds customers and bills (e.g. after
 * `npm run seed -- --customers 1000000 --months 12`); otherwise (or with --generate) it creates the scratch database
 * `crm_bench_grading_<customers>` on the same server and fills it with a synthetic operator (generate.ts).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../../apps/server/src/db/client';
import { migrateDatabase } from '../../apps/server/src/db/migrate';
import {
  addMonths,
  type RuleSetConfig,
  ruleSetConfig,
  tiers,
} from '../../apps/server/src/modules/grading/grading.models';
import { GRADING_WORK_MEM } from '../../apps/server/src/modules/grading/grading.repository';
import { ensureDefaultRuleSet } from '../../apps/server/src/modules/grading/grading.rules.service';
import { runGradingNow } from '../../apps/server/src/modules/grading/grading.service';
import { loadAverage, median, plannerSettings, watchRss, withSpread } from '../common/protocol';
import { generateOperator } from './generate';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    months: { type: 'string', default: '12' },
    period: { type: 'string' },
    repeat: { type: 'string', default: '3' },
    generate: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
  },
});
const log = (s: string) => console.log(s);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * The hand-written statements: tiers of every graded customer, counted per tier so they can be checked; and, as
 * `rows`, the same statements yielding one row (customer_id, tier) per customer, for the persisted floor.
 */
function baselines(period: string, c: RuleSetConfig): { counts: Record<string, string>; rows: Record<string, string> } {
  const from = addMonths(period, -(c.measure.months - 1));
  const prev = addMonths(period, -1);
  const T = `array[${tiers.map((t) => `'${t}'`).join(',')}]`;
  const div = c.measure.missingMonths === 'skip' ? 'greatest(a.n, 1)' : String(c.measure.months);
  const raw = `case ${[...tiers]
    .slice(1)
    .reverse()
    .map((t) => `when a.s >= ${c.tiers.minFen[t]}::bigint * ${div} then '${t}'`)
    .join(' ')} else 'crystal' end`;
  const tiered = `(${c.tiers.categories.map((x) => `'${x}'`).join(',')})`;
  const perCustomer = (
    agg: string,
  ) => `select c.id as customer_id, case when c.category not in ${tiered} then c.category
    when p.tier is null or array_position(${T}, r.raw) >= array_position(${T}, p.tier) then r.raw
    when coalesce(p.below_count, 0) + 1 >= ${c.hysteresis.downgradeAfter} then r.raw
    else p.tier end as tier
  from customers c
  left join (${agg}) a on a.customer_id = c.id
  left join customer_grades p on p.period = '${prev}' and p.customer_id = c.id
  cross join lateral (select ${raw.replaceAll('a.s', 'coalesce(a.s, 0)').replaceAll('a.n', 'coalesce(a.n, 0)')} as raw) r
  where c.status <> 'prospect' and (c.status <> 'churned' or a.n > 0)`;
  const outer = (agg: string) => `select tier, count(*)::int as n from (${perCustomer(agg)}) x group by tier`;
  const months = Array.from({ length: c.measure.months }, (_, k) => addMonths(period, -k));
  const aggregates: Record<string, string> = {
    'monthly sums in one aggregate': `select customer_id, ${months.map((_, k) => `coalesce(m${k}, 0)`).join(' + ')} as s,
      ${months.map((_, k) => `(m${k} is not null)::int`).join(' + ')} as n
      from (select customer_id, ${months.map((p, k) => `sum(total_fen) filter (where period = '${p}') as m${k}`).join(', ')}
        from bills where period between '${from}' and '${period}' group by customer_id) m`,
    'two-level aggregate': `select customer_id, sum(s)::bigint as s, count(*)::int as n from (
      select customer_id, period, sum(total_fen) as s from bills where period between '${from}' and '${period}'
      group by customer_id, period) m group by customer_id`,
    'count(distinct period)': `select customer_id, sum(total_fen)::bigint as s, count(distinct period)::int as n
      from bills where period between '${from}' and '${period}' group by customer_id`,
  };
  const map = (f: (agg: string) => string) =>
    Object.fromEntries(Object.entries(aggregates).map(([name, agg]) => [name, f(agg)]));
  return { counts: map(outer), rows: map(perCustomer) };
}

/**
 * The full floor: the shortest hand-written SQL writing what the product writes for a period, every column of
 * customer_grades and the tier / star events, into tables keyed and indexed like the product's (one INSERT of the
 * grades in key order into a keyed table, one INSERT of the events), without run record, audit, partition swap or
 * locking. Star counters are extended from the previous period's grades (the benchmark grades the previous month
 * first, under the same star rule); the benchmark checks its rows equal the product's.
 */
function fullFloor(period: string, c: RuleSetConfig, ruleSetId: number, ruleSetVersion: number): string[] {
  const q = (xs: readonly string[]) => `(${xs.map((x) => `'${x}'`).join(',')})`;
  const months = Array.from({ length: c.measure.months }, (_, k) => addMonths(period, -k));
  const T = `array[${tiers.map((t) => `'${t}'`).join(',')}]`;
  const div = c.measure.missingMonths === 'skip' ? 'greatest(mcnt, 1)' : String(c.measure.months);
  const bar = (t: string) => `msum >= ${c.tiers.minFen[t as keyof typeof c.tiers.minFen]}::bigint * div`;
  const raw = `case ${[...tiers]
    .slice(1)
    .reverse()
    .map((t) => `when ${bar(t)} then '${t}'`)
    .join(' ')} else 'crystal' end`;
  const next = tiers
    .slice(0, -1)
    .map((t, i) => `when '${t}' then spend >= ${c.tiers.minFen[tiers[i + 1] as keyof typeof c.tiers.minFen]}`)
    .join(' ');
  const s = c.stars.minMonthlyFen;
  const M = c.stars.months;
  const down = `coalesce(prev_below, 0) + 1 >= ${c.hysteresis.downgradeAfter}`;
  const part = c.abc.partitionByCategory ? 'partition by category' : '';
  const imp = c.importance;
  const grades = `insert into bench_grading_full (period, customer_id, run_id, rule_set_id, rule_set_version, category,
  tier, raw_tier, prev_tier, below_count, held, reason, stars, prev_stars, star_streak3, star_streak4, star_streak5,
  abc_class, importance, measure_fen, measure_sum_fen, measure_months, measure_divisor, spend_fen, potential)
with a as (
  select customer_id, ${months.map((m, k) => `sum(total_fen) filter (where period = '${m}')::bigint as m${k}`).join(', ')}
  from bills where period between '${months[months.length - 1]}' and '${period}' group by customer_id
), b as (
  select c.id as customer_id, c.category, c.organization_type as org,
    ${months.map((_, k) => `coalesce(a.m${k}, 0)`).join(' + ')} as msum,
    ${months.map((_, k) => `(a.m${k} is not null)::int`).join(' + ')} as mcnt, coalesce(a.m0, 0) as spend, a.m0,
    p.tier as prev_tier, p.below_count as prev_below, p.stars as prev_stars,
    p.star_streak3 as p3, p.star_streak4 as p4, p.star_streak5 as p5
  from customers c left join a on a.customer_id = c.id
  left join customer_grades p on p.period = '${addMonths(period, -1)}' and p.customer_id = c.id
  where c.status <> 'prospect' and (c.status <> 'churned' or a.customer_id is not null)
), d as (
  select b.*, ${div} as div from b
), e as (
  select d.*, case when category in ${q(c.tiers.categories)} then ${raw} end as raw_tier,
    ((msum * 2 + ${div}) / (2 * ${div}))::bigint as measure_fen,
    case when coalesce(m0 >= ${s.three}, false) then least(coalesce(p3, 0) + 1, ${M}) else 0 end as s3,
    case when coalesce(m0 >= ${s.four}, false) then least(coalesce(p4, 0) + 1, ${M}) else 0 end as s4,
    case when coalesce(m0 >= ${s.five}, false) then least(coalesce(p5, 0) + 1, ${M}) else 0 end as s5
  from d
), f as (
  select e.*, case when raw_tier is null then null
      when prev_tier is null or array_position(${T}, raw_tier) >= array_position(${T}, prev_tier) or ${down} then raw_tier
      else prev_tier end as tier,
    raw_tier is not null and prev_tier is not null and array_position(${T}, raw_tier) < array_position(${T}, prev_tier)
      and not ${down} as held,
    sum(measure_fen) over (${part} order by measure_fen desc, customer_id rows unbounded preceding) - measure_fen as before,
    sum(measure_fen) over (${part}) as total
  from e
)
select '${period}', customer_id, 0, ${ruleSetId}, ${ruleSetVersion}, category, tier, raw_tier, prev_tier,
  (case when held then coalesce(prev_below, 0) + 1 else 0 end)::smallint, held,
  case when raw_tier is null then 'untiered' when held then 'held'
    when prev_tier is not null and array_position(${T}, raw_tier) < array_position(${T}, prev_tier) then 'downgraded'
    when mcnt = 0 then 'no_spend' else 'threshold' end,
  (case when category in ${q(c.stars.categories)} then
    case when s5 >= ${M} then 5 when s4 >= ${M} then 4 when s3 >= ${M} then 3 else 0 end end)::smallint,
  prev_stars, s3, s4, s5,
  case when measure_fen <= 0 then 'C' when before < ${c.abc.aShare}::float8 * total then 'A'
    when before < ${c.abc.aShare + c.abc.bShare}::float8 * total then 'B' else 'C' end,
  case when category = 'key_account' then case when org in ${q(imp.importantOrgTypes)} then 'important'
    when msum >= ${imp.extraLargeMinFen}::bigint * div then 'extra_large' when msum >= ${imp.ordinaryMinFen}::bigint * div
    then 'ordinary' else 'below_threshold' end end,
  measure_fen, msum, mcnt, div, spend,
  coalesce(case when tier is not null then (case tier ${next} else false end)
    when category = 'business' then msum >= ${imp.ordinaryMinFen}::bigint * div end, false)
from f order by customer_id`;
  const events = `insert into bench_grading_full_events (period, customer_id, kind, from_value, to_value, direction, run_id)
select period, customer_id, 'tier', prev_tier, tier,
  case when array_position(${T}, tier) > array_position(${T}, prev_tier) then 'up' else 'down' end, 0
from bench_grading_full where tier <> prev_tier
union all
select period, customer_id, 'stars', prev_stars::text, stars::text, case when stars > prev_stars then 'up' else 'down' end, 0
from bench_grading_full where stars <> prev_stars`;
  return [grades, events];
}

async function targetUrl(): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a PostgreSQL server (the benchmark does not run on PGlite).');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const has = await client
    .query(`select (select count(*) from customers)::int as c, (select count(*) from bills)::int as b`)
    .then((r) => r.rows[0] as { c: number; b: number })
    .catch(() => ({ c: 0, b: 0 }));
  if (has.c > 0 && has.b > 0 && !args.generate) {
    await client.end();
    log(`Using ${new URL(url).pathname.slice(1)}: ${has.c} customers, ${has.b} bills.`);
    return url;
  }
  const name = `crm_bench_grading_${args.customers}`;
  if (args.fresh) await client.query(`drop database if exists ${name} with (force)`);
  const exists = (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!exists) await client.query(`create database ${name}`);
  await client.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  if (!exists) {
    log(`Generating ${args.customers} customers x ${args.months} months into scratch database ${name} ...`);
    const h = openPostgres(scratch.toString(), 2);
    await migrateDatabase(h);
    const now = new Date();
    const last = addMonths(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`, -1);
    await generateOperator(h.pool!, {
      customers: Number(args.customers),
      months: Number(args.months),
      lastPeriod: last,
      log,
    });
    await h.close();
  } else log(`Reusing scratch database ${name} (--fresh to rebuild).`);
  return scratch.toString();
}

async function main() {
  const url = await targetUrl();
  const handle = openPostgres(url, 4);
  await migrateDatabase(handle);
  const pool = handle.pool!;
  const period =
    args.period ?? ((await pool.query('select max(period) as p from bills')).rows[0].p as string | null) ?? undefined;
  if (!period) throw new Error('no bills');
  const stats = (
    await pool.query(
      `select (select count(*) from customers)::int as customers,
      (select count(*) from bills)::int as bills, (select count(*) from bills where period = $1)::int as period_bills,
      current_setting('server_version') as version, current_setting('max_parallel_workers_per_gather') as workers,
      current_setting('work_mem') as work_mem`,
      [period],
    )
  ).rows[0];
  log(`PostgreSQL ${stats.version} (max_parallel_workers_per_gather ${stats.workers}, work_mem ${stats.work_mem})`);
  log(`${stats.customers} customers, ${stats.bills} bills (${stats.period_bills} in ${period})`);

  await ensureDefaultRuleSet({ db: handle.db });
  const prev = addMonths(period, -1);
  const warm = await time(() => runGradingNow({ db: handle.db, period: prev }));
  log(`previous month ${prev} graded first (hysteresis input): ${secs(warm.ms)}, ${warm.value.graded} customers`);
  const rs = (
    await pool.query(
      `select id, version, config from grading_rule_sets where status = 'active' and effective_from <= $1 order by effective_from desc limit 1`,
      [period],
    )
  ).rows[0];
  const config = ruleSetConfig.parse(rs.config);
  const { counts: statements, rows: perCustomerStatements } = baselines(period, config);

  const repeat = Number(args.repeat);
  const product: number[] = [];
  const hand: Record<string, number[]> = Object.fromEntries(Object.keys(statements).map((k) => [k, []]));
  let counts: Record<string, number> = {};
  const rerun: number[] = [];
  const floorRuns: number[] = [];
  const fullFloorRuns: number[] = [];
  const fullFloorStatements = fullFloor(period, config, rs.id, rs.version);
  const rssPeak = watchRss(process.pid);
  const loadBefore = loadAverage();
  const settings = await plannerSettings(url);
  for (let i = 0; i < repeat; i++) {
    const productRound = async () => {
      // the monthly case: the period is graded for the first time (its earlier grades are removed, untimed)
      await pool.query('delete from grading_events where period = $1', [period]);
      await pool.query('delete from customer_grades where period = $1', [period]);
      await pool.query('vacuum analyze customer_grades');
      const run = await time(() => runGradingNow({ db: handle.db, period }));
      product.push(run.ms);
      log(
        `run ${i + 1}: product, first grading of ${period}: ${secs(run.ms)} (${run.value.graded} graded, ${run.value.tierChanges} tier changes)`,
      );
      // the idempotent re-run: replaces the period's grades and events
      const again = await time(() => runGradingNow({ db: handle.db, period }));
      rerun.push(again.ms);
      log(`run ${i + 1}: product, re-run of ${period}: ${secs(again.ms)}`);
    };
    const baselineRound = async () => {
      for (const [name, text] of Object.entries(statements)) {
        // the same session settings as the product's run: work_mem for in-memory hashing and sorting, no JIT
        const b = await time(async () => {
          const client = await pool.connect();
          try {
            await client.query('begin');
            await client.query(`set local work_mem = '${GRADING_WORK_MEM}'`);
            await client.query('set local jit = off');
            const result = await client.query(text);
            await client.query('commit');
            return result;
          } finally {
            client.release();
          }
        });
        hand[name].push(b.ms);
        counts = Object.fromEntries(b.value.rows.map((r: { tier: string; n: number }) => [r.tier, r.n]));
        log(`run ${i + 1}: hand-written (${name}) ${secs(b.ms)}`);
      }
      // The floor of any grading that keeps its result: the fastest statement's tiers written, one row per customer,
      // into a logged table keyed like customer_grades (period, customer_id), with nothing else computed or stored.
      const fastestSoFar = Object.entries(hand).sort((a, b) => Math.min(...a[1]) - Math.min(...b[1]))[0][0];
      await pool.query('drop table if exists bench_grading_floor');
      await pool.query(
        'create table bench_grading_floor (period text, customer_id int, tier text, primary key (period, customer_id))',
      );
      const f = await time(async () => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          await client.query(`set local work_mem = '${GRADING_WORK_MEM}'`);
          await client.query('set local jit = off');
          await client.query(
            `insert into bench_grading_floor select '${period}', customer_id, tier from (${perCustomerStatements[fastestSoFar]}) x order by customer_id`,
          );
          await client.query('commit');
        } finally {
          client.release();
        }
      });
      floorRuns.push(f.ms);
      log(`run ${i + 1}: floor (${fastestSoFar}, tiers written to a keyed table) ${secs(f.ms)}`);
      // The full floor: every column and event the product writes, by the shortest hand-written SQL.
      await pool.query('drop table if exists bench_grading_full, bench_grading_full_events');
      await pool.query(
        'create table bench_grading_full (like customer_grades including defaults, primary key (customer_id, period))',
      );
      await pool.query('create table bench_grading_full_events (like grading_events including all)');
      const full = await time(async () => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          await client.query(`set local work_mem = '${GRADING_WORK_MEM}'`);
          await client.query('set local jit = off');
          for (const text of fullFloorStatements) await client.query(text);
          await client.query('commit');
        } finally {
          client.release();
        }
      });
      fullFloorRuns.push(full.ms);
      log(`run ${i + 1}: full floor (every column and event, hand-written) ${secs(full.ms)}`);
    };
    // Issue 16's protocol alternates the order (product first in odd rounds, the baselines first in even ones), so
    // neither side always meets the caches the other one warmed.
    if (i % 2 === 0) {
      await productRound();
      await baselineRound();
    } else {
      await baselineRound();
      await productRound();
    }
  }
  await pool.query('drop table if exists bench_grading_floor');
  // the full floor writes what the product writes: the same grades (but the run id) and the same events
  const cols = `customer_id, category, tier, raw_tier, prev_tier, below_count, held, reason, stars, prev_stars,
    star_streak3, star_streak4, star_streak5, abc_class, importance, measure_fen, measure_sum_fen, measure_months,
    measure_divisor, spend_fen, potential`;
  const fullSame = (
    await pool.query(
      `select (select count(*) from ((select ${cols} from customer_grades where period = $1)
          except all (select ${cols} from bench_grading_full)) x)::int
        + (select count(*) from ((select ${cols} from bench_grading_full)
          except all (select ${cols} from customer_grades where period = $1)) y)::int
        + (select count(*) from ((select customer_id, kind, from_value, to_value, direction from grading_events where period = $1)
          except all (select customer_id, kind, from_value, to_value, direction from bench_grading_full_events)) z)::int
        + (select abs((select count(*) from grading_events where period = $1) - (select count(*) from bench_grading_full_events)))::int
        as diff`,
      [period],
    )
  ).rows[0].diff as number;
  await pool.query('drop table if exists bench_grading_full, bench_grading_full_events');
  const stored = Object.fromEntries(
    (
      await pool.query(
        'select coalesce(tier, category) as tier, count(*)::int as n from customer_grades where period = $1 group by 1',
        [period],
      )
    ).rows.map((r: { tier: string; n: number }) => [r.tier, r.n]),
  );
  const same = JSON.stringify(Object.entries(stored).sort()) === JSON.stringify(Object.entries(counts).sort());
  const best = (xs: number[]) => Math.min(...xs);
  const [fastestName, fastest] = Object.entries(hand)
    .map(([k, xs]) => [k, best(xs)] as const)
    .sort((a, b) => a[1] - b[1])[0];
  log('');
  log(`tiers per layer (product): ${JSON.stringify(stored)}`);
  log(`hand-written statement gives the same tiers: ${same ? 'yes' : 'NO'}`);
  log(`full grading run (product, first grading of the period, best of ${repeat}):  ${secs(best(product))}`);
  log(`full grading run (product, re-run replacing the period, best of ${repeat}):  ${secs(best(rerun))}`);
  log(`hand-written single statement (${fastestName}, best of ${repeat}): ${secs(fastest)}`);
  log(`floor: the same statement writing its tiers to a keyed table (best of ${repeat}): ${secs(best(floorRuns))}`);
  // Issue 16's protocol: per round, the product against the fastest baseline of the same round (the statements and
  // the persisted floor); the median of the rounds with its spread.
  const fastestOfRound = product.map((_, i) => Math.min(...Object.values(hand).map((xs) => xs[i]), floorRuns[i]));
  const ratios = product.map((ms, i) => ms / fastestOfRound[i]);
  const rerunRatios = rerun.map((ms, i) => ms / fastestOfRound[i]);
  log(`full floor: every column and event, hand-written (best of ${repeat}): ${secs(best(fullFloorRuns))}`);
  log(
    `full floor writes the same grades and events as the product: ${fullSame === 0 ? 'yes' : `NO (${fullSame} rows differ)`}`,
  );
  log(`load average before: ${loadBefore}; after: ${loadAverage()}`);
  log(`planner settings: ${settings}`);
  log(`bench process RSS peak (the product runs in it): ${rssPeak.stop().toFixed(0)} MB`);
  log(
    `product / fastest baseline of the same round: ${withSpread(ratios)} first grading, ${withSpread(rerunRatios)} re-run (target <= 1.6: ${median(ratios) <= 1.6 ? 'met' : 'NOT met'})`,
  );
  log(
    `floor / statement: ${(best(floorRuns) / fastest).toFixed(2)}x; product / floor: ${(best(product) / best(floorRuns)).toFixed(2)}x`,
  );
  // The product against what writing its result costs at least: the full floor of the same round.
  const fullRatios = product.map((ms, i) => ms / fullFloorRuns[i]);
  const fullRerunRatios = rerun.map((ms, i) => ms / fullFloorRuns[i]);
  log(
    `product / full floor of the same round: ${withSpread(fullRatios)} first grading, ${withSpread(fullRerunRatios)} re-run; full floor / fastest baseline: ${withSpread(fullFloorRuns.map((ms, i) => ms / fastestOfRound[i]))}`,
  );
  await handle.close();
  if (!same || fullSame !== 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
