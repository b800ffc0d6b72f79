// Follow-ups of dissatisfied callback answers: the owner (the ticket's first-contact owner) records the contact with
// the customer and asks again; only a satisfied re-survey closes a follow-up (see callbacks.service#receiveAnswer).
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { scheduleInTx } from './callbacks.service';
import { customerNamesOf } from './surveys.queries';
import * as repo from './surveys.repository';

async function ownFollowup(ctx: RequestCtx, tx: DbOrTx, id: number) {
  const f = await repo.findFollowup(tx, id, true);
  if (!f) throw notFound('surveys.followup_not_found', 'Follow-up not found');
  await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: f.customerId }).catch(() => {
    throw notFound('surveys.followup_not_found', 'Follow-up not found');
  });
  if (f.ownerId !== ctx.user.id && !ctx.can('surveys.manage'))
    throw forbidden('surveys.not_owner', 'Only the follow-up owner may do this');
  return f;
}

/** The owner records the contact with the customer: what was found and done. */
export async function recordFollowupContact(opts: { ctx: RequestCtx; id: number; note: string; now?: Date }) {
  const { ctx } = opts;
  const now = opts.now ?? new Date();
  return ctx.db.transaction(async (tx) => {
    const before = await ownFollowup(ctx, tx, opts.id);
    if (before.status === 'recovered') throw conflict('surveys.followup_closed', 'The follow-up is already closed');
    const after = await repo.updateFollowup(tx, before.id, {
      note: opts.note,
      attempts: before.attempts + 1,
      updatedAt: now,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'contact',
      entity: 'survey_followup',
      entityId: before.id,
      customerId: before.customerId,
      before,
      after,
    });
    return after;
  });
}

/** Asks the customer again (a re-survey): only its answer can close the follow-up. */
export async function requestResurvey(opts: { ctx: RequestCtx; id: number; now?: Date }) {
  const { ctx } = opts;
  const now = opts.now ?? new Date();
  return ctx.db.transaction(async (tx) => {
    const before = await ownFollowup(ctx, tx, opts.id);
    if (before.status === 'recovered') throw conflict('surveys.followup_closed', 'The follow-up is already closed');
    if (!before.note)
      throw badRequest('surveys.contact_first', 'Record the contact with the customer before the re-survey', [
        { path: 'note', message: 'required' },
      ]);
    const original = (await repo.findInvitation(tx, before.invitationId))!;
    const inv = await scheduleInTx(
      tx,
      {
        customerId: before.customerId,
        ticketId: before.ticketId,
        ownerId: before.ownerId,
        phone: original.phone,
        trigger: 'resurvey',
        followupId: before.id,
      },
      now,
    );
    const after = await repo.updateFollowup(tx, before.id, { status: 'resurveyed', updatedAt: now });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'resurvey',
      entity: 'survey_followup',
      entityId: before.id,
      customerId: before.customerId,
      before,
      after,
    });
    return { followup: after, invitationId: inv.id };
  });
}

/** The follow-ups the user owns (due first), or with `surveys.manage` those of the customers in scope. */
export async function listFollowups(opts: { ctx: RequestCtx; openOnly: boolean }) {
  const { ctx } = opts;
  const rows = await repo.listFollowups(ctx.db, {
    ownerIds: ctx.can('surveys.manage') ? undefined : [ctx.user.id],
    openOnly: opts.openOnly,
  });
  const names = await customerNamesOf(ctx.db, ctx.scope, [...new Set(rows.map((r) => r.customerId))]);
  // Quality staff see the follow-ups of the customers in their scope; an owner always sees their own.
  const visible = ctx.can('surveys.manage') ? rows.filter((r) => names.has(r.customerId)) : rows;
  return visible.map((r) => ({ ...r, customerName: names.get(r.customerId) ?? null }));
}
