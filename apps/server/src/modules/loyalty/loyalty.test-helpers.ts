import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { addCustomer } from '../../test/grading-fixtures';

// Test data for the loyalty module: members, bills with payments (written directly; no API writes bills).

/** A public customer in `orgUnitId`, a club member with `card` unless `card` is null. */
export async function addMember(
  db: DbOrTx,
  opts: { orgUnitId: number; name?: string; card?: 'diamond' | 'gold' | 'silver' | null },
): Promise<number> {
  const id = await addCustomer(db, { category: 'public', orgUnitId: opts.orgUnitId, name: opts.name });
  if (opts.card !== null)
    await db.execute(
      sql`insert into club_memberships (customer_id, card, since) values (${id}, ${opts.card ?? 'silver'}, '2024-01-01')`,
    );
  return id;
}

/** A bill of `period` on the customer's first account: total and paid in yuan; returns the bill id. */
export async function addBill(
  db: DbOrTx,
  customerId: number,
  period: string,
  totalYuan: number,
  paidYuan = totalYuan,
): Promise<number> {
  const res = (await db.execute(sql`insert into bills (account_id, customer_id, period, data_fen, total_fen, paid_fen)
    select id, customer_id, ${period}, ${totalYuan * 100}, ${totalYuan * 100}, ${paidYuan * 100}
    from billing_accounts where customer_id = ${customerId} order by id limit 1
    on conflict (account_id, period) do update set total_fen = excluded.total_fen, paid_fen = excluded.paid_fen
    returning id`)) as unknown as { rows: { id: number }[] };
  return Number(res.rows[0].id);
}
