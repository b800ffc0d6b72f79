// Changes to an existing ticket beyond its life cycle: timeline notes, and edits of its title, description and external
// id combined with a status change in one transaction (the TMF621 PATCH).
import type { TicketDetail, TicketStatus } from '@crm/contracts';
import type { Tx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { forbidden } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import { authorityOver, notOwner } from '../desk.service';
import { applyClockEffects, updateDueAt } from '../sla/sla.service';
import { notifyTicketChange } from './ticket-changes.service';
import { clockEffects } from './tickets.models';
import * as repo from './tickets.repository';
import { getTicket, lockVisibleTicket, transitionInTx } from './tickets.service';

export type TicketEdit = {
  title?: string;
  description?: string;
  externalId?: string | null;
  /** TMF621 ticketType / severity as the client names them (our classification, and so the SLA, stays). */
  clientTicketType?: string;
  clientSeverity?: string;
  status?: TicketStatus;
  reason?: string;
  customerConfirmed?: boolean;
  notes?: string[];
};

/**
 * Edits a ticket in one transaction: title, description and external id (owner or their manager, like a status
 * change), a status change along the life cycle (unchanged status = nothing to do, so a repeated PATCH is harmless),
 * and notes (anyone working on the ticket). Audited; the timeline shows each part.
 */
export async function editTicket(opts: {
  ctx: RequestCtx;
  id: number;
  input: TicketEdit;
  now?: Date;
}): Promise<TicketDetail> {
  const { ctx, id, input } = opts;
  const now = opts.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const before = await lockVisibleTicket(ctx, tx, id);
    const fields = {
      ...(input.title !== undefined && input.title !== before.title ? { title: input.title } : {}),
      ...(input.description !== undefined && input.description !== before.description
        ? { description: input.description }
        : {}),
      ...(input.externalId !== undefined && input.externalId !== before.externalId
        ? { externalId: input.externalId }
        : {}),
      ...(input.clientTicketType !== undefined && input.clientTicketType !== before.clientTicketType
        ? { clientTicketType: input.clientTicketType }
        : {}),
      ...(input.clientSeverity !== undefined && input.clientSeverity !== before.clientSeverity
        ? { clientSeverity: input.clientSeverity }
        : {}),
    };
    const moves = input.status !== undefined && input.status !== before.status;
    if (Object.keys(fields).length > 0 || moves) {
      if (!ctx.can('tickets.write')) throw forbidden();
      const authority = await authorityOver(ctx, tx, before.ownerId);
      if (!authority.isOwner && !authority.managesOwner) throw notOwner();
    }
    if (Object.keys(fields).length > 0) {
      const after = await repo.updateTicket(tx, id, fields);
      await repo.insertEvent(tx, {
        ticketId: id,
        at: now,
        kind: 'updated',
        actorUserId: ctx.user.id,
        actorName: ctx.user.displayName,
        text: fields.title ?? null,
        data: { fields: Object.keys(fields) },
      });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'update',
        entity: 'ticket',
        entityId: id,
        customerId: before.customerId,
        before,
        after,
      });
      await notifyTicketChange({ ctx, tx, change: { ticketId: id, kind: 'updated', fields: Object.keys(fields) } });
    }
    if (moves)
      await transitionInTx({
        ctx,
        tx,
        id,
        input: { status: input.status!, reason: input.reason, customerConfirmed: input.customerConfirmed },
        now,
        external: true,
      });
    if (input.notes?.length) {
      if (!ctx.can('tickets.write') && !ctx.can('workorders.write')) throw notOwner();
      for (const text of input.notes)
        await recordNote({ ctx, tx, ticketId: id, customerId: before.customerId, text, toCustomer: false, now });
      await notifyTicketChange({ ctx, tx, change: { ticketId: id, kind: 'updated', fields: ['note'] } });
    }
  });
  return getTicket({ ctx, id, now });
}

/**
 * Deletes a ticket (TMF621 DELETE; owner or their manager): it disappears from every list and lookup, its SLA clocks
 * stop, and the row stays for the audit trail. Listeners are told before the ticket disappears.
 */
export async function deleteTicket(opts: { ctx: RequestCtx; id: number; now?: Date }): Promise<void> {
  const { ctx, id } = opts;
  const now = opts.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const before = await lockVisibleTicket(ctx, tx, id);
    if (!ctx.can('tickets.write')) throw forbidden();
    const authority = await authorityOver(ctx, tx, before.ownerId);
    if (!authority.isOwner && !authority.managesOwner) throw notOwner();
    await notifyTicketChange({ ctx, tx, change: { ticketId: id, kind: 'deleted' } });
    const after = await repo.updateTicket(tx, id, { deletedAt: now });
    await applyClockEffects({ tx, ticketId: id, effects: clockEffects(before.status, 'cancelled'), at: now });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'delete',
      entity: 'ticket',
      entityId: id,
      customerId: before.customerId,
      before,
      after,
    });
  });
}

/**
 * Adds a note to the timeline. A note told to the customer by the owner is the first response (stops the response
 * clock) and restarts the update interval.
 */
export async function addTicketNote(opts: {
  ctx: RequestCtx;
  id: number;
  input: { text: string; toCustomer: boolean };
  now?: Date;
}): Promise<TicketDetail> {
  const { ctx, id, input } = opts;
  const now = opts.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(ctx, tx, id);
    if (!ctx.can('tickets.write') && !ctx.can('workorders.write')) throw notOwner();
    if (input.toCustomer) {
      const authority = await authorityOver(ctx, tx, t.ownerId);
      if (!authority.isOwner && !authority.managesOwner) throw notOwner();
      await applyClockEffects({ tx, ticketId: id, effects: { response: 'stop', resolution: null }, at: now });
      const next = await updateDueAt({ db: tx, policyId: t.slaPolicyId, from: now, minutes: t.updateIntervalMinutes });
      await repo.updateTicket(tx, id, { nextUpdateDueAt: next });
    }
    await recordNote({ ctx, tx, ticketId: id, customerId: t.customerId, ...input, now });
    await notifyTicketChange({ ctx, tx, change: { ticketId: id, kind: 'updated', fields: ['note'] } });
  });
  return getTicket({ ctx, id, now });
}

/** A note on the ticket's timeline (a customer update when told to the customer), audited. */
async function recordNote(o: {
  ctx: RequestCtx;
  tx: Tx;
  ticketId: number;
  customerId: number | null;
  text: string;
  toCustomer: boolean;
  now: Date;
}) {
  await repo.insertEvent(o.tx, {
    ticketId: o.ticketId,
    at: o.now,
    kind: o.toCustomer ? 'customer_update' : 'note',
    actorUserId: o.ctx.user.id,
    actorName: o.ctx.user.displayName,
    text: o.text,
  });
  await recordAudit({
    tx: o.tx,
    actor: o.ctx.actor,
    action: 'note',
    entity: 'ticket',
    entityId: o.ticketId,
    customerId: o.customerId,
    before: null,
    after: { text: o.text, toCustomer: o.toCustomer },
  });
}
