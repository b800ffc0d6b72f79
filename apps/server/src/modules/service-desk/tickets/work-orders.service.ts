// Work orders: the owner routes work to departments; departments take, work and resolve their work order (never the
// ticket); the owner is told and confirms with the customer.
import type { WorkOrder, WorkOrderStatus } from '@crm/contracts';
import type { DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { conflict, forbidden, invalidField, notFound } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import { notifyUsers } from '../../notifications/notifications.service';
import { findUserRefs } from '../desk.queries';
import { authorityOver, notOwner, viewerOf } from '../desk.service';
import { applyClockEffects, clockViews } from '../sla/sla.service';
import { notifyTicketChange } from './ticket-changes.service';
import { isOpen } from './tickets.models';
import * as q from './tickets.queries';
import * as repo from './tickets.repository';
import { lockVisibleTicket } from './tickets.service';

export const toWorkOrder = (w: q.WorkOrderViewRow, now = new Date()): WorkOrder => ({
  ...w,
  dueAt: w.dueAt?.toISOString() ?? null,
  createdAt: w.createdAt.toISOString(),
  resolvedAt: w.resolvedAt?.toISOString() ?? null,
  overdue: Boolean(w.dueAt && (w.status === 'open' || w.status === 'inProgress') && w.dueAt.getTime() < now.getTime()),
});

const workOrderNotFound = () => notFound('work_orders.not_found', 'Work order not found');

async function checkAssignee(tx: DbOrTx, assigneeId: number | null | undefined) {
  if (!assigneeId) return;
  const [u] = await findUserRefs(tx, [assigneeId]);
  if (!u?.active) throw invalidField('assigneeId', 'user not found');
}

/**
 * A work order's default due time when the router gives none: the ticket's resolution target from its SLA policy,
 * while that is still ahead (a department cannot be given a deadline already past).
 */
async function defaultDueAt(tx: DbOrTx, ticketId: number, now: Date): Promise<Date | null> {
  const resolution = (await clockViews({ db: tx, ticketId, now })).find((c) => c.metric === 'resolution');
  const due = resolution?.dueAt ? new Date(resolution.dueAt) : null;
  return due && due.getTime() > now.getTime() ? due : null;
}

/** Routes work of a ticket to a department (owner or the owner's manager only). */
export async function createWorkOrder(opts: {
  ctx: RequestCtx;
  ticketId: number;
  input: { departmentId: number; assigneeId?: number | null; instructions: string; dueAt?: string | null };
  now?: Date;
}): Promise<WorkOrder> {
  const { ctx, ticketId, input } = opts;
  const now = opts.now ?? new Date();
  const id = await ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(ctx, tx, ticketId);
    const authority = await authorityOver(ctx, tx, t.ownerId);
    if (!authority.isOwner && !authority.managesOwner) throw notOwner();
    if (!isOpen(t.status)) throw conflict('tickets.not_open', 'Work can be routed only from an open ticket');
    const department = await repo.findDepartment(tx, input.departmentId);
    if (!department) throw invalidField('departmentId', 'department not found');
    await checkAssignee(tx, input.assigneeId);
    const row = await repo.insertWorkOrder(tx, {
      ticketId,
      departmentId: department.id,
      assigneeId: input.assigneeId ?? null,
      instructions: input.instructions,
      dueAt: input.dueAt ? new Date(input.dueAt) : input.dueAt === null ? null : await defaultDueAt(tx, ticketId, now),
      createdBy: ctx.user.id,
      createdAt: now,
      updatedAt: now,
    });
    if (t.status === 'acknowledged') {
      await repo.updateTicket(tx, ticketId, { status: 'inProgress', statusChangedAt: now });
      await applyClockEffects({ tx, ticketId, effects: { response: 'stop', resolution: null }, at: now });
      await notifyTicketChange({ ctx, tx, change: { ticketId, kind: 'status' } });
    }
    await repo.insertEvent(tx, {
      ticketId,
      at: now,
      kind: 'routed',
      actorUserId: ctx.user.id,
      actorName: ctx.user.displayName,
      fromStatus: t.status === 'acknowledged' ? 'acknowledged' : null,
      toStatus: t.status === 'acknowledged' ? 'inProgress' : null,
      text: input.instructions,
      data: { workOrderId: row.id, department: department.name },
    });
    const notify = [input.assigneeId, department.headUserId].filter((u): u is number => typeof u === 'number');
    await notifyUsers({
      tx,
      userIds: notify,
      alert: {
        kind: 'work_order.assigned',
        title: `新工单任务：${t.ticketNo} ${t.title}`,
        link: '/service-desk/work-orders',
        data: {
          workOrderId: row.id,
          ticketNo: t.ticketNo,
          department: department.name,
          departmentEn: department.nameEn,
        },
        dedupeKey: `wo:${row.id}:assigned:${input.assigneeId ?? 'dept'}`,
      },
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'work_order',
      entityId: row.id,
      customerId: t.customerId,
      before: null,
      after: row,
    });
    return row.id;
  });
  return toWorkOrder((await q.findWorkOrderView(ctx.db, viewerOf(ctx), id))!, now);
}

const statusMoves: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  open: ['inProgress', 'resolved', 'cancelled'],
  inProgress: ['resolved', 'cancelled'],
  resolved: ['inProgress'],
  cancelled: [],
};

/**
 * Changes a work order. Departments (work-order permission, the assignee or the department head) take, assign and
 * resolve it; the ticket owner (or manager) re-routes it to another department, reopens or cancels it.
 */
export async function updateWorkOrder(opts: {
  ctx: RequestCtx;
  id: number;
  input: {
    departmentId?: number;
    dueAt?: string | null;
    status?: WorkOrderStatus;
    assigneeId?: number | null;
    resolution?: string | null;
  };
  now?: Date;
}): Promise<WorkOrder> {
  const { ctx, id, input } = opts;
  const now = opts.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const view = await q.findWorkOrderView(tx, viewerOf(ctx), id);
    if (!view) throw workOrderNotFound();
    const before = (await repo.findWorkOrder(tx, id, true))!;
    const t = await lockVisibleTicket(ctx, tx, before.ticketId);
    const authority = await authorityOver(ctx, tx, t.ownerId);
    const ownerSide = authority.isOwner || authority.managesOwner;
    const department = await repo.findDepartment(tx, before.departmentId);
    const departmentSide =
      ctx.can('workorders.write') || before.assigneeId === ctx.user.id || department?.headUserId === ctx.user.id;
    const ownerOnly = input.departmentId !== undefined || input.status === 'cancelled' || before.status === 'resolved';
    if (ownerOnly && !ownerSide) throw notOwner();
    if (!ownerOnly && !departmentSide && !ownerSide) throw forbidden();
    if (input.status && input.status !== before.status && !statusMoves[before.status].includes(input.status))
      throw conflict('work_orders.invalid_transition', `A ${before.status} work order cannot become ${input.status}`);
    if (input.status === 'resolved' && !(input.resolution ?? before.resolution))
      throw invalidField('resolution', 'describe what was done');
    if (input.departmentId && !(await repo.findDepartment(tx, input.departmentId)))
      throw invalidField('departmentId', 'department not found');
    await checkAssignee(tx, input.assigneeId);
    const resolving = input.status === 'resolved' && before.status !== 'resolved';
    const after = await repo.updateWorkOrder(tx, id, {
      ...(input.departmentId !== undefined ? { departmentId: input.departmentId, assigneeId: null } : {}),
      ...(input.dueAt !== undefined ? { dueAt: input.dueAt ? new Date(input.dueAt) : null } : {}),
      ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
      ...(input.resolution !== undefined ? { resolution: input.resolution } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(resolving ? { resolvedAt: now, resolvedBy: ctx.user.id } : {}),
      ...(input.status === 'inProgress' && before.status === 'resolved' ? { resolvedAt: null, resolvedBy: null } : {}),
    });
    const kind = input.departmentId ? 'rerouted' : resolving ? 'work_order_resolved' : 'work_order_updated';
    await repo.insertEvent(tx, {
      ticketId: t.id,
      at: now,
      kind,
      actorUserId: ctx.user.id,
      actorName: ctx.user.displayName,
      text: input.resolution ?? null,
      data: { workOrderId: id, from: before.status, to: after.status, departmentId: after.departmentId },
    });
    if (resolving) {
      await notifyUsers({
        tx,
        userIds: [t.ownerId],
        alert: {
          kind: 'work_order.resolved',
          title: `工单 ${t.ticketNo} 的部门任务已处理，请与客户确认`,
          link: `/service-desk/tickets/${t.id}`,
          data: { workOrderId: id, ticketNo: t.ticketNo },
          dedupeKey: `wo:${id}:resolved:${now.toISOString()}`,
        },
      });
    }
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'work_order',
      entityId: id,
      customerId: t.customerId,
      before,
      after,
    });
  });
  return toWorkOrder((await q.findWorkOrderView(ctx.db, viewerOf(ctx), id))!, now);
}

export async function listWorkOrders(opts: {
  ctx: RequestCtx;
  filter: {
    departmentId?: number;
    status?: WorkOrderStatus;
    mine?: boolean;
    unfinished?: boolean;
    limit: number;
    offset: number;
  };
}) {
  const { items, total, finishedHidden } = await q.listWorkOrders(opts.ctx.db, viewerOf(opts.ctx), opts.filter);
  return {
    items: items.map((w) => toWorkOrder(w)),
    total,
    ...(finishedHidden === undefined ? {} : { finishedHidden }),
  };
}
