// Callback surveys (回访): a closed ticket schedules a survey outside quiet hours (held back for opted-out or recently
// surveyed customers), a channel sends it, the signed webhook records the answer once, and a dissatisfied answer
// opens a follow-up owned by the ticket's first-contact owner until a re-survey shows the customer satisfied.
import { randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client';
import { type RequestCtx, systemActor } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { maskForViewer } from '../../platform/pii';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { enqueueJob } from '../jobs/jobs.service';
import { notifyUsers } from '../notifications/notifications.service';
import { callbackTimeOf, defaultContactRules, expiryOf, suppressionOf } from './callbacks.models';
import { surveyChannel } from './surveys.channels';
import { defaultCallbackQuestionnaire } from './surveys.defaults';
import * as repo from './surveys.repository';
import { type AnswerSheet, checkAnswers, scoreAnswers } from './waves/questionnaire.models';

export const SEND_JOB = 'surveys.send';
export const EXPIRE_JOB = 'surveys.expire';
export const TICKET_CALLBACK_JOB = 'surveys.ticket-callback';
/** A follow-up must reach the customer within a day (its SLA). */
export const FOLLOWUP_HOURS = 24;

const actor = systemActor('surveys');

/** The published callback questionnaire, creating the default one on first use. */
export async function ensureCallbackQuestionnaire(opts: { db: DbOrTx }) {
  const found = await repo.findPublished(opts.db, 'callback');
  if (found) return found;
  const d = defaultCallbackQuestionnaire;
  await repo.insertQuestionnaire(opts.db, {
    code: d.code,
    version: 1,
    kind: 'callback',
    status: 'published',
    titleZh: d.titleZh,
    titleEn: d.titleEn,
    questions: d.questions,
    publishedAt: new Date(),
  });
  return (await repo.findPublished(opts.db, 'callback'))!;
}

type ScheduleInput = {
  customerId: number;
  ticketId: number | null;
  ownerId: number | null;
  phone: string | null;
  trigger: 'ticket_closed' | 'counter' | 'resurvey';
  followupId?: number | null;
  interactionId?: number | null;
};

/** Creates the invitation (or a suppressed record saying why not) and queues its sending; inside the caller's tx. */
export async function scheduleInTx(tx: DbOrTx, input: ScheduleInput, now: Date) {
  const questionnaire = await ensureCallbackQuestionnaire({ db: tx });
  const suppressed =
    input.trigger === 'resurvey'
      ? (await repo.isOptedOut(tx, input.customerId))
        ? 'opted_out'
        : null
      : suppressionOf({
          optedOut: await repo.isOptedOut(tx, input.customerId),
          lastSurveyedAt: await repo.lastSurveyedAt(tx, input.customerId),
          hasContactNumber: Boolean(input.phone),
          now,
        });
  const scheduledAt = callbackTimeOf(now, defaultContactRules);
  const row = await repo.insertInvitation(tx, {
    questionnaireId: questionnaire.id,
    customerId: input.customerId,
    ticketId: input.ticketId,
    ownerId: input.ownerId,
    followupId: input.followupId ?? null,
    interactionId: input.interactionId ?? null,
    trigger: input.trigger,
    channel: 'sms',
    phone: input.phone,
    token: randomBytes(12).toString('base64url'),
    status: suppressed ? 'suppressed' : 'scheduled',
    suppressedReason: suppressed,
    scheduledAt,
    createdAt: now,
  });
  await recordAudit({
    tx,
    actor,
    action: suppressed ? 'suppress' : 'schedule',
    entity: 'survey_invitation',
    entityId: row.id,
    customerId: row.customerId,
    before: null,
    after: {
      trigger: row.trigger,
      ticketId: row.ticketId,
      interactionId: row.interactionId,
      status: row.status,
      suppressedReason: row.suppressedReason,
    },
  });
  if (!suppressed)
    await enqueueJob({
      db: tx,
      type: SEND_JOB,
      payload: { id: row.id },
      runAt: scheduledAt,
      dedupeKey: `survey:send:${row.id}`,
    });
  return row;
}

/** A closed, customer-confirmed ticket's callback (the job handler; idempotent per ticket). */
export async function scheduleTicketCallback(opts: { db: Db; input: Omit<ScheduleInput, 'trigger'>; now?: Date }) {
  const now = opts.now ?? new Date();
  return opts.db.transaction(async (tx) => {
    const ticketId = opts.input.ticketId;
    const existing = ticketId === null ? undefined : await repo.findInvitationByTicket(tx, ticketId);
    return existing ?? scheduleInTx(tx, { ...opts.input, trigger: 'ticket_closed' }, now);
  });
}

/** Sends a scheduled invitation through the channel (the send job; a second run is a no-op). */
export async function sendInvitation(opts: { db: Db; id: number; now?: Date }) {
  const now = opts.now ?? new Date();
  return opts.db.transaction(async (tx) => {
    const inv = await repo.findInvitation(tx, opts.id, true);
    if (inv?.status !== 'scheduled' || inv.scheduledAt.getTime() > now.getTime()) return inv;
    const q = (await repo.findQuestionnaire(tx, inv.questionnaireId))!;
    await surveyChannel().send({
      invitationId: inv.id,
      token: inv.token,
      channel: inv.channel,
      phone: inv.phone,
      titleZh: q.titleZh,
      questions: q.questions.map((x) => ({ code: x.code, zh: x.zh })),
    });
    const expiresAt = expiryOf(now);
    await enqueueJob({ db: tx, type: EXPIRE_JOB, payload: {}, runAt: expiresAt, dedupeKey: `survey:expire:${inv.id}` });
    return repo.updateInvitation(tx, inv.id, { status: 'sent', sentAt: now, expiresAt });
  });
}

/** Marks sent invitations past their answer time as expired (the expiry job). */
export async function expireInvitations(opts: { db: Db; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const due = await repo.dueForExpiry(opts.db, now);
  for (const { id } of due)
    await opts.db.transaction(async (tx) => {
      const inv = await repo.findInvitation(tx, id, true);
      if (inv?.status === 'sent') await repo.updateInvitation(tx, id, { status: 'expired' });
    });
  return due.length;
}

export type InboundAnswer = { messageId: string; token: string; answers: AnswerSheet };
export type InboundResult = {
  invitationId: number;
  replayed: boolean;
  dissatisfied: boolean;
  followupId: number | null;
};

/**
 * Records an answer from the channel. The same message again answers what the first did and changes nothing;
 * another message for an answered survey, an expired survey, or an answer that does not fit the questionnaire is
 * refused.
 */
export async function receiveAnswer(opts: { db: Db; input: InboundAnswer; now?: Date }): Promise<InboundResult> {
  const { db, input } = opts;
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const replay = await repo.findResponseByMessage(tx, input.messageId);
    const inv = await repo.findInvitationByToken(tx, input.token);
    if (replay) {
      if (!inv || replay.invitationId !== inv.id)
        throw conflict('surveys.message_reused', 'This message id was used for another survey');
      const f = await followupOfInvitation(tx, inv);
      return { invitationId: inv.id, replayed: true, dissatisfied: replay.dissatisfied, followupId: f };
    }
    if (!inv) throw notFound('surveys.not_found', 'Survey not found');
    if (inv.status === 'answered') throw conflict('surveys.already_answered', 'This survey has already been answered');
    if (inv.status !== 'sent' || (inv.expiresAt && inv.expiresAt.getTime() < now.getTime()))
      throw new AppError('surveys.expired', 410, 'This survey is closed (expired or never sent)');
    const q = (await repo.findQuestionnaire(tx, inv.questionnaireId))!;
    const problems = checkAnswers(q.questions, input.answers);
    if (problems.length)
      throw badRequest('validation.invalid', `Invalid ${problems.map((p) => p.path).join(', ')}`, problems);
    const score = scoreAnswers(q.questions, input.answers);
    await repo.insertResponse(tx, {
      invitationId: inv.id,
      messageId: input.messageId,
      answers: input.answers,
      csat: score.csat,
      recommend: score.recommend,
      dissatisfied: score.dissatisfied,
      reasons: score.reasons,
      receivedAt: now,
    });
    await repo.updateInvitation(tx, inv.id, { status: 'answered', answeredAt: now });
    await recordAudit({
      tx,
      actor,
      action: 'answer',
      entity: 'survey_invitation',
      entityId: inv.id,
      customerId: inv.customerId,
      before: { status: inv.status },
      after: { status: 'answered', csat: score.csat, recommend: score.recommend, dissatisfied: score.dissatisfied },
    });
    let followupId: number | null = null;
    if (inv.trigger === 'resurvey' && inv.followupId) followupId = await settleFollowup(tx, inv.followupId, score, now);
    else if (score.dissatisfied && inv.ownerId) followupId = await openFollowup(tx, inv, score.reasons, now);
    return { invitationId: inv.id, replayed: false, dissatisfied: score.dissatisfied, followupId };
  });
}

/** The follow-up an answered invitation opened or settles (a re-survey names its follow-up itself). */
async function followupOfInvitation(tx: DbOrTx, inv: repo.InvitationRow): Promise<number | null> {
  return inv.followupId ?? (await repo.findFollowupByInvitation(tx, inv.id))?.id ?? null;
}

async function openFollowup(tx: DbOrTx, inv: repo.InvitationRow, reasons: string[], now: Date) {
  const f = await repo.insertFollowup(tx, {
    invitationId: inv.id,
    customerId: inv.customerId,
    ticketId: inv.ticketId,
    ownerId: inv.ownerId!,
    reasons,
    dueAt: new Date(now.getTime() + FOLLOWUP_HOURS * 3_600_000),
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit({
    tx,
    actor,
    action: 'create',
    entity: 'survey_followup',
    entityId: f.id,
    customerId: f.customerId,
    before: null,
    after: f,
  });
  await notifyUsers({
    tx,
    userIds: [f.ownerId],
    alert: {
      kind: 'survey.dissatisfied',
      title: '回访不满意，请跟进',
      link: '/surveys/followups',
      data: { followupId: f.id, ticketId: f.ticketId, reasons },
      dedupeKey: `survey-followup:${f.id}`,
    },
  });
  return f.id;
}

/** A re-survey answer: satisfied closes the follow-up as recovered; dissatisfied sends it back to its owner. */
async function settleFollowup(tx: DbOrTx, id: number, score: { dissatisfied: boolean; reasons: string[] }, now: Date) {
  const before = (await repo.findFollowup(tx, id, true))!;
  const after = score.dissatisfied
    ? await repo.updateFollowup(tx, id, {
        status: 'open',
        reasons: score.reasons,
        dueAt: new Date(now.getTime() + FOLLOWUP_HOURS * 3_600_000),
        updatedAt: now,
      })
    : await repo.updateFollowup(tx, id, { status: 'recovered', closedAt: now, updatedAt: now });
  await recordAudit({
    tx,
    actor,
    action: score.dissatisfied ? 'reopen' : 'recover',
    entity: 'survey_followup',
    entityId: id,
    customerId: before.customerId,
    before,
    after,
  });
  return id;
}

/** The customer asked not to be surveyed again. */
export async function optOutCustomer(opts: { ctx: RequestCtx; customerId: number; source: string }) {
  const { ctx } = opts;
  return ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: opts.customerId });
    const row = await repo.insertOptOut(tx, {
      customerId: opts.customerId,
      byUserId: ctx.user.id,
      source: opts.source,
    });
    if (row)
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'opt_out',
        entity: 'survey_opt_out',
        entityId: opts.customerId,
        customerId: opts.customerId,
        before: null,
        after: row,
      });
    return { customerId: opts.customerId, optedOut: true as const };
  });
}

/** A customer's surveys with their answers (the 360 page's survey history). */
/**
 * The 360 header's satisfaction (a headline provider, called after the customer's scope check): the latest answered
 * survey's CSAT (1-5), else its recommend score (0-10); nothing for viewers without `surveys.read`.
 */
export async function customerSatisfactionHeadline(opts: { ctx: RequestCtx; customerId: number }) {
  if (!opts.ctx.can('surveys.read')) return { satisfaction: null };
  const a = await repo.latestHeadlineAnswer(opts.ctx.db, opts.customerId);
  if (!a) return { satisfaction: null };
  return {
    satisfaction:
      a.csat != null ? { score: a.csat, measure: 'csat' } : { score: a.recommend ?? 0, measure: 'recommend' },
  };
}

export async function customerSurveys(opts: { ctx: RequestCtx; customerId: number }) {
  await requireVisibleCustomer({ db: opts.ctx.db, scope: opts.ctx.scope, id: opts.customerId });
  // The free answers (and the number surveyed) can carry personal data: one masking decision for the viewer.
  return maskForViewer(opts.ctx, await repo.invitationsOfCustomer(opts.ctx.db, opts.customerId));
}
