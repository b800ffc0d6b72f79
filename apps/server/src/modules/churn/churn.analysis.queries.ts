import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import type { ChurnFactRow } from './churn.analysis.models';

// Read-only SQL for the churn analysis: one row per customer in the viewer's scope (prospects excluded) with its
// tenure start, churn date and termination (latest), its value (recorded at termination, else the mean of its last
// three bills) and its segments: latest tier (grading), category, main product family (products), contract type
// (term of its latest contract).

type Raw = {
  id: number;
  category: string;
  start_date: string;
  churn_date: string | null;
  reason_code: string | null;
  competitor_id: number | null;
  ported_out: boolean | null;
  lines_lost: number | null;
  monthly_value_fen: string | number | null;
  tier: string | null;
  family: string | null;
  term_months: number | null;
};

/** The facts of every customer in the scope, or of one (`customerId`) when it is in the scope. */
export async function churnFacts(db: DbOrTx, scope: Scope, customerId?: number): Promise<ChurnFactRow[]> {
  const rows = rowsOf<Raw>(
    await db.execute(sql`
      select c.id, c.category,
        coalesce(c.since_date, (c.created_at at time zone 'Asia/Shanghai')::date)::text as start_date,
        (case when t.termination_date is not null then t.termination_date
              when c.status = 'churned' then (c.updated_at at time zone 'Asia/Shanghai')::date end)::text as churn_date,
        t.reason_code, t.competitor_id, t.ported_out, t.lines_lost,
        case when c.status = 'churned' or t.id is not null then
          coalesce(nullif(t.monthly_value_lost_fen, 0),
            (select round(avg(x.total_fen))::bigint from
              (select sum(b.total_fen) as total_fen from bills b where b.customer_id = c.id
               group by b.period order by b.period desc limit 3) x), 0)
        end as monthly_value_fen,
        (select g.tier from customer_grades g where g.customer_id = c.id order by g.period desc limit 1) as tier,
        (select o.family from product_instances i join product_offerings o on o.id = i.offering_id
          where i.customer_id = c.id group by o.family order by sum(i.monthly_fen) desc, o.family limit 1) as family,
        (select k.term_months from contracts k where k.customer_id = c.id
          order by k.start_date desc, k.id desc limit 1) as term_months
      from customers c
      left join lateral (
        select t.* from churn_terminations t where t.customer_id = c.id
        order by t.termination_date desc, t.id desc limit 1
      ) t on true
      where c.status <> 'prospect' and ${customerScopeSql(scope, 'c')}
        ${customerId === undefined ? sql`` : sql`and c.id = ${customerId}`}`),
  );
  return rows.map((r) => ({
    customerId: Number(r.id),
    category: r.category,
    startDate: r.start_date,
    churnDate: r.churn_date,
    reasonCode: r.reason_code,
    competitorId: r.competitor_id === null ? null : Number(r.competitor_id),
    portedOut: r.ported_out === true,
    linesLost: Number(r.lines_lost ?? 0),
    monthlyValueFen: Number(r.monthly_value_fen ?? 0),
    tier: r.tier,
    productFamily: r.family,
    termMonths: r.term_months === null ? null : Number(r.term_months),
  }));
}
