import type {
  KaTask,
  Warning,
  WarningRuleCode,
  WarningRuleSetting,
  warningClose,
  warningEvaluate,
  warningQuery,
  warningRuleSettingSet,
} from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx, Scope } from '../../platform/context';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors';
import { insertTaskTx, listTasks } from '../accounts-mgmt/tasks.service';
import { recordAudit } from '../audit/audit.service';
import { enqueueJob } from '../jobs/jobs.service';
import { addDays, todayIso } from '../ka-common/ka-common.models';
import { findOrgUnitForReference, getUser } from '../org/org.service';
import { defaultRuleSettings, pathIds, resolveSettings, ruleNamesZh } from './warnings.models';
import { ticketsAvailable } from './warnings.queries';
import * as repo from './warnings.repository';
import { EVALUATE_JOB } from './warnings-engine.service';

const warningNotFound = () => notFound('warnings.not_found', 'Warning not found');

export const toWarning = (r: repo.WarningListRow): Warning => ({
  id: r.warning.id,
  customerId: r.warning.customerId,
  customerName: r.customerName,
  ruleCode: r.warning.ruleCode,
  causeKey: r.warning.causeKey,
  severity: r.warning.severity,
  facts: r.warning.facts,
  assignee: r.warning.assigneeId ? { id: r.warning.assigneeId, displayName: r.assigneeName ?? '' } : null,
  status: r.warning.status,
  closeNote: r.warning.closeNote,
  createdAt: r.warning.createdAt.toISOString(),
  acknowledgedAt: r.warning.acknowledgedAt?.toISOString() ?? null,
  closedAt: r.warning.closedAt?.toISOString() ?? null,
});

export async function listWarnings(opts: { ctx: RequestCtx; query: z.infer<typeof warningQuery> }) {
  const { ctx, query } = opts;
  const { limit, offset, open, ...f } = query;
  const { items, total } = await repo.listWarnings(
    ctx.db,
    ctx.scope,
    { ...f, open: open === undefined ? undefined : open === 'true' },
    { limit, offset },
  );
  return { items: items.map(toWarning), total };
}

/** Open warnings of customers in a scope (the workbench). */
export async function openWarningsOf(opts: { db: DbOrTx; scope: Scope; customerIds?: number[]; limit: number }) {
  const { items, total } = await repo.listWarnings(
    opts.db,
    opts.scope,
    { open: true, customerIds: opts.customerIds },
    { limit: opts.limit, offset: 0 },
  );
  return { items: items.map(toWarning), total };
}

export const openWarningCounts = (opts: { db: DbOrTx; customerIds: number[] }) =>
  repo.openCounts(opts.db, opts.customerIds);

async function getWarning(ctx: RequestCtx, db: DbOrTx, id: number): Promise<Warning> {
  const [row] = (await repo.listWarnings(db, ctx.scope, { id }, { limit: 1, offset: 0 })).items;
  if (!row) throw warningNotFound();
  return toWarning(row);
}

/** open -> acknowledged -> closed (with a note). */
async function transition(ctx: RequestCtx, id: number, to: 'acknowledged' | 'closed', note?: string): Promise<Warning> {
  await ctx.db.transaction(async (tx) => {
    const before = await getWarning(ctx, tx, id);
    if (before.status === 'closed') throw conflict('warnings.closed', 'The warning is already closed');
    if (to === 'acknowledged' && before.status !== 'open')
      throw conflict('warnings.acknowledged', 'Already acknowledged');
    const now = new Date();
    const after = await repo.updateWarning(
      tx,
      id,
      to === 'acknowledged'
        ? { status: to, acknowledgedAt: now, acknowledgedBy: ctx.user.id }
        : { status: to, closedAt: now, closedBy: ctx.user.id, closeNote: note ?? null },
    );
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: to === 'closed' ? 'close' : 'acknowledge',
      entity: 'warning',
      entityId: id,
      customerId: before.customerId,
      before: { status: before.status },
      after: { status: after.status, closeNote: after.closeNote },
    });
  });
  return getWarning(ctx, ctx.db, id);
}

export const acknowledgeWarning = (opts: { ctx: RequestCtx; id: number }) =>
  transition(opts.ctx, opts.id, 'acknowledged');
export const closeWarning = (opts: { ctx: RequestCtx; id: number; input: z.infer<typeof warningClose> }) =>
  transition(opts.ctx, opts.id, 'closed', opts.input.note);

/** Whether a user exists, is active and lies in the viewer's org scope (the org module decides). */
async function isVisibleColleague(ctx: RequestCtx, userId: number): Promise<boolean> {
  try {
    return (await getUser({ ctx, id: userId })).active;
  } catch {
    return false;
  }
}

/**
 * Makes a follow-up task of a warning (once): for the chosen owner (an AM only for themselves; by default the
 * warning's assignee) by the chosen date (by default 1 day for a high severity, else 3), titled in words.
 */
export async function taskFromWarning(opts: {
  ctx: RequestCtx;
  id: number;
  input?: { ownerId?: number; dueDate?: string; title?: string };
}): Promise<KaTask> {
  const { ctx, id } = opts;
  const input = opts.input ?? {};
  const w = await getWarning(ctx, ctx.db, id);
  if (input.dueDate && input.dueDate < todayIso()) throw invalidField('dueDate', 'must not be in the past');
  if (input.ownerId !== undefined && ctx.user.role === 'account_manager' && input.ownerId !== ctx.user.id)
    throw invalidField('ownerId', 'an account manager makes tasks for themselves');
  if (input.ownerId !== undefined && input.ownerId !== ctx.user.id && !(await isVisibleColleague(ctx, input.ownerId)))
    throw invalidField('ownerId', 'user not found');
  const ownerId =
    input.ownerId ?? (ctx.user.role === 'account_manager' ? ctx.user.id : (w.assignee?.id ?? ctx.user.id));
  const task = await ctx.db.transaction((tx) =>
    insertTaskTx({
      tx,
      actor: ctx.actor,
      values: {
        ownerId,
        customerId: w.customerId,
        title: input.title ?? `${w.customerName}：${ruleNamesZh[w.ruleCode as WarningRuleCode] ?? w.ruleCode}`,
        dueDate: input.dueDate ?? addDays(todayIso(), w.severity === 'high' ? 1 : 3),
        source: 'warning',
        sourceKey: `warning:${id}`,
      },
    }),
  );
  const [view] = (await listTasks({ ctx, query: { limit: 500 } })).filter((t) => t.id === task.id);
  if (!view) throw warningNotFound();
  return view;
}

// ---------------------------------------------------------------- rule settings

/** The effective settings of every rule for an org unit (default: the user's own). */
export async function listRuleSettings(opts: { ctx: RequestCtx; orgUnitId?: number }): Promise<WarningRuleSetting[]> {
  const { ctx } = opts;
  const unitId = opts.orgUnitId ?? ctx.user.orgUnitId;
  if (ctx.scope.kind === 'org' && !ctx.scope.orgUnitIds.includes(unitId))
    throw notFound('org.unit_not_found', 'Org unit not found');
  const unit = await findOrgUnitForReference({ db: ctx.db, id: unitId });
  if (!unit) throw notFound('org.unit_not_found', 'Org unit not found');
  const resolved = resolveSettings(await repo.listSettings(ctx.db), pathIds(unit.path));
  const tickets = await ticketsAvailable(ctx.db);
  return (Object.keys(defaultRuleSettings) as WarningRuleCode[]).map((code) => ({
    ruleCode: code,
    ...resolved[code],
    available: code !== 'unresolved_complaints' || tickets,
  }));
}

/**
 * Sets a rule's thresholds and on/off switch group-wide (administrators, `orgUnitId` null) or for an org unit of the
 * manager's subtree. Unknown parameters are refused.
 */
export async function setRuleSetting(opts: { ctx: RequestCtx; input: z.infer<typeof warningRuleSettingSet> }) {
  const { ctx, input } = opts;
  if (input.orgUnitId === null && ctx.scope.kind !== 'all')
    throw forbidden('warnings.global_settings', 'Only administrators change group-wide settings');
  if (input.orgUnitId !== null && ctx.scope.kind === 'org' && !ctx.scope.orgUnitIds.includes(input.orgUnitId))
    throw invalidField('orgUnitId', 'org unit not found');
  const known = Object.keys(defaultRuleSettings[input.ruleCode].params);
  for (const key of Object.keys(input.params)) {
    if (!known.includes(key))
      throw invalidField(`params.${key}`, `unknown parameter; use ${known.join(', ') || 'none'}`);
  }
  await ctx.db.transaction(async (tx) => {
    const { before, after } = await repo.upsertSetting(tx, {
      ruleCode: input.ruleCode,
      orgUnitId: input.orgUnitId,
      enabled: input.enabled,
      params: input.params,
      updatedBy: ctx.user.id,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'warning_rule_setting',
      entityId: after.id,
      before: before ? { enabled: before.enabled, params: before.params } : null,
      after: { ruleCode: after.ruleCode, orgUnitId: after.orgUnitId, enabled: after.enabled, params: after.params },
    });
  });
  return listRuleSettings({ ctx, orgUnitId: input.orgUnitId ?? undefined });
}

/** Queues an evaluation now (e.g. after changing thresholds); returns the job to follow. */
export async function requestEvaluation(opts: { ctx: RequestCtx; input: z.infer<typeof warningEvaluate> }) {
  const job = await enqueueJob({
    db: opts.ctx.db,
    type: EVALUATE_JOB,
    payload: opts.input,
    createdBy: opts.ctx.user.id,
  });
  return { jobId: job.id };
}
