import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { loyaltyAccounts, loyaltyLedger, loyaltyRedemptions, loyaltyRewards } from './loyalty.table';

export type AccountRow = typeof loyaltyAccounts.$inferSelect;
export type LedgerRow = typeof loyaltyLedger.$inferSelect;
export type RewardRow = typeof loyaltyRewards.$inferSelect;

/** The member's account, created empty when missing, locked for the rest of the transaction. */
export async function lockAccount(db: DbOrTx, customerId: number): Promise<AccountRow> {
  await db.insert(loyaltyAccounts).values({ customerId }).onConflictDoNothing();
  return (await db.select().from(loyaltyAccounts).where(eq(loyaltyAccounts.customerId, customerId)).for('update'))[0];
}

export const findAccount = async (db: DbOrTx, customerId: number) =>
  (await db.select().from(loyaltyAccounts).where(eq(loyaltyAccounts.customerId, customerId)))[0];

export async function updateAccount(
  db: DbOrTx,
  customerId: number,
  values: Pick<AccountRow, 'balance' | 'earnedTotal' | 'redeemedTotal' | 'expiredTotal'>,
) {
  await db
    .update(loyaltyAccounts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(loyaltyAccounts.customerId, customerId));
}

export const findMovement = async (db: DbOrTx, customerId: number, sourceKey: string) =>
  (
    await db
      .select()
      .from(loyaltyLedger)
      .where(and(eq(loyaltyLedger.customerId, customerId), eq(loyaltyLedger.sourceKey, sourceKey)))
  )[0];

/** Inserts a movement unless one with the same source exists (then null: the earlier movement stands). */
export async function insertMovement(db: DbOrTx, values: typeof loyaltyLedger.$inferInsert) {
  const rows = await db.insert(loyaltyLedger).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function listMovements(db: DbOrTx, customerId: number, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    db
      .select()
      .from(loyaltyLedger)
      .where(eq(loyaltyLedger.customerId, customerId))
      .orderBy(desc(loyaltyLedger.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(loyaltyLedger).where(eq(loyaltyLedger.customerId, customerId)),
  ]);
  return { items, total: total[0].n };
}

/** Points earned (positive movements) whose validity ended before `before`, and the last such expiry date. */
export async function earnedExpiredBefore(db: DbOrTx, customerId: number, before: string) {
  const rows = await db
    .select({
      points: sql<number>`coalesce(sum(${loyaltyLedger.points}), 0)::int`,
      last: sql<string | null>`max(${loyaltyLedger.expiresOn})::text`,
    })
    .from(loyaltyLedger)
    .where(
      and(
        eq(loyaltyLedger.customerId, customerId),
        sql`${loyaltyLedger.points} > 0 and ${loyaltyLedger.expiresOn} < ${before}::date`,
      ),
    );
  return rows[0];
}

/** Points earned that expire on or before `until` (for "expiring soon" on the statement). */
export async function earnedExpiringBy(db: DbOrTx, customerId: number, until: string): Promise<number> {
  const rows = await db
    .select({ points: sql<number>`coalesce(sum(${loyaltyLedger.points}), 0)::int` })
    .from(loyaltyLedger)
    .where(
      and(
        eq(loyaltyLedger.customerId, customerId),
        sql`${loyaltyLedger.points} > 0 and ${loyaltyLedger.expiresOn} <= ${until}::date`,
      ),
    );
  return rows[0].points;
}

/** Members holding points earned whose validity ended before `before` (candidates of the expiry job). */
export async function customersWithExpiredEarnings(db: DbOrTx, before: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ customerId: loyaltyLedger.customerId })
    .from(loyaltyLedger)
    .innerJoin(loyaltyAccounts, eq(loyaltyAccounts.customerId, loyaltyLedger.customerId))
    .where(sql`${loyaltyLedger.expiresOn} < ${before}::date and ${loyaltyAccounts.balance} > 0`)
    .orderBy(asc(loyaltyLedger.customerId));
  return rows.map((r) => r.customerId);
}

export async function listRewards(
  db: DbOrTx,
  f: { q?: string; status?: 'redeemable' | 'active' | 'inactive'; today: string; limit: number; offset: number },
) {
  const conds: SQL[] = [];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(ilike(loyaltyRewards.code, like), ilike(loyaltyRewards.nameZh, like), ilike(loyaltyRewards.nameEn, like))!,
    );
  }
  if (f.status === 'inactive') conds.push(eq(loyaltyRewards.active, false));
  if (f.status === 'active') conds.push(eq(loyaltyRewards.active, true));
  if (f.status === 'redeemable')
    conds.push(
      sql`${loyaltyRewards.active} and (${loyaltyRewards.stock} is null or ${loyaltyRewards.stock} > 0)
        and (${loyaltyRewards.validFrom} is null or ${loyaltyRewards.validFrom} <= ${f.today}::date)
        and (${loyaltyRewards.validTo} is null or ${loyaltyRewards.validTo} >= ${f.today}::date)`,
    );
  const where = conds.length ? and(...conds) : undefined;
  const [items, total] = await Promise.all([
    db
      .select()
      .from(loyaltyRewards)
      .where(where)
      .orderBy(asc(loyaltyRewards.pointsCost), asc(loyaltyRewards.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(loyaltyRewards).where(where),
  ]);
  return { items, total: total[0].n };
}

export const findRewardByCode = async (db: DbOrTx, code: string) =>
  (await db.select().from(loyaltyRewards).where(eq(loyaltyRewards.code, code)))[0];

export const countRewards = async (db: DbOrTx) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(loyaltyRewards))[0].n;

export const findReward = async (db: DbOrTx, id: number, lock = false) => {
  const q = db.select().from(loyaltyRewards).where(eq(loyaltyRewards.id, id));
  return (await (lock ? q.for('update') : q))[0];
};

export async function insertReward(db: DbOrTx, values: typeof loyaltyRewards.$inferInsert) {
  return (await db.insert(loyaltyRewards).values(values).returning())[0];
}

export async function insertRewardIfMissing(db: DbOrTx, values: typeof loyaltyRewards.$inferInsert) {
  await db.insert(loyaltyRewards).values(values).onConflictDoNothing();
}

export async function updateReward(db: DbOrTx, id: number, values: Partial<typeof loyaltyRewards.$inferInsert>) {
  return (
    await db
      .update(loyaltyRewards)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(loyaltyRewards.id, id))
      .returning()
  )[0];
}

export async function insertRedemption(db: DbOrTx, values: typeof loyaltyRedemptions.$inferInsert) {
  return (await db.insert(loyaltyRedemptions).values(values).returning())[0];
}

export async function setRedemptionLedger(db: DbOrTx, id: number, ledgerId: number) {
  await db.update(loyaltyRedemptions).set({ ledgerId }).where(eq(loyaltyRedemptions.id, id));
}
