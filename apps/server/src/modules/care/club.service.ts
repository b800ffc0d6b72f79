import type { ClubEvent, clubEventCreate, invitationCreate, invitationUpdate } from '@crm/contracts';
import type { z } from 'zod';
import type { RequestCtx } from '../../platform/context';
import { conflict, invalidField, notFound } from '../../platform/errors';
import { requireKaCustomer } from '../accounts-mgmt/accounts-mgmt.service';
import { recordAudit } from '../audit/audit.service';
import { contactsOfCustomer } from '../customers/contacts.service';
import { getOpportunity } from '../opportunities/opportunities.service';
import { findOrgUnitForReference, getSubtreeIds } from '../org/org.service';
import * as repo from './care.repository';

const eventNotFound = () => notFound('care.event_not_found', 'Club event not found');

/** Org units whose events a user sees: their own unit, the units above it and below it (administrators: all). */
async function eventUnits(ctx: RequestCtx): Promise<number[] | null> {
  if (ctx.scope.kind === 'all') return null;
  const unit = await findOrgUnitForReference({ db: ctx.db, id: ctx.user.orgUnitId });
  if (!unit) return [];
  const above = unit.path.split('/').filter(Boolean).map(Number);
  return [...new Set([...above, ...(await getSubtreeIds({ db: ctx.db, path: unit.path }))])];
}

async function eventViews(ctx: RequestCtx, events: repo.EventRow[]): Promise<ClubEvent[]> {
  const invitations = await repo.listInvitations(
    ctx.db,
    ctx.scope,
    events.map((e) => e.id),
  );
  return events.map((e) => {
    const own = invitations.filter((i) => i.invitation.eventId === e.id);
    return {
      id: e.id,
      title: e.title,
      kind: e.kind,
      eventDate: e.eventDate,
      location: e.location,
      memberFeeFen: e.memberFeeFen,
      clubSubsidyFen: e.clubSubsidyFen,
      sponsors: e.sponsors,
      description: e.description,
      invitations: own.map((i) => ({
        id: i.invitation.id,
        eventId: e.id,
        customerId: i.invitation.customerId,
        customerName: i.customerName,
        contactId: i.invitation.contactId,
        contactName: i.contactName,
        status: i.invitation.status,
        leadOpportunityId: i.invitation.leadOpportunityId,
      })),
      attended: own.filter((i) => i.invitation.status === 'attended').length,
      leads: own.filter((i) => i.invitation.leadOpportunityId !== null).length,
    };
  });
}

export async function listClubEvents(opts: { ctx: RequestCtx; from: string; to: string }): Promise<ClubEvent[]> {
  const { ctx } = opts;
  return eventViews(ctx, await repo.listEvents(ctx.db, await eventUnits(ctx), opts.from, opts.to));
}

export async function getClubEvent(opts: { ctx: RequestCtx; id: number }): Promise<ClubEvent> {
  const { ctx, id } = opts;
  const event = await repo.findEvent(ctx.db, id);
  const units = await eventUnits(ctx);
  if (!event || (units && !units.includes(event.orgUnitId))) throw eventNotFound();
  return (await eventViews(ctx, [event]))[0];
}

/** A club event (S6) of the organiser's org unit: members pay most of the cost, the club subsidises part. */
export async function createClubEvent(opts: { ctx: RequestCtx; input: z.infer<typeof clubEventCreate> }) {
  const { ctx, input } = opts;
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertEvent(tx, {
      ...input,
      location: input.location ?? null,
      sponsors: input.sponsors ?? null,
      description: input.description ?? null,
      orgUnitId: ctx.user.orgUnitId,
      createdBy: ctx.user.id,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'club_event',
      entityId: row.id,
      before: null,
      after: { ...input },
    });
    return row.id;
  });
  return getClubEvent({ ctx, id });
}

/** Invites a customer (optionally one of its contacts) to an event. */
export async function inviteToEvent(opts: {
  ctx: RequestCtx;
  eventId: number;
  input: z.infer<typeof invitationCreate>;
}) {
  const { ctx, eventId, input } = opts;
  await getClubEvent({ ctx, id: eventId });
  await ctx.db.transaction(async (tx) => {
    await requireKaCustomer({ db: tx, ctx, id: input.customerId });
    if (input.contactId) {
      const contacts = await contactsOfCustomer({ db: tx, customerId: input.customerId, canReadPii: false });
      if (!contacts.some((c) => c.id === input.contactId))
        throw invalidField('contactId', 'not a contact of this customer');
    }
    const row = await repo.insertInvitation(tx, {
      eventId,
      customerId: input.customerId,
      contactId: input.contactId ?? null,
      invitedBy: ctx.user.id,
    });
    if (!row)
      throw conflict('care.already_invited', 'customerId: already invited', [
        { path: 'customerId', message: 'already invited' },
      ]);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'club_invitation',
      entityId: row.id,
      customerId: input.customerId,
      before: null,
      after: { eventId, ...input },
    });
  });
  return getClubEvent({ ctx, id: eventId });
}

/** Records the answer, the attendance, or the lead (opportunity) that came out of the event. */
export async function updateInvitation(opts: { ctx: RequestCtx; id: number; input: z.infer<typeof invitationUpdate> }) {
  const { ctx, id, input } = opts;
  const before = await repo.findInvitation(ctx.db, id);
  if (!before) throw notFound('care.invitation_not_found', 'Invitation not found');
  await requireKaCustomer({ db: ctx.db, ctx, id: before.customerId });
  if (input.leadOpportunityId) {
    const opp = await getOpportunity({ ctx, id: input.leadOpportunityId }).catch(() => null);
    if (!opp || opp.customerId !== before.customerId)
      throw invalidField('leadOpportunityId', 'not an opportunity of the invited customer');
  }
  await ctx.db.transaction(async (tx) => {
    await requireKaCustomer({ db: tx, ctx, id: before.customerId });
    const after = await repo.updateInvitation(tx, id, input);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'club_invitation',
      entityId: id,
      customerId: before.customerId,
      before: { status: before.status, leadOpportunityId: before.leadOpportunityId },
      after: { status: after.status, leadOpportunityId: after.leadOpportunityId },
    });
  });
  return getClubEvent({ ctx, id: before.eventId });
}
