// TMF621 list query: fields, offset/limit and the attribute filters the Trouble Ticket API offers, parsed into the
// tickets read model's filter. A filter the API does not offer answers 400 (never a silently unfiltered list). Kept
// within the TMF621 facade until the shared TMF conventions (modules/tmf/common) take over; the output shape
// (`{ fields, offset, limit, filter }`) is what such a library would hand back.
import { type TicketStatus, ticketStatuses } from '@crm/contracts';
import { invalidField } from '../../platform/errors';
import type { DateOp, TicketFilter } from './tickets.queries';

type DateColumn = NonNullable<TicketFilter['dates']>[number]['column'];
export type TroubleTicketQuery = {
  fields?: string;
  offset: number;
  limit: number;
  filter: Omit<TicketFilter, 'limit' | 'offset'>;
  /** A filter no ticket can match (an id of another shape): the answer is an empty page. */
  matchesNothing: boolean;
};

const dateAttributes: Record<string, DateColumn> = {
  creationDate: 'createdAt',
  lastUpdate: 'updatedAt',
  statusChangeDate: 'statusChangedAt',
  requestedResolutionDate: 'requestedResolutionAt',
  resolutionDate: 'resolvedAt',
};
const listAttributes = [
  'id',
  'href',
  'name',
  'description',
  'externalId',
  'ticketType',
  'severity',
  'status',
  'priority',
];
/** Every filter attribute of TroubleTicket we answer (besides fields, offset, limit). */
export const supportedFilters = [...listAttributes, ...Object.keys(dateAttributes)];

const DB_ID = /^[1-9]\d{0,9}$/;
/** Our ticket id of a TMF621 id (or href), or null when no ticket can have it (11+ digits, text ...). */
export function ticketIdOf(value: string): number | null {
  const id = value.slice(value.lastIndexOf('/') + 1);
  return DB_ID.test(id) && Number(id) <= 2_147_483_647 ? Number(id) : null;
}

function pageNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw invalidField(name, `an integer from ${min} to ${max}`);
  return n;
}

function dateOf(name: string, raw: string) {
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(at.getTime())) throw invalidField(name, 'an ISO 8601 date-time');
  return at;
}

/** A query value as its comma-separated alternatives (a repeated parameter counts as more alternatives). */
const alternatives = (raw: string | string[]) =>
  (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

const wholeValues = (raw: string | string[]) => (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim());

/** Parses the list query of GET /troubleTicket; 400 naming the parameter for an unsupported or malformed one. */
export function parseTroubleTicketQuery(query: Record<string, string | string[] | undefined>): TroubleTicketQuery {
  const one = (k: string) => {
    const v = query[k];
    return Array.isArray(v) ? v[v.length - 1] : v;
  };
  const out: TroubleTicketQuery = {
    fields: one('fields'),
    offset: pageNumber('offset', one('offset'), 0, 0, 10_000_000),
    limit: pageNumber('limit', one('limit'), 20, 1, 1000),
    filter: {},
    matchesNothing: false,
  };
  const f = out.filter;
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined || key === 'fields' || key === 'offset' || key === 'limit') continue;
    const [attr, op = 'eq'] = key.split('.', 2) as [string, DateOp | undefined];
    const values = alternatives(raw);
    if (dateAttributes[attr]) {
      if (!['eq', 'gt', 'gte', 'lt', 'lte'].includes(op)) throw invalidField(key, 'use .gt, .gte, .lt or .lte');
      if (values.length !== 1) throw invalidField(key, 'one date-time');
      f.dates = [...(f.dates ?? []), { column: dateAttributes[attr], op, at: dateOf(key, values[0]) }];
      continue;
    }
    if (!listAttributes.includes(key))
      throw invalidField(
        key,
        `not a filter of TroubleTicket (offered: ${supportedFilters.join(', ')})`,
        'tmf.unsupported_filter',
      );
    if (values.length === 0) throw invalidField(key, 'a value');
    switch (key) {
      case 'id':
      case 'href': {
        const ids = values.map(ticketIdOf).filter((n): n is number => n !== null);
        if (ids.length === 0) out.matchesNothing = true;
        f.ids = f.ids ? f.ids.filter((x) => ids.includes(x)) : ids;
        break;
      }
      case 'status': {
        const known = values.filter((v): v is TicketStatus => (ticketStatuses as readonly string[]).includes(v));
        if (known.length === 0) out.matchesNothing = true;
        f.statuses = known;
        break;
      }
      case 'priority': {
        const ps = values.map(Number).filter((n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31);
        if (ps.length === 0) out.matchesNothing = true;
        f.priorities = ps;
        break;
      }
      // Free text may hold commas: the whole value, or any of its comma-separated parts.
      case 'name':
        f.titles = [...wholeValues(raw), ...values];
        break;
      case 'description':
        f.descriptions = [...wholeValues(raw), ...values];
        break;
      case 'externalId':
        if (values.length > 1) throw invalidField(key, 'one value');
        f.externalId = values[0];
        break;
      case 'ticketType':
        f.clientTicketTypes = values;
        break;
      case 'severity':
        f.clientSeverities = values;
        break;
    }
  }
  return out;
}
