import type { attachmentUpload, opportunityNeedInput, opportunityNoteCreate } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { insertTaskTx } from '../accounts-mgmt/tasks.service';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { addDays, todayIso } from '../ka-common/ka-common.models';
import { checkAttachment } from '../ka-files/ka-files.models';
import { dropStoredFilesOnError, readStoredFile, storeFile } from '../ka-files/ka-files.service';
import { notifyUsers } from '../notifications/notifications.service';
import { listDepartments } from '../service-desk/desk.service';
import {
  deskDepartmentCodes,
  FORWARDED_NOTE_DAYS,
  forwardedNoteTitle,
  type NoteDepartment,
  noteDepartmentNames,
} from './opportunities.models';
import * as repo from './opportunities.repository';
import { getOpportunity, lockVisibleOpportunity, needRow, opportunityNotFound } from './opportunities.service';

// Needs by phase, progress notes and attachments of an opportunity.

/** Adds a forecast need of a phase, or (with `remove`) deletes one. */
export async function changeNeeds(opts: {
  ctx: RequestCtx;
  id: number;
  add?: z.infer<typeof opportunityNeedInput>;
  removeId?: number;
}) {
  const { ctx, id } = opts;
  await ctx.db.transaction(async (tx) => {
    const opp = await lockVisibleOpportunity(ctx, tx, id);
    if (opts.add) {
      const [row] = await repo.insertNeeds(tx, [needRow(id, opts.add)]);
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'opportunity_need',
        entityId: row.id,
        customerId: opp.customerId,
        before: null,
        after: { ...opts.add },
      });
    }
    if (opts.removeId) {
      const row = await repo.deleteNeed(tx, id, opts.removeId);
      if (!row) throw notFound('opportunities.need_not_found', 'Need not found');
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'delete',
        entity: 'opportunity_need',
        entityId: row.id,
        customerId: opp.customerId,
        before: { phase: row.phase, item: row.item, quantity: row.quantity },
        after: null,
      });
    }
  });
  return getOpportunity({ ctx, id });
}

/**
 * Who works on a note forwarded to a department: the head of the matching service-desk department when one is
 * named; else the back office nearest to the customer (its org unit or above); else the nearest managers. Notes for
 * account management go to the opportunity's owner.
 */
async function departmentRecipients(
  db: DbOrTx,
  department: NoteDepartment,
  opp: { ownerId: number },
  customerOrgUnitId: number,
  deskDepartments: { code: string; headUserId: number | null }[],
): Promise<number[]> {
  if (department === 'account_management') return [opp.ownerId];
  const code = deskDepartmentCodes[department];
  const head = deskDepartments.find((d) => d.code === code)?.headUserId;
  if (head) return [head];
  const backOffice = await repo.nearestStaffAbove(db, 'back_office', customerOrgUnitId);
  return backOffice.length ? backOffice : repo.nearestStaffAbove(db, 'manager', customerOrgUnitId);
}

/**
 * A progress note (e.g. construction progress), optionally forwarded to a department: then, in the same
 * transaction, it becomes a task (due in a few days) of the department's people and they are alerted, so the
 * forwarded work is not forgotten.
 */
export async function addNote(opts: { ctx: RequestCtx; id: number; input: z.infer<typeof opportunityNoteCreate> }) {
  const { ctx, id, input } = opts;
  // The service desk seeds its departments lazily in a transaction of its own: look them up before ours.
  const deskDepartments = input.forwardedTo ? await listDepartments({ db: ctx.db }) : [];
  await ctx.db.transaction(async (tx) => {
    const opp = await lockVisibleOpportunity(ctx, tx, id);
    const row = await repo.insertNote(tx, {
      opportunityId: id,
      body: input.body,
      forwardedTo: input.forwardedTo ?? null,
      authorId: ctx.user.id,
    });
    let recipients: number[] = [];
    if (input.forwardedTo) {
      const { customer } = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: opp.customerId });
      recipients = await departmentRecipients(tx, input.forwardedTo, opp, customer.orgUnitId, deskDepartments);
      const title = forwardedNoteTitle(input.forwardedTo, opp.title, input.body);
      const sourceKey = `opportunity_note:${row.id}`;
      for (const ownerId of recipients) {
        await insertTaskTx({
          tx,
          actor: ctx.actor,
          values: {
            ownerId,
            customerId: opp.customerId,
            title,
            dueDate: addDays(todayIso(), FORWARDED_NOTE_DAYS),
            source: 'opportunity',
            sourceKey,
          },
        });
      }
      await notifyUsers({
        tx,
        userIds: recipients,
        alert: {
          kind: 'opportunity.note_forwarded',
          title,
          body: input.body,
          link: `/ka/opportunities/${id}`,
          data: {
            opportunityId: id,
            noteId: row.id,
            department: input.forwardedTo,
            departmentName: noteDepartmentNames[input.forwardedTo],
            author: ctx.user.displayName,
          },
          dedupeKey: sourceKey,
        },
      });
    }
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'opportunity_note',
      entityId: row.id,
      customerId: opp.customerId,
      before: null,
      after: { ...input, ...(input.forwardedTo ? { forwardedToUserIds: recipients } : {}) },
    });
  });
  return getOpportunity({ ctx, id });
}

/** Stores an attachment (type, extension, content and size checked) under the data directory. */
export async function addAttachment(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof attachmentUpload>;
  filesDir: string;
}) {
  const { ctx, id, input } = opts;
  const file = checkAttachment(input);
  await repo.findOpportunity(ctx.db, ctx.scope, id).then((r) => {
    if (!r) throw opportunityNotFound();
  });
  const stored = await storeFile({ dir: opts.filesDir, bytes: file.bytes });
  await ctx.db
    .transaction(async (tx) => {
      const opp = await lockVisibleOpportunity(ctx, tx, id);
      const row = await repo.insertAttachment(tx, {
        opportunityId: id,
        fileName: file.fileName,
        contentType: file.contentType,
        ...stored,
        description: input.description ?? null,
        uploadedBy: ctx.user.id,
      });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'opportunity_attachment',
        entityId: row.id,
        customerId: opp.customerId,
        before: null,
        after: { fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256: row.sha256 },
      });
    })
    .catch(dropStoredFilesOnError(opts.filesDir, () => [stored.storageKey]));
  return getOpportunity({ ctx, id });
}

export async function readAttachment(opts: { ctx: RequestCtx; id: number; attachmentId: number; filesDir: string }) {
  const { ctx, id } = opts;
  if (!(await repo.findOpportunity(ctx.db, ctx.scope, id))) throw opportunityNotFound();
  const row = await repo.findAttachment(ctx.db, id, opts.attachmentId);
  if (!row) throw notFound('attachments.not_found', 'Attachment not found');
  const bytes = await readStoredFile({ dir: opts.filesDir, storageKey: row.storageKey });
  return { fileName: row.fileName, contentType: row.contentType, bytes };
}
