import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

// Read-only SQL over the grading module's grades (no grading service lists tier changes in bulk).

/**
 * Customers whose entitlements no longer match their grade of `period`: a different tier than the one bound, or
 * graded with a tier and nothing bound yet.
 */
export async function customersToRebind(db: DbOrTx, period: string): Promise<number[]> {
  const result = await db.execute(sql`
    select g.customer_id from customer_grades g
    where g.period = ${period}
      and exists (select 1 from customers c where c.id = g.customer_id)
      and (
        (coalesce(g.tier, case when g.stars > 0 then 'star' || g.stars end) is not null and not exists (
          select 1 from customer_entitlements e where e.customer_id = g.customer_id and e.valid_to is null))
        or exists (
          select 1 from customer_entitlements e
          where e.customer_id = g.customer_id and e.valid_to is null and e.tier is distinct from
            coalesce(g.tier, case when g.stars > 0 then 'star' || g.stars end))
      )
    order by g.customer_id`);
  return (result as unknown as { rows: { customer_id: number }[] }).rows.map((r) => Number(r.customer_id));
}
