// A segment's condition tree compiled to one set-based SQL predicate over `customers c` joined with `parties p`.
// Every value is a bound parameter (drizzle's sql template); nothing from the user is spliced into the text.
// Spend conditions are semi-joins over the bills of the window, grades come from the latest graded period.
import type { SegmentCondition, SegmentDefinition } from '@crm/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { addMonths, shiftPeriod } from '../ka-common/ka-common.models';

export type CompileOptions = {
  /** The last complete billing period ("YYYY-MM"): spend windows end with it. */
  lastPeriod: string;
  /** Today (Asia/Shanghai), for tenure. */
  today: string;
};

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
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
  return sql`c.id not in (select b.customer_id from bills b where b.period between ${from} and ${o.lastPeriod}
    group by b.customer_id having sum(b.${col}) > ${bar})`;
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
  }
}

function combine(op: 'and' | 'or', parts: SQL[]): SQL {
  if (parts.length === 0) return op === 'and' ? sql`true` : sql`false`;
  return sql`(${sql.join(parts, sql.raw(op === 'and' ? ' and ' : ' or '))})`;
}

/** The definition as one predicate on `customers c` / `parties p` (active customers only). */
export function compileDefinition(def: SegmentDefinition, o: CompileOptions): SQL {
  const parts = def.children.map((child) =>
    'field' in child
      ? compileCondition(child, o)
      : combine(
          child.op,
          child.children.map((c) => compileCondition(c, o)),
        ),
  );
  return sql`c.status = 'active' and ${combine(def.op, parts)}`;
}

/** The FROM and WHERE of a segment's members in a user's scope (`c`, `p`). */
export const segmentFrom = (def: SegmentDefinition, scope: Scope, o: CompileOptions, also?: SegmentDefinition | null) =>
  sql`from customers c join parties p on p.id = c.party_id
    where ${compileDefinition(def, o)} and ${also ? compileDefinition(also, o) : sql`true`}
      and ${customerScopeSql(scope, 'c')}`;

export async function countSegment(db: DbOrTx, def: SegmentDefinition, scope: Scope, o: CompileOptions) {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n ${segmentFrom(def, scope, o)}`));
  return Number(row.n);
}

export async function sampleSegment(db: DbOrTx, def: SegmentDefinition, scope: Scope, o: CompileOptions, limit = 20) {
  const from = shiftPeriod(o.lastPeriod, -2);
  return rowsOf<{ id: number; customer_no: string; name: string; category: string; spend: string | number }>(
    await db.execute(sql`select s.id, s.customer_no, s.name, s.category,
        coalesce((select sum(b.total_fen) from bills b where b.customer_id = s.id
          and b.period between ${from} and ${o.lastPeriod}), 0) / 3 as spend
      from (select c.id, c.customer_no, p.name, c.category ${segmentFrom(def, scope, o)} order by c.id limit ${limit}) s
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
