import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';

// Read-only SQL over the customers and products modules' tables for the care calendar (set-based over a whole
// portfolio; their services read one customer at a time).

const MAX_CUSTOMERS = 2000;

/** Key accounts in the scope: of one AM, or (amId null) all of them. */
export async function portfolioCustomers(db: DbOrTx, scope: Scope, amId: number | null) {
  return rowsOf<{ id: number; name: string; since_date: string | null }>(
    await db.execute(sql`
      select c.id, p.name, c.since_date::text as since_date from customers c join parties p on p.id = c.party_id
      where c.category = 'key_account' and c.status <> 'churned' and ${customerScopeSql(scope, 'c')}
        and (${amId}::int is null or c.account_manager_id = ${amId}::int)
      order by c.id limit ${MAX_CUSTOMERS}`),
  ).map((r) => ({ id: Number(r.id), name: r.name, sinceDate: r.since_date }));
}

const idList = (ids: number[]) => sql.raw(`'{${ids.map((i) => Math.trunc(i)).join(',')}}'::int[]`);

export async function contactsWithBirthdays(db: DbOrTx, customerIds: number[]) {
  if (customerIds.length === 0) return [];
  return rowsOf<{ id: number; customer_id: number; name: string; birthday: string }>(
    await db.execute(sql`select id, customer_id, name, birthday::text as birthday from contacts
      where customer_id = any(${idList(customerIds)}) and birthday is not null`),
  ).map((r) => ({ id: Number(r.id), customerId: Number(r.customer_id), name: r.name, birthday: r.birthday }));
}

/** Active contracts of the customers ending between `from` and `to`. */
export async function contractsEnding(db: DbOrTx, customerIds: number[], from: string, to: string) {
  if (customerIds.length === 0) return [];
  return rowsOf<{ id: number; customer_id: number; contract_no: string; end_date: string }>(
    await db.execute(sql`select id, customer_id, contract_no, end_date::text as end_date from contracts
      where customer_id = any(${idList(customerIds)}) and status = 'active' and end_date between ${from} and ${to}`),
  ).map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    contractNo: r.contract_no,
    endDate: r.end_date,
  }));
}
