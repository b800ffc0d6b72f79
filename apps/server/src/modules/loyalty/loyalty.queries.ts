import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { DEFAULT_MULTIPLIER_PCT } from './loyalty.models';

// Read-only SQL over the billing and entitlements modules' tables (no service lists paid bills of members in bulk).

export type PaidBill = {
  billId: number;
  customerId: number;
  period: string;
  paidFen: number;
  totalFen: number;
  multiplierPct: number;
};

/**
 * Fully paid bills of `period` (paid >= total > 0) of club members and of customers holding a points multiplier
 * (star levels, key-account tiers), with the multiplier bound now (percent; the default when none is bound).
 */
export async function paidBillsOfMembers(db: DbOrTx, period: string, customerId?: number): Promise<PaidBill[]> {
  const res = (await db.execute(sql`
    select b.id as bill_id, b.customer_id, b.period, b.paid_fen, b.total_fen, coalesce(m.value, ${DEFAULT_MULTIPLIER_PCT}) as multiplier
    from bills b
    left join lateral (
      select e.value from customer_entitlements e join entitlement_types t on t.id = e.type_id
      where e.customer_id = b.customer_id and e.valid_to is null and t.code = 'points_multiplier' and t.active
      limit 1) m on true
    where b.period = ${period} and b.total_fen > 0 and b.paid_fen >= b.total_fen
      ${customerId ? sql`and b.customer_id = ${customerId}` : sql``}
      and (m.value is not null or exists (select 1 from club_memberships cm where cm.customer_id = b.customer_id))
    order by b.customer_id, b.id`)) as unknown as {
    rows: {
      bill_id: number;
      customer_id: number;
      period: string;
      paid_fen: number;
      total_fen: number;
      multiplier: number;
    }[];
  };
  return res.rows.map((r) => ({
    billId: Number(r.bill_id),
    customerId: Number(r.customer_id),
    period: r.period,
    paidFen: Number(r.paid_fen),
    totalFen: Number(r.total_fen),
    multiplierPct: Number(r.multiplier),
  }));
}
