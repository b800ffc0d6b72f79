// Commitments registry (承诺): every promise to a customer with its bottom-line check, approval beyond the limit,
// fulfilment with evidence, and overdue alerts to the promiser and their manager.
import type { Commitment, CommitmentCreate } from '@crm/contracts';
import type { Db } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { systemActor } from '../../../platform/context';
import { conflict, forbidden, invalidField, notFound } from '../../../platform/errors';
import { approvalOverLimit, checkApprovalAuthority, nextApproverFor } from '../../approvals/approvals.service';
import { recordAudit } from '../../audit/audit.service';
import { notifyUsers } from '../../notifications/notifications.service';
import { findUserRefs, isManagerOf, managementChain } from '../desk.queries';
import { customerFacts, iso, viewerOf } from '../desk.service';
import { ensureServiceDeskDefaults } from '../sla/sla-admin.service';
import { findTicketSummary } from '../tickets/tickets.queries';
import * as ticketsRepo from '../tickets/tickets.repository';
import { type CommitmentAction, nextCommitmentStatus, withinLimit } from './commitments.models';
import * as q from './commitments.queries';
import * as repo from './commitments.repository';

const commitmentNotFound = () => notFound('commitments.not_found', 'Commitment not found');

export const toCommitment = (r: q.CommitmentViewRow): Commitment => ({
  ...r,
  dueAt: r.dueAt.toISOString(),
  fulfilledAt: iso(r.fulfilledAt),
  createdAt: r.createdAt.toISOString(),
});

async function view(ctx: RequestCtx, id: number): Promise<Commitment> {
  const row = await q.findCommitmentView(ctx.db, viewerOf(ctx), id);
  if (!row) throw commitmentNotFound();
  return toCommitment(row);
}

/**
 * Records a promise. Within the promiser's bottom line (type x role) it is open at once; beyond it, it waits for a
 * manager's approval before it may be made, and the promiser's manager is asked.
 */
export async function createCommitment(opts: { ctx: RequestCtx; input: CommitmentCreate; now?: Date }) {
  const { ctx, input } = opts;
  const now = opts.now ?? new Date();
  await ensureServiceDeskDefaults({ db: ctx.db });
  await customerFacts({ db: ctx.db, ctx, customerId: input.customerId });
  const id = await ctx.db.transaction(async (tx) => {
    const promiserId = input.promiserId ?? ctx.user.id;
    const [promiser] = await findUserRefs(tx, [promiserId]);
    if (!promiser?.active) throw invalidField('promiserId', 'user not found');
    if (input.ticketId) {
      const t = await findTicketSummary(tx, viewerOf(ctx), input.ticketId);
      if (!t || t.customerId !== input.customerId) throw invalidField('ticketId', 'not a ticket of this customer');
    }
    if (input.departmentId && !(await ticketsRepo.findDepartment(tx, input.departmentId)))
      throw invalidField('departmentId', 'department not found');
    if (new Date(input.dueAt).getTime() <= now.getTime()) throw invalidField('dueAt', 'must be in the future');
    const limit = await repo.findLimit(tx, input.type, promiser.role as repo.LimitInsert['role']);
    const within = withinLimit(input.amountFen, limit?.maxAmountFen);
    const row = await repo.insertCommitment(tx, {
      customerId: input.customerId,
      type: input.type,
      what: input.what,
      amountFen: input.amountFen ?? null,
      dueAt: new Date(input.dueAt),
      promiserId,
      departmentId: input.departmentId ?? null,
      ticketId: input.ticketId ?? null,
      opportunityId: input.opportunityId ?? null,
      orderRef: input.orderRef ?? null,
      status: within ? 'open' : 'pending_approval',
      withinLimit: within,
      limitFen: limit?.maxAmountFen ?? null,
      createdBy: ctx.user.id,
      createdAt: now,
      updatedAt: now,
    });
    if (!within) {
      const chain = await managementChain(tx, promiserId);
      const approver = await nextApproverFor({ db: tx, kind: 'commitment', chain, amountFen: input.amountFen });
      if (approver)
        await notifyUsers({
          tx,
          userIds: [approver.id],
          alert: {
            kind: 'commitment.approval',
            title: `承诺超出权限，待审批：${input.what}`,
            link: '/service-desk/commitments',
            data: { commitmentId: row.id, what: input.what, amountFen: input.amountFen ?? null },
            dedupeKey: `commitment:${row.id}:approval`,
          },
        });
    }
    if (row.ticketId)
      await ticketsRepo.insertEvent(tx, {
        ticketId: row.ticketId,
        at: now,
        kind: 'commitment',
        actorUserId: ctx.user.id,
        actorName: ctx.user.displayName,
        text: input.what,
        data: { commitmentId: row.id, status: row.status, dueAt: row.dueAt.toISOString() },
      });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'commitment',
      entityId: row.id,
      customerId: row.customerId,
      before: null,
      after: row,
    });
    return row.id;
  });
  return view(ctx, id);
}

/**
 * Approve / reject (a manager above the promiser, never the promiser or whoever recorded it: four-eyes), fulfil with
 * evidence or cancel (the promiser or a manager). Approving an amount above the approver's limit is refused with
 * `approvals.over_limit`, and the next approver up the chain whose limit covers it is asked instead.
 */
export async function actOnCommitment(opts: {
  ctx: RequestCtx;
  id: number;
  input: { action: CommitmentAction; note?: string | null; evidence?: string | null };
  now?: Date;
}): Promise<Commitment> {
  const { ctx, id, input } = opts;
  const now = opts.now ?? new Date();
  const refused = await ctx.db.transaction(async (tx) => {
    if (!(await q.findCommitmentView(tx, viewerOf(ctx), id))) throw commitmentNotFound();
    const before = (await repo.findCommitmentRow(tx, id, true))!;
    const next = nextCommitmentStatus(before.status, input.action);
    if (!next) throw conflict('commitments.invalid_action', `Cannot ${input.action} a ${before.status} commitment`);
    const isManager =
      ctx.can('commitments.approve') &&
      (ctx.scope.kind === 'all' || (await isManagerOf(tx, ctx.user.id, before.promiserId)));
    const decision = input.action === 'approve' || input.action === 'reject';
    if (decision && !isManager) throw forbidden();
    if ((input.action === 'fulfil' || input.action === 'cancel') && before.promiserId !== ctx.user.id && !isManager)
      throw forbidden();
    if (input.action === 'fulfil' && !input.evidence) throw invalidField('evidence', 'required to fulfil');
    if (decision) {
      const verdict = await checkApprovalAuthority({
        tx,
        approver: ctx.user,
        kind: 'commitment',
        proposerIds: [before.promiserId, before.createdBy],
        amountFen: input.action === 'approve' ? before.amountFen : null,
      });
      if (!verdict.allowed) return { before, limitFen: verdict.limitFen };
    }
    const after = await repo.updateCommitment(tx, id, {
      status: next,
      ...(decision ? { decidedBy: ctx.user.id, decidedAt: now, decisionNote: input.note ?? null } : {}),
      ...(input.action === 'fulfil' ? { fulfilledAt: now, evidence: input.evidence ?? null } : {}),
      ...(input.action === 'cancel' ? { decisionNote: input.note ?? before.decisionNote } : {}),
    });
    if (decision && before.promiserId !== ctx.user.id)
      await notifyUsers({
        tx,
        userIds: [before.promiserId],
        alert: {
          kind: `commitment.${input.action === 'approve' ? 'approved' : 'rejected'}`,
          title: `承诺${input.action === 'approve' ? '已批准' : '被驳回'}：${before.what}`,
          link: '/service-desk/commitments',
          data: { commitmentId: id, what: before.what },
          dedupeKey: `commitment:${id}:${input.action}`,
        },
      });
    if (before.ticketId)
      await ticketsRepo.insertEvent(tx, {
        ticketId: before.ticketId,
        at: now,
        kind: 'commitment',
        actorUserId: ctx.user.id,
        actorName: ctx.user.displayName,
        fromStatus: before.status,
        toStatus: next,
        text: input.evidence ?? input.note ?? before.what,
        data: { commitmentId: id },
      });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: input.action,
      entity: 'commitment',
      entityId: id,
      customerId: before.customerId,
      before,
      after,
    });
    return null;
  });
  if (refused) {
    const amountFen = refused.before.amountFen ?? 0;
    const escalated = await escalateCommitment({ ctx, commitment: refused.before, limitFen: refused.limitFen });
    throw approvalOverLimit({ amountFen, limitFen: refused.limitFen, escalated });
  }
  return view(ctx, id);
}

/**
 * An approver refused for their limit: the next approver above them whose limit covers the amount is asked, and
 * the refusal is audited. Returns whether someone was asked.
 */
async function escalateCommitment(opts: {
  ctx: RequestCtx;
  commitment: repo.CommitmentRow;
  limitFen: number;
}): Promise<boolean> {
  const { ctx, commitment: c } = opts;
  return ctx.db.transaction(async (tx) => {
    const chain = await managementChain(tx, ctx.user.id);
    const approver = await nextApproverFor({ db: tx, kind: 'commitment', chain, amountFen: c.amountFen });
    if (approver)
      await notifyUsers({
        tx,
        userIds: [approver.id],
        alert: {
          kind: 'commitment.approval',
          title: `承诺超出审批权限，已上报待审批：${c.what}`,
          link: '/service-desk/commitments',
          data: { commitmentId: c.id, what: c.what, amountFen: c.amountFen, escalatedFrom: ctx.user.id },
          dedupeKey: `commitment:${c.id}:approval:${approver.id}`,
        },
      });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'escalate',
      entity: 'commitment',
      entityId: c.id,
      customerId: c.customerId,
      before: { approverId: ctx.user.id, limitFen: opts.limitFen },
      after: { approverId: approver?.id ?? null, amountFen: c.amountFen },
    });
    return Boolean(approver);
  });
}

export async function listCommitments(opts: {
  ctx: RequestCtx;
  filter: q.CommitmentFilter & { mine?: boolean; openOnly?: boolean };
}) {
  const { ctx, filter } = opts;
  const { mine, openOnly, ...rest } = filter;
  const { items, total } = await q.listCommitments(ctx.db, viewerOf(ctx), {
    ...rest,
    promiserId: mine ? ctx.user.id : rest.promiserId,
    statuses: openOnly ? q.openCommitmentStatuses : undefined,
  });
  return { items: items.map(toCommitment), total };
}

export async function getCommitment(opts: { ctx: RequestCtx; id: number }) {
  return view(opts.ctx, opts.id);
}

/**
 * The overdue scan: open commitments past due become overdue (once) and the promiser and their manager are alerted.
 */
export async function markOverdueCommitments(opts: { db: Db; now?: Date }): Promise<{ overdue: number }> {
  const now = opts.now ?? new Date();
  const actor = systemActor('commitments-scan');
  return opts.db.transaction(async (tx) => {
    const rows = await repo.markOverdue(tx, now, 500);
    for (const c of rows) {
      const chain = await managementChain(tx, c.promiserId);
      const manager = chain.find((m) => m.role === 'manager') ?? chain[0];
      await notifyUsers({
        tx,
        userIds: [c.promiserId, ...(manager ? [manager.id] : [])],
        alert: {
          kind: 'commitment.overdue',
          title: `承诺已逾期：${c.what}`,
          link: '/service-desk/commitments',
          data: { commitmentId: c.id, what: c.what, customerId: c.customerId, dueAt: c.dueAt.toISOString() },
          dedupeKey: `commitment:${c.id}:overdue`,
        },
      });
      if (c.ticketId)
        await ticketsRepo.insertEvent(tx, {
          ticketId: c.ticketId,
          at: now,
          kind: 'commitment_overdue',
          actorName: actor.name,
          fromStatus: 'open',
          toStatus: 'overdue',
          text: c.what,
          data: { commitmentId: c.id },
        });
      await recordAudit({
        tx,
        actor,
        action: 'overdue',
        entity: 'commitment',
        entityId: c.id,
        customerId: c.customerId,
        before: { status: 'open' },
        after: { status: 'overdue', overdueAt: now },
      });
    }
    return { overdue: rows.length };
  });
}

export async function listCommitmentLimits(opts: { db: Db }) {
  await ensureServiceDeskDefaults({ db: opts.db });
  return repo.listLimits(opts.db);
}

export async function putCommitmentLimit(opts: { ctx: RequestCtx; input: repo.LimitInsert }) {
  const { ctx, input } = opts;
  await ensureServiceDeskDefaults({ db: ctx.db });
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findLimit(tx, input.type, input.role);
    const after = await repo.upsertLimit(tx, input);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: before ? 'update' : 'create',
      entity: 'commitment_limit',
      entityId: after.id,
      before: before ?? null,
      after,
    });
    return after;
  });
}
