// Read-only look-ups of other modules' rows the service desk needs on its hot paths: a user's management chain,
// a customer's products, and user references (names, roles, org units). Each is one indexed query.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import { orgUnits, users } from '../org/org.table';
import { productInstances, productOfferings } from '../products/products.table';

/** `level`: the org level of the member's unit (group, province, city, district). */
export type ChainMember = { id: number; role: string; depth: number; level: string };

/**
 * The managers above a user, nearest first: active managers of the user's own org unit and of each ancestor unit,
 * then administrators (the top of every chain). The user themself is left out.
 */
export async function managementChain(db: DbOrTx, userId: number): Promise<ChainMember[]> {
  const result = await db.execute(sql`
    select m.id, m.role, length(mo.path) as depth, mo.level
      from users u
      join org_units uo on uo.id = u.org_unit_id
      join users m on m.active and m.id <> u.id and m.role in ('manager', 'admin')
      join org_units mo on mo.id = m.org_unit_id
     where u.id = ${userId} and uo.path like mo.path || '%'
     order by (m.role = 'admin'), length(mo.path) desc, m.id`);
  return rowsOf<ChainMember>(result).map((r) => ({ ...r, depth: Number(r.depth) }));
}

/** True when `managerId` is a manager (or administrator) above `userId`. */
export async function isManagerOf(db: DbOrTx, managerId: number, userId: number): Promise<boolean> {
  return (await managementChain(db, userId)).some((m) => m.id === managerId);
}

export type UserRef = { id: number; displayName: string; role: string; orgUnitId: number; active: boolean };

export async function findUserRefs(db: DbOrTx, ids: number[]): Promise<UserRef[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      orgUnitId: users.orgUnitId,
      active: users.active,
    })
    .from(users)
    .where(inArray(users.id, ids));
}

/** The org-unit path of a user (to check that a manager's subtree contains them). */
export async function orgPathOfUser(db: DbOrTx, userId: number): Promise<string | undefined> {
  const [row] = await db
    .select({ path: orgUnits.path })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, userId));
  return row?.path;
}

/** Live products of a customer with their offering names (caller card). */
export const productsOfCustomer = (db: DbOrTx, customerId: number, limit = 20) =>
  db
    .select({
      id: productInstances.id,
      serviceNumber: productInstances.serviceNumber,
      offeringName: productOfferings.nameZh,
      offeringNameEn: productOfferings.nameEn,
      offeringId: productInstances.offeringId,
      status: productInstances.status,
    })
    .from(productInstances)
    .innerJoin(productOfferings, eq(productOfferings.id, productInstances.offeringId))
    .where(and(eq(productInstances.customerId, customerId), sql`${productInstances.status} <> 'terminated'`))
    .orderBy(asc(productInstances.id))
    .limit(limit);

/** How many products the customer has (all, as the 360 page's Products tab counts them) and how many are not terminated. */
export async function productCountsOfCustomer(db: DbOrTx, customerId: number) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      live: sql<number>`(count(*) filter (where ${productInstances.status} <> 'terminated'))::int`,
    })
    .from(productInstances)
    .where(eq(productInstances.customerId, customerId));
  return { total: Number(row?.total ?? 0), live: Number(row?.live ?? 0) };
}

export async function productInstanceOwner(db: DbOrTx, id: number): Promise<number | undefined> {
  const [row] = await db
    .select({ customerId: productInstances.customerId })
    .from(productInstances)
    .where(eq(productInstances.id, id));
  return row?.customerId;
}
