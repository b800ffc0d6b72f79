// A segment's condition tree compiled to one set-based SQL predicate over `customers c` (joined with `parties p`
// only when a condition reads the person: age, occupation, income). Every value is a bound parameter (drizzle's sql
// template); nothing from the user is spliced into the text. "At least" spend conditions are semi-joins (`in`) over
// the bills of the window, "at most" ones anti-joins (`not exists` over the grouped window, never `not in`, which
// PostgreSQL cannot turn into a hash anti-join and which a null would empty); grades come from the latest graded
// period, churn risk from the churn module's latest successful scoring run, satisfaction from the latest survey
// answer in the window.
import type { SegmentCondition, SegmentDefinition, SegmentGroup } from '@crm/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { addMonths, shiftPeriod } from '../ka-common/ka-common.models';

export type CompileOptions = {
  /** The last complete billing period ("YYYY-MM"): spend windows end with it. */
  lastPeriod: string;
  /** Today (Asia/Shanghai), for tenure. */
  today: string;
};

const textArray = (values: readonly string[]) =>
  sql`${`{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`}::text[]`;
const intArray = (values: readonly number[]) => sql`${`{${values.map((v) => Math.trunc(v)).join(',')}}`}::int[]`;

/** Spend over the window as `sum(<column>) >= or <= value x months` (customers without bills spend 0). */
function spendCondition(column: string, op: 'gte' | 'lte', valueFen: number, months: number, o: CompileOptions): SQL {
  const col = sql.raw(column);
  const from = shiftPeriod(o.lastPeriod, -(months - 1));
  const bar = valueFen * months;
  if (op === 'gte') {
    if (bar <= 0) return sql`true`;
    return sql`c.id in (select b.customer_id from bills b where b.period between ${from} and ${o.lastPeriod}
      group by b.customer_id having sum(b.${col}) >= ${bar})`;
  }
  return sql`not exists (select 1 from (select b.customer_id from bills b
      where b.period between ${from} and ${o.lastPeriod}
      group by b.customer_id having sum(b.${col}) > ${bar}) x where x.customer_id = c.id)`;
}

const latestGrade = (predicate: SQL) =>
  sql`c.id in (select g.customer_id from customer_grades g
    where g.period = (select max(period) from customer_grades) and ${predicate})`;

export function compileCondition(cond: SegmentCondition, o: CompileOptions): SQL {
  switch (cond.field) {
    case 'category':
      return sql`c.category = any(${textArray(cond.values)})`;
    case 'tier':
      return latestGrade(sql`g.tier = any(${textArray(cond.values)})`);
    case 'abc':
      return latestGrade(sql`g.abc_class = any(${textArray(cond.values)})`);
    case 'stars':
      return latestGrade(cond.op === 'gte' ? sql`g.stars >= ${cond.value}` : sql`g.stars <= ${cond.value}`);
    case 'industry':
      return sql`c.industry = any(${textArray(cond.values)})`;
    case 'orgUnit':
      return sql`c.org_unit_id in (select u.id from org_units u join org_units r on u.path like r.path || '%'
        where r.id = any(${intArray(cond.values)}))`;
    case 'tenureMonths': {
      const bound = addMonths(o.today, -cond.value);
      return cond.op === 'gte' ? sql`c.since_date <= ${bound}::date` : sql`c.since_date > ${bound}::date`;
    }
    case 'monthlySpend':
      return spendCondition('total_fen', cond.op, cond.valueFen, cond.months, o);
    case 'internationalSpend':
      return spendCondition('international_fen', cond.op, cond.valueFen, cond.months, o);
    case 'longDistanceSpend':
      return spendCondition('long_distance_fen', cond.op, cond.valueFen, cond.months, o);
    case 'spendTrend': {
      const curFrom = shiftPeriod(o.lastPeriod, -(cond.months - 1));
      const prevFrom = shiftPeriod(o.lastPeriod, -(2 * cond.months - 1));
      const cur = sql`sum(case when b.period >= ${curFrom} then b.total_fen else 0 end)`;
      const prev = sql`sum(case when b.period < ${curFrom} then b.total_fen else 0 end)`;
      const cmp =
        cond.op === 'gte'
          ? sql`${cur} * 100 >= ${prev} * ${100 + cond.pct}`
          : sql`${cur} * 100 <= ${prev} * ${100 + cond.pct}`;
      return sql`c.id in (select b.customer_id from bills b where b.period between ${prevFrom} and ${o.lastPeriod}
        group by b.customer_id having ${prev} > 0 and ${cmp})`;
    }
    case 'holdsProduct': {
      const held = sql`select 1 from product_instances pi join product_offerings po on po.id = pi.offering_id
        where pi.customer_id = c.id and pi.status = 'active' and po.code = any(${textArray(cond.values)})`;
      return cond.holds ? sql`exists (${held})` : sql`not exists (${held})`;
    }
    case 'groupOf':
      return sql`(c.id = ${cond.customerId} or c.parent_customer_id = ${cond.customerId}
        or c.parent_customer_id in (select g.id from customers g where g.parent_customer_id = ${cond.customerId}))`;
    case 'ageBand':
      return sql`p.age_band = any(${textArray(cond.values)})`;
    case 'occupation':
      return sql`p.occupation = any(${textArray(cond.values)})`;
    case 'incomeBand':
      return sql`p.income_band = any(${textArray(cond.values)})`;
    case 'churnRisk': {
      const risk = cond.op === 'gte' ? sql`s.risk * 100 >= ${cond.pct}` : sql`s.risk * 100 <= ${cond.pct}`;
      return sql`c.id in (select s.customer_id from churn_scores s
        where s.run_id = (select max(r.id) from churn_score_runs r where r.status = 'succeeded') and ${risk})`;
    }
    case 'satisfaction': {
      const since = shiftPeriod(o.lastPeriod, -(cond.months - 1));
      const col = sql.raw(cond.measure === 'csat' ? 'csat' : 'recommend');
      const cmp = cond.op === 'gte' ? sql`l.score >= ${cond.value}` : sql`l.score <= ${cond.value}`;
      return sql`c.id in (select l.customer_id from (
          select distinct on (i.customer_id) i.customer_id, r.${col} as score
          from survey_responses r join survey_invitations i on i.id = r.invitation_id
          where r.${col} is not null and r.received_at >= (${`${since}-01`}::date::timestamp at time zone 'Asia/Shanghai')
          order by i.customer_id, r.received_at desc) l where ${cmp})`;
    }
  }
}

/** Whether a condition reads the person's attributes (then `parties p` is joined). */
const readsParty = (c: SegmentCondition | SegmentGroup): boolean =>
  'field' in c
    ? c.field === 'ageBand' || c.field === 'occupation' || c.field === 'incomeBand'
    : c.children.some(readsParty);

/** How deep the groups of a definition nest (the root is level 1). */
export const depthOf = (g: SegmentGroup): number =>
  1 + Math.max(0, ...g.children.map((c) => ('field' in c ? 0 : depthOf(c))));

function combine(op: 'and' | 'or', parts: SQL[]): SQL {
  if (parts.length === 0) return op === 'and' ? sql`true` : sql`false`;
  return sql`(${sql.join(parts, sql.raw(op === 'and' ? ' and ' : ' or '))})`;
}

function compileGroup(g: SegmentGroup, o: CompileOptions): SQL {
  return combine(
    g.op,
    g.children.map((child) => ('field' in child ? compileCondition(child, o) : compileGroup(child, o))),
  );
}

/** The definition as one predicate on `customers c` (and `p` when it reads the person; active customers only). */
export function compileDefinition(def: SegmentDefinition, o: CompileOptions): SQL {
  return sql`c.status = 'active' and ${compileGroup(def as SegmentGroup, o)}`;
}

/**
 * The FROM and WHERE of a segment's members in a user's scope (`c`; `p` joined only when a condition needs it, so
 * callers needing the person's name join it themselves).
 */
export const segmentFrom = (
  def: SegmentDefinition,
  scope: Scope,
  o: CompileOptions,
  also?: SegmentDefinition | null,
) => {
  const party = readsParty(def as SegmentGroup) || (also ? readsParty(also as SegmentGroup) : false);
  return sql`from customers c ${party ? sql`join parties p on p.id = c.party_id` : sql``}
    where ${compileDefinition(def, o)} and ${also ? compileDefinition(also, o) : sql`true`}
      and ${customerScopeSql(scope, 'c')}`;
};

export async function countSegment(db: DbOrTx, def: SegmentDefinition, scope: Scope, o: CompileOptions) {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n ${segmentFrom(def, scope, o)}`));
  return Number(row.n);
}

export async function sampleSegment(db: DbOrTx, def: SegmentDefinition, scope: Scope, o: CompileOptions, limit = 20) {
  const from = shiftPeriod(o.lastPeriod, -2);
  return rowsOf<{ id: number; customer_no: string; name: string; category: string; spend: string | number }>(
    await db.execute(sql`select s.id, s.customer_no, p.name, s.category,
        coalesce((select sum(b.total_fen) from bills b where b.customer_id = s.id
          and b.period between ${from} and ${o.lastPeriod}), 0) / 3 as spend
      from (select c.id, c.customer_no, c.party_id, c.category ${segmentFrom(def, scope, o)}
        order by c.id limit ${limit}) s join parties p on p.id = s.party_id
      order by s.id`),
  ).map((r) => ({
    id: Number(r.id),
    customerNo: r.customer_no,
    name: r.name,
    category: r.category,
    monthlySpendFen: Math.round(Number(r.spend)),
  }));
}

/** Needs insight: size, value, the products held and the categories of a segment. */
export async function profileSegment(db: DbOrTx, def: SegmentDefinition, scope: Scope, o: CompileOptions) {
  const from = shiftPeriod(o.lastPeriod, -2);
  const members = sql`select c.id, c.category ${segmentFrom(def, scope, o)}`;
  const [spend] = rowsOf<{ n: number; total: string | null; intl: string | null }>(
    await db.execute(sql`with m as (${members})
      select (select count(*)::int from m) as n,
        sum(b.total_fen)::bigint as total, sum(b.international_fen)::bigint as intl
      from bills b where b.customer_id in (select id from m) and b.period between ${from} and ${o.lastPeriod}`),
  );
  const byCategory = rowsOf<{ key: string; count: number }>(
    await db.execute(sql`with m as (${members}) select category as key, count(*)::int as count from m
      group by category order by count desc`),
  );
  const topProducts = rowsOf<{ code: string; name: string; holders: number }>(
    await db.execute(sql`with m as (${members})
      select po.code, po.name_zh as name, count(distinct pi.customer_id)::int as holders
      from product_instances pi join product_offerings po on po.id = pi.offering_id
      where pi.customer_id in (select id from m) and pi.status = 'active'
      group by po.code, po.name_zh order by holders desc, po.code limit 10`),
  );
  const size = Number(spend?.n ?? 0);
  const monthly = Number(spend?.total ?? 0) / 3;
  return {
    size,
    avgMonthlySpendFen: size ? Math.round(monthly / size) : 0,
    totalMonthlySpendFen: Math.round(monthly),
    avgInternationalFen: size ? Math.round(Number(spend?.intl ?? 0) / 3 / size) : 0,
    byCategory: byCategory.map((r) => ({ key: r.key, count: Number(r.count) })),
    topProducts: topProducts.map((r) => ({ code: r.code, name: r.name, holders: Number(r.holders) })),
  };
}
