// Read-only figures of the callback programme, within the viewer's customer scope.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';

type Rows<T> = { rows: T[] };

/** Invitations by status, the answers' headline figures and follow-ups by status, for invitations made in [from, to). */
export async function callbackFunnelRows(db: DbOrTx, scope: Scope, from: Date, to: Date) {
  const inWindow = sql`i.created_at >= ${from.toISOString()}::timestamptz and i.created_at < ${to.toISOString()}::timestamptz
    and i.trigger <> 'resurvey' and i.wave_id is null and ${customerScopeSql(scope, 'c')}`;
  const byStatus = (await db.execute(sql`
    select i.status, count(*)::int as n from survey_invitations i join customers c on c.id = i.customer_id
    where ${inWindow} group by i.status`)) as unknown as Rows<{ status: string; n: number }>;
  const answers = (await db.execute(sql`
    select r.csat, r.recommend, r.dissatisfied from survey_responses r
    join survey_invitations i on i.id = r.invitation_id join customers c on c.id = i.customer_id
    where ${inWindow}`)) as unknown as Rows<{ csat: number | null; recommend: number | null; dissatisfied: boolean }>;
  const followups = (await db.execute(sql`
    select f.status, count(*)::int as n from survey_followups f
    join survey_invitations i on i.id = f.invitation_id join customers c on c.id = i.customer_id
    where ${inWindow} group by f.status`)) as unknown as Rows<{ status: string; n: number }>;
  return { byStatus: byStatus.rows, answers: answers.rows, followups: followups.rows };
}

/** Names of the customers among `ids` that are inside the scope (the follow-up list shows who is to be called). */
export async function customerNamesOf(db: DbOrTx, scope: Scope, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const res = (await db.execute(
    sql`select c.id, p.name from customers c join parties p on p.id = c.party_id
        where c.id = any(${sql.raw(`'{${ids.map(Number).join(',')}}'::int[]`)}) and ${customerScopeSql(scope, 'c')}`,
  )) as unknown as Rows<{ id: number; name: string }>;
  return new Map(res.rows.map((r) => [r.id, r.name]));
}
