// Demo data for investment approval and discount authority: story S5's two evaluations of 12 metro-Ethernet lines
// (the first rejected by finance two years ago, the second approved last month) and discount requests waiting for the
// province manager's approval. Deterministic, relative to `now`, a handful of set-based inserts.
import { applyApprovalRule, evaluateInvestment, type InvestmentInput } from '../investments/investments.models';
import type { Session } from './demo.repository';

const yuan = (y: number) => y * 100;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

const first: InvestmentInput = {
  capital: [
    { kind: 'equipment', label: '城域网设备', amountFen: yuan(420_000) },
    { kind: 'construction', label: '光缆施工', amountFen: yuan(160_000) },
    { kind: 'labour', label: '安装调测', amountFen: yuan(25_000) },
  ],
  yearlyOpexFen: yuan(18_000),
  oneOffRevenueFen: 0,
  termRevenueFen: yuan(600_000),
  termMonths: 36,
  discountRateBp: 800,
};
const second: InvestmentInput = {
  capital: [
    { kind: 'equipment', label: '城域网设备', amountFen: yuan(400_000) },
    { kind: 'construction', label: '光缆施工', amountFen: yuan(160_000) },
    { kind: 'labour', label: '安装调测', amountFen: yuan(25_500) },
  ],
  yearlyOpexFen: 0,
  oneOffRevenueFen: 0,
  termRevenueFen: yuan(686_400),
  termMonths: 36,
  discountRateBp: 0,
};

export async function seedInvestmentDemo(s: Session, opts: { users: Record<string, number>; now: Date }) {
  const { users, now } = opts;
  const [customer] = await s.query<{ id: number; org_unit_id: number }>(
    `select id, org_unit_id from customers where customer_no = 'C0000000001'`,
  );
  if (!customer || !users.am1) return;
  const [project] = await s.query<{ id: number }>(
    `insert into investment_projects (customer_id, name, description, owner_id, org_unit_id, created_at)
     values ($1, '12条城域网专线（三年合同）', 'S5：首次评估投资超过60万元被驳回，两年后重新评估获批', $2, $3, $4) returning id`,
    [customer.id, users.am1, customer.org_unit_id, daysBefore(now, 760)],
  );
  const versions = [
    {
      version: 1,
      input: first,
      status: 'rejected',
      created: 760,
      decided: 750,
      reason: '三年收入不能收回投资及维护成本',
    },
    { version: 2, input: second, status: 'approved', created: 40, decided: 30, reason: '三年内收回投资，盈余约10万元' },
  ];
  for (const v of versions) {
    const r = evaluateInvestment(v.input);
    const verdict = applyApprovalRule(v.input, r);
    await s.query(
      `insert into investment_evaluations (project_id, version, status, input, capital_fen, opex_fen, total_revenue_fen,
         total_cost_fen, surplus_fen, payback_month, npv_fen, irr_bp, rule_passes, rule_reasons, approver_level,
         created_by, created_at, submitted_at, reviewed_by, reviewed_at, review_note, decided_by, decided_at, decision_reason)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'city', $15, $16, $16, $17, $18, '同意，报财务审批',
         $19, $20, $21)`,
      [
        project.id,
        v.version,
        v.status,
        JSON.stringify(v.input),
        r.capitalFen,
        r.opexFen,
        r.totalRevenueFen,
        r.totalCostFen,
        r.surplusFen,
        r.paybackMonth,
        r.npvFen,
        r.irrBp,
        verdict.passes,
        JSON.stringify(verdict.reasons),
        users.am1,
        daysBefore(now, v.created),
        users.manager1 ?? null,
        daysBefore(now, v.created - 3),
        users.finance1 ?? null,
        daysBefore(now, v.decided),
        v.reason,
      ],
    );
  }
  // Quotes beyond the AM's 5%: 20% off dedicated lines of am1's key accounts, waiting for the province manager.
  await s.query(
    `insert into discount_requests (customer_id, product_instance_id, product_family, source, list_monthly_fen,
       requested_monthly_fen, discount_bp, discount_monthly_fen, reason, requester_limit, status, requested_by,
       approver_id, created_at)
     select p.customer_id, p.id, o.family, 'quote', p.monthly_fen, p.monthly_fen - p.monthly_fen / 5,
            2000, p.monthly_fen / 5, '竞争对手报价低约20%，申请同等优惠',
            '{"maxDiscountBp":500,"maxMonthlyFen":200000}'::jsonb, 'pending', $1, $2, $3
       from product_instances p
       join product_offerings o on o.id = p.offering_id
       join customers c on c.id = p.customer_id
      where c.account_manager_id = $1 and o.family = 'dedicated_line' and p.status = 'active' and p.monthly_fen >= 500
      order by p.id
      limit 3`,
    [users.am1, users.pmanager1 ?? null, daysBefore(now, 2)],
  );
}
