import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgUnits, users } from '../org/org.table';
import { apiTokens, sessions } from './auth.table';

const principalColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  orgUnitId: users.orgUnitId,
  orgUnitName: orgUnits.name,
  orgUnitPath: orgUnits.path,
  active: users.active,
};

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

/** The live session and its user in one query. */
export async function findSessionPrincipal(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ ...principalColumns, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

export async function extendSession(db: DbOrTx, tokenHash: string, expiresAt: Date) {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Deletes every session of a user, except the one with `keepTokenHash`; returns how many ended. */
export async function deleteUserSessions(db: DbOrTx, userId: number, keepTokenHash?: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepTokenHash ? ne(sessions.tokenHash, keepTokenHash) : undefined))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function findTokenPrincipal(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({
      ...principalColumns,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return row;
}

export async function touchToken(db: DbOrTx, id: number, now: Date) {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

export async function insertToken(db: DbOrTx, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row;
}

/** The personal API tokens (OAuth access tokens are not listed: they are short-lived and issued per request). */
export const listTokens = (db: DbOrTx) =>
  db.select().from(apiTokens).where(eq(apiTokens.kind, 'personal')).orderBy(desc(apiTokens.createdAt));

/** Deletes OAuth access tokens expired before `before`; the number deleted. */
export async function deleteExpiredOAuthTokens(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.kind, 'oauth'), lt(apiTokens.expiresAt, before)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

export async function revokeToken(db: DbOrTx, id: number, now: Date) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

export const countSessions = async (db: DbOrTx) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(sessions))[0].n;
