// TMF621 attachment refs of tickets: the DTO of a stored file or a reference, and the rows of stored files.
import type { TicketAttachment } from '@crm/contracts';
import type { AttachmentRow, AttachmentViewRow } from './tickets.repository';

/** At most this many attachments (references and files) per ticket. */
export const MAX_TICKET_ATTACHMENTS = 30;

export const attachmentPath = (ticketId: number, id: number) =>
  `/api/service-desk/tickets/${ticketId}/attachments/${id}`;

/** A stored file's ref points at its download path; a reference keeps the URL it was given. */
export const toAttachmentDto = (r: AttachmentViewRow): TicketAttachment => ({
  id: r.attachment.id,
  name: r.attachment.name,
  url: r.attachment.storageKey ? attachmentPath(r.attachment.ticketId, r.attachment.id) : (r.attachment.url ?? ''),
  mimeType: r.attachment.mimeType,
  description: r.attachment.description,
  stored: Boolean(r.attachment.storageKey),
  sizeBytes: r.attachment.sizeBytes,
  createdByName: r.createdByName,
  createdAt: r.attachment.createdAt.toISOString(),
});

/** A checked file already written to the file storage, not yet attached. */
export type StoredFile = {
  name: string;
  contentType: string;
  description: string | null;
  storageKey: string;
  sizeBytes: number;
  sha256: string;
};

/** The attachment rows of stored files. */
export const storedFileRows = (ticketId: number, userId: number, files: StoredFile[]) =>
  files.map((f) => ({
    ticketId,
    name: f.name,
    url: null,
    mimeType: f.contentType,
    description: f.description,
    storageKey: f.storageKey,
    sizeBytes: f.sizeBytes,
    sha256: f.sha256,
    createdBy: userId,
  }));

/** What the audit log keeps of an attachment (never its content). */
export const attachmentAudit = (row: AttachmentRow) => ({
  ticketId: row.ticketId,
  name: row.name,
  url: row.url,
  mimeType: row.mimeType,
  sizeBytes: row.sizeBytes,
  sha256: row.sha256,
});
