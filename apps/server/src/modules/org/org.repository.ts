import { and, asc, eq, ilike, like, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnits, users } from './org.table';

export type OrgUnitRow = typeof orgUnits.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export const findOrgUnit = async (db: DbOrTx, id: number) =>
  (await db.select().from(orgUnits).where(eq(orgUnits.id, id)))[0];

export const listOrgUnits = (db: DbOrTx) => db.select().from(orgUnits).orderBy(asc(orgUnits.path));

export async function listSubtreeIds(db: DbOrTx, path: string): Promise<number[]> {
  const rows = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(like(orgUnits.path, `${path}%`));
  return rows.map((r) => r.id);
}

export async function insertOrgUnit(
  db: DbOrTx,
  values: { parentId: number | null; level: OrgUnitRow['level']; code: string; name: string; nameEn?: string | null },
  parentPath: string,
): Promise<OrgUnitRow> {
  const [row] = await db
    .insert(orgUnits)
    .values({ ...values, path: '/' })
    .returning();
  const [updated] = await db
    .update(orgUnits)
    .set({ path: `${parentPath}${row.id}/` })
    .where(eq(orgUnits.id, row.id))
    .returning();
  return updated;
}

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  orgUnitId: users.orgUnitId,
  orgUnitName: orgUnits.name,
  orgUnitPath: orgUnits.path,
  phone: users.phone,
  email: users.email,
  active: users.active,
};

export const findUserByUsername = async (db: DbOrTx, username: string) =>
  (
    await db
      .select({ ...userColumns, passwordHash: users.passwordHash })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
  )[0];

export const findUserById = async (db: DbOrTx, id: number) =>
  (
    await db
      .select(userColumns)
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(eq(users.id, id))
  )[0];

export type UserView = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function listUsers(
  db: DbOrTx,
  filter: { orgPath?: string; role?: UserRow['role']; search?: string; limit: number; offset: number },
) {
  const where = and(
    filter.orgPath ? like(orgUnits.path, `${filter.orgPath}%`) : undefined,
    filter.role ? eq(users.role, filter.role) : undefined,
    filter.search
      ? or(ilike(users.username, `%${filter.search}%`), ilike(users.displayName, `%${filter.search}%`))
      : undefined,
  );
  const items = await db
    .select(userColumns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(where)
    .orderBy(asc(users.username))
    .limit(filter.limit)
    .offset(filter.offset);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(where);
  return { items, total };
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

export async function updateUser(db: DbOrTx, id: number, values: Partial<typeof users.$inferInsert>) {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row;
}

export const findUserRow = async (db: DbOrTx, id: number) => (await db.select().from(users).where(eq(users.id, id)))[0];

export const countUsers = async (db: DbOrTx) => (await db.select({ n: sql<number>`count(*)::int` }).from(users))[0].n;

/** Display names of the given users (missing ids are left out). */
export async function displayNamesByIds(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(sql`${users.id} = any(${sql.raw(`'{${ids.map((i) => Math.trunc(i)).join(',')}}'::int[]`)})`);
}
