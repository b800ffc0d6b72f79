import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { questionnaires, surveyFollowups, surveyInvitations, surveyOptOuts, surveyResponses } from './surveys.table';

export type QuestionnaireRow = typeof questionnaires.$inferSelect;
export type InvitationRow = typeof surveyInvitations.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;
export type FollowupRow = typeof surveyFollowups.$inferSelect;

export const insertQuestionnaire = async (db: DbOrTx, values: typeof questionnaires.$inferInsert) =>
  (await db.insert(questionnaires).values(values).onConflictDoNothing().returning())[0];

export const findQuestionnaire = async (db: DbOrTx, id: number) =>
  (await db.select().from(questionnaires).where(eq(questionnaires.id, id)))[0];

export const listQuestionnaires = (db: DbOrTx) =>
  db.select().from(questionnaires).orderBy(questionnaires.code, desc(questionnaires.version));

export const latestVersion = async (db: DbOrTx, code: string) =>
  (
    await db
      .select({ v: sql<number>`coalesce(max(${questionnaires.version}), 0)::int` })
      .from(questionnaires)
      .where(eq(questionnaires.code, code))
  )[0].v;

/** The newest published questionnaire of a kind. */
export const findPublished = async (db: DbOrTx, kind: QuestionnaireRow['kind']) =>
  (
    await db
      .select()
      .from(questionnaires)
      .where(and(eq(questionnaires.kind, kind), eq(questionnaires.status, 'published')))
      .orderBy(desc(questionnaires.publishedAt), desc(questionnaires.id))
      .limit(1)
  )[0];

export const updateQuestionnaire = async (
  db: DbOrTx,
  id: number,
  values: Partial<typeof questionnaires.$inferInsert>,
) => (await db.update(questionnaires).set(values).where(eq(questionnaires.id, id)).returning())[0];

export const isOptedOut = async (db: DbOrTx, customerId: number) =>
  (await db.select().from(surveyOptOuts).where(eq(surveyOptOuts.customerId, customerId))).length > 0;

export const insertOptOut = async (db: DbOrTx, values: typeof surveyOptOuts.$inferInsert) =>
  (await db.insert(surveyOptOuts).values(values).onConflictDoNothing().returning())[0];

/** When the customer was last sent (or scheduled) a survey, suppressed ones not counted. */
export async function lastSurveyedAt(db: DbOrTx, customerId: number): Promise<Date | null> {
  const [row] = await db
    .select({ at: surveyInvitations.createdAt })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.customerId, customerId), ne(surveyInvitations.status, 'suppressed')))
    .orderBy(desc(surveyInvitations.createdAt))
    .limit(1);
  return row?.at ?? null;
}

export const insertInvitation = async (db: DbOrTx, values: typeof surveyInvitations.$inferInsert) =>
  (await db.insert(surveyInvitations).values(values).returning())[0];

export const findInvitation = async (db: DbOrTx, id: number, lock = false) => {
  const q = db.select().from(surveyInvitations).where(eq(surveyInvitations.id, id));
  return (await (lock ? q.for('update') : q))[0];
};

export const findInvitationByToken = async (db: DbOrTx, token: string) =>
  (await db.select().from(surveyInvitations).where(eq(surveyInvitations.token, token)).for('update'))[0];

export const findInvitationByTicket = async (db: DbOrTx, ticketId: number) =>
  (
    await db
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.ticketId, ticketId), eq(surveyInvitations.trigger, 'ticket_closed')))
  )[0];

export const updateInvitation = async (
  db: DbOrTx,
  id: number,
  values: Partial<typeof surveyInvitations.$inferInsert>,
) => (await db.update(surveyInvitations).set(values).where(eq(surveyInvitations.id, id)).returning())[0];

export const findResponseByMessage = async (db: DbOrTx, messageId: string) =>
  (await db.select().from(surveyResponses).where(eq(surveyResponses.messageId, messageId)))[0];

export const findResponseOf = async (db: DbOrTx, invitationId: number) =>
  (await db.select().from(surveyResponses).where(eq(surveyResponses.invitationId, invitationId)))[0];

export const insertResponse = async (db: DbOrTx, values: typeof surveyResponses.$inferInsert) =>
  (await db.insert(surveyResponses).values(values).returning())[0];

export const insertFollowup = async (db: DbOrTx, values: typeof surveyFollowups.$inferInsert) =>
  (await db.insert(surveyFollowups).values(values).returning())[0];

export const findFollowup = async (db: DbOrTx, id: number, lock = false) => {
  const q = db.select().from(surveyFollowups).where(eq(surveyFollowups.id, id));
  return (await (lock ? q.for('update') : q))[0];
};

export const findFollowupByInvitation = async (db: DbOrTx, invitationId: number) =>
  (await db.select().from(surveyFollowups).where(eq(surveyFollowups.invitationId, invitationId)))[0];

export const updateFollowup = async (db: DbOrTx, id: number, values: Partial<typeof surveyFollowups.$inferInsert>) =>
  (await db.update(surveyFollowups).set(values).where(eq(surveyFollowups.id, id)).returning())[0];

export const listFollowups = (db: DbOrTx, filter: { ownerIds?: number[]; openOnly: boolean }) =>
  db
    .select()
    .from(surveyFollowups)
    .where(
      and(
        filter.ownerIds ? inArray(surveyFollowups.ownerId, filter.ownerIds) : undefined,
        filter.openOnly ? ne(surveyFollowups.status, 'recovered') : undefined,
      ),
    )
    .orderBy(surveyFollowups.dueAt)
    .limit(500);

export const invitationsOfCustomer = (db: DbOrTx, customerId: number) =>
  db
    .select({ invitation: surveyInvitations, response: surveyResponses })
    .from(surveyInvitations)
    .leftJoin(surveyResponses, eq(surveyResponses.invitationId, surveyInvitations.id))
    .where(eq(surveyInvitations.customerId, customerId))
    .orderBy(desc(surveyInvitations.createdAt))
    .limit(200);

/** The customer's latest answered survey with a headline answer (CSAT or recommend), for the 360 header. */
export const latestHeadlineAnswer = async (db: DbOrTx, customerId: number) =>
  (
    await db
      .select({ csat: surveyResponses.csat, recommend: surveyResponses.recommend })
      .from(surveyResponses)
      .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyResponses.invitationId))
      .where(
        and(
          eq(surveyInvitations.customerId, customerId),
          sql`(${surveyResponses.csat} is not null or ${surveyResponses.recommend} is not null)`,
        ),
      )
      .orderBy(desc(surveyResponses.receivedAt), desc(surveyResponses.id))
      .limit(1)
  )[0];

/** Sent invitations whose answer time is over (the expiry sweep). */
export const dueForExpiry = (db: DbOrTx, now: Date) =>
  db
    .select({ id: surveyInvitations.id })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.status, 'sent'), lt(surveyInvitations.expiresAt, now)))
    .limit(1000);

/** Scheduled invitations whose time has come (the send sweep). */
export const dueForSending = (db: DbOrTx, now: Date) =>
  db
    .select({ id: surveyInvitations.id })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.status, 'scheduled'), lt(surveyInvitations.scheduledAt, now)))
    .limit(1000);

export const findInvitationByInteraction = async (db: DbOrTx, interactionId: number) =>
  (
    await db
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.interactionId, interactionId), eq(surveyInvitations.trigger, 'counter')))
  )[0];
