// Questionnaires as versioned definitions: a draft is edited freely, publishing freezes it (every later edit answers
// 409), and a change to a published questionnaire is a new draft version started from it. Publishing a version
// retires the code's previous published one, so callbacks and new waves use the newest.
import type { RequestCtx } from '../../../platform/context';
import { badRequest, conflict, notFound } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import * as repo from '../surveys.repository';
import { checkQuestionnaire, type Question } from './questionnaire.models';
import * as qrepo from './questionnaires.repository';

export type QuestionnaireDraft = {
  code: string;
  kind: 'callback' | 'ka_quarterly' | 'external';
  titleZh: string;
  titleEn: string;
  questions: Question[];
};

const notFoundError = () => notFound('surveys.questionnaire_not_found', 'Questionnaire not found');
const publishedError = () =>
  conflict('surveys.questionnaire_published', 'A published questionnaire cannot change: start a new version');

export const listQuestionnaires = (opts: { ctx: RequestCtx }) => repo.listQuestionnaires(opts.ctx.db);

export async function getQuestionnaire(opts: { ctx: RequestCtx; id: number }) {
  const q = await repo.findQuestionnaire(opts.ctx.db, opts.id);
  if (!q) throw notFoundError();
  return q;
}

/** Creates version 1 of a new questionnaire code as a draft. */
export async function createQuestionnaire(opts: { ctx: RequestCtx; input: QuestionnaireDraft }) {
  const { ctx, input } = opts;
  return ctx.db.transaction(async (tx) => {
    if ((await repo.latestVersion(tx, input.code)) > 0)
      throw conflict('surveys.questionnaire_code_taken', 'code: a questionnaire with this code exists', [
        { path: 'code', message: 'already used: start a new version of it instead' },
      ]);
    const row = await repo.insertQuestionnaire(tx, { ...input, version: 1, status: 'draft', createdBy: ctx.user.id });
    if (!row) throw conflict('surveys.questionnaire_code_taken', 'code: a questionnaire with this code exists');
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'questionnaire',
      entityId: row.id,
      before: null,
      after: row,
    });
    return row;
  });
}

/** Edits a draft (title, kind, questions); a published or retired version answers 409. */
export async function updateQuestionnaire(opts: {
  ctx: RequestCtx;
  id: number;
  input: Partial<Omit<QuestionnaireDraft, 'code'>>;
}) {
  const { ctx } = opts;
  return ctx.db.transaction(async (tx) => {
    const before = await qrepo.findForUpdate(tx, opts.id);
    if (!before) throw notFoundError();
    if (before.status !== 'draft') throw publishedError();
    const after = await repo.updateQuestionnaire(tx, before.id, opts.input);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'questionnaire',
      entityId: before.id,
      before,
      after,
    });
    return after;
  });
}

/** Publishes a draft that passes the definition checks; from then on it never changes. */
export async function publishQuestionnaire(opts: { ctx: RequestCtx; id: number; now?: Date }) {
  const { ctx } = opts;
  return ctx.db.transaction(async (tx) => {
    const before = await qrepo.findForUpdate(tx, opts.id);
    if (!before) throw notFoundError();
    if (before.status !== 'draft') throw publishedError();
    const problems = checkQuestionnaire(before.questions);
    if (problems.length)
      throw badRequest('surveys.questionnaire_invalid', `Invalid ${problems.map((p) => p.path).join(', ')}`, problems);
    const after = await repo.updateQuestionnaire(tx, before.id, {
      status: 'published',
      publishedAt: opts.now ?? new Date(),
    });
    const retired = await qrepo.retireOthers(tx, before.code, before.id);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'publish',
      entity: 'questionnaire',
      entityId: before.id,
      before,
      after,
    });
    for (const r of retired)
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'retire',
        entity: 'questionnaire',
        entityId: r.id,
        before: { status: 'published' },
        after: { status: 'retired' },
      });
    return after;
  });
}

/** Starts the next version of a published (or retired) questionnaire as a draft copy; one draft per code at a time. */
export async function newQuestionnaireVersion(opts: { ctx: RequestCtx; id: number }) {
  const { ctx } = opts;
  return ctx.db.transaction(async (tx) => {
    const from = await qrepo.findForUpdate(tx, opts.id);
    if (!from) throw notFoundError();
    if (from.status === 'draft')
      throw conflict('surveys.questionnaire_is_draft', 'This version is still a draft: edit it instead');
    const draft = await qrepo.findDraftOf(tx, from.code);
    if (draft)
      throw conflict('surveys.questionnaire_draft_exists', `Version ${draft.version} of this questionnaire is a draft`);
    const version = (await repo.latestVersion(tx, from.code)) + 1;
    const row = await repo.insertQuestionnaire(tx, {
      code: from.code,
      version,
      kind: from.kind,
      status: 'draft',
      titleZh: from.titleZh,
      titleEn: from.titleEn,
      questions: from.questions,
      createdBy: ctx.user.id,
    });
    if (!row) throw conflict('surveys.questionnaire_draft_exists', 'Another version was started at the same time');
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'new_version',
      entity: 'questionnaire',
      entityId: row.id,
      before: null,
      after: { ...row, fromId: from.id },
    });
    return row;
  });
}
