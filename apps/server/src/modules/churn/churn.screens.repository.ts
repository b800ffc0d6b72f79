import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';

// Read-only SQL of the churn screens: a customer's scores over the runs, the risk list summed per account manager,
// and the treated / hold-out groups of a run for its uplift.

const num = (v: unknown) => Number(v ?? 0);

/** The customer's score in every succeeded run, oldest first (the last one is the current score). */
export async function scoresOfCustomer(db: DbOrTx, customerId: number) {
  return rowsOf<{
    run_id: number;
    period: string;
    model_id: number;
    risk: number;
    monthly_value_fen: string | number;
    value_at_risk_fen: string | number;
    control: boolean;
    reasons: { feature: string; weight: number; zh: string; en: string }[];
  }>(
    await db.execute(sql`select s.run_id, r.period, r.model_id, s.risk, s.monthly_value_fen, s.value_at_risk_fen,
        s.control, s.reasons
      from churn_scores s join churn_score_runs r on r.id = s.run_id
      where s.customer_id = ${customerId} and r.status = 'succeeded'
      order by r.id`),
  ).map((r) => ({
    runId: num(r.run_id),
    period: r.period,
    modelId: num(r.model_id),
    risk: Number(r.risk),
    monthlyValueFen: num(r.monthly_value_fen),
    valueAtRiskFen: num(r.value_at_risk_fen),
    control: r.control,
    reasons: r.reasons,
  }));
}

/** Treated customers of a run in the scope summed per account manager (of an org unit subtree when asked). */
export async function riskSummary(
  db: DbOrTx,
  scope: Scope,
  opts: { runId: number; minRisk: number; orgUnitIds?: number[] },
) {
  const units = opts.orgUnitIds?.map((i) => Math.trunc(i)).join(',');
  return rowsOf<{
    am: number | null;
    am_name: string | null;
    customers: string | number;
    high: string | number;
    var_fen: string | number;
    high_var_fen: string | number;
  }>(
    await db.execute(sql`select c.account_manager_id as am, max(u.display_name) as am_name, count(*) as customers,
        count(*) filter (where s.risk >= ${opts.minRisk}) as high,
        coalesce(sum(s.value_at_risk_fen), 0) as var_fen,
        coalesce(sum(s.value_at_risk_fen) filter (where s.risk >= ${opts.minRisk}), 0) as high_var_fen
      from churn_scores s join customers c on c.id = s.customer_id
      left join users u on u.id = c.account_manager_id
      where s.run_id = ${opts.runId} and not s.control and ${customerScopeSql(scope, 'c')}
        ${units !== undefined ? sql`and c.org_unit_id = any(${sql.raw(`'{${units}}'::int[]`)})` : sql``}
      group by c.account_manager_id
      order by high_var_fen desc, var_fen desc, c.account_manager_id nulls last`),
  ).map((r) => ({
    accountManager: r.am === null ? null : { id: num(r.am), displayName: r.am_name ?? '' },
    customers: num(r.customers),
    highRisk: num(r.high),
    valueAtRiskFen: num(r.var_fen),
    highRiskValueAtRiskFen: num(r.high_var_fen),
  }));
}

/**
 * The run's customers in the scope at or above `minRisk`, split by the hold-out flag: how many, and how many are
 * still customers (saved). Intention to treat: every listed customer counts as treated, contacted or not.
 */
export async function runGroups(db: DbOrTx, scope: Scope, opts: { runId: number; minRisk: number }) {
  const rows = rowsOf<{ control: boolean; customers: string | number; saved: string | number }>(
    await db.execute(sql`select s.control, count(*) as customers,
        count(*) filter (where c.status <> 'churned') as saved
      from churn_scores s join customers c on c.id = s.customer_id
      where s.run_id = ${opts.runId} and s.risk >= ${opts.minRisk} and ${customerScopeSql(scope, 'c')}
      group by s.control`),
  );
  const of = (control: boolean) => {
    const r = rows.find((x) => x.control === control);
    return { customers: num(r?.customers), saved: num(r?.saved) };
  };
  return { treated: of(false), control: of(true) };
}

/** Retention actions recorded against a run on customers in the scope. */
export async function runActionCount(db: DbOrTx, scope: Scope, runId: number) {
  const [r] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from churn_retention_actions a join customers c on c.id = a.customer_id
      where a.scoring_run_id = ${runId} and ${customerScopeSql(scope, 'c')}`),
  );
  return num(r?.n);
}
