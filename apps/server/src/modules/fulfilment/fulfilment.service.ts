import type {
  MyStep,
  OrderStep,
  orderQuery,
  ServiceOrderDetail,
  ServiceOrderSummary,
  stepUpdate,
} from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { Actor, RequestCtx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { requireStaff } from '../accounts-mgmt/accounts-mgmt.service';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { numberFor, todayIso } from '../ka-common/ka-common.models';
import { currentStep, isOverdue, planSteps } from './fulfilment.models';
import * as repo from './fulfilment.repository';

export const orderNotFound = () => notFound('fulfilment.order_not_found', 'Service order not found');
export const stepNotFound = () => notFound('fulfilment.step_not_found', 'Fulfilment step not found');

const toStep = (r: repo.StepListRow, current: number | null, today: string): OrderStep => ({
  id: r.step.id,
  orderId: r.step.orderId,
  seq: r.step.seq,
  kind: r.step.kind,
  department: r.step.department,
  assignee: r.step.assigneeId ? { id: r.step.assigneeId, displayName: r.assigneeName ?? '' } : null,
  dueDate: r.step.dueDate,
  doneAt: r.step.doneAt?.toISOString() ?? null,
  doneByName: r.doneByName ?? null,
  note: r.step.note,
  evidence: r.step.evidence ? stripStorage(r.step.evidence) : null,
  current: r.step.id === current,
  overdue: isOverdue(r.step, today),
});

/** Evidence as shown to users: the stored file's key stays on the server. */
function stripStorage(evidence: Record<string, unknown>) {
  const doc = evidence.document as Record<string, unknown> | undefined;
  if (!doc) return evidence;
  const { storageKey: _k, ...rest } = doc;
  return { ...evidence, document: rest };
}

function toSummary(r: repo.OrderListRow, steps: repo.StepListRow[], today: string): ServiceOrderSummary {
  const own = steps.filter((s) => s.step.orderId === r.order.id).map((s) => s.step);
  const cur = r.order.status === 'in_progress' ? currentStep(own) : null;
  return {
    id: r.order.id,
    orderNo: r.order.orderNo,
    customerId: r.order.customerId,
    customerName: r.customerName,
    title: r.order.title,
    am: r.order.amId ? { id: r.order.amId, displayName: r.amName ?? '' } : null,
    status: r.order.status,
    billingStartDate: r.order.billingStartDate,
    currentStep: cur?.kind ?? null,
    currentStepDue: cur?.dueDate ?? null,
    overdue: cur ? isOverdue(cur, today) : false,
    createdAt: r.order.createdAt.toISOString(),
  };
}

export type NewOrderItem = {
  offeringId: number;
  description: string | null;
  quantity: number;
  oneTimeFen: number;
  monthlyFen: number;
};

/**
 * Creates a service order with its five fulfilment steps inside the caller's transaction (the opportunity's
 * transaction when the customer chooses an option). The AM owns the customer confirmation step.
 */
export async function createServiceOrderTx(opts: {
  tx: DbOrTx;
  actor: Actor;
  customerId: number;
  opportunityId: number | null;
  optionId: number | null;
  title: string;
  amId: number | null;
  termMonths: number | null;
  items: NewOrderItem[];
  start?: string;
}): Promise<number> {
  const { tx } = opts;
  const order = await repo.insertOrder(tx, {
    orderNo: `tmp-${crypto.randomUUID()}`,
    customerId: opts.customerId,
    opportunityId: opts.opportunityId,
    optionId: opts.optionId,
    title: opts.title,
    amId: opts.amId,
    termMonths: opts.termMonths,
    createdBy: opts.actor.userId,
  });
  const numbered = await repo.updateOrder(tx, order.id, { orderNo: numberFor('SO', order.id) });
  await repo.insertItems(
    tx,
    opts.items.map((i) => ({ orderId: order.id, ...i })),
  );
  await repo.insertSteps(
    tx,
    planSteps(opts.start ?? todayIso()).map((s) => ({
      orderId: order.id,
      ...s,
      assigneeId: s.department === 'account_management' ? opts.amId : null,
    })),
  );
  await recordAudit({
    tx,
    actor: opts.actor,
    action: 'create',
    entity: 'service_order',
    entityId: order.id,
    customerId: opts.customerId,
    before: null,
    after: { orderNo: numbered.orderNo, title: opts.title, optionId: opts.optionId, items: opts.items.length },
  });
  return order.id;
}

export async function getServiceOrder(opts: { ctx: RequestCtx; id: number; db?: DbOrTx }): Promise<ServiceOrderDetail> {
  const { ctx, id } = opts;
  const db = opts.db ?? ctx.db;
  const [row] = (await repo.listOrders(db, ctx.scope, { id }, { limit: 1, offset: 0 })).items;
  if (!row) throw orderNotFound();
  const [steps, items] = await Promise.all([repo.listSteps(db, [id]), repo.listItems(db, id)]);
  const today = todayIso();
  const summary = toSummary(row, steps, today);
  const cur = row.order.status === 'in_progress' ? currentStep(steps.map((s) => s.step)) : null;
  return {
    ...summary,
    opportunityId: row.order.opportunityId,
    optionId: row.order.optionId,
    termMonths: row.order.termMonths,
    items: items.map((i) => ({
      id: i.item.id,
      offeringId: i.item.offeringId,
      offeringNameZh: i.offeringNameZh,
      offeringNameEn: i.offeringNameEn,
      description: i.item.description,
      quantity: i.item.quantity,
      oneTimeFen: i.item.oneTimeFen,
      monthlyFen: i.item.monthlyFen,
      serviceNumber: i.item.serviceNumber,
      productInstanceId: i.item.productInstanceId,
    })),
    steps: steps.map((s) => toStep(s, cur?.id ?? null, today)),
    monthlyFen: items.reduce((s, i) => s + i.item.quantity * i.item.monthlyFen, 0),
    oneTimeFen: items.reduce((s, i) => s + i.item.quantity * i.item.oneTimeFen, 0),
  };
}

export async function listServiceOrders(opts: {
  ctx: RequestCtx;
  query: z.infer<typeof orderQuery>;
}): Promise<{ items: ServiceOrderSummary[]; total: number }> {
  const { ctx, query } = opts;
  const { limit, offset, ...filter } = query;
  if (query.customerId) await requireVisibleCustomer({ db: ctx.db, scope: ctx.scope, id: query.customerId });
  const { items, total } = await repo.listOrders(ctx.db, ctx.scope, filter, { limit, offset });
  const steps = await repo.listSteps(
    ctx.db,
    items.map((i) => i.order.id),
  );
  const today = todayIso();
  return { items: items.map((r) => toSummary(r, steps, today)), total };
}

/** Departments whose unassigned steps a role picks up in "my steps". */
const departmentsOf = (role: string): string[] =>
  role === 'back_office'
    ? ['business', 'network', 'billing']
    : role === 'manager' || role === 'admin'
      ? ['business', 'network', 'billing', 'account_management']
      : [];

/** The signed-in user's current steps: assigned to them, and unassigned steps of the departments they work for. */
export async function listMySteps(opts: { ctx: RequestCtx }): Promise<MyStep[]> {
  const { ctx } = opts;
  const rows = await repo.listOpenSteps(ctx.db, {
    scope: ctx.scope,
    userId: ctx.user.id,
    departments: departmentsOf(ctx.user.role),
  });
  const today = todayIso();
  return rows.map((r) => ({
    ...toStep({ step: r.step, assigneeName: r.assigneeName, doneByName: null }, r.step.id, today),
    orderNo: r.orderNo,
    customerId: r.customerId,
    customerName: r.customerName,
    orderTitle: r.orderTitle,
  }));
}

/** Assigns an open step of an order in fulfilment or moves its due date. */
export async function updateOrderStep(opts: {
  ctx: RequestCtx;
  orderId: number;
  stepId: number;
  input: z.infer<typeof stepUpdate>;
}): Promise<ServiceOrderDetail> {
  const { ctx, orderId, stepId, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const order = await repo.lockOrder(tx, ctx.scope, orderId);
    if (!order) throw orderNotFound();
    const before = (await repo.listSteps(tx, [orderId])).find((s) => s.step.id === stepId)?.step;
    if (!before) throw stepNotFound();
    // A closed order or a done step is history: who did it and when it was due stay as they were.
    if (order.status !== 'in_progress') throw conflict('fulfilment.order_closed', `The order is ${order.status}`);
    if (before.doneAt) throw conflict('fulfilment.step_done', 'The step is done; it can no longer be reassigned');
    if (input.assigneeId) {
      const { customer } = await requireVisibleCustomer({ db: tx, scope: { kind: 'all' }, id: order.customerId });
      // Only someone who can complete the step may own it: AMs the customer's confirmation, back office the rest.
      const roles =
        before.department === 'account_management' ? ['account_manager', 'manager'] : ['back_office', 'manager'];
      await requireStaff({
        db: tx,
        userId: input.assigneeId,
        field: 'assigneeId',
        orgUnitId: customer.orgUnitId,
        roles,
      });
    }
    const after = await repo.updateStep(tx, stepId, {
      ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
      ...(input.dueDate ? { dueDate: input.dueDate, alertedAt: null } : {}),
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'service_order_step',
      entityId: stepId,
      customerId: order.customerId,
      before: { assigneeId: before.assigneeId, dueDate: before.dueDate },
      after: { assigneeId: after.assigneeId, dueDate: after.dueDate },
    });
  });
  return getServiceOrder({ ctx, id: orderId });
}

/** The order created from an opportunity (no scope check: the caller has checked the opportunity). */
export async function orderIdOfOpportunity(opts: { db: DbOrTx; opportunityId: number }): Promise<number | null> {
  const { items } = await repo.listOrders(
    opts.db,
    { kind: 'all' },
    { opportunityId: opts.opportunityId },
    { limit: 1, offset: 0 },
  );
  return items[0]?.order.id ?? null;
}
