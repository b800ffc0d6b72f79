import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import { shiftPeriod } from '../ka-common/ka-common.models';
import { BASELINE_MONTHS, periodBounds, type RawFigures } from './kpi.models';

// Read-only figures of the AM KPI over other modules' records (billing, products, surveys, service desk,
// commitments, customers, key-account visits), set-based over a list of AMs, and the rows behind each figure.
// The portfolio of an AM: the customers whose account manager they are, not churned.

const idList = (ids: readonly number[]) => sql.raw(`'{${ids.map((i) => Math.trunc(i)).join(',')}}'::int[]`);
const num = (v: unknown) => Number(v ?? 0);

/** The key-account information fields counted for completeness (8 per key account). */
export const REQUIRED_KA_FIELDS = [
  'industry',
  'coverageLevel',
  'organizationType',
  'sinceDate',
  'creditCode',
  'address',
  'contact',
  'decisionMaker',
] as const;

const completenessSql = sql`
  (case when c.industry is not null and c.industry <> '' then 1 else 0 end)
  + (case when c.coverage_level is not null then 1 else 0 end)
  + (case when c.organization_type is not null then 1 else 0 end)
  + (case when c.since_date is not null then 1 else 0 end)
  + (case when p.credit_code is not null then 1 else 0 end)
  + (case when p.address is not null and p.address <> '' then 1 else 0 end)
  + (case when exists (select 1 from contacts k where k.customer_id = c.id) then 1 else 0 end)
  + (case when exists (select 1 from contacts k where k.customer_id = c.id and k.decision_role = 'decision_maker')
      then 1 else 0 end)`;

/** Active account managers (optionally of some org units or some users) with their org unit. */
export async function accountManagers(
  db: DbOrTx,
  opts: { orgUnitIds?: readonly number[] | null; userIds?: readonly number[] | null },
) {
  return rowsOf<{ id: number; org_unit_id: number }>(
    await db.execute(sql`select u.id, u.org_unit_id from users u
      where u.role = 'account_manager' and u.active
        ${opts.orgUnitIds ? sql`and u.org_unit_id = any(${idList(opts.orgUnitIds)})` : sql``}
        ${opts.userIds ? sql`and u.id = any(${idList(opts.userIds)})` : sql``}
      order by u.id`),
  ).map((r) => ({ id: Number(r.id), orgUnitId: Number(r.org_unit_id) }));
}

type Grouped = Map<number, Record<string, unknown>>;
const byAm = (rows: Record<string, unknown>[]): Grouped => new Map(rows.map((r) => [Number(r.am), r]));

/** The raw figures of each AM for a period (penalties excepted: the service adds them). */
export async function rawFigures(
  db: DbOrTx,
  opts: { period: string; amIds: readonly number[] },
): Promise<Map<number, { raw: Omit<RawFigures, 'penaltyPoints' | 'penaltyFen'>; portfolioSize: number }>> {
  const out = new Map<number, { raw: Omit<RawFigures, 'penaltyPoints' | 'penaltyFen'>; portfolioSize: number }>();
  if (opts.amIds.length === 0) return out;
  const ams = idList(opts.amIds);
  const { from, to, firstDay, nextFirstDay } = periodBounds(opts.period);
  const baseFrom = shiftPeriod(opts.period, -BASELINE_MONTHS);
  const baseTo = shiftPeriod(opts.period, -1);
  const run = async (q: SQL) => byAm(rowsOf<Record<string, unknown>>(await db.execute(q)));
  const [portfolio, spend, products, surveys, complaints, commitments, visits] = await Promise.all([
    run(sql`select c.account_manager_id as am, count(*)::int as n,
        count(*) filter (where c.category = 'key_account')::int as ka,
        coalesce(sum(${completenessSql}) filter (where c.category = 'key_account'), 0)::int as filled
      from customers c join parties p on p.id = c.party_id
      where c.account_manager_id = any(${ams}) and c.status <> 'churned' group by 1`),
    run(sql`select c.account_manager_id as am,
        coalesce(sum(b.total_fen) filter (where b.period = ${opts.period}), 0)::bigint as spend,
        coalesce(sum(b.total_fen) filter (where b.period between ${baseFrom} and ${baseTo}), 0)::bigint as base
      from bills b join customers c on c.id = b.customer_id
      where c.account_manager_id = any(${ams}) and c.status <> 'churned' and b.period between ${baseFrom} and ${opts.period}
      group by 1`),
    run(sql`select c.account_manager_id as am, count(*)::int as n
      from product_instances pi join customers c on c.id = pi.customer_id
      where c.account_manager_id = any(${ams}) and c.status <> 'churned'
        and pi.start_date >= ${firstDay} and pi.start_date < ${nextFirstDay}
      group by 1`),
    run(sql`select c.account_manager_id as am, count(*)::int as n, count(*) filter (where not r.dissatisfied)::int as ok
      from survey_responses r join survey_invitations i on i.id = r.invitation_id join customers c on c.id = i.customer_id
      where c.account_manager_id = any(${ams}) and c.status <> 'churned'
        and r.received_at >= ${from.toISOString()} and r.received_at < ${to.toISOString()}
      group by 1`),
    run(sql`select tc.responsible_user_id as am, count(*)::int as n
      from ticket_complaints tc join tickets t on t.id = tc.ticket_id
      where tc.responsible_user_id = any(${ams}) and t.type = 'complaint' and t.deleted_at is null
        and t.created_at >= ${from.toISOString()} and t.created_at < ${to.toISOString()}
      group by 1`),
    run(sql`select m.promiser_id as am, count(*)::int as n,
        count(*) filter (where m.status = 'fulfilled' and m.fulfilled_at <= m.due_at)::int as ok
      from commitments m
      where m.promiser_id = any(${ams}) and m.status in ('open', 'fulfilled', 'overdue')
        and m.due_at >= ${from.toISOString()} and m.due_at < ${to.toISOString()}
      group by 1`),
    run(sql`select v.user_id as am, count(*)::int as n from ka_visits v
      where v.user_id = any(${ams}) and v.occurred_at >= ${from.toISOString()} and v.occurred_at < ${to.toISOString()}
      group by 1`),
  ]);
  for (const am of opts.amIds) {
    const p = portfolio.get(am);
    out.set(am, {
      portfolioSize: num(p?.n),
      raw: {
        spendFen: num(spend.get(am)?.spend),
        baselineSumFen: num(spend.get(am)?.base),
        newServices: num(products.get(am)?.n),
        surveyAnswers: num(surveys.get(am)?.n),
        surveySatisfied: num(surveys.get(am)?.ok),
        complaints: num(complaints.get(am)?.n),
        commitmentsDue: num(commitments.get(am)?.n),
        commitmentsOnTime: num(commitments.get(am)?.ok),
        fieldsRequired: num(p?.ka) * REQUIRED_KA_FIELDS.length,
        fieldsFilled: num(p?.filled),
        visits: num(visits.get(am)?.n),
      },
    });
  }
  return out;
}

export type EvidenceRow = {
  kind: string;
  id: number;
  customerId: number | null;
  customerName: string | null;
  label: string;
  at: string | null;
  amountFen: number | null;
  value: number | null;
};

const EVIDENCE_LIMIT = 1000;
const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString() : String(v));

/** The rows behind one figure of an AM's month (penalties: see the service). */
export async function evidenceRows(
  db: DbOrTx,
  opts: { period: string; amId: number; key: string },
): Promise<EvidenceRow[]> {
  const { period, amId } = opts;
  const { from, to, firstDay, nextFirstDay } = periodBounds(period);
  const f = from.toISOString();
  const t = to.toISOString();
  const baseFrom = shiftPeriod(period, -BASELINE_MONTHS);
  const portfolio = sql`c.account_manager_id = ${amId} and c.status <> 'churned'`;
  let q: SQL;
  switch (opts.key) {
    case 'spend':
      q = sql`select 'bill' as kind, b.id, c.id as customer_id, p.name as customer_name,
          b.period || case when b.period = ${period} then '' else ' (baseline)' end as label,
          b.period as at, b.total_fen as amount_fen, null::int as value
        from bills b join customers c on c.id = b.customer_id join parties p on p.id = c.party_id
        where ${portfolio} and b.period between ${baseFrom} and ${period}
        order by b.period desc, b.total_fen desc`;
      break;
    case 'newServices':
      q = sql`select 'product' as kind, pi.id, c.id as customer_id, p.name as customer_name,
          o.name_zh || ' ' || pi.service_number as label, pi.start_date::text as at, pi.monthly_fen as amount_fen,
          1 as value
        from product_instances pi join customers c on c.id = pi.customer_id join parties p on p.id = c.party_id
          join product_offerings o on o.id = pi.offering_id
        where ${portfolio} and pi.start_date >= ${firstDay} and pi.start_date < ${nextFirstDay}
        order by pi.start_date, pi.id`;
      break;
    case 'satisfaction':
      q = sql`select 'survey' as kind, r.id, c.id as customer_id, p.name as customer_name,
          case when r.dissatisfied then 'dissatisfied' else 'satisfied' end as label, r.received_at as at,
          null::bigint as amount_fen, case when r.dissatisfied then 0 else 1 end as value
        from survey_responses r join survey_invitations i on i.id = r.invitation_id
          join customers c on c.id = i.customer_id join parties p on p.id = c.party_id
        where ${portfolio} and r.received_at >= ${f} and r.received_at < ${t}
        order by r.received_at`;
      break;
    case 'complaints':
      q = sql`select 'complaint' as kind, t.id, c.id as customer_id, p.name as customer_name,
          t.ticket_no || ' ' || t.title as label, t.created_at as at, tc.compensation_fen as amount_fen, 1 as value
        from ticket_complaints tc join tickets t on t.id = tc.ticket_id
          left join customers c on c.id = t.customer_id left join parties p on p.id = c.party_id
        where tc.responsible_user_id = ${amId} and t.type = 'complaint' and t.deleted_at is null
          and t.created_at >= ${f} and t.created_at < ${t}
        order by t.created_at`;
      break;
    case 'commitments':
      q = sql`select 'commitment' as kind, m.id, c.id as customer_id, p.name as customer_name,
          m.what || ' [' || m.status || ']' as label, m.due_at as at, m.amount_fen,
          case when m.status = 'fulfilled' and m.fulfilled_at <= m.due_at then 1 else 0 end as value
        from commitments m join customers c on c.id = m.customer_id join parties p on p.id = c.party_id
        where m.promiser_id = ${amId} and m.status in ('open', 'fulfilled', 'overdue')
          and m.due_at >= ${f} and m.due_at < ${t}
        order by m.due_at`;
      break;
    case 'completeness':
      q = sql`select 'customer' as kind, c.id, c.id as customer_id, p.name as customer_name,
          concat_ws(',',
            case when c.industry is null or c.industry = '' then 'industry' end,
            case when c.coverage_level is null then 'coverageLevel' end,
            case when c.organization_type is null then 'organizationType' end,
            case when c.since_date is null then 'sinceDate' end,
            case when p.credit_code is null then 'creditCode' end,
            case when p.address is null or p.address = '' then 'address' end,
            case when not exists (select 1 from contacts k where k.customer_id = c.id) then 'contact' end,
            case when not exists (select 1 from contacts k where k.customer_id = c.id
              and k.decision_role = 'decision_maker') then 'decisionMaker' end) as label,
          null::text as at, null::bigint as amount_fen, (${completenessSql})::int as value
        from customers c join parties p on p.id = c.party_id
        where ${portfolio} and c.category = 'key_account'
        order by c.id`;
      break;
    case 'visits':
      q = sql`select 'visit' as kind, v.id, c.id as customer_id, p.name as customer_name,
          v.channel || ': ' || v.purpose as label, v.occurred_at as at, null::bigint as amount_fen, 1 as value
        from ka_visits v join customers c on c.id = v.customer_id join parties p on p.id = c.party_id
        where v.user_id = ${amId} and v.occurred_at >= ${f} and v.occurred_at < ${t}
        order by v.occurred_at`;
      break;
    default:
      return [];
  }
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`${q} limit ${EVIDENCE_LIMIT}`));
  return rows.map((r) => ({
    kind: String(r.kind),
    id: Number(r.id),
    customerId: r.customer_id == null ? null : Number(r.customer_id),
    customerName: (r.customer_name as string | null) ?? null,
    label: String(r.label ?? ''),
    at: iso(r.at),
    amountFen: r.amount_fen == null ? null : Number(r.amount_fen),
    value: r.value == null ? null : Number(r.value),
  }));
}

/** The responsible user of a complaint ticket's responsibility record (undefined: no such complaint). */
export async function complaintResponsible(db: DbOrTx, ticketId: number) {
  const [row] = rowsOf<{ responsible_user_id: number | null }>(
    await db.execute(sql`select tc.responsible_user_id from ticket_complaints tc where tc.ticket_id = ${ticketId}`),
  );
  return row
    ? { responsibleUserId: row.responsible_user_id == null ? null : Number(row.responsible_user_id) }
    : undefined;
}
