import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import type { Scope } from '../../../platform/context';
import { customerScopeSql } from '../../../platform/scope-sql';
import { surveyResponses } from '../surveys.table';
import { surveyWaveAttempts, surveyWaveMembers, surveyWaves } from './waves.table';

export type WaveRow = typeof surveyWaves.$inferSelect;
export type MemberRow = typeof surveyWaveMembers.$inferSelect;
type Rows<T> = { rows: T[] };

const intArray = (ids: number[]) => sql.raw(`'{${ids.map(Number).join(',')}}'::int[]`);

/** The key accounts of the org units (and inside the viewer's scope), with their latest tier. */
export async function keyAccountPopulation(db: DbOrTx, scope: Scope, orgUnitIds: number[]) {
  if (orgUnitIds.length === 0) return [];
  const res = (await db.execute(sql`
    select c.id as "customerId",
      (select g.tier from customer_grades g where g.customer_id = c.id order by g.period desc limit 1) as tier
    from customers c
    where c.category = 'key_account' and c.status <> 'churned'
      and c.org_unit_id = any(${intArray(orgUnitIds)}) and ${customerScopeSql(scope, 'c')}
    order by c.id`)) as unknown as Rows<{ customerId: number; tier: string | null }>;
  return res.rows;
}

export const insertWave = async (db: DbOrTx, values: typeof surveyWaves.$inferInsert) =>
  (await db.insert(surveyWaves).values(values).returning())[0];

export const findWave = async (db: DbOrTx, id: number, lock = false) => {
  const q = db.select().from(surveyWaves).where(eq(surveyWaves.id, id));
  return (await (lock ? q.for('update') : q))[0];
};

export const updateWave = async (db: DbOrTx, id: number, values: Partial<typeof surveyWaves.$inferInsert>) =>
  (await db.update(surveyWaves).set(values).where(eq(surveyWaves.id, id)).returning())[0];

export const listWaves = (db: DbOrTx, orgUnitIds: number[] | null) =>
  db
    .select()
    .from(surveyWaves)
    .where(orgUnitIds ? inArray(surveyWaves.orgUnitId, orgUnitIds.length ? orgUnitIds : [-1]) : undefined)
    .orderBy(desc(surveyWaves.quarter), desc(surveyWaves.id))
    .limit(500);

export async function insertMembers(db: DbOrTx, values: (typeof surveyWaveMembers.$inferInsert)[]) {
  for (let i = 0; i < values.length; i += 1000) await db.insert(surveyWaveMembers).values(values.slice(i, i + 1000));
}

export const insertMember = async (db: DbOrTx, values: typeof surveyWaveMembers.$inferInsert) =>
  (await db.insert(surveyWaveMembers).values(values).returning())[0];

/** Members by status with their call attempts, per wave. */
export async function figuresOf(db: DbOrTx, waveIds: number[]) {
  if (waveIds.length === 0) return [];
  return db
    .select({
      waveId: surveyWaveMembers.waveId,
      status: surveyWaveMembers.status,
      n: sql<number>`count(*)::int`,
      attempts: sql<number>`coalesce(sum(${surveyWaveMembers.attempts}), 0)::int`,
    })
    .from(surveyWaveMembers)
    .where(inArray(surveyWaveMembers.waveId, waveIds))
    .groupBy(surveyWaveMembers.waveId, surveyWaveMembers.status);
}

/** The headline answers of a wave (CSAT and recommend), read from the survey responses tagged with it. */
export async function answersOfWave(db: DbOrTx, waveId: number) {
  const res = (await db.execute(sql`
    select r.csat, r.recommend from survey_responses r join survey_invitations i on i.id = r.invitation_id
    where i.wave_id = ${waveId}`)) as unknown as Rows<{ csat: number | null; recommend: number | null }>;
  return res.rows;
}

/** The members of a wave with the customer's name and mobile, optionally one caller's. */
export async function membersOf(db: DbOrTx, waveId: number, assigneeId: number | null) {
  const res = (await db.execute(sql`
    select m.id, m.customer_id as "customerId", m.tier, m.assignee_id as "assigneeId", u.display_name as "assigneeName",
      m.status, m.source, m.attempts, m.last_outcome as "lastOutcome", m.last_attempt_at as "lastAttemptAt",
      m.invitation_id as "invitationId", c.customer_no as "customerNo", p.name as "customerName",
      coalesce(p.mobile, (select ct.mobile from contacts ct where ct.customer_id = c.id and ct.mobile is not null
        order by ct.id limit 1)) as phone
    from survey_wave_members m join customers c on c.id = m.customer_id join parties p on p.id = c.party_id
    left join users u on u.id = m.assignee_id
    where m.wave_id = ${waveId} ${assigneeId === null ? sql`` : sql`and m.assignee_id = ${assigneeId}`}
    order by m.status = 'pending' desc, m.id
    limit 5000`)) as unknown as Rows<MemberListRow>;
  return res.rows.map((r) => ({ ...r, lastAttemptAt: r.lastAttemptAt ? new Date(r.lastAttemptAt) : null }));
}
export type MemberListRow = {
  id: number;
  customerId: number;
  tier: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  status: MemberRow['status'];
  source: MemberRow['source'];
  attempts: number;
  lastOutcome: MemberRow['lastOutcome'];
  lastAttemptAt: Date | string | null;
  invitationId: number | null;
  customerNo: string;
  customerName: string;
  phone: string | null;
};

export const findMember = async (db: DbOrTx, id: number, lock = false) => {
  const q = db.select().from(surveyWaveMembers).where(eq(surveyWaveMembers.id, id));
  return (await (lock ? q.for('update') : q))[0];
};

export const findMemberOfCustomer = async (db: DbOrTx, waveId: number, customerId: number) =>
  (
    await db
      .select()
      .from(surveyWaveMembers)
      .where(and(eq(surveyWaveMembers.waveId, waveId), eq(surveyWaveMembers.customerId, customerId)))
      .for('update')
  )[0];

export const updateMember = async (db: DbOrTx, id: number, values: Partial<typeof surveyWaveMembers.$inferInsert>) =>
  (await db.update(surveyWaveMembers).set(values).where(eq(surveyWaveMembers.id, id)).returning())[0];

export const insertAttempt = async (db: DbOrTx, values: typeof surveyWaveAttempts.$inferInsert) =>
  (await db.insert(surveyWaveAttempts).values(values).returning())[0];

export const attemptsOf = (db: DbOrTx, memberId: number) =>
  db.select().from(surveyWaveAttempts).where(eq(surveyWaveAttempts.memberId, memberId)).orderBy(surveyWaveAttempts.at);

/** Closing a wave: every member still pending becomes a non-response. */
export const markPendingNonResponse = (db: DbOrTx, waveId: number, now: Date) =>
  db
    .update(surveyWaveMembers)
    .set({ status: 'non_response', updatedAt: now })
    .where(and(eq(surveyWaveMembers.waveId, waveId), eq(surveyWaveMembers.status, 'pending')))
    .returning({ id: surveyWaveMembers.id });

/** Customers of the given customer numbers inside the viewer's scope (imports resolve respondents with it). */
export async function customersByNo(db: DbOrTx, scope: Scope, nos: string[]) {
  const out = new Map<string, number>();
  for (let i = 0; i < nos.length; i += 1000) {
    const chunk = nos.slice(i, i + 1000);
    const res = (await db.execute(sql`
      select c.id, c.customer_no as "customerNo" from customers c
      where c.customer_no in (${sql.join(
        chunk.map((n) => sql`${n}`),
        sql`, `,
      )}) and ${customerScopeSql(scope, 'c')}`)) as unknown as Rows<{ id: number; customerNo: string }>;
    for (const r of res.rows) out.set(r.customerNo, r.id);
  }
  return out;
}

export const updateResponse = (db: DbOrTx, id: number, values: Partial<typeof surveyResponses.$inferInsert>) =>
  db.update(surveyResponses).set(values).where(eq(surveyResponses.id, id));
