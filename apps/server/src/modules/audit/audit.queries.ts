// Read-only SQL of the audit log's presentation: the names behind the customer ids of a page of entries.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/** Name and customer number of each customer id (ids that no longer exist are left out). */
export async function customerNamesByIds(
  db: DbOrTx,
  ids: number[],
): Promise<Map<number, { name: string; customerNo: string }>> {
  if (ids.length === 0) return new Map();
  const res = await db.execute(sql`select c.id, p.name, c.customer_no as "customerNo"
    from customers c join parties p on p.id = c.party_id
    where c.id in (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`);
  const rows = (res as unknown as { rows: { id: number; name: string; customerNo: string }[] }).rows;
  return new Map(rows.map((r) => [Number(r.id), { name: r.name, customerNo: r.customerNo }]));
}
