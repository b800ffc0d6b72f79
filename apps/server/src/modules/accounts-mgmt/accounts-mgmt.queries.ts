import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

// Read-only figures over the billing module's bills (no billing service offers a per-year total yet).

/** Spend billed to a customer in the periods of `year`, in fen. */
export async function spendInYear(db: DbOrTx, customerId: number, year: number): Promise<number> {
  const result = await db.execute(sql`
    select coalesce(sum(total_fen), 0)::bigint as fen from bills
    where customer_id = ${customerId} and period >= ${`${year}-01`} and period <= ${`${year}-12`}`);
  return Number((result as unknown as { rows: { fen: number | string }[] }).rows[0]?.fen ?? 0);
}
