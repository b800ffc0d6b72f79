import type { KaTask, taskCreate, taskQuery, taskUpdate } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { Actor, RequestCtx, Scope } from '../../platform/context';
import { forbidden, invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { todayIso } from '../ka-common/ka-common.models';
import { findUserForReference } from '../org/org.service';
import { taskNotFound } from './accounts-mgmt.errors';
import * as repo from './accounts-mgmt.repository';

type TaskListRow = Awaited<ReturnType<typeof repo.listTasks>>[number];

const toTask = (r: TaskListRow, today = todayIso()): KaTask => ({
  id: r.task.id,
  owner: { id: r.task.ownerId, displayName: r.ownerName },
  customerId: r.task.customerId,
  customerName: r.customerName,
  title: r.task.title,
  dueDate: r.task.dueDate,
  status: r.task.status,
  source: r.task.source,
  sourceKey: r.task.sourceKey,
  overdue: r.task.status === 'open' && r.task.dueDate < today,
});

async function taskView(db: DbOrTx, scope: Scope, userId: number, id: number): Promise<KaTask> {
  const [row] = await repo.listTasks(db, { scope, userId, id, limit: 1 });
  if (!row) throw taskNotFound();
  return toTask(row);
}

/**
 * Creates a task inside the caller's transaction, for system sources (visit next steps, warnings, calendar
 * entries). With a source key the owner already has, the existing task is returned.
 */
export async function insertTaskTx(opts: {
  tx: DbOrTx;
  actor: Actor;
  values: {
    ownerId: number;
    customerId: number | null;
    title: string;
    dueDate: string;
    source: repo.TaskRow['source'];
    sourceKey: string | null;
  };
}) {
  const { row, created } = await repo.insertTask(opts.tx, { ...opts.values, createdBy: opts.actor.userId });
  if (created) {
    await recordAudit({
      tx: opts.tx,
      actor: opts.actor,
      action: 'create',
      entity: 'ka_task',
      entityId: row.id,
      customerId: row.customerId,
      before: null,
      after: { ...opts.values },
    });
  }
  return row;
}

/**
 * Whose tasks a user sees: administrators all, managers those of the users in their org units, everyone else only
 * their own (a back-office or service user's org scope covers customers, not colleagues' to-do lists).
 */
const taskScopeOf = (ctx: RequestCtx): Scope =>
  ctx.scope.kind === 'all' || ctx.user.role === 'manager' ? ctx.scope : { kind: 'portfolio', userId: ctx.user.id };

/** Who a task may be given to: oneself, or (managers, administrators) a user in their org units. */
async function checkOwner(ctx: RequestCtx, db: DbOrTx, ownerId: number) {
  if (ownerId === ctx.user.id) return;
  const owner = await findUserForReference({ db, id: ownerId });
  const scope = taskScopeOf(ctx);
  const inScope = scope.kind === 'all' || (scope.kind === 'org' && owner && scope.orgUnitIds.includes(owner.orgUnitId));
  if (!owner?.active || !inScope) throw invalidField('ownerId', 'user not found');
}

export async function createTask(opts: { ctx: RequestCtx; input: z.infer<typeof taskCreate> }): Promise<KaTask> {
  const { ctx, input } = opts;
  const id = await ctx.db.transaction(async (tx) => {
    const ownerId = input.ownerId ?? ctx.user.id;
    await checkOwner(ctx, tx, ownerId);
    if (input.customerId) await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: input.customerId });
    const row = await insertTaskTx({
      tx,
      actor: ctx.actor,
      values: {
        ownerId,
        customerId: input.customerId ?? null,
        title: input.title,
        dueDate: input.dueDate,
        source: input.source,
        sourceKey: input.sourceKey ?? null,
      },
    });
    return row.id;
  });
  return taskView(ctx.db, taskScopeOf(ctx), ctx.user.id, id);
}

export async function updateTask(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof taskUpdate>;
}): Promise<KaTask> {
  const { ctx, id, input } = opts;
  await taskView(ctx.db, taskScopeOf(ctx), ctx.user.id, id);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findTask(tx, id);
    if (!before) throw taskNotFound();
    // Everyone may work their own tasks (e.g. back office completing a forwarded note); others' need ka.write.
    if (before.ownerId !== ctx.user.id && !ctx.can('ka.write')) throw forbidden();
    const after = await repo.updateTask(tx, id, {
      ...input,
      ...(input.status && input.status !== before.status
        ? { doneAt: input.status === 'done' ? new Date() : null }
        : {}),
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'ka_task',
      entityId: id,
      customerId: before.customerId,
      before: { title: before.title, dueDate: before.dueDate, status: before.status },
      after: { title: after.title, dueDate: after.dueDate, status: after.status },
    });
  });
  return taskView(ctx.db, taskScopeOf(ctx), ctx.user.id, id);
}

export async function listTasks(opts: { ctx: RequestCtx; query: z.infer<typeof taskQuery> }): Promise<KaTask[]> {
  const { ctx, query } = opts;
  const rows = await repo.listTasks(ctx.db, { scope: taskScopeOf(ctx), userId: ctx.user.id, ...query });
  const today = todayIso();
  return rows.map((r) => toTask(r, today));
}

/** Open tasks of the given owners (for the care calendar and the workbench). */
export const openTasksOf = (opts: { db: DbOrTx; ownerIds: number[] }) => repo.tasksBySourceKeys(opts.db, opts.ownerIds);
