import type { contactProfileUpdate, DecisionChain, relationshipCreate, Visit, visitCreate } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { contactsOfCustomer } from '../customers/contacts.service';
import { createInteraction } from '../interactions/interactions.service';
import { relationshipNotFound } from './accounts-mgmt.errors';
import * as repo from './accounts-mgmt.repository';
import { inTx, requireKaCustomer, requireStaff } from './accounts-mgmt.service';
import { insertTaskTx } from './tasks.service';

// ---------------------------------------------------------------- decision chain

export async function getDecisionChain(opts: { ctx: RequestCtx; customerId: number }): Promise<DecisionChain> {
  const { ctx, customerId } = opts;
  await requireKaCustomer({ db: ctx.db, ctx, id: customerId });
  const [contacts, profiles, edges, visits] = await Promise.all([
    contactsOfCustomer({ db: ctx.db, customerId, canReadPii: ctx.can('pii.read') }),
    repo.listProfiles(ctx.db, customerId),
    repo.listRelationships(ctx.db, customerId),
    repo.listVisits(ctx.db, customerId, 500),
  ]);
  const lastVisit = new Map<number, string>();
  for (const v of visits) {
    for (const c of v.visit.contactIds) if (!lastVisit.has(c)) lastVisit.set(c, v.visit.occurredAt.toISOString());
  }
  return {
    customerId,
    nodes: contacts.map((c) => {
      const p = profiles.find((x) => x.contactId === c.id);
      return {
        contactId: c.id,
        name: c.name,
        title: c.title,
        decisionRole: c.decisionRole,
        attitude: c.attitude,
        influence: p?.influence ?? 'medium',
        ourContact: p?.ourContactUserId ? { id: p.ourContactUserId, displayName: p.ourContactName ?? '' } : null,
        lastVisitAt: lastVisit.get(c.id) ?? null,
      };
    }),
    edges: edges.map((e) => ({
      id: e.id,
      fromContactId: e.fromContactId,
      toContactId: e.toContactId,
      kind: e.kind,
      note: e.note,
    })),
  };
}

async function requireContacts(db: DbOrTx, customerId: number, ids: number[], field: string) {
  const own = new Set((await contactsOfCustomer({ db, customerId, canReadPii: false })).map((c) => c.id));
  for (const [i, id] of ids.entries()) {
    if (!own.has(id)) throw invalidField(ids.length > 1 ? `${field}.${i}` : field, 'not a contact of this customer');
  }
}

export async function updateContactProfile(opts: {
  ctx: RequestCtx;
  customerId: number;
  contactId: number;
  input: z.infer<typeof contactProfileUpdate>;
}): Promise<DecisionChain> {
  const { ctx, customerId, contactId, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const { customer } = await requireKaCustomer({ db: tx, ctx, id: customerId });
    await requireContacts(tx, customerId, [contactId], 'contactId');
    if (input.ourContactUserId)
      await requireStaff({
        db: tx,
        userId: input.ourContactUserId,
        field: 'ourContactUserId',
        orgUnitId: customer.orgUnitId,
      });
    const before = (await repo.listProfiles(tx, customerId)).find((p) => p.contactId === contactId);
    const after = await repo.upsertProfile(tx, {
      contactId,
      customerId,
      influence: input.influence ?? before?.influence ?? 'medium',
      ourContactUserId:
        input.ourContactUserId !== undefined ? input.ourContactUserId : (before?.ourContactUserId ?? null),
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'contact_profile',
      entityId: contactId,
      customerId,
      before: before ? { influence: before.influence, ourContactUserId: before.ourContactUserId } : null,
      after: { influence: after.influence, ourContactUserId: after.ourContactUserId },
    });
  });
  return getDecisionChain({ ctx, customerId });
}

export async function addRelationship(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof relationshipCreate>;
}): Promise<DecisionChain> {
  const { ctx, customerId, input } = opts;
  if (input.fromContactId === input.toContactId) throw invalidField('toContactId', 'must differ from fromContactId');
  await ctx.db.transaction(async (tx) => {
    await requireKaCustomer({ db: tx, ctx, id: customerId });
    await requireContacts(tx, customerId, [input.fromContactId], 'fromContactId');
    await requireContacts(tx, customerId, [input.toContactId], 'toContactId');
    const row = await repo.insertRelationship(tx, { customerId, ...input, note: input.note ?? null });
    if (row) {
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'contact_relationship',
        entityId: row.id,
        customerId,
        before: null,
        after: { ...input },
      });
    }
  });
  return getDecisionChain({ ctx, customerId });
}

export async function deleteRelationship(opts: { ctx: RequestCtx; customerId: number; id: number }) {
  const { ctx, customerId, id } = opts;
  await ctx.db.transaction(async (tx) => {
    await requireKaCustomer({ db: tx, ctx, id: customerId });
    const row = await repo.findRelationship(tx, id);
    if (!row || row.customerId !== customerId) throw relationshipNotFound();
    await repo.deleteRelationship(tx, id);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'delete',
      entity: 'contact_relationship',
      entityId: id,
      customerId,
      before: { fromContactId: row.fromContactId, toContactId: row.toContactId, kind: row.kind },
      after: null,
    });
  });
  return getDecisionChain({ ctx, customerId });
}

// ---------------------------------------------------------------- visits

const toVisit = (r: Awaited<ReturnType<typeof repo.listVisits>>[number]): Visit => ({
  id: r.visit.id,
  customerId: r.visit.customerId,
  user: { id: r.visit.userId, displayName: r.userName },
  channel: r.visit.channel,
  occurredAt: r.visit.occurredAt.toISOString(),
  contactIds: r.visit.contactIds,
  purpose: r.visit.purpose,
  outcome: r.visit.outcome,
  nextStep: r.visit.nextStep,
  nextStepDue: r.visit.nextStepDue,
  taskId: r.visit.taskId,
});

export async function listVisits(opts: { ctx: RequestCtx; customerId: number }): Promise<Visit[]> {
  await requireKaCustomer({ db: opts.ctx.db, ctx: opts.ctx, id: opts.customerId });
  return (await repo.listVisits(opts.ctx.db, opts.customerId)).map(toVisit);
}

const interactionChannel = {
  visit: 'visit',
  meeting: 'visit',
  phone: 'phone',
  event: 'other',
  other: 'other',
} as const;

/**
 * Records a visit (purpose, outcome, next step). The visit also goes to the customer's interaction timeline, and
 * its next step becomes a task of the visitor due on the agreed date.
 */
export async function createVisit(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof visitCreate>;
}): Promise<Visit> {
  const { ctx, customerId, input } = opts;
  const id = await ctx.db.transaction(async (tx) => {
    await requireKaCustomer({ db: tx, ctx, id: customerId });
    await requireContacts(tx, customerId, input.contactIds, 'contactIds');
    const summary = [input.purpose, input.outcome].filter(Boolean).join(' — ').slice(0, 2000);
    await createInteraction({
      ctx: inTx(ctx, tx),
      id: customerId,
      input: {
        channel: interactionChannel[input.channel],
        direction: 'outbound',
        summary,
        occurredAt: input.occurredAt,
      },
    });
    const visit = await repo.insertVisit(tx, {
      customerId,
      userId: ctx.user.id,
      channel: input.channel,
      occurredAt: new Date(input.occurredAt),
      contactIds: input.contactIds,
      purpose: input.purpose,
      outcome: input.outcome ?? null,
      nextStep: input.nextStep ?? null,
      nextStepDue: input.nextStepDue ?? null,
    });
    if (input.nextStep && input.nextStepDue) {
      const task = await insertTaskTx({
        tx,
        actor: ctx.actor,
        values: {
          ownerId: ctx.user.id,
          customerId,
          title: input.nextStep,
          dueDate: input.nextStepDue,
          source: 'visit',
          sourceKey: `visit:${visit.id}`,
        },
      });
      await repo.setVisitTask(tx, visit.id, task.id);
    }
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'ka_visit',
      entityId: visit.id,
      customerId,
      before: null,
      after: { channel: input.channel, purpose: input.purpose, nextStep: input.nextStep ?? null },
    });
    return visit.id;
  });
  const rows = await repo.listVisits(ctx.db, customerId);
  return toVisit(rows.find((r) => r.visit.id === id)!);
}
