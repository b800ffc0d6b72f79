// Pure parts of the TMF event hubs: event names and bodies, the subscription query and the HMAC signature of a
// delivery (the callback rule is in hub.callback.ts).
import { createHmac } from 'node:crypto';

export const tmfEventTypes = [
  'CreateEvent',
  'AttributeValueChangeEvent',
  'StateChangeEvent',
  'StatusChangeEvent',
  'DeleteEvent',
] as const;
export type TmfEventType = (typeof tmfEventTypes)[number];

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>` keyed with the subscription's secret. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

export const signBody = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** "troubleTicket" + "CreateEvent" -> "TroubleTicketCreateEvent" (the TMF notification names). */
export const eventNameOf = (resourceType: string, eventType: TmfEventType) =>
  `${resourceType.charAt(0).toUpperCase()}${resourceType.slice(1)}${eventType}`;

/** The notification body: eventId, eventTime, eventType and the resource under its type's name. */
export function eventBodyOf(opts: {
  eventId: string;
  at: Date;
  resourceType: string;
  eventType: TmfEventType;
  resource: Record<string, unknown>;
  fields?: string[];
}) {
  return {
    eventId: opts.eventId,
    eventTime: opts.at.toISOString(),
    eventType: eventNameOf(opts.resourceType, opts.eventType),
    ...(opts.fields?.length ? { fieldPath: opts.fields.join(',') } : {}),
    event: { [opts.resourceType]: opts.resource },
  };
}

export type HubQuery = { eventTypes: string[] | null };

/**
 * A subscription's `query` (TMF688: additional filtering): `eventType=A,B` delivers only those notifications (full
 * or short names: TroubleTicketCreateEvent or CreateEvent). Null when it names anything else.
 */
export function parseHubQuery(query: string | null | undefined): HubQuery | null {
  if (!query?.trim()) return { eventTypes: null };
  const params = new URLSearchParams(query.trim().replace(/^\?/, ''));
  const out: HubQuery = { eventTypes: null };
  for (const [key, value] of params) {
    if (key !== 'eventType') return null;
    out.eventTypes = [
      ...(out.eventTypes ?? []),
      ...value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ];
  }
  return out;
}

/** Whether a notification named `eventName` (e.g. TroubleTicketCreateEvent) passes a subscription's query. */
export function queryMatches(q: HubQuery, eventName: string): boolean {
  return q.eventTypes === null || q.eventTypes.some((t) => t === eventName || eventName.endsWith(t));
}
