import { type SegmentDimension, segmentDimensions } from '@crm/contracts';
// Read-only SQL of the satisfaction analytics, within the viewer's customer scope: the answer histogram per period
// and segment, the answers behind a cell (drill-down), wave summaries and a wave's answer sheets.
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import type { Scope } from '../../../platform/context';
import { customerScopeSql } from '../../../platform/scope-sql';
import type { AnswerSheet } from '../waves/questionnaire.models';

type Rows<T> = { rows: T[] };

export { type SegmentDimension, segmentDimensions };
export type SurveySource = 'callback' | 'wave' | 'all';
/** Month, quarter, or the whole window as one period ('all'). */
export type PeriodGrain = 'month' | 'quarter' | 'all';

/** The segment of an invitation row (aliases: i invitations, c customers, t tickets), as text. */
const segmentSql: Record<SegmentDimension, SQL> = {
  none: sql`null::text`,
  tier: sql`(select g.tier from customer_grades g where g.customer_id = c.id order by g.period desc limit 1)`,
  category: sql`c.category`,
  industry: sql`c.industry`,
  org_unit: sql`c.org_unit_id::text`,
  channel: sql`i.channel`,
  ticket_type: sql`t.type`,
  account_manager: sql`c.account_manager_id::text`,
};

const periodSql = (period: PeriodGrain) =>
  period === 'all'
    ? sql`'all'::text`
    : period === 'month'
      ? sql`to_char(i.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`
      : sql`to_char(i.created_at at time zone 'Asia/Shanghai', 'YYYY-"Q"Q')`;

export type AnswerFilter = {
  scope: Scope;
  from: Date;
  to: Date;
  source: SurveySource;
  waveId?: number;
};

function whereOf(f: AnswerFilter): SQL {
  const source =
    f.source === 'callback'
      ? sql`i.wave_id is null and i.trigger <> 'resurvey'`
      : f.source === 'wave'
        ? sql`i.wave_id is not null`
        : sql`i.trigger <> 'resurvey'`;
  return sql`i.created_at >= ${f.from.toISOString()}::timestamptz and i.created_at < ${f.to.toISOString()}::timestamptz
    and ${source} ${f.waveId ? sql`and i.wave_id = ${f.waveId}` : sql``} and ${customerScopeSql(f.scope, 'c')}`;
}

/** The answer histogram: invitations counted by period, segment, status and headline answers. */
export async function answerCells(db: DbOrTx, f: AnswerFilter & { period: PeriodGrain; segment: SegmentDimension }) {
  const res = (await db.execute(sql`
    select ${periodSql(f.period)} as period, ${segmentSql[f.segment]} as segment, i.status,
      r.csat, r.recommend, r.dissatisfied, count(*)::int as n
    from survey_invitations i
    join customers c on c.id = i.customer_id
    left join survey_responses r on r.invitation_id = i.id
    ${f.segment === 'ticket_type' ? sql`left join tickets t on t.id = i.ticket_id` : sql``}
    where ${whereOf(f)}
    group by 1, 2, 3, 4, 5, 6`)) as unknown as Rows<{
    period: string;
    segment: string | null;
    status: string;
    csat: number | null;
    recommend: number | null;
    dissatisfied: boolean | null;
    n: number;
  }>;
  return res.rows;
}

/** Recovered follow-ups of the window's invitations, counted by segment (the funnel's last stage). */
export async function recoveredCells(db: DbOrTx, f: AnswerFilter & { segment: SegmentDimension }) {
  const res = (await db.execute(sql`
    select ${segmentSql[f.segment]} as segment, count(*)::int as n
    from survey_followups fu
    join survey_invitations i on i.id = fu.invitation_id
    join customers c on c.id = i.customer_id
    ${f.segment === 'ticket_type' ? sql`left join tickets t on t.id = i.ticket_id` : sql``}
    where fu.status = 'recovered' and ${whereOf(f)}
    group by 1`)) as unknown as Rows<{ segment: string | null; n: number }>;
  return res.rows;
}

/** Display names of org units and account managers (segment labels). */
export async function segmentLabels(db: DbOrTx, segment: SegmentDimension, keys: string[]) {
  const ids = keys.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (ids.length === 0 || (segment !== 'org_unit' && segment !== 'account_manager')) return new Map<string, string>();
  const list = sql.raw(`'{${ids.join(',')}}'::int[]`);
  const res = (await db.execute(
    segment === 'org_unit'
      ? sql`select id::text as key, name as label from org_units where id = any(${list})`
      : sql`select id::text as key, display_name as label from users where id = any(${list})`,
  )) as unknown as Rows<{ key: string; label: string }>;
  return new Map(res.rows.map((r) => [r.key, r.label]));
}

export type AnswerItem = {
  invitationId: number;
  customerId: number;
  customerName: string;
  phone: string | null;
  trigger: string;
  channel: string;
  waveId: number | null;
  ticketId: number | null;
  createdAt: Date;
  answeredAt: Date | null;
  csat: number | null;
  recommend: number | null;
  dissatisfied: boolean;
  reasons: string[];
  answers: AnswerSheet;
};

/** The answers behind one cell of the dashboard (newest first), with the total. */
export async function answersOf(
  db: DbOrTx,
  f: AnswerFilter & {
    period: PeriodGrain;
    periodValue?: string;
    segment: SegmentDimension;
    segmentValue?: string;
    dissatisfied?: boolean;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: AnswerItem[] }> {
  const conds: SQL[] = [whereOf(f), sql`i.status = 'answered'`];
  if (f.periodValue) conds.push(sql`${periodSql(f.period)} = ${f.periodValue}`);
  if (f.segment !== 'none' && f.segmentValue !== undefined)
    conds.push(
      f.segmentValue === '' ? sql`${segmentSql[f.segment]} is null` : sql`${segmentSql[f.segment]} = ${f.segmentValue}`,
    );
  if (f.dissatisfied !== undefined) conds.push(sql`r.dissatisfied = ${f.dissatisfied}`);
  const from = sql`from survey_invitations i
    join customers c on c.id = i.customer_id
    join parties p on p.id = c.party_id
    join survey_responses r on r.invitation_id = i.id
    left join tickets t on t.id = i.ticket_id
    where ${sql.join(conds, sql` and `)}`;
  const total = ((await db.execute(sql`select count(*)::int as n ${from}`)) as unknown as Rows<{ n: number }>).rows[0]
    .n;
  const res = (await db.execute(sql`
    select i.id as "invitationId", c.id as "customerId", p.name as "customerName", i.phone, i.trigger, i.channel,
      i.wave_id as "waveId", i.ticket_id as "ticketId", i.created_at as "createdAt", i.answered_at as "answeredAt",
      r.csat, r.recommend, r.dissatisfied, r.reasons, r.answers
    ${from}
    order by i.answered_at desc nulls last, i.id desc limit ${f.limit} offset ${f.offset}`)) as unknown as Rows<
    AnswerItem & { createdAt: string | Date; answeredAt: string | Date | null }
  >;
  return {
    total,
    items: res.rows.map((r) => ({
      ...r,
      createdAt: new Date(r.createdAt),
      answeredAt: r.answeredAt ? new Date(r.answeredAt) : null,
    })),
  };
}

/** Per wave (of the visible org units; null = all): members by status and the headline answers of its members. */
export async function waveSummaryRows(db: DbOrTx, scope: Scope, units: number[] | null) {
  const unitCond = units
    ? sql`w.org_unit_id = any(${sql.raw(`'{${units.map(Number).join(',')}}'::int[]`)})`
    : sql`true`;
  const res = (await db.execute(sql`
    select w.id, w.name, w.quarter, w.status, w.questionnaire_id as "questionnaireId",
      count(m.id)::int as members,
      count(m.id) filter (where m.status = 'answered')::int as answered,
      count(m.id) filter (where m.status = 'refused')::int as refused,
      count(m.id) filter (where m.status = 'non_response')::int as "nonResponse",
      count(m.id) filter (where m.status = 'pending')::int as pending,
      avg(r.csat)::float8 as "csatMean",
      (count(*) filter (where r.csat >= 4))::int as "csatTop",
      count(r.csat)::int as "csatN",
      (count(*) filter (where r.recommend >= 9))::int as promoters,
      (count(*) filter (where r.recommend <= 6))::int as detractors,
      count(r.recommend)::int as "npsN"
    from survey_waves w
    left join survey_wave_members m on m.wave_id = w.id
      and exists (select 1 from customers c where c.id = m.customer_id and ${customerScopeSql(scope, 'c')})
    left join survey_responses r on r.invitation_id = m.invitation_id
    where ${unitCond}
    group by w.id order by w.quarter, w.id`)) as unknown as Rows<{
    id: number;
    name: string;
    quarter: string;
    status: string;
    questionnaireId: number;
    members: number;
    answered: number;
    refused: number;
    nonResponse: number;
    pending: number;
    csatMean: number | null;
    csatTop: number;
    csatN: number;
    promoters: number;
    detractors: number;
    npsN: number;
  }>;
  return res.rows;
}

export type WaveSheet = {
  customerId: number;
  answers: AnswerSheet;
  recommend: number | null;
  tenureYears: number;
  productsHeld: number;
};

/** The answer sheets of a wave's respondents in scope, with what behavioural loyalty needs (tenure, products held). */
export async function waveSheets(db: DbOrTx, scope: Scope, waveId: number): Promise<WaveSheet[]> {
  const res = (await db.execute(sql`
    select i.customer_id as "customerId", r.answers, r.recommend,
      coalesce(extract(epoch from (now() - coalesce(c.since_date::timestamptz, c.created_at))) / 31557600, 0)::float8
        as "tenureYears",
      (select count(*) from product_instances pi where pi.customer_id = c.id and pi.status = 'active')::int
        as "productsHeld"
    from survey_invitations i
    join survey_responses r on r.invitation_id = i.id
    join customers c on c.id = i.customer_id
    where i.wave_id = ${waveId} and ${customerScopeSql(scope, 'c')}
    order by i.id`)) as unknown as Rows<WaveSheet>;
  return res.rows;
}
