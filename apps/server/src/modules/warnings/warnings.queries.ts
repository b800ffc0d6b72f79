import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';

// Read-only SQL gathering the facts the warning rules need, set-based over many customers: bills (billing module),
// contracts (products), grades (grading), interactions, visits and complaint tickets (service desk, when present).

const idList = (ids: number[]): SQL => sql.raw(`'{${ids.map((i) => Math.trunc(i)).join(',')}}'::int[]`);

export type KaCustomerRow = {
  id: number;
  orgUnitId: number;
  orgPath: string;
  accountManagerId: number | null;
  sinceDate: string;
  name: string;
};

/** Active key accounts (optionally only `ids`), after `afterId`, at most `limit`, by id. */
export async function kaCustomers(db: DbOrTx, opts: { ids?: number[]; afterId: number; limit: number }) {
  return rowsOf<{ id: number; org_unit_id: number; path: string; am: number | null; since: string; name: string }>(
    await db.execute(sql`
      select c.id, c.org_unit_id, o.path, c.account_manager_id as am, p.name,
        coalesce(c.since_date, (c.created_at at time zone 'Asia/Shanghai')::date)::text as since
      from customers c join org_units o on o.id = c.org_unit_id join parties p on p.id = c.party_id
      where c.category = 'key_account' and c.status in ('active', 'suspended') and c.id > ${opts.afterId}
        ${opts.ids ? sql`and c.id = any(${idList(opts.ids)})` : sql``}
      order by c.id limit ${opts.limit}`),
  ).map(
    (r): KaCustomerRow => ({
      id: Number(r.id),
      orgUnitId: Number(r.org_unit_id),
      orgPath: r.path,
      accountManagerId: r.am === null ? null : Number(r.am),
      sinceDate: r.since,
      name: r.name,
    }),
  );
}

export async function spendByPeriod(db: DbOrTx, ids: number[], from: string, to: string) {
  if (!ids.length) return [];
  return rowsOf<{ customer_id: number; period: string; fen: number | string }>(
    await db.execute(sql`select customer_id, period, sum(total_fen)::bigint as fen from bills
      where customer_id = any(${idList(ids)}) and period between ${from} and ${to} group by customer_id, period`),
  ).map((r) => ({ customerId: Number(r.customer_id), period: r.period, fen: Number(r.fen) }));
}

export async function arrears(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return rowsOf<{ customer_id: number; fen: number | string }>(
    await db.execute(sql`select customer_id, sum(arrears_fen)::bigint as fen from bills
      where customer_id = any(${idList(ids)}) and arrears_fen > 0 group by customer_id`),
  ).map((r) => ({ customerId: Number(r.customer_id), fen: Number(r.fen) }));
}

export async function activeContracts(db: DbOrTx, ids: number[], from: string) {
  if (!ids.length) return [];
  return rowsOf<{ id: number; customer_id: number; contract_no: string; end_date: string }>(
    await db.execute(sql`select id, customer_id, contract_no, end_date::text as end_date from contracts
      where customer_id = any(${idList(ids)}) and status = 'active' and end_date >= ${from}`),
  ).map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    contractNo: r.contract_no,
    endDate: r.end_date,
  }));
}

/** The latest grade of each customer up to `period`: tier, previous tier and the graded period. */
export async function latestGrades(db: DbOrTx, ids: number[], period: string) {
  if (!ids.length) return [];
  return rowsOf<{ customer_id: number; tier: string | null; prev_tier: string | null; period: string }>(
    await db.execute(sql`select distinct on (customer_id) customer_id, tier, prev_tier, period from customer_grades
      where customer_id = any(${idList(ids)}) and period <= ${period} order by customer_id, period desc`),
  ).map((r) => ({ customerId: Number(r.customer_id), tier: r.tier, previousTier: r.prev_tier, period: r.period }));
}

/** The date (Asia/Shanghai) of the last interaction or visit of each customer. */
export async function lastContacts(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return rowsOf<{ customer_id: number; d: string }>(
    await db.execute(sql`select customer_id, (max(at) at time zone 'Asia/Shanghai')::date::text as d from (
        select customer_id, occurred_at as at from interactions where customer_id = any(${idList(ids)})
        union all
        select customer_id, occurred_at from ka_visits where customer_id = any(${idList(ids)})
      ) x group by customer_id`),
  ).map((r) => ({ customerId: Number(r.customer_id), date: r.d }));
}

/** Whether the service desk's tickets table exists (the complaint rule is unavailable without it). */
export async function ticketsAvailable(db: DbOrTx): Promise<boolean> {
  return Boolean(
    rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('public.tickets')::text as t`))[0]?.t,
  );
}

/** Complaint tickets not resolved yet, with the date they were opened. */
export async function openComplaints(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return rowsOf<{ id: number; customer_id: number; d: string }>(
    await db.execute(sql`select id, customer_id, (created_at at time zone 'Asia/Shanghai')::date::text as d from tickets
      where customer_id = any(${idList(ids)}) and type = 'complaint'
        and status not in ('resolved', 'closed', 'rejected', 'cancelled')`),
  ).map((r) => ({ id: Number(r.id), customerId: Number(r.customer_id), openedOn: r.d }));
}
