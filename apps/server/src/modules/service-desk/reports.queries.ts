// Read-only analytics of the service desk: SLA attainment (by type, tier, org unit, department) and complaint hot
// spots (top categories and products, org units, monthly trend, repeat complainers), under the viewer's row scope.
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';

export type ReportWindow = { from: Date; to: Date; orgUnitIds?: number[]; scope: Scope };

/** Tickets opened in the window, visible to the viewer, of the org units asked (the owner's, or the customer's). */
function windowSql(w: ReportWindow, orgColumn = 't.org_unit_id'): SQL {
  const org = w.orgUnitIds
    ? sql` and ${sql.raw(orgColumn)} = any(${sql.raw(`'{${w.orgUnitIds.join(',') || '0'}}'::int[]`)})`
    : sql``;
  return sql`t.created_at >= ${w.from.toISOString()}::timestamptz and t.created_at < ${w.to.toISOString()}::timestamptz
    and ${customerScopeSql(w.scope, 'c')}${org}`;
}

export type AttainmentRow = { key: string; total: number; met: number; breached: number; open: number };

/**
 * Resolution-clock outcomes of the tickets opened in the window, grouped by an expression over t (tickets). Every
 * measured ticket falls in exactly one of met, breached or open, so `total = met + breached + open` (the bars add up to
 * the total): breached once its clock breached; met when resolved or closed in time; open while still being worked
 * (paused clocks included). Rejected or cancelled tickets that never breached are not measured.
 */
async function attainmentBy(db: DbOrTx, w: ReportWindow, keyExpr: SQL, join: SQL = sql``): Promise<AttainmentRow[]> {
  const result = await db.execute(sql`
    select key, (met + breached + open)::int as total, met, breached, open from (
    select ${keyExpr} as key,
           (count(*) filter (where k.breached_at is null and t.status in ('resolved', 'closed')))::int as met,
           (count(*) filter (where k.breached_at is not null))::int as breached,
           (count(*) filter (where k.breached_at is null
                              and t.status not in ('resolved', 'closed', 'rejected', 'cancelled')))::int as open
      from tickets t
      join customers c on c.id = t.customer_id
      join sla_clocks k on k.ticket_id = t.id and k.metric = 'resolution'
      ${join}
     where ${windowSql(w)}
     group by 1) g
     where met + breached + open > 0
     order by 2 desc, 1`);
  return rowsOf<AttainmentRow>(result);
}

export const attainmentByType = (db: DbOrTx, w: ReportWindow) => attainmentBy(db, w, sql`t.type`);
export const attainmentByTier = (db: DbOrTx, w: ReportWindow) =>
  attainmentBy(db, w, sql`coalesce(t.tier, t.customer_category)`);
export const attainmentByOrgUnit = (db: DbOrTx, w: ReportWindow) =>
  attainmentBy(db, w, sql`o.name`, sql`join org_units o on o.id = t.org_unit_id`);

/** Work orders of the window's tickets per department: done by their due time, late, still open. */
export async function attainmentByDepartment(db: DbOrTx, w: ReportWindow, now: Date): Promise<AttainmentRow[]> {
  const result = await db.execute(sql`
    select d.name as key,
           -- every counted work order is met, breached or open: the three add up to the total
           count(*)::int as total,
           (count(*) filter (where wo.status = 'resolved' and (wo.due_at is null or wo.resolved_at <= wo.due_at)))::int as met,
           (count(*) filter (where (wo.status = 'resolved' and wo.resolved_at > wo.due_at)
                              or (wo.status in ('open', 'inProgress') and wo.due_at < ${now.toISOString()}::timestamptz)))::int as breached,
           (count(*) filter (where wo.status in ('open', 'inProgress')
                              and (wo.due_at is null or wo.due_at >= ${now.toISOString()}::timestamptz)))::int as open
      from work_orders wo
      join departments d on d.id = wo.department_id
      join tickets t on t.id = wo.ticket_id
      join customers c on c.id = t.customer_id
     where wo.status <> 'cancelled' and ${windowSql(w)}
     group by d.name
     order by 2 desc, 1`);
  return rowsOf<AttainmentRow>(result);
}

export type CountRow = { key: string; id: number | null; label: string; count: number };

/** Complaints are analysed by the customer's org unit (where the customers are), SLA by the servicing unit. */
const complaintWhere = (w: ReportWindow) => sql`t.type = 'complaint' and ${windowSql(w, 'c.org_unit_id')}`;

export async function complaintTotals(db: DbOrTx, w: ReportWindow) {
  const result = await db.execute(sql`
    select count(*)::int as total, coalesce(sum(tc.compensation_fen) filter (where tc.compensation_status = 'approved'), 0)::bigint as "compensationFen"
      from tickets t join customers c on c.id = t.customer_id
      left join ticket_complaints tc on tc.ticket_id = t.id
     where ${complaintWhere(w)}`);
  const [row] = rowsOf<{ total: number; compensationFen: number | string }>(result);
  return { total: Number(row?.total ?? 0), compensationFen: Number(row?.compensationFen ?? 0) };
}

export async function topCategories(db: DbOrTx, w: ReportWindow, en: boolean, limit = 10): Promise<CountRow[]> {
  const result = await db.execute(sql`
    select coalesce(tcat.code, 'none') as key, tcat.id, coalesce(${en ? sql`tcat.name_en` : sql`tcat.name_zh`}, '') as label,
           count(*)::int as count
      from tickets t join customers c on c.id = t.customer_id
      left join ticket_categories tcat on tcat.id = t.category_id
     where ${complaintWhere(w)}
     group by tcat.id, tcat.code, 3
     order by 4 desc, 1
     limit ${limit}`);
  return rowsOf<CountRow>(result);
}

export async function topProducts(db: DbOrTx, w: ReportWindow, en: boolean, limit = 10): Promise<CountRow[]> {
  const result = await db.execute(sql`
    select coalesce(po.code, 'none') as key, po.id, coalesce(${en ? sql`po.name_en` : sql`po.name_zh`}, '') as label,
           count(*)::int as count
      from tickets t join customers c on c.id = t.customer_id
      left join product_instances pi on pi.id = t.product_instance_id
      left join product_offerings po on po.id = pi.offering_id
     where ${complaintWhere(w)}
     group by po.id, po.code, 3
     order by 4 desc, 1
     limit ${limit}`);
  return rowsOf<CountRow>(result);
}

export async function complaintsByOrgUnit(db: DbOrTx, w: ReportWindow, en: boolean): Promise<CountRow[]> {
  const result = await db.execute(sql`
    select o.code as key, o.id, ${en ? sql`coalesce(o.name_en, o.name)` : sql`o.name`} as label, count(*)::int as count
      from tickets t join customers c on c.id = t.customer_id
      join org_units o on o.id = c.org_unit_id
     where ${complaintWhere(w)}
     group by o.id, o.code, 3
     order by 4 desc`);
  return rowsOf<CountRow>(result);
}

export async function complaintTrend(db: DbOrTx, w: ReportWindow): Promise<{ month: string; count: number }[]> {
  const result = await db.execute(sql`
    select to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as count
      from tickets t join customers c on c.id = t.customer_id
     where ${complaintWhere(w)}
     group by 1 order by 1`);
  return rowsOf<{ month: string; count: number }>(result);
}

export async function repeatComplainers(db: DbOrTx, w: ReportWindow, limit = 20) {
  const result = await db.execute(sql`
    select t.customer_id as "customerId", p.name as "customerName", count(*)::int as count,
           max(t.created_at) as "lastAt"
      from tickets t join customers c on c.id = t.customer_id
      join parties p on p.id = c.party_id
     where ${complaintWhere(w)}
     group by t.customer_id, p.name
    having count(*) >= 2
     order by 3 desc, 4 desc
     limit ${limit}`);
  return rowsOf<{ customerId: number; customerName: string; count: number; lastAt: Date | string }>(result);
}
