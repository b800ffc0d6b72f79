// The TMF621 Trouble Ticket facade over our tickets: every call goes through the service desk's own service functions
// and read models, so scope (404 outside it), first-contact ownership, the life cycle, SLA clocks and audit are the
// same as on the native API.
import type { TicketCreate } from '@crm/contracts';
import type { DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { badRequest } from '../../../platform/errors';
import { maskForViewer } from '../../../platform/pii';
import { checkAttachment } from '../../ka-files/ka-files.models';
import { dropStoredFilesOnError } from '../../ka-files/ka-files.service';
import { ticketNotFound, viewerOf } from '../desk.service';
import { toAttachmentDto } from '../tickets/ticket-attachments.models';
import { storeTicketFiles } from '../tickets/ticket-attachments.service';
import { deleteTicket, editTicket } from '../tickets/ticket-edits.service';
import * as q from '../tickets/tickets.queries';
import * as repo from '../tickets/tickets.repository';
import { createTicket } from '../tickets/tickets.service';
import { type TroubleTicketQuery, ticketIdOf } from './tmf621.filters';
import {
  channelOf,
  customerIdOf,
  internalSeverityOf,
  internalTypeOf,
  productIdOf,
  type TicketView,
  toTroubleTicket,
} from './tmf621.models';
import type { TroubleTicketCreate, TroubleTicketUpdate } from './tmf621.schemas';

const TIMELINE_KINDS = ['created', 'status', 'note', 'customer_update'];

/**
 * TMF621 resources of visible tickets (given as read-model rows), with their rows, timelines and attachments, masked
 * for the viewer (`pii.read` or not).
 */
export async function troubleTicketResources(
  db: DbOrTx,
  summaries: q.TicketSummaryRow[],
  viewer: { can: (permission: string) => boolean },
) {
  const ids = summaries.map((s) => s.id);
  const [rows, events, attachments] = await Promise.all([
    repo.findTicketRows(db, ids),
    repo.listEventsOf(db, ids, TIMELINE_KINDS),
    repo.listAttachmentsOf(db, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const products = await q.serviceNumbersOf(db, [
    ...new Set(rows.map((r) => r.productInstanceId).filter((p): p is number => p !== null)),
  ]);
  return summaries.map((s) => {
    const t = byId.get(s.id)!;
    const view: TicketView = {
      ...s,
      description: t.description,
      externalId: t.externalId,
      clientTicketType: t.clientTicketType,
      clientSeverity: t.clientSeverity,
      productInstanceId: t.productInstanceId,
      serviceNumber: t.productInstanceId ? (products.get(t.productInstanceId) ?? null) : null,
      statusChangedAt: t.statusChangedAt,
      statusReason: t.statusReason,
      requestedResolutionAt: t.requestedResolutionAt,
      resolutionDueAt: s.resolutionDueAt,
      resolvedAt: t.resolvedAt,
      events: events.filter((e) => e.ticketId === s.id),
      attachments: attachments.filter((a) => a.attachment.ticketId === s.id).map(toAttachmentDto),
    };
    return maskForViewer(viewer, toTroubleTicket(view));
  });
}

/** A page of the visible tickets as TMF621 resources (newest, highest priority first) and the total count. */
export async function listTroubleTickets(opts: { ctx: RequestCtx; query: TroubleTicketQuery }) {
  const { ctx, query } = opts;
  if (query.matchesNothing) return { items: [], total: 0 };
  const { items, total } = await q.listTickets(ctx.db, viewerOf(ctx), {
    ...query.filter,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: await troubleTicketResources(ctx.db, items, ctx), total };
}

/** One visible ticket as a TMF621 resource; 404 for any id no visible ticket has (whatever its shape). */
export async function getTroubleTicket(opts: { ctx: RequestCtx; id: string; db?: DbOrTx }) {
  const db = opts.db ?? opts.ctx.db;
  const id = ticketIdOf(opts.id);
  const summary = id === null ? undefined : await q.findTicketSummary(db, viewerOf(opts.ctx), id);
  if (!summary) throw ticketNotFound();
  return (await troubleTicketResources(db, [summary], opts.ctx))[0];
}

const idOf = (id: string) => {
  const n = ticketIdOf(id);
  if (n === null) throw ticketNotFound();
  return n;
};

const invalid = (path: string, message: string) =>
  badRequest('validation.invalid', `Invalid ${path}`, [{ path, message }]);

/**
 * Opens a ticket from a TroubleTicket_Create: the customer is the related party with role "customer", the product the
 * related entity referred to as a Product; attachment refs keep their URL, attachment values (base64 content) are
 * checked and stored like uploads. The signed-in user becomes the first-contact owner.
 */
export async function createTroubleTicket(opts: { ctx: RequestCtx; input: TroubleTicketCreate; filesDir: string }) {
  const { ctx, input } = opts;
  // An unknown channel is taken as the web (self-service) channel the API is.
  const channel = (input.channel ? channelOf(input.channel) : null) ?? 'web';
  // No customer among the related parties: an unidentified caller's ticket (as on the hotline).
  const customerParty = input.relatedParty?.some(
    (p) => p.role?.toLowerCase() === 'customer' || p['@referredType']?.toLowerCase() === 'customer',
  );
  const customerId = customerIdOf(input.relatedParty);
  if (customerParty && !customerId)
    throw invalid('relatedParty', 'the customer party needs a customer id of this system');
  const productInstanceId = productIdOf(input.relatedEntity);
  if (productInstanceId === null) throw invalid('relatedEntity', 'a Product with a product id of this system');
  const refs: TicketCreate['attachments'] = [];
  const values: { file: ReturnType<typeof checkAttachment>; description?: string }[] = [];
  for (const [i, a] of (input.attachment ?? []).entries()) {
    if (a.content !== undefined) {
      if (!a.name || !a.mimeType) throw invalid(`attachment.${i}`, 'an attachment value needs name and mimeType');
      values.push({
        file: checkAttachment({ fileName: a.name, contentType: a.mimeType, contentBase64: a.content }),
        description: a.description,
      });
    } else if (a.url) {
      refs.push({ name: a.name || a.url.slice(0, 200), url: a.url, mimeType: a.mimeType, description: a.description });
    } else throw invalid(`attachment.${i}`, 'either url (a reference) or content (a value)');
  }
  const files = await storeTicketFiles({ files: values, filesDir: opts.filesDir });
  const created = await createTicket({
    ctx,
    input: {
      type: internalTypeOf(input.ticketType),
      channel,
      severity: internalSeverityOf(input.severity),
      clientTicketType: input.ticketType,
      clientSeverity: input.severity,
      customerId,
      productInstanceId,
      title: input.name || input.description.slice(0, 200),
      description: input.description,
      externalId: input.externalId,
      // A requested date already past commits nothing: the SLA policy's targets apply.
      requestedResolutionAt:
        input.requestedResolutionDate && new Date(input.requestedResolutionDate).getTime() > Date.now()
          ? input.requestedResolutionDate
          : undefined,
      attachments: refs,
    },
    files,
    notes: (input.note ?? []).map((n) => n.text),
  }).catch(dropStoredFilesOnError(opts.filesDir, () => files.map((f) => f.storageKey)));
  return getTroubleTicket({ ctx, id: String(created.id) });
}

/**
 * Applies a TroubleTicket_Update (merge patch): name, description and externalId, a status change with its reason
 * (TMF621 life cycle; "closed" needs customerConfirmed), and new notes — in one transaction.
 */
export async function patchTroubleTicket(opts: { ctx: RequestCtx; id: string; input: TroubleTicketUpdate }) {
  const { ctx, input } = opts;
  const id = idOf(opts.id);
  await editTicket({
    ctx,
    id,
    input: {
      title: input.name,
      description: input.description,
      externalId: input.externalId,
      clientTicketType: input.ticketType,
      clientSeverity: input.severity,
      status: input.status,
      // TMF621 clients move tickets without our reason codes: the status itself is the reason when none is given.
      reason: input.statusChangeReason ?? (input.status ? `${input.status} (TMF621)` : undefined),
      // Closing a resolved ticket through the API is the client accepting the resolution (the diagram's decision).
      customerConfirmed: input.customerConfirmed ?? input.status === 'closed',
      notes: (input.note ?? []).filter((n) => !n.id).map((n) => n.text),
    },
  });
  return getTroubleTicket({ ctx, id: opts.id });
}

/** DELETE: the ticket disappears (owner or their manager), audited; 404 for any id no visible ticket has. */
export async function deleteTroubleTicket(opts: { ctx: RequestCtx; id: string }) {
  await deleteTicket({ ctx: opts.ctx, id: idOf(opts.id) });
}
