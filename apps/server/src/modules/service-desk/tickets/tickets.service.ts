// Tickets: opening (first-contact owner, SLA policy, clocks), the TMF621 life cycle, notes and the timeline.
import type { TicketCreate, TicketDetail, TicketListQuery, TicketStatus } from '@crm/contracts';
import type { DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { AppError, badRequest, conflict, invalidField } from '../../../platform/errors';
import { maskForViewer } from '../../../platform/pii';
import { recordAudit } from '../../audit/audit.service';
import { enqueueJob } from '../../jobs/jobs.service';
import { callPriority } from '../desk.models';
import { productInstanceOwner } from '../desk.queries';
import {
  authorityOver,
  customerFacts,
  entitledRepairMinutes,
  iso,
  notOwner,
  ticketNotFound,
  toTicketSummary,
  userNames,
  viewerOf,
} from '../desk.service';
import * as queueRepo from '../queue/queue.repository';
import * as slaRepo from '../sla/sla.repository';
import { applyClockEffects, clockViews, policyFor, startTicketClocks, updateDueAt } from '../sla/sla.service';
import { attachmentAudit, type StoredFile, storedFileRows, toAttachmentDto } from './ticket-attachments.models';
import { notifyTicketChange } from './ticket-changes.service';
import {
  allowedTransitions,
  canTransition,
  clockEffects,
  complaintResolutionGaps,
  transitionBlocker,
} from './tickets.models';
import * as q from './tickets.queries';
import * as repo from './tickets.repository';
import { toWorkOrder } from './work-orders.service';

/** What opens a ticket: the native input, or (TMF621) no customer and the client's own ticket type and severity. */
export type TicketOpening = Omit<TicketCreate, 'customerId'> & {
  /** Null: an unidentified caller's ticket (public-customer SLA, visible to the opening unit). */
  customerId: number | null;
  clientTicketType?: string | null;
  clientSeverity?: string | null;
};

/** The facts of an unidentified caller: treated as a public customer of the opening agent's unit. */
const unidentifiedFacts = (ctx: RequestCtx) => ({
  category: 'public' as const,
  orgUnitId: ctx.user.orgUnitId,
  accountManagerId: null,
  tier: null,
  importance: null,
  stars: null,
  abcClass: null,
  period: null,
});

/** Opens a ticket owned by the signed-in user (首问负责制) with the SLA policy matched on the customer's facts. */
export async function createTicket(opts: {
  ctx: RequestCtx;
  input: TicketOpening;
  /** Uploaded files already written to the file storage (TMF621 attachment values), attached in the same transaction. */
  files?: StoredFile[];
  /** Notes for the timeline (TMF621 notes given with the ticket). */
  notes?: string[];
  now?: Date;
}): Promise<TicketDetail> {
  const { ctx, input } = opts;
  const now = opts.now ?? new Date();
  const facts =
    input.customerId === null
      ? unidentifiedFacts(ctx)
      : await customerFacts({ db: ctx.db, ctx, customerId: input.customerId });
  const policy = await policyFor({
    db: ctx.db,
    facts: {
      ticketType: input.type,
      customerCategory: facts.category,
      tier: facts.tier,
      importance: facts.importance,
      severity: input.severity,
    },
  });
  if (!policy) throw new AppError('sla.no_policy', 409, 'No active SLA policy matches this ticket');
  // KA fault repairs: the committed repair limit of the customer's entitlements applies when bound.
  const repairCap =
    input.type === 'fault_report' && facts.category === 'key_account' && input.customerId !== null
      ? await entitledRepairMinutes(ctx, input.customerId)
      : null;
  const id = await ctx.db.transaction(async (tx) => {
    if (input.productInstanceId && (await productInstanceOwner(tx, input.productInstanceId)) !== input.customerId)
      throw invalidField('productInstanceId', 'not a product of this customer');
    if (input.categoryId && !(await repo.findCategory(tx, input.categoryId)))
      throw invalidField('categoryId', 'category not found');
    const requested = input.requestedResolutionAt ? new Date(input.requestedResolutionAt) : null;
    if (requested && requested.getTime() <= now.getTime())
      throw invalidField('requestedResolutionAt', 'must be in the future');
    const ticket = await repo.insertTicket(tx, {
      type: input.type,
      channel: input.channel,
      status: 'acknowledged',
      statusChangedAt: now,
      severity: input.severity,
      priority: callPriority({ ...facts, intent: input.type, severity: input.severity }),
      title: input.title,
      description: input.description,
      customerId: input.customerId,
      productInstanceId: input.productInstanceId ?? null,
      categoryId: input.categoryId ?? null,
      callerPhone: input.callerPhone ?? null,
      contactName: input.contactName ?? null,
      externalId: input.externalId ?? null,
      clientTicketType: input.clientTicketType ?? null,
      clientSeverity: input.clientSeverity ?? null,
      ownerId: ctx.user.id,
      orgUnitId: ctx.user.orgUnitId,
      customerCategory: facts.category,
      tier: facts.tier,
      importance: facts.importance,
      slaPolicyId: policy.id,
      requestedResolutionAt: requested,
      updateIntervalMinutes: policy.updateIntervalMinutes,
      nextUpdateDueAt: await updateDueAt({
        db: tx,
        policyId: policy.id,
        from: now,
        minutes: policy.updateIntervalMinutes,
      }),
      createdAt: now,
      updatedAt: now,
    });
    const attachments = await repo.insertAttachments(tx, [
      ...input.attachments.map((a) => ({
        ticketId: ticket.id,
        name: a.name,
        url: a.url,
        mimeType: a.mimeType ?? null,
        description: a.description ?? null,
        createdBy: ctx.user.id,
      })),
      ...storedFileRows(ticket.id, ctx.user.id, opts.files ?? []),
    ]);
    await startTicketClocks({
      tx,
      ticketId: ticket.id,
      policy,
      at: now,
      requestedResolutionAt: requested,
      resolutionCapMinutes: repairCap,
    });
    if (input.type === 'complaint') await repo.upsertComplaint(tx, { ticketId: ticket.id });
    if (input.callId) {
      const call = await queueRepo.findCall(tx, input.callId, true);
      if (!call) throw invalidField('callId', 'call not found');
      await queueRepo.updateCall(tx, call.id, {
        status: 'answered',
        ticketId: ticket.id,
        answeredBy: call.answeredBy ?? ctx.user.id,
        answeredAt: call.answeredAt ?? now,
      });
    }
    await repo.insertEvent(tx, {
      ticketId: ticket.id,
      at: now,
      kind: 'created',
      actorUserId: ctx.user.id,
      actorName: ctx.user.displayName,
      toStatus: 'acknowledged',
      text: input.title,
      data: { policy: policy.name, owner: ctx.user.displayName, channel: input.channel, repairLimitMinutes: repairCap },
    });
    for (const text of opts.notes ?? [])
      await repo.insertEvent(tx, {
        ticketId: ticket.id,
        at: now,
        kind: 'note',
        actorUserId: ctx.user.id,
        actorName: ctx.user.displayName,
        text,
      });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'ticket',
      entityId: ticket.id,
      customerId: ticket.customerId,
      before: null,
      after: opts.notes?.length ? { ...ticket, notes: opts.notes } : ticket,
    });
    for (const a of attachments)
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'ticket_attachment',
        entityId: a.id,
        customerId: ticket.customerId,
        before: null,
        after: attachmentAudit(a),
      });
    await notifyTicketChange({ ctx, tx, change: { ticketId: ticket.id, kind: 'created' } });
    return ticket.id;
  });
  return getTicket({ ctx, id, now });
}

export async function getTicket(opts: { ctx: RequestCtx; id: number; now?: Date; db?: DbOrTx }): Promise<TicketDetail> {
  const { ctx, id } = opts;
  const db = opts.db ?? ctx.db;
  const summary = await q.findTicketSummary(db, viewerOf(ctx), id);
  if (!summary) throw ticketNotFound();
  const t = (await repo.findTicketRow(db, id))!;
  const [clocks, events, workOrders, attachments, complaint, product, authority, policy] = await Promise.all([
    clockViews({ db, ticketId: id, now: opts.now }),
    repo.listEvents(db, id),
    q.workOrdersOfTicket(db, id),
    repo.listAttachments(db, id),
    repo.findComplaint(db, id),
    q.findServiceNumber(db, t.productInstanceId),
    authorityOver(ctx, db, t.ownerId),
    t.slaPolicyId ? slaRepo.findPolicy(db, t.slaPolicyId) : undefined,
  ]);
  const names = await userNames(db, [complaint?.responsibleUserId, complaint?.compensationDecidedBy]);
  const departmentName = complaint?.responsibleDepartmentId
    ? ((await repo.findDepartment(db, complaint.responsibleDepartmentId))?.name ?? null)
    : null;
  // Every personal field of the ticket (the caller's phone, anything in an event's data) masked for the viewer.
  return maskForViewer(ctx, {
    ...toTicketSummary(summary),
    description: t.description,
    callerPhone: t.callerPhone,
    contactName: t.contactName,
    productInstanceId: t.productInstanceId,
    serviceNumber: product?.serviceNumber ?? null,
    categoryId: t.categoryId,
    importance: t.importance,
    slaPolicyName: policy?.name ?? null,
    requestedResolutionAt: iso(t.requestedResolutionAt),
    nextUpdateDueAt: iso(t.nextUpdateDueAt),
    statusReason: t.statusReason,
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    clocks,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      actorName: e.actorName,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      text: e.text,
      data: e.data ?? null,
    })),
    workOrders: workOrders.map((w) => toWorkOrder(w, opts.now)),
    attachments: attachments.map(toAttachmentDto),
    complaint: complaint
      ? {
          ticketId: id,
          rootCause: complaint.rootCause,
          responsibility: complaint.responsibility,
          responsibleDepartmentId: complaint.responsibleDepartmentId,
          responsibleDepartmentName: departmentName,
          responsibleUserId: complaint.responsibleUserId,
          responsibleUserName: complaint.responsibleUserId ? (names.get(complaint.responsibleUserId) ?? null) : null,
          compensationFen: complaint.compensationFen,
          compensationStatus: complaint.compensationStatus,
          compensationDecidedBy: complaint.compensationDecidedBy
            ? (names.get(complaint.compensationDecidedBy) ?? null)
            : null,
          customerConfirmedAt: iso(complaint.customerConfirmedAt),
          confirmationNote: complaint.confirmationNote,
        }
      : null,
    allowedTransitions: allowedTransitions(t.status, authority),
  });
}

export async function listTickets(opts: { ctx: RequestCtx; filter: TicketListQuery }) {
  const { ctx, filter } = opts;
  const { mine, ...rest } = filter;
  const { items, total } = await q.listTickets(ctx.db, viewerOf(ctx), {
    ...rest,
    ownerId: mine ? ctx.user.id : rest.ownerId,
  });
  return { items: items.map(toTicketSummary), total };
}

export async function ownerWorkload(opts: { ctx: RequestCtx; now?: Date }) {
  return q.ownerWorkload(opts.ctx.db, viewerOf(opts.ctx), opts.now ?? new Date());
}

/** Loads a visible ticket for a change, locked; 404 when missing or out of scope. */
export async function lockVisibleTicket(ctx: RequestCtx, tx: DbOrTx, id: number) {
  if (!(await q.findTicketSummary(tx, viewerOf(ctx), id))) throw ticketNotFound();
  return (await repo.findTicketRow(tx, id, true))!;
}

/**
 * Moves a ticket along the TMF621 life cycle. Only the owner or a manager above the owner may; resolving needs
 * every work order finished, closing needs the customer's confirmation.
 */
export async function transitionTicket(opts: {
  ctx: RequestCtx;
  id: number;
  input: { status: TicketStatus; reason?: string; customerConfirmed?: boolean };
  now?: Date;
}): Promise<TicketDetail> {
  const { ctx, id, input } = opts;
  const now = opts.now ?? new Date();
  await ctx.db.transaction((tx) => transitionInTx({ ctx, tx, id, input, now }));
  return getTicket({ ctx, id, now });
}

/**
 * The body of a transition inside the caller's transaction (the TMF621 PATCH combines it with field changes). A BSS
 * resolving a complaint through TMF621 runs its own complaint process (`external`): the CRM's rule that a complaint
 * needs root cause, responsibility and confirmation before it is resolved binds the CRM's own desk (ADR 0007).
 */
export async function transitionInTx(opts: {
  ctx: RequestCtx;
  tx: DbOrTx;
  id: number;
  input: { status: TicketStatus; reason?: string; customerConfirmed?: boolean };
  now: Date;
  external?: boolean;
}): Promise<void> {
  const { ctx, tx, id, input, now } = opts;
  const before = await lockVisibleTicket(ctx, tx, id);
  const authority = await authorityOver(ctx, tx, before.ownerId);
  if (!authority.isOwner && !authority.managesOwner) throw notOwner();
  if (!canTransition(before.status, input.status))
    throw conflict('tickets.invalid_transition', `A ${before.status} ticket cannot become ${input.status}`);
  const blocker = transitionBlocker({
    from: before.status,
    to: input.status,
    openWorkOrders: await repo.countOpenWorkOrders(tx, id),
    customerConfirmed: input.customerConfirmed === true,
    reason: input.reason,
  });
  if (blocker)
    throw blocker.code === 'tickets.reason_required'
      ? badRequest(blocker.code, blocker.message, [{ path: 'reason', message: 'required' }])
      : conflict(blocker.code, blocker.message);
  if (before.type === 'complaint' && input.status === 'resolved' && !opts.external) {
    // A complaint is resolved only with its root cause, the responsibility decision and the customer's confirmation.
    const c = await repo.findComplaint(tx, id);
    const confirmed = input.customerConfirmed === true || Boolean(c?.customerConfirmedAt);
    const gaps = complaintResolutionGaps({
      rootCause: c?.rootCause ?? null,
      responsibility: c?.responsibility ?? null,
      customerConfirmed: confirmed,
    });
    if (gaps.length > 0)
      throw conflict(
        'complaints.resolution_incomplete',
        `The complaint needs ${gaps.join(', ')} before it is resolved`,
        gaps.map((path) => ({ path, message: 'required' })),
      );
    if (c && !c.customerConfirmedAt) await repo.upsertComplaint(tx, { ticketId: id, customerConfirmedAt: now });
  }
  const after = await repo.updateTicket(tx, id, {
    status: input.status,
    statusReason: input.reason ?? null,
    statusChangedAt: now,
    resolvedAt: input.status === 'resolved' ? now : input.status === 'inProgress' ? null : before.resolvedAt,
    closedAt: input.status === 'closed' ? now : before.closedAt,
    nextUpdateDueAt:
      input.status === 'inProgress'
        ? await updateDueAt({
            db: tx,
            policyId: before.slaPolicyId,
            from: now,
            minutes: before.updateIntervalMinutes,
          })
        : before.nextUpdateDueAt,
  });
  await applyClockEffects({ tx, ticketId: id, effects: clockEffects(before.status, input.status), at: now });
  if (input.status === 'closed' && before.type === 'complaint') {
    const c = await repo.findComplaint(tx, id);
    if (c && !c.customerConfirmedAt) await repo.upsertComplaint(tx, { ticketId: id, customerConfirmedAt: now });
  }
  if (input.status === 'closed' && before.customerId !== null)
    // The callback survey (回访) of a confirmed resolution, queued in the same transaction (surveys module's job).
    await enqueueJob({
      db: tx,
      type: 'surveys.ticket-callback',
      payload: { ticketId: id, customerId: before.customerId, ownerId: before.ownerId, phone: before.callerPhone },
      dedupeKey: `survey:ticket:${id}`,
    });
  await repo.insertEvent(tx, {
    ticketId: id,
    at: now,
    kind: 'status',
    actorUserId: ctx.user.id,
    actorName: ctx.user.displayName,
    fromStatus: before.status,
    toStatus: input.status,
    text: input.reason ?? null,
    data: input.customerConfirmed ? { customerConfirmed: true } : null,
  });
  await recordAudit({
    tx,
    actor: ctx.actor,
    action: 'transition',
    entity: 'ticket',
    entityId: id,
    customerId: before.customerId,
    before,
    after,
  });
  await notifyTicketChange({ ctx, tx, change: { ticketId: id, kind: 'status' } });
}
