// The customer detail read model: one customer, or a filtered, sorted page of them (integration facades such as the
// TM Forum APIs filter on any attribute), with the names of related customers the viewer may see.
import { and, asc, count, desc, eq, gt, gte, inArray, like, lt, lte, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { orgUnits, users } from '../org/org.table';
import { escapeLike } from './customers.models';
import { type CustomerRow, type PartyRow, scopeCondition, summaryColumns } from './customers.repository';
import { customers, parties } from './customers.table';

const parent = alias(customers, 'parent');
const parentParty = alias(parties, 'parent_party');
const referrer = alias(customers, 'referrer');
const referrerParty = alias(parties, 'referrer_party');

/** The select of a customer with its names; related customers are named only when the viewer may see them. */
function selectCustomerDetails(db: DbOrTx, scope: Scope) {
  return db
    .select({
      ...summaryColumns,
      partyId: customers.partyId,
      externalId: customers.externalId,
      creditCode: parties.creditCode,
      idNumber: parties.idNumber,
      email: parties.email,
      address: parties.address,
      coverageLevel: customers.coverageLevel,
      referredByCustomerId: customers.referredByCustomerId,
      referredByName: referrerParty.name,
      parentCustomerId: customers.parentCustomerId,
      parentName: parentParty.name,
      occupation: parties.occupation,
      ageBand: parties.ageBand,
      incomeBand: parties.incomeBand,
      notes: customers.notes,
      createdAt: customers.createdAt,
      updatedAt: customers.updatedAt,
    })
    .from(customers)
    .innerJoin(parties, eq(parties.id, customers.partyId))
    .innerJoin(orgUnits, eq(orgUnits.id, customers.orgUnitId))
    .leftJoin(users, eq(users.id, customers.accountManagerId))
    .leftJoin(parent, and(eq(parent.id, customers.parentCustomerId), scopeCondition(scope, 'parent')))
    .leftJoin(parentParty, eq(parentParty.id, parent.partyId))
    .leftJoin(referrer, and(eq(referrer.id, customers.referredByCustomerId), scopeCondition(scope, 'referrer')))
    .leftJoin(referrerParty, eq(referrerParty.id, referrer.partyId));
}

/** One customer with its names, or undefined when missing or outside the scope. */
export async function findCustomerDetail(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await selectCustomerDetails(db, scope).where(and(eq(customers.id, id), scopeCondition(scope)));
  return row;
}

/** Bounds on a timestamp column (any subset). */
export type TimeRange = { gt?: Date; gte?: Date; lt?: Date; lte?: Date };
/** Bounds on a date column, as `YYYY-MM-DD` text. */
export type DateRange = { gt?: string; gte?: string; lt?: string; lte?: string };
export const detailSortColumns = {
  id: customers.id,
  partyId: customers.partyId,
  name: parties.name,
  status: customers.status,
  category: customers.category,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
  sinceDate: customers.sinceDate,
} as const;

/**
 * Filters of the detail list (each optional; lists are OR, members AND): used by integration facades such as the
 * TM Forum APIs, which filter on any attribute and page through the whole portfolio.
 */
export type CustomerDetailFilter = {
  ids?: number[];
  partyIds?: number[];
  partyType?: PartyRow['partyType'];
  names?: string[];
  /** `name like prefix%` for any of them */
  namePrefixes?: string[];
  /** `name like %suffix` for any of them */
  nameSuffixes?: string[];
  statuses?: CustomerRow['status'][];
  categories?: CustomerRow['category'][];
  industries?: string[];
  externalIds?: string[];
  accountManagerIds?: number[];
  parentCustomerIds?: number[];
  createdAt?: TimeRange;
  updatedAt?: TimeRange;
  sinceDate?: DateRange;
  sort: { column: keyof typeof detailSortColumns; desc: boolean }[];
  limit: number;
  offset: number;
};

function rangeConditions(
  column: typeof customers.createdAt | typeof customers.updatedAt | typeof customers.sinceDate,
  r: TimeRange | DateRange | undefined,
): (SQL | undefined)[] {
  if (!r) return [];
  return [
    r.gt ? gt(column, r.gt) : undefined,
    r.gte ? gte(column, r.gte) : undefined,
    r.lt ? lt(column, r.lt) : undefined,
    r.lte ? lte(column, r.lte) : undefined,
  ];
}

const anyLike = (patterns: string[] | undefined, toPattern: (v: string) => string) =>
  patterns?.length ? or(...patterns.map((v) => like(parties.name, toPattern(escapeLike(v))))) : undefined;

/** A page of visible customers with their details, filtered and sorted in SQL, and the total matching count. */
export async function listCustomerDetails(db: DbOrTx, scope: Scope, f: CustomerDetailFilter) {
  const where = and(
    scopeCondition(scope),
    f.ids ? inArray(customers.id, f.ids.length ? f.ids : [0]) : undefined,
    f.partyIds ? inArray(customers.partyId, f.partyIds.length ? f.partyIds : [0]) : undefined,
    f.partyType ? eq(parties.partyType, f.partyType) : undefined,
    f.names ? inArray(parties.name, f.names.length ? f.names : ['']) : undefined,
    anyLike(f.namePrefixes, (v) => `${v}%`),
    anyLike(f.nameSuffixes, (v) => `%${v}`),
    f.statuses ? inArray(customers.status, f.statuses.length ? f.statuses : ['active']) : undefined,
    f.categories ? inArray(customers.category, f.categories.length ? f.categories : ['public']) : undefined,
    f.industries ? inArray(customers.industry, f.industries.length ? f.industries : ['']) : undefined,
    f.externalIds ? inArray(customers.externalId, f.externalIds.length ? f.externalIds : ['']) : undefined,
    f.accountManagerIds
      ? inArray(customers.accountManagerId, f.accountManagerIds.length ? f.accountManagerIds : [0])
      : undefined,
    f.parentCustomerIds
      ? inArray(customers.parentCustomerId, f.parentCustomerIds.length ? f.parentCustomerIds : [0])
      : undefined,
    ...rangeConditions(customers.createdAt, f.createdAt),
    ...rangeConditions(customers.updatedAt, f.updatedAt),
    ...rangeConditions(customers.sinceDate, f.sinceDate),
  );
  const order = [...f.sort, { column: 'id' as const, desc: false }].map((s) =>
    s.desc ? desc(detailSortColumns[s.column]) : asc(detailSortColumns[s.column]),
  );
  const [items, [{ total }]] = await Promise.all([
    selectCustomerDetails(db, scope)
      .where(where)
      .orderBy(...order)
      .limit(f.limit)
      .offset(f.offset),
    db.select({ total: count() }).from(customers).innerJoin(parties, eq(parties.id, customers.partyId)).where(where),
  ]);
  return { items, total: Number(total) };
}

export type CustomerDetailRow = NonNullable<Awaited<ReturnType<typeof findCustomerDetail>>>;
