// TM Forum Open API (v4) query conventions, written once for every facade: attribute selection (`fields=`),
// attribute filtering (`name=a,b`, `creationDate.gte=...`), `sort=` and `offset`/`limit`. Pure: the parsed query is
// handed to a facade, which maps it onto its service's SQL filters; anything the API does not support is a 400
// naming the parameter (never a silently unfiltered list).
import { invalidField } from '../../../platform/errors';

/** How a filterable attribute is compared: strings and enums by equality, numbers and dates also by range. */
export type TmfFilterKind = 'string' | 'enum' | 'number' | 'date';
/** `maxLength`: longest string value accepted (default 200). */
export type TmfFilterSpec = { kind: TmfFilterKind; values?: readonly string[]; maxLength?: number };
export type TmfValue = string | number | Date;

/** One attribute's condition: `in` is the OR of the listed values; the bounds are ANDed with it. */
export type TmfCondition = {
  in?: TmfValue[];
  gt?: TmfValue;
  gte?: TmfValue;
  lt?: TmfValue;
  lte?: TmfValue;
  /** String attributes: the values as sent, before splitting at commas (free text may contain commas). */
  whole?: string[];
};
export type TmfQuery = {
  /** `null`: every attribute; otherwise the top-level attribute names asked for */
  fields: string[] | null;
  offset: number;
  limit: number;
  sort: { field: string; desc: boolean }[];
  filters: Record<string, TmfCondition>;
};

export type TmfQueryOptions = {
  filters: Record<string, TmfFilterSpec>;
  sortable: readonly string[];
  defaultLimit?: number;
  maxLimit?: number;
};

/** Query parameters that are not attribute filters. */
export const TMF_RESERVED_PARAMS = ['fields', 'offset', 'limit', 'sort'] as const;
const RANGE_OPS = ['gt', 'gte', 'lt', 'lte'] as const;
type RangeOp = (typeof RANGE_OPS)[number];

const listOf = (raw: unknown): string[] =>
  Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
const splitCommas = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A filter value typed by the attribute's kind, or a 400 naming the parameter. */
function typedValue(param: string, spec: TmfFilterSpec, raw: string): TmfValue {
  if (spec.kind === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n) || raw.trim() === '') throw invalidField(param, 'must be a number');
    return n;
  }
  if (spec.kind === 'date') {
    // A date without a time or offset is read in business time (Asia/Shanghai).
    const text = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00+08:00` : raw;
    const d = new Date(text);
    if (!ISO_DATE.test(raw) || Number.isNaN(d.getTime())) throw invalidField(param, 'must be an ISO 8601 date-time');
    return d;
  }
  const max = spec.maxLength ?? 200;
  if (raw.length > max) throw invalidField(param, `at most ${max} characters`);
  return raw;
}

function parseInteger(param: string, raw: unknown, fallback: number, min: number, max: number): number {
  const [value] = listOf(raw);
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw invalidField(param, 'must be a whole number');
  const n = Number(value);
  if (n < min || n > max) throw invalidField(param, `must be between ${min} and ${max}`);
  return n;
}

/** `?fields=a,b.c`: the top-level attribute names, or null for the whole resource. */
export function parseFields(raw: unknown): string[] | null {
  const names = splitCommas(listOf(raw)).map((f) => f.split('.')[0]);
  return names.length ? [...new Set(names)] : null;
}

/** `?sort=-creationDate,name`: `-` descending, `+` or nothing ascending; only the sortable attributes. */
export function parseSort(raw: unknown, sortable: readonly string[]): TmfQuery['sort'] {
  return splitCommas(listOf(raw)).map((item) => {
    const desc = item.startsWith('-');
    const field = item.replace(/^[-+ ]/, '');
    if (!sortable.includes(field))
      throw invalidField(
        'sort',
        `cannot sort by "${field}" (sortable: ${sortable.join(', ') || 'none'})`,
        'tmf.unsupported_sort',
      );
    return { field, desc };
  });
}

/** Parses a TMF list query against what the API supports; every unsupported parameter is a 400 naming it. */
export function parseTmfQuery(query: Record<string, unknown>, opts: TmfQueryOptions): TmfQuery {
  const maxLimit = opts.maxLimit ?? 1000;
  const filters: Record<string, TmfCondition> = {};
  for (const [param, raw] of Object.entries(query)) {
    if ((TMF_RESERVED_PARAMS as readonly string[]).includes(param)) continue;
    const dot = param.lastIndexOf('.');
    const suffix = dot > 0 ? param.slice(dot + 1) : '';
    const op = (RANGE_OPS as readonly string[]).includes(suffix) ? (suffix as RangeOp) : suffix === 'eq' ? 'eq' : null;
    const attribute = op ? param.slice(0, dot) : param;
    const spec = opts.filters[attribute];
    if (!spec) {
      const known = Object.keys(opts.filters).join(', ') || 'none';
      throw invalidField(
        param,
        `filtering on this attribute is not supported (filterable: ${known})`,
        'tmf.unsupported_filter',
      );
    }
    const values = splitCommas(listOf(raw));
    if (!values.length) throw invalidField(param, 'a value is required');
    filters[attribute] = filters[attribute] ?? {};
    const condition = filters[attribute];
    if (op && op !== 'eq') {
      if (spec.kind !== 'number' && spec.kind !== 'date')
        throw invalidField(param, `.${op} applies to numbers and dates only`);
      if (values.length !== 1) throw invalidField(param, `.${op} takes one value`);
      condition[op] = typedValue(param, spec, values[0]);
      continue;
    }
    const typed = values.map((v) => typedValue(param, spec, v));
    if (spec.kind === 'enum' && spec.values) {
      const bad = typed.find((v) => !spec.values?.includes(String(v)));
      if (bad !== undefined) throw invalidField(param, `unknown value "${bad}" (one of: ${spec.values.join(', ')})`);
    }
    condition.in = [...(condition.in ?? []), ...typed];
    if (spec.kind === 'string')
      condition.whole = [
        ...(condition.whole ?? []),
        ...listOf(raw)
          .map((v) => v.trim())
          .filter((v) => v.length > 0 && v.length <= (spec.maxLength ?? 200)),
      ];
  }
  return {
    fields: parseFields(query.fields),
    offset: parseInteger('offset', query.offset, 0, 0, 10_000_000),
    limit: parseInteger('limit', query.limit, opts.defaultLimit ?? 100, 1, maxLimit),
    sort: parseSort(query.sort, opts.sortable),
    filters,
  };
}

/** The attributes every projection keeps (the resource's identity). */
export const TMF_ALWAYS_SELECTED = ['id', 'href', '@type'] as const;

/** `fields=` projection: only the named attributes plus id, href and @type; null fields keep everything. */
export function projectFields<T extends Record<string, unknown>>(resource: T, fields: string[] | null): Partial<T> {
  if (!fields) return resource;
  const wanted = new Set<string>([...TMF_ALWAYS_SELECTED, ...fields]);
  return Object.fromEntries(Object.entries(resource).filter(([k]) => wanted.has(k))) as Partial<T>;
}

/** Strings of a condition's `in` list (for string and enum attributes). */
export const stringsOf = (c: TmfCondition | undefined): string[] | undefined => c?.in?.map(String);

/**
 * Strings of a free-text condition: each value as sent (it may contain commas) and each of its comma-separated
 * parts (a comma list is an OR), without duplicates.
 */
export const textsOf = (c: TmfCondition | undefined): string[] | undefined =>
  c && [...new Set([...(c.whole ?? []), ...(c.in ?? []).map(String)])];

/** Date bounds of a condition (for date attributes), with `in` read as exact instants. */
export function dateRangeOf(c: TmfCondition | undefined) {
  if (!c) return undefined;
  const d = (v: TmfValue | undefined) => (v instanceof Date ? v : undefined);
  if (c.in?.length === 1) return { gte: d(c.in[0]), lte: d(c.in[0]) };
  return { gt: d(c.gt), gte: d(c.gte), lt: d(c.lt), lte: d(c.lte) };
}

/**
 * A resource id from the path: our ids are positive 32-bit integers, so anything else (a UUID, 11+ digits, a
 * negative number) is simply an id that does not exist; callers answer 404, never 400.
 */
export function resourceIdOf(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= 2_147_483_647 ? n : null;
}

/** Ids of an `id=` filter; values that cannot be ours match nothing (an empty list), not a 400. */
export const idsOf = (c: TmfCondition | undefined): number[] | undefined =>
  c?.in?.map((v) => resourceIdOf(String(v))).filter((n): n is number => n !== null);

type Absent = null | undefined;
/** `T` with every member that may be null or undefined made optional (and never null). */
export type Compact<T> = { [K in keyof T as null extends T[K] ? never : undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as null extends T[K] ? K : undefined extends T[K] ? K : never]?: Exclude<T[K], Absent>;
};

/** Drops null and undefined members: TMF resources leave unknown attributes out. */
export function compact<T extends Record<string, unknown>>(o: T): Compact<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Compact<T>;
}
