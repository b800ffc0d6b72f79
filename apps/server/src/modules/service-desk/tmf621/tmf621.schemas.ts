// Request and response schemas of the TMF621 Trouble Ticket facade (TM Forum Open API v4.0.0), as zod so that they
// validate requests, serialise responses and appear in the OpenAPI document at /docs.
import { httpUrl, ticketStatuses } from '@crm/contracts';
import { z } from 'zod';

const str = (max: number) => z.string().trim().max(max);
const ts = z.iso.datetime({ offset: true });
const meta = {
  '@type': z.string().max(100).optional(),
  '@baseType': z.string().max(100).optional(),
  '@schemaLocation': z.string().max(500).optional(),
};

const channelRef = z.object({
  id: str(100),
  name: str(100).optional(),
  href: z.string().optional(),
  '@referredType': z.string().optional(),
  ...meta,
});
const relatedParty = z.object({
  id: str(100),
  name: z.string().optional(),
  role: z.string().optional(),
  href: z.string().optional(),
  '@referredType': z.string().optional(),
  ...meta,
});
const relatedEntity = relatedParty.describe('RelatedEntity: our product instance id with @referredType "Product".');
const noteIn = z.object({
  id: z.string().optional(),
  author: z.string().optional(),
  date: z.string().optional(),
  text: str(5000).min(1),
  ...meta,
});
const attachmentIn = z
  .object({
    id: z.string().optional(),
    name: str(200).optional(),
    url: httpUrl.optional(),
    content: z.string().max(14_000_000).optional().describe('base64 file content (an attachment value, at most 10 MB)'),
    mimeType: str(100).optional(),
    description: str(500).optional(),
    attachmentType: z.string().optional(),
    '@referredType': z.string().optional(),
    ...meta,
  })
  .describe('AttachmentRefOrValue: a reference (url) or a value (content + mimeType + name)');

export const troubleTicketCreate = z
  .object({
    name: str(200).optional(),
    description: str(10_000).min(1),
    severity: str(100)
      .min(1)
      .describe('any word, stored and returned as sent; classified as critical | major | minor (else minor)'),
    ticketType: str(100)
      .min(1)
      .describe(
        'any word, stored and returned as sent; classified as consultation | complaint | fault_report | ' +
          'service_order | suggestion (incident, request, bill dispute ... map; anything else is a fault report)',
      ),
    externalId: str(100).optional(),
    requestedResolutionDate: ts.optional(),
    channel: channelRef.optional().describe('phone, counter, web (default), weibo, wechat, qq, complaint_form ...'),
    relatedParty: z
      .array(relatedParty)
      .max(10)
      .optional()
      .describe('the customer: role "customer", id = our customer id; none = an unidentified caller'),
    relatedEntity: z.array(relatedEntity).max(10).optional(),
    attachment: z.array(attachmentIn).max(20).optional(),
    note: z.array(noteIn).max(20).optional(),
    ...meta,
  })
  .describe('TroubleTicket_Create');
export type TroubleTicketCreate = z.infer<typeof troubleTicketCreate>;

export const troubleTicketUpdate = z
  .object({
    name: str(200).min(1).optional(),
    description: str(10_000).optional(),
    externalId: str(100).nullable().optional(),
    ticketType: str(100).min(1).optional().describe('renames the type as the client sees it; our classification stays'),
    severity: str(100)
      .min(1)
      .optional()
      .describe('renames the severity as the client sees it; our classification stays'),
    status: z.enum(ticketStatuses).optional(),
    statusChangeReason: str(2000).optional(),
    note: z.array(noteIn).max(20).optional().describe('notes without an id are added to the ticket'),
    customerConfirmed: z
      .boolean()
      .optional()
      .describe('extension: the customer confirmed the resolution (required for status "closed")'),
    ...meta,
  })
  .strict()
  .describe(
    'TroubleTicket_Update (merge patch): the fields that may change (others answer 400); the status follows the life cycle',
  );
export type TroubleTicketUpdate = z.infer<typeof troubleTicketUpdate>;

const queryValue = z.union([z.string().max(2000), z.array(z.string().max(2000)).max(20)]).optional();
/** Checked by parseTroubleTicketQuery on the shared TMF conventions (unsupported filters answer 400); listed here for the OpenAPI document. */
export const troubleTicketListQuery = z
  .object({
    fields: z.string().max(500).optional().describe('comma-separated attributes to return'),
    offset: z.string().optional().describe('first item (default 0)'),
    limit: z.string().optional().describe('items per page (default 20, at most 1000)'),
    sort: z.string().max(500).optional().describe('e.g. -creationDate,name (- descending)'),
    id: queryValue,
    name: queryValue,
    description: queryValue,
    externalId: queryValue,
    ticketType: queryValue.describe('as the client sent it; comma = or'),
    severity: queryValue.describe('as the client sent it; comma = or'),
    status: queryValue.describe('comma = or'),
    priority: queryValue,
    creationDate: queryValue.describe('also creationDate.gt / .gte / .lt / .lte, likewise lastUpdate ...'),
    lastUpdate: queryValue,
  })
  .catchall(queryValue);
export const troubleTicketGetQuery = z.object({ fields: z.string().max(500).optional() });
/** Any id: one no visible ticket has (11+ digits, text ...) answers 404. */
export const troubleTicketIdParam = z.object({ id: z.string().max(200) });

const ref = z.object({
  id: z.string(),
  href: z.string().optional(),
  name: z.string().optional(),
  role: z.string().optional(),
  '@type': z.string().optional(),
  '@referredType': z.string().optional(),
});

/** The TroubleTicket resource; with `fields` only id, href, @type and the selected attributes are present. */
export const troubleTicket = z
  .object({
    id: z.string(),
    href: z.string(),
    '@type': z.string(),
    name: z.string().optional(),
    description: z.string().optional(),
    externalId: z.string().optional(),
    ticketType: z.string().optional(),
    severity: z.string().optional(),
    priority: z.string().optional(),
    status: z.enum(ticketStatuses).optional(),
    statusChangeDate: z.string().optional(),
    statusChangeReason: z.string().optional(),
    creationDate: z.string().optional(),
    lastUpdate: z.string().optional(),
    requestedResolutionDate: z.string().optional(),
    expectedResolutionDate: z.string().optional(),
    resolutionDate: z.string().optional(),
    channel: ref.omit({ role: true }).optional(),
    relatedParty: z.array(ref).optional(),
    relatedEntity: z.array(ref).optional(),
    characteristic: z
      .array(z.object({ name: z.string(), value: z.string(), valueType: z.string(), '@type': z.string() }))
      .optional()
      .describe('internalTicketType, internalSeverity (our classification of the client values) and ticketNo'),
    note: z.array(z.object({ id: z.string(), author: z.string(), date: z.string(), text: z.string() })).optional(),
    statusChange: z
      .array(
        z.object({
          status: z.enum(ticketStatuses),
          changeDate: z.string(),
          changeReason: z.string().optional(),
        }),
      )
      .optional(),
    attachment: z
      .array(
        z.object({
          id: z.string(),
          href: z.string().optional(),
          url: z.string().optional(),
          name: z.string().optional(),
          mimeType: z.string().optional(),
          description: z.string().optional(),
          size: z.object({ amount: z.number(), units: z.string() }).optional(),
          '@type': z.string().optional(),
          '@referredType': z.string().optional(),
        }),
      )
      .optional(),
  })
  .describe('TroubleTicket');

/** The TM Forum error body. */
export const tmfError = z
  .object({
    code: z.string(),
    reason: z.string(),
    message: z.string().optional(),
    status: z.string().optional(),
    '@type': z.string().optional(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('Error');
