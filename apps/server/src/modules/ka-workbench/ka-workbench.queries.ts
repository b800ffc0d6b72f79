import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';

// Read-only figures for the AM workbench, set-based over a portfolio: customers with their latest tier (grading),
// monthly spend (billing) and per-AM aggregates over the key-account tables.

const idList = (ids: number[]) => sql.raw(`'{${ids.map((i) => Math.trunc(i)).join(',')}}'::int[]`);

export async function portfolio(db: DbOrTx, scope: Scope, amId: number | null, limit: number) {
  return rowsOf<{ id: number; customer_no: string; name: string; status: string; tier: string | null }>(
    await db.execute(sql`
      select c.id, c.customer_no, p.name, c.status,
        (select g.tier from customer_grades g where g.customer_id = c.id order by g.period desc limit 1) as tier
      from customers c join parties p on p.id = c.party_id
      where c.category = 'key_account' and c.status <> 'churned' and ${customerScopeSql(scope, 'c')}
        and (${amId}::int is null or c.account_manager_id = ${amId}::int)
      order by c.id limit ${limit}`),
  ).map((r) => ({ id: Number(r.id), customerNo: r.customer_no, name: r.name, status: r.status, tier: r.tier }));
}

/** Spend per customer and period for the `periods` periods ending at the newest billed one. */
export async function spendSeries(db: DbOrTx, ids: number[], periods: number) {
  if (!ids.length)
    return { periods: [] as string[], rows: [] as { customerId: number; period: string; fen: number }[] };
  const [last] = rowsOf<{ p: string | null }>(
    await db.execute(sql`select max(period) as p from bills where customer_id = any(${idList(ids)})`),
  );
  if (!last?.p) return { periods: [], rows: [] };
  const [y, m] = last.p.split('-').map(Number);
  const list = Array.from({ length: periods }, (_, i) => {
    const t = y * 12 + (m - 1) - (periods - 1 - i);
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
  const rows = rowsOf<{ customer_id: number; period: string; fen: number | string }>(
    await db.execute(sql`select customer_id, period, sum(total_fen)::bigint as fen from bills
      where customer_id = any(${idList(ids)}) and period between ${list[0]} and ${list[list.length - 1]}
      group by customer_id, period`),
  ).map((r) => ({ customerId: Number(r.customer_id), period: r.period, fen: Number(r.fen) }));
  return { periods: list, rows };
}

/** One row per AM of the org units (or one AM): portfolio size, spend, open warnings, overdue tasks, pipeline, orders. */
export async function teamFigures(
  db: DbOrTx,
  opts: { orgUnitIds: number[] | null; amId: number | null; today: string },
) {
  return rowsOf<{
    id: number;
    display_name: string;
    customers: number;
    spend: number | string;
    warnings: number;
    overdue: number;
    opps: number;
    pipeline: number | string;
    orders: number;
  }>(
    await db.execute(sql`
      with am as (
        select u.id, u.display_name from users u
        where u.role = 'account_manager' and u.active
          and (${opts.amId}::int is null or u.id = ${opts.amId}::int)
          ${opts.orgUnitIds ? sql`and u.org_unit_id = any(${idList(opts.orgUnitIds)})` : sql``}
      ), last as (select max(period) as p from bills)
      select am.id, am.display_name,
        (select count(*)::int from customers c where c.account_manager_id = am.id and c.category = 'key_account'
          and c.status <> 'churned') as customers,
        (select coalesce(sum(b.total_fen), 0)::bigint from bills b join customers c on c.id = b.customer_id
          where c.account_manager_id = am.id and b.period = (select p from last)) as spend,
        (select count(*)::int from warnings w where w.assignee_id = am.id and w.status <> 'closed') as warnings,
        (select count(*)::int from ka_tasks t where t.owner_id = am.id and t.status = 'open'
          and t.due_date < ${opts.today}) as overdue,
        (select count(*)::int from opportunities o where o.owner_id = am.id and o.stage not in ('won', 'lost')) as opps,
        (select coalesce(sum(o.est_monthly_fen), 0)::bigint from opportunities o where o.owner_id = am.id
          and o.stage not in ('won', 'lost')) as pipeline,
        (select count(*)::int from service_orders s where s.am_id = am.id and s.status = 'in_progress') as orders
      from am order by am.display_name limit 500`),
  ).map((r) => ({
    am: { id: Number(r.id), displayName: r.display_name },
    customers: Number(r.customers),
    lastPeriodSpendFen: Number(r.spend),
    openWarnings: Number(r.warnings),
    overdueTasks: Number(r.overdue),
    openOpportunities: Number(r.opps),
    pipelineMonthlyFen: Number(r.pipeline),
    ordersInFulfilment: Number(r.orders),
  }));
}
