import { type ArpuDimension, arpuDimensions, type MigrationGroup, migrationGroups } from '@crm/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { layerRankSql, layerSql, lit, litPeriod, rowsOf } from './grading.queries';

/** Read-only segmentation analytics over stored grades and bills; every query is limited to the viewer's scope. */

export type GradeFilter = {
  layer?: string;
  abcClass?: string;
  stars?: number;
  importance?: string;
  category?: string;
  industry?: string;
  orgUnitId?: number;
};

function filterSql(f: GradeFilter, g = 'g'): SQL {
  const parts: SQL[] = [];
  if (f.layer) parts.push(sql`${layerSql(g)} = ${f.layer}`);
  if (f.abcClass) parts.push(sql`${sql.raw(g)}.abc_class = ${f.abcClass}`);
  if (f.stars !== undefined) parts.push(sql`${sql.raw(g)}.stars = ${f.stars}`);
  if (f.importance) parts.push(sql`${sql.raw(g)}.importance = ${f.importance}`);
  if (f.category) parts.push(sql`${sql.raw(g)}.category = ${f.category}`);
  if (f.industry) parts.push(sql`c.industry = ${f.industry}`);
  if (f.orgUnitId) parts.push(sql`c.org_unit_id = ${f.orgUnitId}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

export type LayerRow = {
  layer: string;
  customers: number;
  activeCustomers: number;
  revenueFen: number;
  valueFen: number;
};

/** Value pyramid: customers, active customers, revenue of the period and value measure per layer. */
export function pyramid(db: DbOrTx, opts: { scope: Scope; period: string; filter: GradeFilter }) {
  return rowsOf<LayerRow>(
    db,
    sql`select ${layerSql('g')} as layer, count(*)::int as customers,
  (count(*) filter (where g.spend_fen > 0))::int as "activeCustomers",
  coalesce(sum(g.spend_fen), 0)::float8 as "revenueFen", coalesce(sum(g.measure_fen), 0)::float8 as "valueFen"
from customer_grades g join customers c on c.id = g.customer_id
where g.period = ${litPeriod(opts.period)} and ${customerScopeSql(opts.scope, 'c')} ${filterSql(opts.filter)}
group by 1`,
  );
}

export type DistributionRow = { key: string; label: string | null; labelEn: string | null } & LayerRow;

/** Layers per org unit (the customer's own unit) or per industry. */
export function distribution(db: DbOrTx, opts: { scope: Scope; period: string; by: 'org_unit' | 'industry' }) {
  const key = opts.by === 'org_unit' ? sql`c.org_unit_id::text` : sql`coalesce(c.industry, 'other')`;
  const labels = opts.by === 'org_unit' ? sql`min(o.name)` : sql`null::text`;
  const labelsEn = opts.by === 'org_unit' ? sql`min(o.name_en)` : sql`null::text`;
  return rowsOf<DistributionRow>(
    db,
    sql`select ${key} as key, ${labels} as label, ${labelsEn} as "labelEn", ${layerSql('g')} as layer,
  count(*)::int as customers, (count(*) filter (where g.spend_fen > 0))::int as "activeCustomers",
  coalesce(sum(g.spend_fen), 0)::float8 as "revenueFen", coalesce(sum(g.measure_fen), 0)::float8 as "valueFen"
from customer_grades g join customers c on c.id = g.customer_id
${opts.by === 'org_unit' ? sql`join org_units o on o.id = c.org_unit_id` : sql``}
where g.period = ${litPeriod(opts.period)} and ${customerScopeSql(opts.scope, 'c')}
group by 1, 4`,
  );
}

export type ParetoPoint = { customerShare: number; valueShare: number };

/**
 * Pareto curve of the value measure within the scope: customers sorted by value, about `points` samples of
 * (share of customers, cumulative share of value), plus the exact shares of the top 10 % and 20 %.
 */
export async function pareto(db: DbOrTx, opts: { scope: Scope; period: string; points: number }) {
  const rows = await rowsOf<ParetoPoint & { rn: number; n: number }>(
    db,
    sql`with v as (
  -- float8, not the bigint's numeric running sum (several times slower): the curve is shares, not money.
  select g.measure_fen::float8 as m, g.customer_id from customer_grades g join customers c on c.id = g.customer_id
  where g.period = ${litPeriod(opts.period)} and ${customerScopeSql(opts.scope, 'c')}
), r as (
  select row_number() over w as rn, count(*) over () as n,
    sum(m) over (w rows between unbounded preceding and current row) as cum, sum(m) over () as total
  from v window w as (order by m desc, customer_id)
)
select rn::int as rn, n::int as n, rn::float8 / n as "customerShare",
  case when total > 0 then cum::float8 / total else 0 end as "valueShare"
from r
where rn = n or rn % greatest(ceil(n::float8 / ${lit(opts.points)})::int, 1) = 0
  or rn = ceil(n * 0.1)::int or rn = ceil(n * 0.2)::int
order by rn`,
  );
  const n = rows[0]?.n ?? 0;
  const at = (share: number) => rows.find((r) => r.rn === Math.ceil(n * share))?.valueShare ?? 0;
  return {
    customers: n,
    top10Share: at(0.1),
    top20Share: at(0.2),
    points: [
      { customerShare: 0, valueShare: 0 },
      ...rows.map((r) => ({ customerShare: r.customerShare, valueShare: r.valueShare })),
    ],
  };
}

export function abcSizes(db: DbOrTx, opts: { scope: Scope; period: string }) {
  return rowsOf<{ abcClass: string; customers: number; valueFen: number; revenueFen: number }>(
    db,
    sql`select g.abc_class as "abcClass", count(*)::int as customers, coalesce(sum(g.measure_fen), 0)::float8 as "valueFen",
  coalesce(sum(g.spend_fen), 0)::float8 as "revenueFen"
from customer_grades g join customers c on c.id = g.customer_id
where g.period = ${litPeriod(opts.period)} and ${customerScopeSql(opts.scope, 'c')}
group by 1 order by 1`,
  );
}

// ---------------------------------------------------------------- migration between two periods

export { type MigrationGroup, migrationGroups };

const pairFrom = (
  from: string,
  to: string,
  scope: Scope,
  joins: SQL = sql``,
) => sql`from (select * from customer_grades where period = ${litPeriod(from)}) a
full join (select * from customer_grades where period = ${litPeriod(to)}) b on b.customer_id = a.customer_id
join customers c on c.id = coalesce(a.customer_id, b.customer_id) ${joins}
where ${customerScopeSql(scope, 'c')}`;

const rankA = layerRankSql(layerSql('a'));
const rankB = layerRankSql(layerSql('b'));

/** The condition of a migration group on the pair (a = earlier period, b = later period). */
function groupSql(group: MigrationGroup): SQL {
  switch (group) {
    case 'upgraded':
      return sql`a.customer_id is not null and b.customer_id is not null and ${rankB} > ${rankA}`;
    case 'downgraded':
      return sql`a.customer_id is not null and b.customer_id is not null and ${rankB} < ${rankA}`;
    case 'inactive':
      return sql`a.spend_fen > 0 and coalesce(b.spend_fen, 0) = 0`;
    case 'potential':
      return sql`b.potential`;
    case 'unstable':
      return sql`(b.held or abs(${rankB} - ${rankA}) >= 2)`;
    case 'new':
      return sql`a.customer_id is null`;
    case 'lost':
      return sql`b.customer_id is null`;
  }
}

export type MigrationCell = {
  fromLayer: string | null;
  toLayer: string | null;
  customers: number;
  fromRevenueFen: number;
  toRevenueFen: number;
};

export function migrationMatrix(db: DbOrTx, opts: { scope: Scope; from: string; to: string }) {
  return rowsOf<MigrationCell>(
    db,
    sql`select ${layerSql('a')} as "fromLayer", ${layerSql('b')} as "toLayer", count(*)::int as customers,
  coalesce(sum(a.spend_fen), 0)::float8 as "fromRevenueFen", coalesce(sum(b.spend_fen), 0)::float8 as "toRevenueFen"
${pairFrom(opts.from, opts.to, opts.scope)}
group by 1, 2`,
  );
}

export async function migrationSummary(db: DbOrTx, opts: { scope: Scope; from: string; to: string }) {
  const counts = migrationGroups.map((g) => sql`(count(*) filter (where ${groupSql(g)}))::int as "${sql.raw(g)}"`);
  const [row] = await rowsOf<Record<MigrationGroup, number>>(
    db,
    sql`select ${sql.join(counts, sql`, `)} ${pairFrom(opts.from, opts.to, opts.scope)}`,
  );
  return row;
}

// ---------------------------------------------------------------- drill-down lists

export type CustomerListRow = {
  customerId: number;
  customerNo: string;
  name: string;
  category: string;
  industry: string | null;
  orgUnitName: string;
  accountManagerName: string | null;
  layer: string | null;
  fromLayer: string | null;
  stars: number | null;
  abcClass: string | null;
  importance: string | null;
  valueFen: number;
  revenueFen: number;
  fromRevenueFen: number | null;
};

const listColumns = (
  g: string,
) => sql`c.id as "customerId", c.customer_no as "customerNo", pa.name, c.category, c.industry,
  o.name as "orgUnitName", u.display_name as "accountManagerName", ${layerSql(g)} as layer,
  ${sql.raw(g)}.stars, ${sql.raw(g)}.abc_class as "abcClass", ${sql.raw(g)}.importance,
  coalesce(${sql.raw(g)}.measure_fen, 0)::float8 as "valueFen", coalesce(${sql.raw(g)}.spend_fen, 0)::float8 as "revenueFen"`;
const listJoins = sql`join parties pa on pa.id = c.party_id join org_units o on o.id = c.org_unit_id
left join users u on u.id = c.account_manager_id`;

export type Page = { limit: number; offset: number };

/** Customers of one period matching a segment filter, most valuable first. */
export async function gradedCustomers(db: DbOrTx, opts: { scope: Scope; period: string; filter: GradeFilter } & Page) {
  const where = sql`g.period = ${litPeriod(opts.period)} and ${customerScopeSql(opts.scope, 'c')} ${filterSql(opts.filter)}`;
  const items = await rowsOf<CustomerListRow>(
    db,
    sql`select ${listColumns('g')}, null::text as "fromLayer", null::float8 as "fromRevenueFen"
from customer_grades g join customers c on c.id = g.customer_id ${listJoins}
where ${where} order by g.measure_fen desc, c.id limit ${lit(opts.limit)} offset ${lit(opts.offset)}`,
  );
  const [{ total }] = await rowsOf<{ total: number }>(
    db,
    sql`select count(*)::int as total from customer_grades g join customers c on c.id = g.customer_id where ${where}`,
  );
  return { items, total };
}

/** Customers of a migration group, or of one matrix cell (fromLayer/toLayer, 'none' = not graded). */
export async function migratedCustomers(
  db: DbOrTx,
  opts: { scope: Scope; from: string; to: string; group?: MigrationGroup; fromLayer?: string; toLayer?: string } & Page,
) {
  const cell = (alias: 'a' | 'b', layer?: string) =>
    layer === undefined
      ? sql``
      : layer === 'none'
        ? sql`and ${sql.raw(alias)}.customer_id is null`
        : sql`and ${layerSql(alias)} = ${layer}`;
  const cond = sql`${opts.group ? sql`and ${groupSql(opts.group)}` : sql``} ${cell('a', opts.fromLayer)} ${cell('b', opts.toLayer)}`;
  const items = await rowsOf<CustomerListRow>(
    db,
    sql`select ${listColumns('b')}, ${layerSql('a')} as "fromLayer", a.spend_fen::float8 as "fromRevenueFen"
${pairFrom(opts.from, opts.to, opts.scope, listJoins)} ${cond}
order by coalesce(b.measure_fen, a.measure_fen) desc, c.id limit ${lit(opts.limit)} offset ${lit(opts.offset)}`,
  );
  const [{ total }] = await rowsOf<{ total: number }>(
    db,
    sql`select count(*)::int as total ${pairFrom(opts.from, opts.to, opts.scope)} ${cond}`,
  );
  return { items, total };
}

// ---------------------------------------------------------------- ARPU / ARPA

export { type ArpuDimension, arpuDimensions };

export type ArpuRow = {
  period: string;
  key: string;
  label: string | null;
  customers: number;
  accounts: number;
  revenueFen: number;
};

/** Revenue, billed customers and billed accounts per period and dimension (ARPU = revenue / customers, ARPA = / accounts). */
export function arpu(db: DbOrTx, opts: { scope: Scope; from: string; to: string; by: ArpuDimension }) {
  const key: Record<ArpuDimension, SQL> = {
    total: sql`'total'`,
    category: sql`c.category`,
    tier: sql`coalesce(g.tier, g.category, 'ungraded')`,
    industry: sql`coalesce(c.industry, 'other')`,
    org_unit: sql`c.org_unit_id::text`,
  };
  return rowsOf<ArpuRow>(
    db,
    sql`with s as (
  select customer_id, period, sum(total_fen) as fen, count(*) as accounts from bills
  where period >= ${litPeriod(opts.from)} and period <= ${litPeriod(opts.to)} group by 1, 2
)
select s.period, ${key[opts.by]} as key, ${opts.by === 'org_unit' ? sql`min(o.name)` : sql`null::text`} as label,
  count(*)::int as customers, sum(s.accounts)::int as accounts, coalesce(sum(s.fen), 0)::float8 as "revenueFen"
from s join customers c on c.id = s.customer_id
${opts.by === 'tier' ? sql`left join customer_grades g on g.period = s.period and g.customer_id = s.customer_id` : sql``}
${opts.by === 'org_unit' ? sql`join org_units o on o.id = c.org_unit_id` : sql``}
where ${customerScopeSql(opts.scope, 'c')}
group by 1, 2 order by 1, 2`,
  );
}
