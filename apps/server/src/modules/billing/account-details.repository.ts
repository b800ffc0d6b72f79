// The billing account read model across customers: one visible account, or a filtered, sorted page of them, each with
// its customer's name (integration facades such as the TM Forum Account API page through the whole portfolio).
import { and, asc, type Column, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { customers, parties } from '../customers/customers.table';
import { billingAccounts } from './billing.table';

export type AccountDetailRow = NonNullable<Awaited<ReturnType<typeof findAccountDetail>>>;

const detailColumns = {
  id: billingAccounts.id,
  customerId: billingAccounts.customerId,
  customerName: parties.name,
  accountNo: billingAccounts.accountNo,
  name: billingAccounts.name,
  paymentMethod: billingAccounts.paymentMethod,
  billCycleDay: billingAccounts.billCycleDay,
  status: billingAccounts.status,
  createdAt: billingAccounts.createdAt,
  updatedAt: billingAccounts.updatedAt,
};

export const accountSortColumns = {
  id: billingAccounts.id,
  name: billingAccounts.name,
  status: billingAccounts.status,
  updatedAt: billingAccounts.updatedAt,
} as const;

type TimeRange = { gt?: Date; gte?: Date; lt?: Date; lte?: Date };
type AccountRow = typeof billingAccounts.$inferSelect;

/** Filters of the account list (each optional; lists are OR, members AND). */
export type AccountDetailFilter = {
  ids?: number[];
  names?: string[];
  accountNos?: string[];
  statuses?: AccountRow['status'][];
  paymentMethods?: AccountRow['paymentMethod'][];
  customerIds?: number[];
  updatedAt?: TimeRange;
  sort: { column: keyof typeof accountSortColumns; desc: boolean }[];
  limit: number;
  offset: number;
};

const selectDetails = (db: DbOrTx) =>
  db
    .select(detailColumns)
    .from(billingAccounts)
    .innerJoin(customers, eq(customers.id, billingAccounts.customerId))
    .innerJoin(parties, eq(parties.id, customers.partyId));

/** One account of a customer inside the scope, or undefined. */
export async function findAccountDetail(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await selectDetails(db).where(and(eq(billingAccounts.id, id), customerScopeSql(scope)));
  return row;
}

/** `column in (values)`; an empty list matches nothing, no list matches everything. */
const inList = (column: Column, values: unknown[] | undefined): SQL | undefined =>
  values === undefined ? undefined : values.length ? inArray(column, values) : sql`false`;

function rangeConditions(r: TimeRange | undefined): (SQL | undefined)[] {
  // Compared at the millisecond precision the API answers with (lastModified), so a returned value finds its row.
  if (!r) return [];
  const at = (op: string, d: Date | undefined) =>
    d && sql`date_trunc('milliseconds', ${billingAccounts.updatedAt}) ${sql.raw(op)} ${d.toISOString()}::timestamptz`;
  return [at('>', r.gt), at('>=', r.gte), at('<', r.lt), at('<=', r.lte)];
}

/** A page of accounts of visible customers, filtered and sorted in SQL, and the total matching count. */
export async function listAccountDetails(db: DbOrTx, scope: Scope, f: AccountDetailFilter) {
  const where = and(
    customerScopeSql(scope),
    inList(billingAccounts.id, f.ids),
    inList(billingAccounts.name, f.names),
    inList(billingAccounts.accountNo, f.accountNos),
    inList(billingAccounts.status, f.statuses),
    inList(billingAccounts.paymentMethod, f.paymentMethods),
    inList(billingAccounts.customerId, f.customerIds),
    ...rangeConditions(f.updatedAt),
  );
  const order = [...f.sort, { column: 'id' as const, desc: false }].map((s) =>
    s.desc ? desc(accountSortColumns[s.column]) : asc(accountSortColumns[s.column]),
  );
  const [items, [{ n }]] = await Promise.all([
    selectDetails(db)
      .where(where)
      .orderBy(...order)
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: count() })
      .from(billingAccounts)
      .innerJoin(customers, eq(customers.id, billingAccounts.customerId))
      .where(where),
  ]);
  return { items, total: n };
}
