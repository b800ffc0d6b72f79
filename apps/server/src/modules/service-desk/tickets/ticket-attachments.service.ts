// Files attached to tickets. Uploads go through the key-account file storage (type, extension, content and size
// checked; stored under the data directory by a random key, never by the user's file name); downloads are answered
// only to users who can see the ticket. Both are audited.
import type { attachmentUpload, TicketDetail } from '@crm/contracts';
import type { z } from 'zod';
import type { RequestCtx } from '../../../platform/context';
import { conflict, forbidden, notFound } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import { checkAttachment } from '../../ka-files/ka-files.models';
import { dropStoredFilesOnError, readStoredFile, storeFile } from '../../ka-files/ka-files.service';
import { ticketNotFound, viewerOf } from '../desk.service';
import { attachmentAudit, MAX_TICKET_ATTACHMENTS, type StoredFile, storedFileRows } from './ticket-attachments.models';
import { isOpen } from './tickets.models';
import * as q from './tickets.queries';
import * as repo from './tickets.repository';
import { getTicket, lockVisibleTicket } from './tickets.service';

/** Writes checked files to the file storage (outside any transaction); the caller's transaction adds the rows. */
export async function storeTicketFiles(opts: {
  files: { file: ReturnType<typeof checkAttachment>; description?: string | null }[];
  filesDir: string;
}): Promise<StoredFile[]> {
  const out: StoredFile[] = [];
  for (const { file, description } of opts.files) {
    const stored = await storeFile({ dir: opts.filesDir, bytes: file.bytes });
    out.push({ name: file.fileName, contentType: file.contentType, description: description ?? null, ...stored });
  }
  return out;
}

/**
 * Attaches an uploaded file to an open ticket the user can see. Agents (tickets.write) and departments working on it
 * (workorders.write) may upload; the timeline shows who attached what.
 */
export async function addTicketAttachment(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof attachmentUpload>;
  filesDir: string;
  now?: Date;
}): Promise<TicketDetail> {
  const { ctx, id, input } = opts;
  const now = opts.now ?? new Date();
  const file = checkAttachment(input);
  if (!(await q.findTicketSummary(ctx.db, viewerOf(ctx), id))) throw ticketNotFound();
  if (!ctx.can('tickets.write') && !ctx.can('workorders.write')) throw forbidden();
  const [stored] = await storeTicketFiles({
    files: [{ file, description: input.description }],
    filesDir: opts.filesDir,
  });
  await ctx.db
    .transaction(async (tx) => {
      const t = await lockVisibleTicket(ctx, tx, id);
      if (!isOpen(t.status) && t.status !== 'resolved')
        throw conflict('tickets.final', `A ${t.status} ticket takes no more attachments`);
      if ((await repo.countAttachments(tx, id)) >= MAX_TICKET_ATTACHMENTS)
        throw conflict('attachments.too_many', `A ticket holds at most ${MAX_TICKET_ATTACHMENTS} attachments`);
      const rows = await repo.insertAttachments(tx, storedFileRows(id, ctx.user.id, [stored]));
      await repo.insertEvent(tx, {
        ticketId: id,
        at: now,
        kind: 'attachment',
        actorUserId: ctx.user.id,
        actorName: ctx.user.displayName,
        text: stored.name,
        data: { attachmentId: rows[0].id, sizeBytes: stored.sizeBytes, mimeType: stored.contentType },
      });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'ticket_attachment',
        entityId: rows[0].id,
        customerId: t.customerId,
        before: null,
        after: attachmentAudit(rows[0]),
      });
    })
    .catch(dropStoredFilesOnError(opts.filesDir, () => [stored.storageKey]));
  return getTicket({ ctx, id, now });
}

/** A stored file of a ticket the user can see (404 otherwise, exactly like a missing one); the download is audited. */
export async function readTicketAttachment(opts: {
  ctx: RequestCtx;
  id: number;
  attachmentId: number;
  filesDir: string;
}): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const { ctx, id } = opts;
  const ticket = await q.findTicketSummary(ctx.db, viewerOf(ctx), id);
  if (!ticket) throw ticketNotFound();
  const row = await repo.findAttachment(ctx.db, id, opts.attachmentId);
  if (!row?.storageKey) throw notFound('attachments.not_found', 'Attachment not found');
  const bytes = await readStoredFile({ dir: opts.filesDir, storageKey: row.storageKey });
  await recordAudit({
    tx: ctx.db,
    actor: ctx.actor,
    action: 'download',
    entity: 'ticket_attachment',
    entityId: row.id,
    customerId: ticket.customerId,
    before: null,
    after: { ticketId: id, name: row.name, sha256: row.sha256 },
  });
  return { fileName: row.name, contentType: row.mimeType ?? 'application/octet-stream', bytes };
}
