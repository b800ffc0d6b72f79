import { type Contact, type contactCreate, type contactUpdate, maskPersonalData } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { maskForViewer } from '../../platform/pii';
import { recordAudit } from '../audit/audit.service';
import * as repo from './contacts.repository';
import { contactNotFound } from './customers.errors';
import { requireVisibleCustomer } from './customers.service';

const toContact = (r: repo.ContactRow): Contact => {
  const { createdAt: _c, updatedAt: _u, ...contact } = r;
  return contact;
};

/** The customer's contacts, masked for the viewer (the caller has checked the customer's scope). */
export async function contactsOfCustomer(opts: {
  db: DbOrTx;
  customerId: number;
  canReadPii: boolean;
}): Promise<Contact[]> {
  const rows = await repo.listContacts(opts.db, opts.customerId);
  return maskPersonalData(rows.map(toContact), opts.canReadPii);
}

export async function createContact(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof contactCreate>;
}): Promise<Contact> {
  const { ctx, id, input } = opts;
  const row = await ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const created = await repo.insertContact(tx, { ...input, customerId: id });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'contact',
      entityId: created.id,
      customerId: id,
      before: null,
      after: toContact(created),
    });
    return created;
  });
  return maskForViewer(ctx, toContact(row));
}

export async function updateContact(opts: {
  ctx: RequestCtx;
  id: number;
  contactId: number;
  input: z.infer<typeof contactUpdate>;
}): Promise<Contact> {
  const { ctx, id, contactId, input } = opts;
  const row = await ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const before = await repo.findContact(tx, id, contactId);
    if (!before) throw contactNotFound();
    const after = await repo.updateContact(tx, contactId, input);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'contact',
      entityId: contactId,
      customerId: id,
      before: toContact(before),
      after: toContact(after),
    });
    return after;
  });
  return maskForViewer(ctx, toContact(row));
}

export async function deleteContact(opts: { ctx: RequestCtx; id: number; contactId: number }): Promise<void> {
  const { ctx, id, contactId } = opts;
  await ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const before = await repo.findContact(tx, id, contactId);
    if (!before) throw contactNotFound();
    await repo.deleteContact(tx, contactId);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'delete',
      entity: 'contact',
      entityId: contactId,
      customerId: id,
      before: toContact(before),
      after: null,
    });
  });
}
