import { randomUUID } from 'node:crypto';
import type { CustomerListQuery } from '@crm/contracts';
import { and, asc, count, desc, eq, inArray, ne, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { executeStatement } from '../../db/prepared';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql, scopeTemplate } from '../../platform/scope-sql';
import { orgUnits, users } from '../org/org.table';
import { customerNoFor, escapeLike } from './customers.models';
import { customerShares, customers, parties } from './customers.table';

export type PartyRow = typeof parties.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;

/**
 * THE row-scope condition on a customers row (administrators: everything; org roles: their org-unit subtree;
 * account managers: own portfolio plus shares). Every customer read and every sub-resource goes through it, so an
 * out-of-scope customer looks exactly like a missing one. `table` is the name or alias of customers in the query.
 */
export const scopeCondition = (scope: Scope, table = 'customers'): SQL => customerScopeSql(scope, table);

export const summaryColumns = {
  id: customers.id,
  customerNo: customers.customerNo,
  partyType: parties.partyType,
  name: parties.name,
  category: customers.category,
  publicSubtype: customers.publicSubtype,
  status: customers.status,
  industry: customers.industry,
  organizationType: customers.organizationType,
  orgUnitId: customers.orgUnitId,
  orgUnitName: orgUnits.name,
  accountManagerId: customers.accountManagerId,
  accountManagerName: users.displayName,
  mobile: parties.mobile,
  sinceDate: customers.sinceDate,
};

const sortColumns = {
  name: parties.name,
  customerNo: customers.customerNo,
  createdAt: customers.createdAt,
  sinceDate: customers.sinceDate,
  category: customers.category,
  status: customers.status,
} as const;

/** Name substring (pg_trgm index), or an exact customer number, mobile or credit code: each branch indexed. */
function searchCondition(search: string): SQL {
  const pattern = `%${escapeLike(search)}%`;
  return sql`${customers.id} in (
    select sc.id from customers sc where sc.customer_no = ${search}
    union all
    select sc.id from customers sc join parties sp on sp.id = sc.party_id
     where sp.name ilike ${pattern} or sp.mobile = ${search} or sp.credit_code = ${search.toUpperCase()})`;
}

export type CustomerFilter = Omit<CustomerListQuery, 'orgUnitId'> & { orgUnitIds?: number[] };

export async function listCustomers(db: DbOrTx, scope: Scope, f: CustomerFilter) {
  const where = and(
    scopeCondition(scope),
    f.category ? eq(customers.category, f.category) : undefined,
    f.status ? eq(customers.status, f.status) : undefined,
    f.industry ? eq(customers.industry, f.industry) : undefined,
    f.orgUnitIds ? inArray(customers.orgUnitId, f.orgUnitIds.length ? f.orgUnitIds : [0]) : undefined,
    f.accountManagerId ? eq(customers.accountManagerId, f.accountManagerId) : undefined,
    f.search ? searchCondition(f.search) : undefined,
  );
  const dir = f.order === 'desc' ? desc : asc;
  const [items, [{ total }]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(customers)
      .innerJoin(parties, eq(parties.id, customers.partyId))
      .innerJoin(orgUnits, eq(orgUnits.id, customers.orgUnitId))
      .leftJoin(users, eq(users.id, customers.accountManagerId))
      .where(where)
      .orderBy(dir(sortColumns[f.sort]), dir(customers.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ total: count() }).from(customers).where(where),
  ]);
  return { items, total: Number(total) };
}

export type CustomerSummaryRow = Awaited<ReturnType<typeof listCustomers>>['items'][number];

export type { CustomerDetailFilter, CustomerDetailRow } from './customer-details.repository';
export { findCustomerDetail, listCustomerDetails } from './customer-details.repository';

/** The customer and party rows of a visible customer, locked for update when inside a transaction. */
export async function findCustomerForWrite(db: DbOrTx, scope: Scope, id: number, lock = false) {
  const q = db
    .select({ customer: customers, party: parties })
    .from(customers)
    .innerJoin(parties, eq(parties.id, customers.partyId))
    .where(and(eq(customers.id, id), scopeCondition(scope)));
  const [row] = lock ? await q.for('update', { of: customers }) : await q;
  return row;
}

/** True when the customer exists and is inside the scope. */
export async function isVisible(db: DbOrTx, scope: Scope, id: number): Promise<boolean> {
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, id), scopeCondition(scope)));
  return rows.length > 0;
}

/** Group branches of a customer that the viewer may see. */
export const listChildren = (db: DbOrTx, scope: Scope, id: number) =>
  db
    .select({ id: customers.id, customerNo: customers.customerNo, name: parties.name })
    .from(customers)
    .innerJoin(parties, eq(parties.id, customers.partyId))
    .where(and(eq(customers.parentCustomerId, id), scopeCondition(scope)))
    .orderBy(asc(customers.customerNo));

export type LookupRow = {
  id: number;
  customerNo: string;
  name: string;
  category: CustomerRow['category'];
  status: CustomerRow['status'];
  organizationType: CustomerRow['organizationType'];
  accountManagerId: number | null;
  accountManagerName: string | null;
  accountManagerPhone: string | null;
  orgUnitName: string;
  matchedBy: 'party_mobile' | 'contact' | 'service_number';
  matchedContactName: string | null;
};

const lookupCard = sql`c.id, c.customer_no as "customerNo", p.name, c.category, c.status,
  c.organization_type as "organizationType", c.account_manager_id as "accountManagerId",
  u.display_name as "accountManagerName", u.phone as "accountManagerPhone", o.name as "orgUnitName"`;

/**
 * The hotline's caller identification, first step: the first in-scope customer whose party holds `phone` as its
 * mobile (nearly every caller). `phone` is SQL (a placeholder): the caller card embeds this statement as its `hit`.
 */
export const partyMobileHitSql = (scope: Scope, phone: SQL | Placeholder) =>
  sql`select ${lookupCard}, 'party_mobile' as "matchedBy", null::text as "matchedContactName"
      from parties p
      join customers c on c.party_id = p.id
      join org_units o on o.id = c.org_unit_id
      left join users u on u.id = c.account_manager_id
     where p.mobile = ${phone} and ${scopeCondition(scope, 'c')}
     order by c.id
     limit 1`;

/**
 * The hotline's caller identification: the first in-scope match of the party mobile, then a contact's mobile or
 * phone, then a live product's service number (each an index lookup), with the caller card's names. Nearly every
 * caller is found by the first: it is its own statement (about half the work of the four-way union), and the union
 * of the other three runs only when it finds nobody. Both are prepared statements built once per scope shape
 * (`executeStatement`): planning them costs more than running them, and neither is rebuilt per call.
 */
export async function lookupByPhone(db: DbOrTx, scope: Scope, phone: string): Promise<LookupRow | undefined> {
  const t = scopeTemplate(scope);
  const [byMobile] = await executeStatement<LookupRow>(
    db,
    `customers.lookup.mobile:${t.key}`,
    () => partyMobileHitSql(t.scope, sql.placeholder('phone')),
    { ...t.values, phone },
  );
  return byMobile ?? lookupByOtherPhone(db, scope, phone);
}

/** The rest of the caller identification: a contact's mobile or phone, then a live product's service number. */
export async function lookupByOtherPhone(db: DbOrTx, scope: Scope, phone: string): Promise<LookupRow | undefined> {
  const t = scopeTemplate(scope);
  const [other] = await executeStatement<LookupRow>(
    db,
    `customers.lookup.other:${t.key}`,
    () => otherPhoneHitSql(t.scope, sql.placeholder('phone')),
    { ...t.values, phone },
  );
  return other;
}

function otherPhoneHitSql(scope: Scope, phone: SQL | Placeholder): SQL {
  const inScopeHit = scopeCondition(scope);
  return sql`
    with hit as (
      (select customers.id as customer_id, 2 as rank, 'contact' as matched_by, contacts.name as contact_name
         from contacts join customers on customers.id = contacts.customer_id
        where contacts.mobile = ${phone} and ${inScopeHit})
      union all
      (select customers.id, 3, 'contact', contacts.name
         from contacts join customers on customers.id = contacts.customer_id
        where contacts.phone = ${phone} and ${inScopeHit})
      union all
      (select customers.id, 4, 'service_number', null
         from product_instances join customers on customers.id = product_instances.customer_id
        where product_instances.service_number = ${phone} and product_instances.status <> 'terminated'
          and ${inScopeHit})
      order by rank, customer_id
      limit 1
    )
    select ${lookupCard}, hit.matched_by as "matchedBy", hit.contact_name as "matchedContactName"
      from hit
      join customers c on c.id = hit.customer_id
      join parties p on p.id = c.party_id
      join org_units o on o.id = c.org_unit_id
      left join users u on u.id = c.account_manager_id`;
}

export async function insertParty(db: DbOrTx, values: typeof parties.$inferInsert): Promise<PartyRow> {
  const [row] = await db.insert(parties).values(values).returning();
  return row;
}

/** Inserts a customer and gives it its number (derived from the generated id). */
export async function insertCustomer(
  db: DbOrTx,
  values: Omit<typeof customers.$inferInsert, 'customerNo'>,
): Promise<CustomerRow> {
  const [row] = await db
    .insert(customers)
    .values({ ...values, customerNo: `tmp-${randomUUID()}` })
    .returning({ id: customers.id });
  const [numbered] = await db
    .update(customers)
    .set({ customerNo: customerNoFor(row.id) })
    .where(eq(customers.id, row.id))
    .returning();
  return numbered;
}

export async function updateParty(db: DbOrTx, id: number, values: Partial<typeof parties.$inferInsert>) {
  const [row] = await db
    .update(parties)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(parties.id, id))
    .returning();
  return row;
}

export async function updateCustomer(db: DbOrTx, id: number, values: Partial<typeof customers.$inferInsert>) {
  const [row] = await db
    .update(customers)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(customers.id, id))
    .returning();
  return row;
}

/** The party already holding a credit code or ID number, other than `exceptPartyId`. */
export async function findPartyHolding(
  db: DbOrTx,
  field: 'creditCode' | 'idNumber',
  value: string,
  exceptPartyId?: number,
) {
  const [row] = await db
    .select({ id: parties.id })
    .from(parties)
    .where(and(eq(parties[field], value), exceptPartyId ? ne(parties.id, exceptPartyId) : undefined))
    .limit(1);
  return row;
}

export async function findCustomerByExternalId(db: DbOrTx, externalId: string, exceptId?: number) {
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.externalId, externalId), exceptId ? ne(customers.id, exceptId) : undefined))
    .limit(1);
  return row;
}

/** True when `candidateParentId` is `customerId` or one of its descendants (the new parent would make a cycle). */
export async function wouldCycle(db: DbOrTx, customerId: number, candidateParentId: number): Promise<boolean> {
  const result = await db.execute(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_customer_id, 0 from customers where id = ${candidateParentId}
      union all
      select c.id, c.parent_customer_id, up.depth + 1 from customers c join up on c.id = up.parent_id
       where up.depth < 64
    )
    select 1 as hit from up where id = ${customerId} limit 1`);
  return rowsOf(result).length > 0;
}

export const countChildren = async (db: DbOrTx, id: number) =>
  (await db.select({ n: count() }).from(customers).where(eq(customers.parentCustomerId, id)))[0].n;

/** Customers referred by `id`, whose reference is cleared when it is deleted. */
export const listReferrals = (db: DbOrTx, id: number) =>
  db
    .select({ id: customers.id, referredByCustomerId: customers.referredByCustomerId })
    .from(customers)
    .where(eq(customers.referredByCustomerId, id));

export async function deleteCustomer(db: DbOrTx, id: number): Promise<void> {
  await db.delete(customers).where(eq(customers.id, id));
}

/** Deletes a party no customer refers to any more. */
export async function deletePartyIfUnused(db: DbOrTx, partyId: number): Promise<void> {
  await db
    .delete(parties)
    .where(and(eq(parties.id, partyId), sql`not exists (select 1 from customers c where c.party_id = ${parties.id})`));
}

export async function insertShare(db: DbOrTx, customerId: number, userId: number) {
  const [row] = await db.insert(customerShares).values({ customerId, userId }).onConflictDoNothing().returning();
  return row;
}

export async function deleteShare(db: DbOrTx, customerId: number, userId: number) {
  const [row] = await db
    .delete(customerShares)
    .where(and(eq(customerShares.customerId, customerId), eq(customerShares.userId, userId)))
    .returning();
  return row;
}

export const listShares = (db: DbOrTx, customerId: number) =>
  db
    .select({
      customerId: customerShares.customerId,
      userId: customerShares.userId,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      orgUnitName: orgUnits.name,
      createdAt: customerShares.createdAt,
    })
    .from(customerShares)
    .innerJoin(users, eq(users.id, customerShares.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(customerShares.customerId, customerId))
    .orderBy(asc(users.username));
