import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../org/org.table';
import {
  clubMemberships,
  customerEntitlements,
  entitlementTierRules,
  entitlementTypes,
  entitlementUsages,
} from './entitlements.table';

export type TypeRow = typeof entitlementTypes.$inferSelect;
export type ClubRow = typeof clubMemberships.$inferSelect;

export const countTypes = async (db: DbOrTx) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(entitlementTypes))[0].n;

export async function insertTypeIfMissing(db: DbOrTx, values: typeof entitlementTypes.$inferInsert) {
  await db.insert(entitlementTypes).values(values).onConflictDoNothing();
  return (await db.select().from(entitlementTypes).where(eq(entitlementTypes.code, values.code)))[0];
}

export async function insertTierRuleIfMissing(db: DbOrTx, values: typeof entitlementTierRules.$inferInsert) {
  await db.insert(entitlementTierRules).values(values).onConflictDoNothing();
}

export const listTypes = (db: DbOrTx) =>
  db.select().from(entitlementTypes).orderBy(asc(entitlementTypes.sort), asc(entitlementTypes.id));

export const findType = async (db: DbOrTx, id: number) =>
  (await db.select().from(entitlementTypes).where(eq(entitlementTypes.id, id)))[0];

export const findTypeByCode = async (db: DbOrTx, code: string) =>
  (await db.select().from(entitlementTypes).where(eq(entitlementTypes.code, code)))[0];

/** Every tier rule with the flags of its type. */
export const listTierRules = (db: DbOrTx) =>
  db
    .select({
      typeId: entitlementTierRules.typeId,
      tier: entitlementTierRules.tier,
      allowance: entitlementTierRules.allowance,
      value: entitlementTierRules.value,
      enabled: entitlementTierRules.enabled,
      clubCardOnly: entitlementTypes.clubCardOnly,
      active: entitlementTypes.active,
    })
    .from(entitlementTierRules)
    .innerJoin(entitlementTypes, eq(entitlementTypes.id, entitlementTierRules.typeId));

export async function upsertTierRule(db: DbOrTx, values: typeof entitlementTierRules.$inferInsert) {
  const [row] = await db
    .insert(entitlementTierRules)
    .values(values)
    .onConflictDoUpdate({
      target: [entitlementTierRules.typeId, entitlementTierRules.tier],
      set: { allowance: values.allowance, value: values.value, enabled: values.enabled },
    })
    .returning();
  return row;
}

// ---------------------------------------------------------------- bindings

export const currentBindings = (db: DbOrTx, customerId: number) =>
  db
    .select({ binding: customerEntitlements, type: entitlementTypes })
    .from(customerEntitlements)
    .innerJoin(entitlementTypes, eq(entitlementTypes.id, customerEntitlements.typeId))
    .where(and(eq(customerEntitlements.customerId, customerId), isNull(customerEntitlements.validTo)))
    .orderBy(asc(entitlementTypes.sort), asc(entitlementTypes.id));

/** Locks the customer's current bindings (recording a use and re-binding never interleave). */
export async function lockBindings(db: DbOrTx, customerId: number) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('entitlements'), ${customerId})`);
}

export async function closeBindings(db: DbOrTx, ids: number[], validTo: string) {
  if (ids.length === 0) return;
  await db.update(customerEntitlements).set({ validTo }).where(inArray(customerEntitlements.id, ids));
}

export async function insertBindings(db: DbOrTx, rows: (typeof customerEntitlements.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db.insert(customerEntitlements).values(rows);
}

// ---------------------------------------------------------------- club

export const findClub = async (db: DbOrTx, customerId: number) =>
  (await db.select().from(clubMemberships).where(eq(clubMemberships.customerId, customerId)))[0];

export async function upsertClub(db: DbOrTx, values: typeof clubMemberships.$inferInsert) {
  const [row] = await db
    .insert(clubMemberships)
    .values(values)
    .onConflictDoUpdate({
      target: clubMemberships.customerId,
      set: { card: values.card, cardNo: values.cardNo, since: values.since, updatedAt: new Date() },
    })
    .returning();
  return row;
}

export async function deleteClub(db: DbOrTx, customerId: number) {
  await db.delete(clubMemberships).where(eq(clubMemberships.customerId, customerId));
}

// ---------------------------------------------------------------- usage

/** Quantity used per type in the given allowance periods. */
export async function usedIn(db: DbOrTx, customerId: number, keys: { typeId: number; periodKey: string }[]) {
  if (keys.length === 0) return new Map<string, number>();
  const rows = await db
    .select({
      typeId: entitlementUsages.typeId,
      periodKey: entitlementUsages.periodKey,
      used: sql<number>`sum(${entitlementUsages.quantity})::int`,
    })
    .from(entitlementUsages)
    .where(
      and(
        eq(entitlementUsages.customerId, customerId),
        inArray(
          entitlementUsages.typeId,
          keys.map((k) => k.typeId),
        ),
      ),
    )
    .groupBy(entitlementUsages.typeId, entitlementUsages.periodKey);
  return new Map(rows.map((r) => [`${r.typeId}:${r.periodKey}`, r.used]));
}

export async function insertUsage(db: DbOrTx, values: typeof entitlementUsages.$inferInsert) {
  const [row] = await db.insert(entitlementUsages).values(values).returning();
  return row;
}

export const listUsages = (db: DbOrTx, customerId: number, limit: number) =>
  db
    .select({ usage: entitlementUsages, code: entitlementTypes.code, recordedByName: users.displayName })
    .from(entitlementUsages)
    .innerJoin(entitlementTypes, eq(entitlementTypes.id, entitlementUsages.typeId))
    .leftJoin(users, eq(users.id, entitlementUsages.recordedBy))
    .where(eq(entitlementUsages.customerId, customerId))
    .orderBy(desc(entitlementUsages.usedOn), desc(entitlementUsages.id))
    .limit(limit);

export const customersBoundToTier = async (db: DbOrTx, tier: string) =>
  (
    await db
      .selectDistinct({ customerId: customerEntitlements.customerId })
      .from(customerEntitlements)
      .where(and(isNull(customerEntitlements.validTo), eq(customerEntitlements.tier, tier)))
  ).map((r) => r.customerId);
