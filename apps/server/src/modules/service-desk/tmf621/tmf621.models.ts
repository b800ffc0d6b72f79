// TMF621 Trouble Ticket: pure mapping between the TM Forum resource and our tickets (types, severities, channels,
// the resource itself) and the `fields` attribute selection.
import {
  type TicketChannel,
  type TicketSeverity,
  type TicketStatus,
  type TicketType,
  ticketChannels,
  ticketSeverities,
  ticketTypes,
} from '@crm/contracts';

export const TMF621_BASE = '/tmf-api/troubleTicket/v4';
/** The API name of the TMF621 event hub. */
export const TMF621_API = 'troubleTicket';
export const troubleTicketHref = (id: number) => `${TMF621_BASE}/troubleTicket/${id}`;

const norm = (v: string) => v.toLowerCase().replace(/[\s_-]/g, '');

/** Our values and the usual TM Forum words for them (compared without case, spaces, '-' or '_'). */
const typeWords: Record<TicketType, string[]> = {
  consultation: ['consultation', 'inquiry', 'enquiry', 'question', 'information'],
  complaint: ['complaint', 'complain', 'billdispute', 'dispute'],
  fault_report: ['faultreport', 'fault', 'incident', 'trouble', 'outage'],
  service_order: ['serviceorder', 'request', 'servicerequest', 'order'],
  suggestion: ['suggestion', 'feedback'],
};
const severityWords: Record<TicketSeverity, string[]> = {
  critical: ['critical', 'urgent', 'blocker'],
  major: ['major', 'high', 'serious'],
  minor: ['minor', 'medium', 'low', 'normal'],
};
const channelWords: Record<TicketChannel, string[]> = {
  phone: ['phone', 'telephone', 'call', 'callcenter', 'hotline', '10000'],
  counter: ['counter', 'store', 'shop', 'retail'],
  web: ['web', 'online', 'selfservice', 'portal', 'api', 'email'],
  weibo: ['weibo'],
  wechat: ['wechat'],
  qq: ['qq'],
  complaint_form: ['complaintform'],
  gm_hotline: ['gmhotline'],
};

function lookup<T extends string>(words: Record<T, string[]>, value: string | undefined | null): T | null {
  if (!value) return null;
  const v = norm(value);
  for (const [key, list] of Object.entries(words) as [T, string[]][]) if (list.includes(v)) return key;
  return null;
}

export const ticketTypeOf = (v: string | undefined | null) => lookup<TicketType>(typeWords, v);
export const severityOf = (v: string | undefined | null) => lookup<TicketSeverity>(severityWords, v);
/** A channel from a ChannelRef's id or name. */
export const channelOf = (ref: { id?: string; name?: string } | undefined | null) =>
  lookup<TicketChannel>(channelWords, ref?.id) ?? lookup<TicketChannel>(channelWords, ref?.name);

export const acceptedChannels = ticketChannels.join(', ');

/**
 * Our classification of a client's ticketType: a known word maps, any other string is a trouble (fault report), so
 * every ticketType is accepted and the client's own word is stored and returned as sent.
 */
export const internalTypeOf = (v: string): TicketType => ticketTypeOf(v) ?? 'fault_report';
/** Our severity of a client's severity: known words map, any other string is minor. */
export const internalSeverityOf = (v: string): TicketSeverity => severityOf(v) ?? 'minor';
/** Every value accepted as our own classification (for documentation). */
export const internalValues = { ticketType: ticketTypes, severity: ticketSeverities } as const;

/** TMF621 shows severities as words with a capital (Critical, Major, Minor). */
export const severityWord = (s: TicketSeverity) => s.charAt(0).toUpperCase() + s.slice(1);

/** The customer among the related parties: role "customer", or a party referred to as a Customer. */
export function customerIdOf(parties: { id: string; role?: string; '@referredType'?: string }[] | undefined) {
  const p =
    parties?.find((x) => x.role?.toLowerCase() === 'customer') ??
    parties?.find((x) => x['@referredType']?.toLowerCase() === 'customer');
  if (!p || !/^[1-9]\d{0,9}$/.test(p.id) || Number(p.id) > 2_147_483_647) return null;
  return Number(p.id);
}

/** The product among the related entities (a product instance id of ours), when one is named. */
export function productIdOf(entities: { id: string; role?: string; '@referredType'?: string }[] | undefined) {
  const e = entities?.find(
    (x) => x['@referredType']?.toLowerCase() === 'product' || x.role?.toLowerCase() === 'product',
  );
  if (!e) return undefined;
  return /^[1-9]\d{0,9}$/.test(e.id) && Number(e.id) <= 2_147_483_647 ? Number(e.id) : null;
}

export type TicketView = {
  id: number;
  ticketNo: string;
  type: TicketType;
  channel: TicketChannel;
  status: TicketStatus;
  severity: TicketSeverity;
  priority: number;
  title: string;
  description: string;
  externalId: string | null;
  customerId: number | null;
  customerName: string | null;
  clientTicketType: string | null;
  clientSeverity: string | null;
  ownerId: number;
  ownerName: string;
  productInstanceId: number | null;
  serviceNumber: string | null;
  createdAt: Date;
  updatedAt: Date;
  statusChangedAt: Date;
  statusReason: string | null;
  requestedResolutionAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
  events: { id: number; at: Date; kind: string; actorName: string; toStatus: string | null; text: string | null }[];
  attachments: {
    id: number;
    name: string;
    url: string;
    stored: boolean;
    mimeType: string | null;
    description: string | null;
    sizeBytes: number | null;
  }[];
};

type Absent = null | undefined;
/** `T` with every member that may be null or undefined made optional (and never null). */
type Compact<T> = { [K in keyof T as null extends T[K] ? never : undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as null extends T[K] ? K : undefined extends T[K] ? K : never]?: Exclude<T[K], Absent>;
};

/** Drops null and undefined members (TMF resources leave unknown attributes out). */
function compact<T extends Record<string, unknown>>(o: T): Compact<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Compact<T>;
}
const iso = (d: Date | null) => d?.toISOString();

/** Our ticket as a TMF621 TroubleTicket resource. */
export function toTroubleTicket(t: TicketView) {
  return compact({
    id: String(t.id),
    href: troubleTicketHref(t.id),
    '@type': 'TroubleTicket',
    name: t.title,
    description: t.description,
    externalId: t.externalId,
    ticketType: t.clientTicketType ?? t.type,
    severity: t.clientSeverity ?? severityWord(t.severity),
    priority: String(t.priority),
    status: t.status,
    statusChangeDate: iso(t.statusChangedAt),
    statusChangeReason: t.statusReason,
    creationDate: iso(t.createdAt),
    lastUpdate: iso(t.updatedAt),
    requestedResolutionDate: iso(t.requestedResolutionAt),
    expectedResolutionDate: iso(t.resolutionDueAt),
    resolutionDate: iso(t.resolvedAt),
    channel: { id: t.channel, name: t.channel, '@type': 'ChannelRef' },
    relatedParty: [
      ...(t.customerId === null
        ? []
        : [
            compact({
              id: String(t.customerId),
              name: t.customerName,
              role: 'customer',
              '@referredType': 'Customer',
            }),
          ]),
      { id: String(t.ownerId), name: t.ownerName, role: 'firstContactOwner', '@referredType': 'Individual' },
    ],
    characteristic: [
      { name: 'internalTicketType', value: t.type, valueType: 'string', '@type': 'Characteristic' },
      { name: 'internalSeverity', value: t.severity, valueType: 'string', '@type': 'Characteristic' },
      { name: 'ticketNo', value: t.ticketNo, valueType: 'string', '@type': 'Characteristic' },
    ],
    relatedEntity: t.productInstanceId
      ? [
          compact({
            id: String(t.productInstanceId),
            name: t.serviceNumber,
            role: 'affectedProduct',
            '@referredType': 'Product',
          }),
        ]
      : [],
    note: t.events
      .filter((e) => e.kind === 'note' || e.kind === 'customer_update')
      .map((e) => compact({ id: String(e.id), author: e.actorName, date: e.at.toISOString(), text: e.text ?? '' })),
    statusChange: t.events
      .filter((e) => e.toStatus)
      .map((e) =>
        compact({
          status: e.toStatus as TicketStatus,
          changeDate: e.at.toISOString(),
          changeReason: e.kind === 'status' ? e.text : null,
        }),
      ),
    attachment: t.attachments.map((a) =>
      compact({
        id: String(a.id),
        href: a.stored ? a.url : null,
        url: a.url,
        name: a.name,
        mimeType: a.mimeType,
        description: a.description,
        size: a.sizeBytes === null ? null : { amount: a.sizeBytes, units: 'bytes' },
        '@type': 'AttachmentRefOrValue',
        '@referredType': 'Attachment',
      }),
    ),
  });
}

export type TroubleTicketResource = ReturnType<typeof toTroubleTicket>;
