// Quarterly key-account survey waves (质量部大客户季度调查): the quality department creates a wave for a published
// questionnaire version, a quarter and an org unit; the key accounts in scope (or a stratified sample by tier) are
// assigned round robin to the chosen quality staff, who call them with the phone script and record each attempt and
// the answers; closing the wave marks everyone not reached as a non-response. Answers are survey invitations +
// responses tagged with the wave id, so every index reads them per wave.
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { badRequest, conflict, forbidden, notFound } from '../../../platform/errors';
import { maskForViewer } from '../../../platform/pii';
import { recordAudit } from '../../audit/audit.service';
import { findOrgUnitForReference, findUserForReference, getSubtreeIds } from '../../org/org.service';
import { computeCsat, computeNps } from '../analytics/indices.models';
import * as srepo from '../surveys.repository';
import { type AnswerSheet, checkAnswers, scoreAnswers } from './questionnaire.models';
import { assignRoundRobin, type CallOutcome, sampleMembers, statusAfterCall, waveFigures } from './waves.models';
import * as repo from './waves.repository';

export type WaveInput = {
  name: string;
  questionnaireId: number;
  quarter: string;
  orgUnitId: number;
  sampling: 'all' | 'stratified';
  samplePct?: number | null;
  assigneeIds: number[];
};

const waveNotFound = () => notFound('surveys.wave_not_found', 'Survey wave not found');

/** Org units whose waves the viewer sees: all (administrators), the org subtree, none for a portfolio. */
const visibleUnits = (ctx: RequestCtx): number[] | null =>
  ctx.scope.kind === 'all' ? null : ctx.scope.kind === 'org' ? ctx.scope.orgUnitIds : [];

export async function requireVisibleWave(ctx: RequestCtx, db: DbOrTx, id: number, lock = false) {
  const w = await repo.findWave(db, id, lock);
  const units = visibleUnits(ctx);
  if (!w || (units && !units.includes(w.orgUnitId))) throw waveNotFound();
  return w;
}

async function withFigures(db: DbOrTx, waves: repo.WaveRow[]) {
  const rows = await repo.figuresOf(
    db,
    waves.map((w) => w.id),
  );
  return waves.map((w) => ({ ...w, figures: waveFigures(rows.filter((r) => r.waveId === w.id)) }));
}

export async function listWaves(opts: { ctx: RequestCtx }) {
  return withFigures(opts.ctx.db, await repo.listWaves(opts.ctx.db, visibleUnits(opts.ctx)));
}

/** A wave with its response figures and headline indices (CSAT, NPS) from the answers tagged with it. */
export async function getWave(opts: { ctx: RequestCtx; id: number }) {
  const w = await requireVisibleWave(opts.ctx, opts.ctx.db, opts.id);
  const [withF] = await withFigures(opts.ctx.db, [w]);
  const answers = await repo.answersOfWave(opts.ctx.db, w.id);
  const csat = computeCsat(answers.map((a) => a.csat ?? Number.NaN));
  const nps = computeNps(answers.map((a) => a.recommend ?? Number.NaN));
  const q = (await srepo.findQuestionnaire(opts.ctx.db, w.questionnaireId))!;
  return {
    ...withF,
    questionnaire: q,
    indices: { csatN: csat.n, csatMean: csat.mean, csatTopTwoBox: csat.topTwoBox, npsN: nps.n, nps: nps.nps },
  };
}

/** Creates the wave, draws its members and assigns them round robin to the callers, in one transaction. */
export async function createWave(opts: { ctx: RequestCtx; input: WaveInput }) {
  const { ctx, input } = opts;
  if (input.sampling === 'stratified' && !input.samplePct)
    throw badRequest('validation.invalid', 'samplePct: required for a stratified sample', [
      { path: 'samplePct', message: 'required for a stratified sample (1-100)' },
    ]);
  return ctx.db.transaction(async (tx) => {
    const q = await srepo.findQuestionnaire(tx, input.questionnaireId);
    if (!q || q.status === 'draft')
      throw badRequest('validation.invalid', 'questionnaireId: a published questionnaire version', [
        { path: 'questionnaireId', message: 'must name a published questionnaire version' },
      ]);
    const unit = await findOrgUnitForReference({ db: tx, id: input.orgUnitId });
    const units = visibleUnits(ctx);
    if (!unit || (units && !units.includes(unit.id)))
      throw badRequest('validation.invalid', 'orgUnitId: not an org unit you can survey', [
        { path: 'orgUnitId', message: 'not an org unit in your scope' },
      ]);
    const staff = [...new Set(input.assigneeIds)];
    for (const [i, id] of staff.entries()) {
      const u = await findUserForReference({ db: tx, id });
      if (!u?.active || !(u.role === 'quality' || u.role === 'admin'))
        throw badRequest('validation.invalid', `assigneeIds.${i}: not an active quality staff member`, [
          { path: `assigneeIds.${i}`, message: 'not an active quality staff member' },
        ]);
    }
    const population = await repo.keyAccountPopulation(tx, ctx.scope, await getSubtreeIds({ db: tx, path: unit.path }));
    if (population.length === 0)
      throw badRequest('surveys.wave_empty', 'orgUnitId: no key accounts in this org unit', [
        { path: 'orgUnitId', message: 'no key accounts in scope' },
      ]);
    const wave = await repo.insertWave(tx, {
      name: input.name,
      questionnaireId: q.id,
      quarter: input.quarter,
      orgUnitId: unit.id,
      sampling: input.sampling,
      samplePct: input.sampling === 'stratified' ? (input.samplePct ?? null) : null,
      createdBy: ctx.user.id,
    });
    const members = sampleMembers(population, {
      sampling: input.sampling,
      samplePct: input.samplePct,
      seed: `wave:${wave.id}:${input.quarter}`,
    });
    const assignees = assignRoundRobin(members, staff);
    await repo.insertMembers(
      tx,
      members.map((m, i) => ({ waveId: wave.id, customerId: m.customerId, tier: m.tier, assigneeId: assignees[i] })),
    );
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'survey_wave',
      entityId: wave.id,
      before: null,
      after: { ...wave, members: members.length, assigneeIds: staff },
    });
    return (await withFigures(tx, [wave]))[0];
  });
}

/** The call list: my members (callers) or all of the wave; phones masked for viewers without pii.read. */
export async function listMembers(opts: { ctx: RequestCtx; waveId: number; mine: boolean }) {
  const { ctx } = opts;
  await requireVisibleWave(ctx, ctx.db, opts.waveId);
  return maskForViewer(ctx, await repo.membersOf(ctx.db, opts.waveId, opts.mine ? ctx.user.id : null));
}

export async function memberAttempts(opts: { ctx: RequestCtx; waveId: number; memberId: number }) {
  const m = await repo.findMember(opts.ctx.db, opts.memberId);
  if (!m || m.waveId !== opts.waveId) throw notFound('surveys.wave_member_not_found', 'Wave member not found');
  await requireVisibleWave(opts.ctx, opts.ctx.db, opts.waveId);
  return repo.attemptsOf(opts.ctx.db, m.id);
}

/**
 * Stores an answer sheet as a survey invitation + response tagged with the wave (the place every index reads),
 * or replaces the answers of the same message id (a re-import).
 */
export async function storeWaveAnswer(
  tx: DbOrTx,
  input: {
    waveId: number;
    questionnaire: srepo.QuestionnaireRow;
    customerId: number;
    answers: AnswerSheet;
    messageId: string;
    source: 'call' | 'import';
    now: Date;
  },
) {
  const score = scoreAnswers(input.questionnaire.questions, input.answers);
  const existing = await srepo.findResponseByMessage(tx, input.messageId);
  if (existing) {
    // Re-import of the same respondent: the answers change in place (same invitation, same message id).
    await repo.updateResponse(tx, existing.id, {
      answers: input.answers,
      csat: score.csat,
      recommend: score.recommend,
      dissatisfied: score.dissatisfied,
      reasons: score.reasons,
    });
    return { invitationId: existing.invitationId, created: false };
  }
  const inv = await srepo.insertInvitation(tx, {
    questionnaireId: input.questionnaire.id,
    customerId: input.customerId,
    ticketId: null,
    ownerId: null,
    trigger: input.source === 'call' ? 'ka_wave' : 'import',
    channel: 'agent_call',
    phone: null,
    token: randomBytes(12).toString('base64url'),
    status: 'answered',
    scheduledAt: input.now,
    sentAt: input.now,
    answeredAt: input.now,
    createdAt: input.now,
    waveId: input.waveId,
  });
  await srepo.insertResponse(tx, {
    invitationId: inv.id,
    messageId: input.messageId,
    answers: input.answers,
    csat: score.csat,
    recommend: score.recommend,
    dissatisfied: score.dissatisfied,
    reasons: score.reasons,
    receivedAt: input.now,
  });
  return { invitationId: inv.id, created: true };
}

/**
 * One call to a wave member: no answer / busy keep the member for another try, refused ends the calls, answered
 * stores the answers (checked against the wave's questionnaire). Only the member's caller (or an administrator) calls.
 */
export async function recordCall(opts: {
  ctx: RequestCtx;
  waveId: number;
  memberId: number;
  input: { outcome: CallOutcome; note?: string | null; answers?: AnswerSheet | null };
  now?: Date;
}) {
  const { ctx, input } = opts;
  const now = opts.now ?? new Date();
  return ctx.db.transaction(async (tx) => {
    const wave = await requireVisibleWave(ctx, tx, opts.waveId, true);
    const before = await repo.findMember(tx, opts.memberId, true);
    if (!before || before.waveId !== wave.id) throw notFound('surveys.wave_member_not_found', 'Wave member not found');
    if (wave.status !== 'open') throw conflict('surveys.wave_closed', 'The wave is closed');
    if (before.assigneeId !== ctx.user.id && ctx.user.role !== 'admin')
      throw forbidden('surveys.not_assignee', 'Only the assigned caller records calls to this customer');
    if (before.status !== 'pending')
      throw conflict('surveys.wave_member_done', `This customer is already ${before.status}`);
    let invitationId: number | null = null;
    if (input.outcome === 'answered') {
      if (!input.answers)
        throw badRequest('validation.invalid', 'answers: required when the call was answered', [
          { path: 'answers', message: 'required when the call was answered' },
        ]);
      const q = (await srepo.findQuestionnaire(tx, wave.questionnaireId))!;
      const problems = checkAnswers(q.questions, input.answers);
      if (problems.length)
        throw badRequest('validation.invalid', `Invalid ${problems.map((p) => p.path).join(', ')}`, problems);
      ({ invitationId } = await storeWaveAnswer(tx, {
        waveId: wave.id,
        questionnaire: q,
        customerId: before.customerId,
        answers: input.answers,
        messageId: `wave:${wave.id}:member:${before.id}`,
        source: 'call',
        now,
      }));
    } else if (input.answers)
      throw badRequest('validation.invalid', 'answers: only for an answered call', [
        { path: 'answers', message: 'only for an answered call' },
      ]);
    const attempt = await repo.insertAttempt(tx, {
      memberId: before.id,
      outcome: input.outcome,
      note: input.note ?? null,
      userId: ctx.user.id,
      at: now,
    });
    const after = await repo.updateMember(tx, before.id, {
      status: statusAfterCall(before.status, input.outcome),
      attempts: before.attempts + 1,
      lastOutcome: input.outcome,
      lastAttemptAt: now,
      invitationId: invitationId ?? before.invitationId,
      updatedAt: now,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'call',
      entity: 'survey_wave_member',
      entityId: before.id,
      customerId: before.customerId,
      before: { status: before.status, attempts: before.attempts, lastOutcome: before.lastOutcome },
      after: { status: after.status, attempts: after.attempts, lastOutcome: after.lastOutcome, invitationId },
    });
    return { member: after, attempt };
  });
}

/** Closes the wave: members not reached become non-responses; the wave takes no more calls or imports. */
export async function closeWave(opts: { ctx: RequestCtx; id: number; now?: Date }) {
  const { ctx } = opts;
  const now = opts.now ?? new Date();
  return ctx.db.transaction(async (tx) => {
    const before = await requireVisibleWave(ctx, tx, opts.id, true);
    if (before.status !== 'open') throw conflict('surveys.wave_closed', 'The wave is already closed');
    const marked = await repo.markPendingNonResponse(tx, before.id, now);
    const after = await repo.updateWave(tx, before.id, { status: 'closed', closedAt: now });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'close',
      entity: 'survey_wave',
      entityId: before.id,
      before: { status: before.status },
      after: { status: after.status, closedAt: after.closedAt, nonResponse: marked.length },
    });
    return (await withFigures(tx, [after]))[0];
  });
}
