// TMF621 list query on the shared TM Forum conventions (modules/tmf/common/tmf.query.ts): which TroubleTicket
// attributes filter and sort, and how a parsed TmfQuery maps onto the tickets read model's filter. A filter the API
// does not offer answers 400 (the shared parser); a value no ticket can have (an id of another shape, a status we
// do not know) is an empty page, never a 400 and never an unfiltered list.
import { type TicketStatus, ticketStatuses } from '@crm/contracts';
import { invalidField } from '../../../platform/errors';
import {
  idsOf,
  parseTmfQuery,
  stringsOf,
  type TmfCondition,
  type TmfFilterSpec,
  type TmfQuery,
  type TmfValue,
  textsOf,
} from '../../tmf/common/tmf.query';
import type { DateOp, TicketDateColumn, TicketFilter, TicketSortColumn } from '../tickets/tickets.queries';

export type TroubleTicketQuery = {
  fields: string[] | null;
  offset: number;
  limit: number;
  filter: Omit<TicketFilter, 'limit' | 'offset'>;
  /** A filter no ticket can match (an id of another shape): the answer is an empty page. */
  matchesNothing: boolean;
};

/** TroubleTicket date attributes and the ticket timestamps behind them. */
const dateAttributes: Record<string, TicketDateColumn> = {
  creationDate: 'createdAt',
  lastUpdate: 'updatedAt',
  statusChangeDate: 'statusChangedAt',
  requestedResolutionDate: 'requestedResolutionAt',
  resolutionDate: 'resolvedAt',
  expectedResolutionDate: 'resolutionDueAt',
};
const text: TmfFilterSpec = { kind: 'string' };

/** Every TroubleTicket attribute a list can be filtered on (besides fields, offset, limit, sort). */
export const troubleTicketFilters: Record<string, TmfFilterSpec> = {
  id: text,
  href: text,
  name: text,
  description: { kind: 'string', maxLength: 4000 },
  externalId: text,
  ticketType: text,
  severity: text,
  // Any string: a status we do not know matches nothing (an empty page).
  status: text,
  '@type': text,
  statusChangeReason: { kind: 'string', maxLength: 1000 },
  priority: { kind: 'number' },
  'channel.id': text,
  'channel.name': text,
  'relatedParty.id': text,
  'relatedEntity.id': text,
  ...Object.fromEntries(Object.keys(dateAttributes).map((a) => [a, { kind: 'date' } as TmfFilterSpec])),
};

const sortAttributes: Record<string, TicketSortColumn> = {
  id: 'id',
  name: 'title',
  priority: 'priority',
  status: 'status',
  ticketType: 'ticketType',
  severity: 'severity',
  externalId: 'externalId',
  ...dateAttributes,
};
export const troubleTicketSortable = Object.keys(sortAttributes);

/** Our ticket id of a TMF621 id (or href), or null when no ticket can have it (11+ digits, text ...). */
export function ticketIdOf(value: string): number | null {
  const id = value.slice(value.lastIndexOf('/') + 1);
  return /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2_147_483_647 ? Number(id) : null;
}

const ops = ['gt', 'gte', 'lt', 'lte'] as const;
/** The comparisons of a condition (`in` with one value is equality), for dates and numbers. */
function comparisons<T extends TmfValue>(c: TmfCondition, of: (v: TmfValue) => T | undefined) {
  const out: { op: DateOp; value: T }[] = [];
  for (const op of ops) {
    const v = c[op] === undefined ? undefined : of(c[op]);
    if (v !== undefined) out.push({ op, value: v });
  }
  return out;
}

/** A parsed TmfQuery as the tickets read model's filter. */
export function ticketFilterOf(q: TmfQuery): TroubleTicketQuery {
  const f = q.filters;
  const filter: TroubleTicketQuery['filter'] = {};
  let matchesNothing = false;
  const nothingIfEmpty = <T>(values: T[] | undefined) => {
    if (values && values.length === 0) matchesNothing = true;
    return values;
  };
  const hrefIds = stringsOf(f.href)?.map(ticketIdOf);
  const ids = [...(idsOf(f.id) ?? []), ...(hrefIds ?? [])].filter((n): n is number => n !== null);
  if (f.id || f.href) filter.ids = nothingIfEmpty(ids);
  filter.titles = textsOf(f.name);
  filter.descriptions = textsOf(f.description);
  filter.externalIds = textsOf(f.externalId);
  filter.clientTicketTypes = stringsOf(f.ticketType);
  filter.clientSeverities = stringsOf(f.severity);
  filter.statuses = nothingIfEmpty(
    stringsOf(f.status)?.filter((v): v is TicketStatus => (ticketStatuses as readonly string[]).includes(v)),
  );
  // Every resource of this API is a TroubleTicket.
  if (f['@type'] && !stringsOf(f['@type'])?.includes('TroubleTicket')) matchesNothing = true;
  filter.statusReasons = textsOf(f.statusChangeReason);
  filter.channels = [...(stringsOf(f['channel.id']) ?? []), ...(stringsOf(f['channel.name']) ?? [])];
  if (!f['channel.id'] && !f['channel.name']) filter.channels = undefined;
  filter.relatedPartyIds = nothingIfEmpty(idsOf(f['relatedParty.id']));
  filter.productInstanceIds = nothingIfEmpty(idsOf(f['relatedEntity.id']));
  if (f.priority) {
    const numbers = f.priority.in?.map(Number).filter((n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31);
    filter.priorities = nothingIfEmpty(numbers);
    const bounds = comparisons(f.priority, (v) => (typeof v === 'number' ? v : undefined));
    if (bounds.length) filter.priorityBounds = bounds;
  }
  const dates: NonNullable<TicketFilter['dates']> = [];
  for (const [attribute, column] of Object.entries(dateAttributes)) {
    const c = f[attribute];
    if (!c) continue;
    const at = (v: TmfValue) => (v instanceof Date ? v : undefined);
    if (c.in && c.in.length > 1) throw invalidField(attribute, 'one date-time (or .gt, .gte, .lt, .lte)');
    if (c.in?.length === 1) dates.push({ column, op: 'eq', at: c.in[0] as Date });
    for (const b of comparisons(c, at)) dates.push({ column, op: b.op, at: b.value });
  }
  if (dates.length) filter.dates = dates;
  if (q.sort.length) filter.sort = q.sort.map((s) => ({ column: sortAttributes[s.field], desc: s.desc }));
  for (const k of Object.keys(filter) as (keyof typeof filter)[]) if (filter[k] === undefined) delete filter[k];
  return { fields: q.fields, offset: q.offset, limit: q.limit, filter, matchesNothing };
}

/** Parses the list query of GET /troubleTicket; 400 naming the parameter for an unsupported or malformed one. */
export const parseTroubleTicketQuery = (query: Record<string, unknown>): TroubleTicketQuery =>
  ticketFilterOf(
    parseTmfQuery(query, {
      filters: troubleTicketFilters,
      sortable: troubleTicketSortable,
      defaultLimit: 20,
      maxLimit: 1000,
    }),
  );
