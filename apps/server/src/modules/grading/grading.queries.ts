import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { addMonths, periodSchema, type RuleSetConfig, tiers, windowOf, windowSpan } from './grading.models';

/**
 * Read-only grading SQL: the set-based grading SELECT (the rules of grading.models.ts) and the what-if preview.
 * Every value embedded as a literal is validated first (periods by pattern, money
 * and shares as finite numbers, categories and organisation types by the rule-set enums).
 */

export const lit = (n: number): SQL => {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return sql.raw(String(n));
};
export const litPeriod = (p: string): SQL => sql.raw(`'${periodSchema.parse(p)}'`);
const litList = (values: readonly string[]): SQL => {
  for (const v of values) if (!/^[a-z0-9_]+$/.test(v)) throw new Error(`invalid identifier value: ${v}`);
  return values.length ? sql.raw(`(${values.map((v) => `'${v}'`).join(',')})`) : sql.raw(`(null)`);
};
/** 0 (crystal) .. 5 (diamond); null for a null or unknown tier. */
export const tierRankSql = (expr: SQL) =>
  sql`(case ${expr} ${sql.raw(tiers.map((t, i) => `when '${t}' then ${i}`).join(' '))} end)`;

/**
 * SELECT of the grades of every customer for `period` under `config`, with the columns of customer_grades (the
 * `run_id`, `rule_set_id`, `rule_set_version` columns included). Reads the bills of the window once, the previous
 * period's grades for hysteresis, and ranks customers once (on narrow rows) for the ABC classes.
 */
export function gradingSelect(opts: {
  period: string;
  config: RuleSetConfig;
  runId: number;
  ruleSetId: number;
  ruleSetVersion: number;
  /** The previous period was graded under the same star rule: extend its star counters (see below). */
  starStreaksFromPrevious: boolean;
}): SQL {
  const { period, config: c } = opts;
  const w = windowOf(period, c);
  const P = litPeriod(period);
  const s = c.stars.minMonthlyFen;
  const m = c.tiers.minFen;
  const tierCase = sql.join(
    [...tiers]
      .slice(1)
      .reverse()
      .map((t) => sql`when b.msum >= ${lit(m[t])}::bigint * b.div then '${sql.raw(t)}'`),
    sql` `,
  );
  const nextBound = sql.join(
    tiers.slice(0, -1).map((t, i) => sql`when '${sql.raw(t)}' then h.spend >= ${lit(m[tiers[i + 1]])}`),
    sql` `,
  );
  const imp = c.importance;
  const partition = c.abc.partitionByCategory ? sql`partition by h.category` : sql``;
  const part = c.abc.partitionByCategory ? sql`h.category` : sql`''`;
  // One aggregation of the bills per customer: m0 = spend of the graded period, m1 the month before ... (several
  // accounts of a customer add up; a month without any bill stays null). The star rule keeps, per bar, the number of
  // consecutive months up to the period that reached it (capped at stars.months): with the previous period graded
  // under the same star rule, this month's spend extends last month's counters, so only the measure window is read;
  // otherwise (first grading, star rule changed) the counters come from the star window of bills.
  const N = c.measure.months;
  const M = c.stars.months;
  const incremental = opts.starStreaksFromPrevious;
  const span = incremental ? N : windowSpan(c);
  const first = incremental ? w.measureFrom : w.first;
  const month = (k: number, alias = '') => sql.raw(`${alias}m${k}`);
  const monthSums = (n: number) =>
    sql.join(
      Array.from(
        { length: n },
        (_, k) =>
          sql`sum(total_fen) filter (where period = ${litPeriod(addMonths(period, -k))})::bigint as ${month(k)}`,
      ),
      sql`, `,
    );
  const months = (n: number, alias = '') => Array.from({ length: n }, (_, k) => month(k, alias));
  const msum = sql.join(
    months(N, 'a.').map((x) => sql`coalesce(${x}, 0)`),
    sql` + `,
  );
  const mcnt = sql.join(
    months(N, 'a.').map((x) => sql`(${x} is not null)::int`),
    sql` + `,
  );
  const div = c.measure.missingMonths === 'skip' ? sql`greatest(coalesce(${mcnt}, 0), 1)` : lit(c.measure.months);
  const bars = [s.three, s.four, s.five];
  /** Consecutive months from m0 backwards reaching `bar`, out of the first `n` months of `alias`. */
  const streakOf = (alias: string, bar: number, n: number): SQL =>
    months(n, alias)
      .reverse()
      .reduce<SQL>(
        (inner, x, i) =>
          i === 0
            ? sql`coalesce(${x} >= ${lit(bar)}, false)::int`
            : sql`coalesce(${x} >= ${lit(bar)}, false)::int * (1 + ${inner})`,
        sql``,
      );
  const streaks = bars.map((bar, i) => {
    const col = sql.raw(`star_streak${i + 3}`);
    return incremental
      ? sql`case when p.customer_id is not null then
          case when coalesce(a.m0 >= ${lit(bar)}, false) then least(p.${col} + 1, ${lit(M)}) else 0 end
          else coalesce(${streakOf('hist.', bar, M)}, 0) end as ${col}`
      : sql`coalesce(${streakOf('a.', bar, M)}, 0) as ${col}`;
  });
  const history = incremental
    ? sql`left join lateral (select ${monthSums(M)} from bills bl
        where p.customer_id is null and bl.customer_id = c.id and bl.period >= ${litPeriod(w.starsFrom)} and bl.period <= ${P}) hist on true`
    : sql``;
  return sql`
with a as (
  select customer_id, ${monthSums(span)}
  from bills
  where period >= ${litPeriod(first)} and period <= ${P}
  group by customer_id
), b as (
  select c.id as customer_id, c.category, c.organization_type,
    coalesce(${msum}, 0)::bigint as msum, coalesce(${mcnt}, 0) as mcnt, coalesce(a.m0, 0)::bigint as spend,
    ${div} as div, ${sql.join(streaks, sql`, `)},
    p.tier as prev_tier, p.below_count as prev_below, p.stars as prev_stars
  from customers c
  left join a on a.customer_id = c.id
  left join customer_grades p on p.period = ${litPeriod(w.previous)} and p.customer_id = c.id
  ${history}
  where c.status <> 'prospect' and (c.status <> 'churned' or coalesce(${mcnt}, 0) > 0)
), q as (
  select b.*,
    case when b.category in ${litList(c.tiers.categories)} then case ${tierCase} else 'crystal' end end as raw_tier,
    ${tierRankSql(sql`b.prev_tier`)} as prev_rank
  from b
), r as (
  select q.*, ${tierRankSql(sql`q.raw_tier`)} as raw_rank from q
), h as (
  select r.*,
    case when r.raw_tier is null then null
      when r.prev_rank is null or r.raw_rank >= r.prev_rank then r.raw_tier
      when coalesce(r.prev_below, 0) + 1 >= ${lit(c.hysteresis.downgradeAfter)} then r.raw_tier
      else r.prev_tier end as tier,
    case when r.raw_tier is null or r.prev_rank is null or r.raw_rank >= r.prev_rank then 0
      when coalesce(r.prev_below, 0) + 1 >= ${lit(c.hysteresis.downgradeAfter)} then 0
      else coalesce(r.prev_below, 0) + 1 end as below_count,
    case when r.raw_tier is null then 'untiered'
      when r.prev_rank is null or r.raw_rank >= r.prev_rank then
        case when r.mcnt = 0 then 'no_spend' else 'threshold' end
      when coalesce(r.prev_below, 0) + 1 >= ${lit(c.hysteresis.downgradeAfter)} then 'downgraded'
      else 'held' end as reason,
    ((r.msum * 2 + r.div) / (2 * r.div))::bigint as measure_fen
  from r
), k as (
  select ${part} as part, h.measure_fen as m, h.customer_id as id,
    sum(h.measure_fen) over win - h.measure_fen as before, sum(h.measure_fen) over tot as total
  from h
  window win as (${partition} order by h.measure_fen desc, h.customer_id rows between unbounded preceding and current row),
    tot as (${partition})
), cut as (
  -- ABC: in value order (measure desc, customer), a customer with a positive measure is A while the measure of
  -- the customers before it stays under aShare of the total, B under aShare + bShare. Those customers form a prefix
  -- of the order, so each class is fixed by its last customer: the ranking sorts narrow rows only, and the grades
  -- are not sorted at all.
  select k.part,
    min(array[k.m, -k.id::bigint]) filter (where k.m > 0 and k.before < ${lit(c.abc.aShare)}::float8 * k.total) as a_last,
    min(array[k.m, -k.id::bigint]) filter (where k.m > 0
      and k.before < ${lit(c.abc.aShare + c.abc.bShare)}::float8 * k.total) as b_last
  from k group by k.part
)
select ${P} as period, h.customer_id, ${lit(opts.runId)} as run_id, ${lit(opts.ruleSetId)} as rule_set_id,
  ${lit(opts.ruleSetVersion)} as rule_set_version, h.category, h.tier, h.raw_tier, h.prev_tier,
  h.below_count::smallint as below_count, (h.reason = 'held') as held, h.reason,
  (case when h.category in ${litList(c.stars.categories)} then
    case when h.star_streak5 >= ${lit(M)} then 5 when h.star_streak4 >= ${lit(M)} then 4
      when h.star_streak3 >= ${lit(M)} then 3 else 0 end end)::smallint as stars,
  h.prev_stars, h.star_streak3::smallint as star_streak3, h.star_streak4::smallint as star_streak4,
  h.star_streak5::smallint as star_streak5,
  case when h.measure_fen <= 0 then 'C'
    when array[h.measure_fen, -h.customer_id::bigint] >= cut.a_last then 'A'
    when array[h.measure_fen, -h.customer_id::bigint] >= cut.b_last then 'B'
    else 'C' end as abc_class,
  case when h.category = 'key_account' then
    case when h.organization_type in ${litList(imp.importantOrgTypes)} then 'important'
      when h.msum >= ${lit(imp.extraLargeMinFen)}::bigint * h.div then 'extra_large'
      when h.msum >= ${lit(imp.ordinaryMinFen)}::bigint * h.div then 'ordinary'
      else 'below_threshold' end end as importance,
  h.measure_fen, h.msum as measure_sum_fen, h.mcnt::smallint as measure_months, h.div::smallint as measure_divisor,
  h.spend as spend_fen,
  coalesce(case when h.tier is not null then (case h.tier ${nextBound} else false end)
    when h.category = 'business' then h.msum >= ${lit(imp.ordinaryMinFen)}::bigint * h.div
    else false end, false) as potential
from h left join cut on cut.part = ${part}`;
}

export const gradeColumns = sql.raw(
  [
    'period',
    'customer_id',
    'run_id',
    'rule_set_id',
    'rule_set_version',
    'category',
    'tier',
    'raw_tier',
    'prev_tier',
    'below_count',
    'held',
    'reason',
    'stars',
    'prev_stars',
    'star_streak3',
    'star_streak4',
    'star_streak5',
    'abc_class',
    'importance',
    'measure_fen',
    'measure_sum_fen',
    'measure_months',
    'measure_divisor',
    'spend_fen',
    'potential',
  ].join(', '),
);

/** The layer of the value pyramid of a grade row alias (its tier, else its category). */
export const layerSql = (alias: string) => sql.raw(`coalesce(${alias}.tier, ${alias}.category)`);
export const layerRankSql = (expr: SQL) =>
  sql`(8 - array_position(array['diamond','jade','platinum','gem','gold','crystal','business','public']::text[], ${expr}))`;

/** Rows of a raw query on either driver. */
export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

export type PreviewCell = {
  fromLayer: string | null;
  toLayer: string;
  customers: number;
  spendFen: number;
  measureFen: number;
  starsChanged: number;
  abcChanged: number;
};

type GradingInput = {
  period: string;
  config: RuleSetConfig;
  ruleSetId: number;
  ruleSetVersion: number;
  starStreaksFromPrevious: boolean;
};

/**
 * What-if: the grades `config` would give for `period`, against the grades stored for that period, counted per
 * (current layer, proposed layer), within the viewer's scope. Uses the same SELECT as a run, so activating the rule
 * set and re-running the period moves exactly these customers.
 */
export function previewMatrix(db: DbOrTx, input: GradingInput & { scope: Scope }): Promise<PreviewCell[]> {
  return rowsOf<PreviewCell>(
    db,
    sql`with g as (${gradingSelect({ ...input, runId: 0 })})
select ${layerSql('cur')} as "fromLayer", ${layerSql('g')} as "toLayer", count(*)::int as customers,
  coalesce(sum(g.spend_fen), 0)::float8 as "spendFen", coalesce(sum(g.measure_fen), 0)::float8 as "measureFen",
  (count(*) filter (where cur.stars is distinct from g.stars))::int as "starsChanged",
  (count(*) filter (where cur.abc_class is distinct from g.abc_class))::int as "abcChanged"
from g join customers c on c.id = g.customer_id
left join customer_grades cur on cur.period = ${litPeriod(input.period)} and cur.customer_id = g.customer_id
where ${customerScopeSql(input.scope, 'c')}
group by 1, 2`,
  );
}

export type Mover = {
  customerId: number;
  customerNo: string;
  name: string;
  fromLayer: string | null;
  toLayer: string;
  measureFen: number;
  spendFen: number;
  total: number;
};

/** The customers whose layer the rule set would change, biggest first (paginated). */
export function previewMovers(
  db: DbOrTx,
  input: GradingInput & { scope: Scope; from?: string; to?: string; limit: number; offset: number },
): Promise<Mover[]> {
  return rowsOf<Mover>(
    db,
    sql`with g as (${gradingSelect({ ...input, runId: 0 })})
select g.customer_id as "customerId", c.customer_no as "customerNo", pa.name, ${layerSql('cur')} as "fromLayer",
  ${layerSql('g')} as "toLayer", g.measure_fen::float8 as "measureFen", g.spend_fen::float8 as "spendFen",
  (count(*) over ())::int as total
from g join customers c on c.id = g.customer_id join parties pa on pa.id = c.party_id
left join customer_grades cur on cur.period = ${litPeriod(input.period)} and cur.customer_id = g.customer_id
where ${customerScopeSql(input.scope, 'c')} and ${layerSql('cur')} is distinct from ${layerSql('g')}
  ${input.from ? sql`and ${layerSql('cur')} = ${input.from}` : sql``}
  ${input.to ? sql`and ${layerSql('g')} = ${input.to}` : sql``}
order by g.measure_fen desc, g.customer_id
limit ${lit(input.limit)} offset ${lit(input.offset)}`,
  );
}
