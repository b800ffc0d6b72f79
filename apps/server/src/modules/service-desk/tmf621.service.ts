// The TMF621 Trouble Ticket facade over our tickets: every call goes through the service desk's own service functions
// and read models, so scope (404 outside it), first-contact ownership, the life cycle, SLA clocks and audit are the
// same as on the native API.
import type { TicketCreate, TicketStatus } from '@crm/contracts';
import type { RequestCtx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { maskForViewer } from '../../platform/pii';
import { checkAttachment } from '../ka-files/ka-files.models';
import { dropStoredFilesOnError } from '../ka-files/ka-files.service';
import { ticketNotFound, viewerOf } from './desk.service';
import { toAttachmentDto } from './ticket-attachments.models';
import { storeTicketFiles } from './ticket-attachments.service';
import { editTicket } from './ticket-edits.service';
import * as q from './tickets.queries';
import * as repo from './tickets.repository';
import { createTicket } from './tickets.service';
import {
  acceptedChannels,
  acceptedSeverities,
  acceptedTypes,
  channelOf,
  customerIdOf,
  productIdOf,
  severityOf,
  type TicketView,
  ticketTypeOf,
  toTroubleTicket,
} from './tmf621.models';
import type { TroubleTicketCreate, TroubleTicketUpdate } from './tmf621.schemas';

const TIMELINE_KINDS = ['created', 'status', 'note', 'customer_update'];

/** TMF621 resources of visible tickets (given as read-model rows), with their rows, timelines and attachments. */
async function resourcesOf(ctx: RequestCtx, summaries: q.TicketSummaryRow[]) {
  const ids = summaries.map((s) => s.id);
  const [rows, events, attachments] = await Promise.all([
    repo.findTicketRows(ctx.db, ids),
    repo.listEventsOf(ctx.db, ids, TIMELINE_KINDS),
    repo.listAttachmentsOf(ctx.db, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const products = await q.serviceNumbersOf(ctx.db, [
    ...new Set(rows.map((r) => r.productInstanceId).filter((p): p is number => p !== null)),
  ]);
  return summaries.map((s) => {
    const t = byId.get(s.id)!;
    const view: TicketView = {
      ...s,
      description: t.description,
      externalId: t.externalId,
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
    return maskForViewer(ctx, toTroubleTicket(view));
  });
}

/** A page of the visible tickets as TMF621 resources (newest, highest priority first) and the total count. */
export async function listTroubleTickets(opts: {
  ctx: RequestCtx;
  query: { offset: number; limit: number; status?: TicketStatus; ticketType?: string; externalId?: string };
}) {
  const { ctx, query } = opts;
  const type = query.ticketType ? ticketTypeOf(query.ticketType) : undefined;
  if (type === null)
    throw badRequest('validation.invalid', 'Invalid ticketType', [
      { path: 'ticketType', message: `one of ${acceptedTypes}` },
    ]);
  const { items, total } = await q.listTickets(ctx.db, viewerOf(ctx), {
    status: query.status,
    type,
    externalId: query.externalId,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: await resourcesOf(ctx, items), total };
}

export async function getTroubleTicket(opts: { ctx: RequestCtx; id: number }) {
  const summary = await q.findTicketSummary(opts.ctx.db, viewerOf(opts.ctx), opts.id);
  if (!summary) throw ticketNotFound();
  return (await resourcesOf(opts.ctx, [summary]))[0];
}

const invalid = (path: string, message: string) =>
  badRequest('validation.invalid', `Invalid ${path}`, [{ path, message }]);

/**
 * Opens a ticket from a TroubleTicket_Create: the customer is the related party with role "customer", the product the
 * related entity referred to as a Product; attachment refs keep their URL, attachment values (base64 content) are
 * checked and stored like uploads. The signed-in user becomes the first-contact owner.
 */
export async function createTroubleTicket(opts: { ctx: RequestCtx; input: TroubleTicketCreate; filesDir: string }) {
  const { ctx, input } = opts;
  const type = ticketTypeOf(input.ticketType);
  if (!type) throw invalid('ticketType', `one of ${acceptedTypes}`);
  const severity = severityOf(input.severity);
  if (!severity) throw invalid('severity', `one of ${acceptedSeverities}`);
  const channel = input.channel ? channelOf(input.channel) : 'web';
  if (!channel) throw invalid('channel', `id or name one of ${acceptedChannels}`);
  const customerId = customerIdOf(input.relatedParty);
  if (!customerId) throw invalid('relatedParty', 'a party with role "customer" and a customer id of this system');
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
      type,
      channel,
      severity,
      customerId,
      productInstanceId,
      title: input.name || input.description.slice(0, 200),
      description: input.description,
      externalId: input.externalId,
      requestedResolutionAt: input.requestedResolutionDate,
      attachments: refs,
    },
    files,
    notes: (input.note ?? []).map((n) => n.text),
  }).catch(dropStoredFilesOnError(opts.filesDir, () => files.map((f) => f.storageKey)));
  return getTroubleTicket({ ctx, id: created.id });
}

/**
 * Applies a TroubleTicket_Update (merge patch): name, description and externalId, a status change with its reason
 * (TMF621 life cycle; "closed" needs customerConfirmed), and new notes — in one transaction.
 */
export async function patchTroubleTicket(opts: { ctx: RequestCtx; id: number; input: TroubleTicketUpdate }) {
  const { ctx, id, input } = opts;
  await editTicket({
    ctx,
    id,
    input: {
      title: input.name,
      description: input.description,
      externalId: input.externalId,
      status: input.status,
      reason: input.statusChangeReason,
      customerConfirmed: input.customerConfirmed,
      notes: (input.note ?? []).filter((n) => !n.id).map((n) => n.text),
    },
  });
  return getTroubleTicket({ ctx, id });
}
