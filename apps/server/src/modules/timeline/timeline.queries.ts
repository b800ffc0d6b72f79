import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { TimelineCursor } from './timeline.models';

// Read-only SQL of the customer timeline: one declaration per kind (where its rows live, their time, title
// parameters, status, actor and link), merged by time in one statement with keyset pagination, and the counts of the
// 360 headline.

/**
 * One kind of timeline entry. Expressions are SQL over the aliases of `from`; `customerId` must be indexed (the
 * query filters on it), `at` is the entry's time (timestamptz), `id` its record id.
 */
export type TimelineSource = {
  kind: string;
  /** The permission a viewer needs to see this kind (besides seeing the customer). */
  permission: string;
  from: SQL;
  customerId: SQL;
  at: SQL;
  id: SQL;
  /** The title code (e.g. `ticket.opened`) and a jsonb object of its parameters (codes, numbers, the record's text). */
  title: { code: string; params: SQL };
  status?: SQL;
  /** A users.id (display name looked up), and a fallback name when there is no user row (e.g. audit job names). */
  actorId?: SQL;
  actorName?: SQL;
  /** The web target and the id it opens (default: the record id). */
  link: { to: string; id?: SQL };
  where?: SQL;
};

/** The built-in kinds. Other modules add theirs with `registerTimelineSource` (timeline.service). */
export const builtInSources: TimelineSource[] = [
  {
    kind: 'ticket',
    permission: 'tickets.read',
    from: sql`tickets t`,
    customerId: sql`t.customer_id`,
    at: sql`t.created_at`,
    id: sql`t.id`,
    title: {
      code: 'ticket.opened',
      params: sql`jsonb_build_object('no', t.ticket_no, 'type', t.type, 'channel', t.channel, 'subject', t.title)`,
    },
    status: sql`t.status`,
    actorId: sql`t.owner_id`,
    link: { to: 'ticket' },
    where: sql`t.deleted_at is null`,
  },
  {
    kind: 'work_order',
    permission: 'tickets.read',
    from: sql`work_orders w join tickets wt on wt.id = w.ticket_id join departments wd on wd.id = w.department_id`,
    customerId: sql`wt.customer_id`,
    at: sql`w.created_at`,
    id: sql`w.id`,
    title: {
      code: 'work_order.created',
      params: sql`jsonb_build_object('ticketNo', wt.ticket_no, 'department', wd.name, 'departmentEn', wd.name_en, 'instructions', left(w.instructions, 120))`,
    },
    status: sql`w.status`,
    actorId: sql`coalesce(w.assignee_id, w.created_by)`,
    link: { to: 'ticket', id: sql`w.ticket_id` },
    where: sql`wt.deleted_at is null`,
  },
  {
    kind: 'commitment',
    permission: 'tickets.read',
    from: sql`commitments cm`,
    customerId: sql`cm.customer_id`,
    at: sql`cm.created_at`,
    id: sql`cm.id`,
    title: {
      code: 'commitment.made',
      params: sql`jsonb_build_object('type', cm.type, 'what', cm.what, 'amountFen', cm.amount_fen, 'dueAt', cm.due_at)`,
    },
    status: sql`cm.status`,
    actorId: sql`cm.promiser_id`,
    link: { to: 'commitment' },
  },
  {
    kind: 'warning',
    permission: 'ka.read',
    from: sql`warnings wa`,
    customerId: sql`wa.customer_id`,
    at: sql`wa.created_at`,
    id: sql`wa.id`,
    title: { code: 'warning.raised', params: sql`jsonb_build_object('rule', wa.rule_code, 'severity', wa.severity)` },
    status: sql`wa.status`,
    actorId: sql`wa.assignee_id`,
    link: { to: 'warning' },
  },
  {
    kind: 'opportunity',
    permission: 'ka.read',
    from: sql`opportunities op`,
    customerId: sql`op.customer_id`,
    at: sql`op.created_at`,
    id: sql`op.id`,
    title: {
      code: 'opportunity.created',
      params: sql`jsonb_build_object('subject', op.title, 'stage', op.stage, 'estMonthlyFen', op.est_monthly_fen)`,
    },
    status: sql`op.stage`,
    actorId: sql`op.owner_id`,
    link: { to: 'opportunity' },
  },
  {
    kind: 'order',
    permission: 'ka.read',
    from: sql`service_orders so`,
    customerId: sql`so.customer_id`,
    at: sql`so.created_at`,
    id: sql`so.id`,
    title: { code: 'order.placed', params: sql`jsonb_build_object('no', so.order_no, 'subject', so.title)` },
    status: sql`so.status`,
    actorId: sql`so.am_id`,
    link: { to: 'order' },
  },
  {
    kind: 'visit',
    permission: 'ka.read',
    from: sql`ka_visits v`,
    customerId: sql`v.customer_id`,
    at: sql`v.occurred_at`,
    id: sql`v.id`,
    title: {
      code: 'visit.made',
      params: sql`jsonb_build_object('channel', v.channel, 'purpose', v.purpose, 'outcome', v.outcome)`,
    },
    actorId: sql`v.user_id`,
    link: { to: 'ka_customer', id: sql`v.customer_id` },
  },
  {
    kind: 'interaction',
    permission: 'customers.read',
    from: sql`interactions i`,
    customerId: sql`i.customer_id`,
    at: sql`i.occurred_at`,
    id: sql`i.id`,
    title: {
      code: 'interaction.logged',
      params: sql`jsonb_build_object('channel', i.channel, 'direction', i.direction, 'summary', i.summary)`,
    },
    actorId: sql`i.user_id`,
    link: { to: 'customer_interactions', id: sql`i.customer_id` },
  },
  {
    kind: 'survey',
    permission: 'surveys.read',
    from: sql`survey_invitations si left join survey_responses sr on sr.invitation_id = si.id`,
    customerId: sql`si.customer_id`,
    at: sql`coalesce(si.answered_at, si.sent_at, si.scheduled_at)`,
    id: sql`si.id`,
    title: {
      code: 'survey.invited',
      params: sql`jsonb_build_object('trigger', si.trigger, 'channel', si.channel, 'csat', sr.csat, 'recommend', sr.recommend, 'dissatisfied', sr.dissatisfied)`,
    },
    status: sql`si.status`,
    actorId: sql`si.owner_id`,
    link: { to: 'customer_surveys', id: sql`si.customer_id` },
  },
  {
    kind: 'bill',
    permission: 'customers.read',
    from: sql`bills b join billing_accounts ba on ba.id = b.account_id`,
    customerId: sql`b.customer_id`,
    // A bill is issued when its period ends: the first day of the next month, Beijing time.
    at: sql`((b.period || '-01')::timestamp + interval '1 month') at time zone 'Asia/Shanghai'`,
    id: sql`b.id`,
    title: {
      code: 'bill.issued',
      params: sql`jsonb_build_object('period', b.period, 'accountNo', ba.account_no, 'totalFen', b.total_fen, 'arrearsFen', b.arrears_fen)`,
    },
    status: sql`case when b.arrears_fen > 0 then 'arrears' else 'settled' end`,
    link: { to: 'customer_bills', id: sql`b.customer_id` },
  },
  {
    kind: 'change',
    permission: 'customers.read',
    from: sql`audit_log a`,
    customerId: sql`a.customer_id`,
    at: sql`a.at`,
    id: sql`a.id`,
    title: {
      code: 'change.recorded',
      params: sql`jsonb_build_object('action', a.action, 'entity', a.entity, 'entityId', a.entity_id,
        'fields', (select coalesce(jsonb_agg(k order by k), '[]'::jsonb) from jsonb_object_keys(a.changes) k))`,
    },
    actorId: sql`a.actor_user_id`,
    actorName: sql`a.actor_name`,
    link: { to: 'customer_history', id: sql`a.customer_id` },
    where: sql`a.action <> 'read_pii'`,
  },
];

export type TimelineRow = {
  kind: string;
  at: string;
  key: string;
  status: string | null;
  title_params: Record<string, unknown>;
  link_id: string;
  actor_id: number | null;
  actor_name: string | null;
};

function sourceSelect(s: TimelineSource, customerId: number, cursor: TimelineCursor | null, limit: number): SQL {
  const key = sql`(${s.kind}::text || ':' || lpad((${s.id})::text, 20, '0'))`;
  const after = cursor ? sql`and (${s.at}, ${key}) < (${cursor.at}::timestamptz, ${cursor.key}::text)` : sql``;
  return sql`(select ${s.kind}::text as kind, ${s.at} as at, ${key} as key,
      ${s.status ?? sql`null`}::text as status, ${s.title.params} as title_params,
      (${s.link.id ?? s.id})::text as link_id, (${s.actorId ?? sql`null`})::int as actor_id,
      (${s.actorName ?? sql`null`})::text as actor_name
    from ${s.from}
    where ${s.customerId} = ${customerId} ${s.where ? sql`and ${s.where}` : sql``} ${after}
    order by 2 desc, 3 desc limit ${limit})`;
}

/**
 * The newest `limit` entries of the customer from the given sources, strictly older than the cursor: each source
 * reads at most `limit` rows on its customer index, the union is ordered by (time desc, key desc) and cut.
 */
export async function timelineRows(
  db: DbOrTx,
  opts: { customerId: number; sources: TimelineSource[]; cursor: TimelineCursor | null; limit: number },
): Promise<TimelineRow[]> {
  if (!opts.sources.length) return [];
  const parts = opts.sources.map((s) => sourceSelect(s, opts.customerId, opts.cursor, opts.limit));
  const res = await db.execute(sql`
    select x.kind, to_char(x.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, x.key, x.status,
      x.title_params, x.link_id, x.actor_id, coalesce(u.display_name, x.actor_name) as actor_name
    from (${sql.join(parts, sql` union all `)}) x
    left join users u on u.id = x.actor_id
    order by x.at desc, x.key desc limit ${opts.limit}`);
  return (res as unknown as { rows: TimelineRow[] }).rows;
}

/** The counts of the 360 headline: open warnings, open tickets, open and overdue commitments. */
export async function headlineCounts(db: DbOrTx, customerId: number) {
  const res = await db.execute(sql`select
      (select count(*)::int from warnings w where w.customer_id = ${customerId} and w.status <> 'closed') as warnings,
      (select count(*)::int from tickets t where t.customer_id = ${customerId} and t.deleted_at is null
        and t.status in ('acknowledged', 'inProgress', 'held', 'pending')) as tickets,
      (select count(*)::int from commitments c where c.customer_id = ${customerId}
        and c.status in ('pending_approval', 'open', 'overdue')) as commitments,
      (select count(*)::int from commitments c where c.customer_id = ${customerId} and c.status = 'overdue')
        as overdue`);
  const [r] = (
    res as unknown as { rows: { warnings: number; tickets: number; commitments: number; overdue: number }[] }
  ).rows;
  return {
    openWarnings: Number(r.warnings),
    openTickets: Number(r.tickets),
    openCommitments: Number(r.commitments),
    overdueCommitments: Number(r.overdue),
  };
}
