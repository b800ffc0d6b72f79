import { and, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { idempotencyKeys } from './idempotency.table';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

const PENDING = 0;
const byKey = (userId: number, key: string) => and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
const heldBy = (userId: number, key: string, token: string) =>
  and(byKey(userId, key), eq(idempotencyKeys.claimToken, token));

export async function claimKey(db: DbOrTx, values: typeof idempotencyKeys.$inferInsert): Promise<boolean> {
  const rows = await db
    .insert(idempotencyKeys)
    .values(values)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export const findKey = async (db: DbOrTx, userId: number, key: string): Promise<IdempotencyRow | undefined> =>
  (await db.select().from(idempotencyKeys).where(byKey(userId, key)))[0];

/**
 * Hands a pending, uncommitted key over to a new attempt, provided nobody changed it since it was read (compare and
 * swap on the claim token). A concurrent transaction marking it committed holds its row lock: this waits for it and
 * then sees `committed`, so a committed key is never taken over.
 */
export async function takeOverKey(
  db: DbOrTx,
  opts: { userId: number; key: string; seenToken: string | null; newToken: string },
): Promise<boolean> {
  const seen =
    opts.seenToken === null
      ? sql`${idempotencyKeys.claimToken} is null`
      : eq(idempotencyKeys.claimToken, opts.seenToken);
  const rows = await db
    .update(idempotencyKeys)
    .set({ claimToken: opts.newToken, claimedAt: sql`now()` })
    .where(
      and(
        byKey(opts.userId, opts.key),
        seen,
        eq(idempotencyKeys.statusCode, PENDING),
        eq(idempotencyKeys.committed, false),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

/** Marks the key committed inside the caller's transaction; false when the claim is no longer this attempt's. */
export async function markCommitted(
  tx: DbOrTx,
  opts: { userId: number; key: string; token: string; entity: string; entityId: string; overwrite: boolean },
): Promise<boolean> {
  const keep = (column: AnyPgColumn, value: string) =>
    opts.overwrite ? sql`${value}` : sql`coalesce(${column}, ${value})`;
  const rows = await tx
    .update(idempotencyKeys)
    .set({
      committed: true,
      entity: keep(idempotencyKeys.entity, opts.entity),
      entityId: keep(idempotencyKeys.entityId, opts.entityId),
    })
    .where(heldBy(opts.userId, opts.key, opts.token))
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

/** Stores the response of a pending key: by the attempt holding it, or (token null) by a replay of its outcome. */
export async function completeKey(
  db: DbOrTx,
  opts: { userId: number; key: string; token: string | null; statusCode: number; body: unknown },
) {
  const holder =
    opts.token === null
      ? and(byKey(opts.userId, opts.key), eq(idempotencyKeys.statusCode, PENDING))
      : heldBy(opts.userId, opts.key, opts.token);
  await db.update(idempotencyKeys).set({ statusCode: opts.statusCode, responseBody: opts.body }).where(holder);
}

/** Frees a key whose attempt failed, unless that attempt committed its outcome. */
export async function releaseKey(db: DbOrTx, opts: { userId: number; key: string; token: string }) {
  await db
    .delete(idempotencyKeys)
    .where(and(heldBy(opts.userId, opts.key, opts.token), eq(idempotencyKeys.committed, false)));
}

/** Deletes up to `limit` keys created before `before`; returns how many went. */
export async function purgeKeysBefore(db: DbOrTx, before: Date, limit: number): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(
      sql`(${idempotencyKeys.userId}, ${idempotencyKeys.key}) in (
        select user_id, key from idempotency_keys where created_at < ${before} limit ${limit})`,
    )
    .returning({ userId: idempotencyKeys.userId });
  return rows.length;
}
