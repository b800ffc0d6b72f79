import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { customers, parties } from '../customers/customers.table';
import { users } from '../org/org.table';
import { productOfferings } from '../products/products.table';
import {
  opportunities,
  opportunityAttachments,
  opportunityNeeds,
  opportunityNotes,
  solutionOptionItems,
  solutionOptions,
} from './opportunities.table';

export type OpportunityRow = typeof opportunities.$inferSelect;
export type OptionRow = typeof solutionOptions.$inferSelect;

const summaryColumns = {
  opportunity: opportunities,
  customerName: parties.name,
  customerStatus: customers.status,
  ownerName: users.displayName,
};

export type OpportunityFilter = {
  ownerId?: number;
  orgUnitIds?: number[];
  customerId?: number;
  stage?: OpportunityRow['stage'];
  open?: boolean;
  id?: number;
};

function where(scope: Scope, f: OpportunityFilter): SQL | undefined {
  return and(
    customerScopeSql(scope, 'customers'),
    f.id ? eq(opportunities.id, f.id) : undefined,
    f.ownerId ? eq(opportunities.ownerId, f.ownerId) : undefined,
    f.orgUnitIds ? inArray(customers.orgUnitId, f.orgUnitIds.length ? f.orgUnitIds : [0]) : undefined,
    f.customerId ? eq(opportunities.customerId, f.customerId) : undefined,
    f.stage ? eq(opportunities.stage, f.stage) : undefined,
    f.open === true ? sql`${opportunities.stage} not in ('won', 'lost')` : undefined,
    f.open === false ? sql`${opportunities.stage} in ('won', 'lost')` : undefined,
  );
}

export async function listOpportunities(
  db: DbOrTx,
  scope: Scope,
  f: OpportunityFilter,
  page: { limit: number; offset: number },
) {
  const w = where(scope, f);
  const [items, [{ total }]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(opportunities)
      .innerJoin(customers, eq(customers.id, opportunities.customerId))
      .innerJoin(parties, eq(parties.id, customers.partyId))
      .innerJoin(users, eq(users.id, opportunities.ownerId))
      .where(w)
      .orderBy(asc(opportunities.expectedClose), desc(opportunities.updatedAt), desc(opportunities.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(opportunities)
      .innerJoin(customers, eq(customers.id, opportunities.customerId))
      .where(w),
  ]);
  return { items, total: Number(total) };
}

export type OpportunityListRow = Awaited<ReturnType<typeof listOpportunities>>['items'][number];

export async function findOpportunity(db: DbOrTx, scope: Scope, id: number) {
  return (await listOpportunities(db, scope, { id }, { limit: 1, offset: 0 })).items[0];
}

/** The opportunity row locked for update, when visible. */
export async function lockOpportunity(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .select({ opportunity: opportunities })
    .from(opportunities)
    .innerJoin(customers, eq(customers.id, opportunities.customerId))
    .where(and(eq(opportunities.id, id), customerScopeSql(scope, 'customers')))
    .for('update', { of: opportunities });
  return row?.opportunity;
}

export async function insertOpportunity(db: DbOrTx, values: typeof opportunities.$inferInsert) {
  const [row] = await db.insert(opportunities).values(values).returning();
  return row;
}

export async function updateOpportunity(db: DbOrTx, id: number, values: Partial<typeof opportunities.$inferInsert>) {
  const [row] = await db
    .update(opportunities)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(opportunities.id, id))
    .returning();
  return row;
}

// ---------------------------------------------------------------- needs, notes, attachments

export const listNeeds = (db: DbOrTx, opportunityId: number) =>
  db
    .select()
    .from(opportunityNeeds)
    .where(eq(opportunityNeeds.opportunityId, opportunityId))
    .orderBy(asc(opportunityNeeds.id));

export async function insertNeeds(db: DbOrTx, rows: (typeof opportunityNeeds.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(opportunityNeeds).values(rows).returning();
}

export async function deleteNeed(db: DbOrTx, opportunityId: number, id: number) {
  const [row] = await db
    .delete(opportunityNeeds)
    .where(and(eq(opportunityNeeds.id, id), eq(opportunityNeeds.opportunityId, opportunityId)))
    .returning();
  return row;
}

export const listNotes = (db: DbOrTx, opportunityId: number) =>
  db
    .select({ note: opportunityNotes, authorName: users.displayName })
    .from(opportunityNotes)
    .leftJoin(users, eq(users.id, opportunityNotes.authorId))
    .where(eq(opportunityNotes.opportunityId, opportunityId))
    .orderBy(desc(opportunityNotes.createdAt), desc(opportunityNotes.id));

export async function insertNote(db: DbOrTx, values: typeof opportunityNotes.$inferInsert) {
  const [row] = await db.insert(opportunityNotes).values(values).returning();
  return row;
}

export const listAttachments = (db: DbOrTx, opportunityId: number) =>
  db
    .select({ attachment: opportunityAttachments, uploadedByName: users.displayName })
    .from(opportunityAttachments)
    .leftJoin(users, eq(users.id, opportunityAttachments.uploadedBy))
    .where(eq(opportunityAttachments.opportunityId, opportunityId))
    .orderBy(desc(opportunityAttachments.uploadedAt));

export async function insertAttachment(db: DbOrTx, values: typeof opportunityAttachments.$inferInsert) {
  const [row] = await db.insert(opportunityAttachments).values(values).returning();
  return row;
}

export const findAttachment = async (db: DbOrTx, opportunityId: number, id: number) =>
  (
    await db
      .select()
      .from(opportunityAttachments)
      .where(and(eq(opportunityAttachments.id, id), eq(opportunityAttachments.opportunityId, opportunityId)))
  )[0];

// ---------------------------------------------------------------- solution options

export const listOptions = (db: DbOrTx, opportunityId: number) =>
  db
    .select()
    .from(solutionOptions)
    .where(eq(solutionOptions.opportunityId, opportunityId))
    .orderBy(asc(solutionOptions.id));

export const listOptionItems = (db: DbOrTx, optionIds: number[]) =>
  optionIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          item: solutionOptionItems,
          offeringNameZh: productOfferings.nameZh,
          offeringNameEn: productOfferings.nameEn,
        })
        .from(solutionOptionItems)
        .innerJoin(productOfferings, eq(productOfferings.id, solutionOptionItems.offeringId))
        .where(inArray(solutionOptionItems.optionId, optionIds))
        .orderBy(asc(solutionOptionItems.id));

export async function insertOption(db: DbOrTx, values: typeof solutionOptions.$inferInsert) {
  const [row] = await db.insert(solutionOptions).values(values).returning();
  return row;
}

export async function insertOptionItems(db: DbOrTx, rows: (typeof solutionOptionItems.$inferInsert)[]) {
  return db.insert(solutionOptionItems).values(rows).returning();
}

export async function deleteOption(db: DbOrTx, opportunityId: number, id: number) {
  const [row] = await db
    .delete(solutionOptions)
    .where(and(eq(solutionOptions.id, id), eq(solutionOptions.opportunityId, opportunityId)))
    .returning();
  return row;
}

export async function markChosen(db: DbOrTx, opportunityId: number, optionId: number) {
  await db
    .update(solutionOptions)
    .set({ chosen: sql`${solutionOptions.id} = ${optionId}` })
    .where(eq(solutionOptions.opportunityId, opportunityId));
}

/**
 * Active users of a role working on the organisation branch of a unit (that unit or one above it), the nearest
 * unit's only (a city's back office before the province's). Read-only, for routing forwarded notes.
 */
export async function nearestStaffAbove(db: DbOrTx, role: string, orgUnitId: number): Promise<number[]> {
  const rows = (
    (await db.execute(sql`
      select u.id, length(o.path) as depth from users u
      join org_units o on o.id = u.org_unit_id
      join org_units c on c.id = ${orgUnitId}
      where u.role = ${role} and u.active and c.path like o.path || '%'
      order by length(o.path) desc, u.id`)) as unknown as { rows: { id: number; depth: number }[] }
  ).rows;
  const nearest = rows[0]?.depth;
  return rows.filter((r) => r.depth === nearest).map((r) => Number(r.id));
}

/** One item of an option of an opportunity, with its offering's family, list price and names; locked. */
export async function lockOptionItem(db: DbOrTx, opportunityId: number, optionId: number, itemId: number) {
  const [row] = await db
    .select({
      item: solutionOptionItems,
      family: productOfferings.family,
      listMonthlyFen: productOfferings.defaultMonthlyFen,
      offeringNameZh: productOfferings.nameZh,
      offeringNameEn: productOfferings.nameEn,
    })
    .from(solutionOptionItems)
    .innerJoin(solutionOptions, eq(solutionOptions.id, solutionOptionItems.optionId))
    .innerJoin(productOfferings, eq(productOfferings.id, solutionOptionItems.offeringId))
    .where(
      and(
        eq(solutionOptionItems.id, itemId),
        eq(solutionOptionItems.optionId, optionId),
        eq(solutionOptions.opportunityId, opportunityId),
      ),
    )
    .for('update', { of: solutionOptionItems });
  return row;
}

export const updateOptionItemPrice = async (db: DbOrTx, itemId: number, monthlyFen: number) =>
  (await db.update(solutionOptionItems).set({ monthlyFen }).where(eq(solutionOptionItems.id, itemId)).returning())[0];

/** Sets an item's price from one value to another (a rejected quote's item back to list); false when it changed. */
export const revertOptionItemPrice = async (db: DbOrTx, itemId: number, fromFen: number, toFen: number) =>
  (
    await db
      .update(solutionOptionItems)
      .set({ monthlyFen: toFen })
      .where(and(eq(solutionOptionItems.id, itemId), eq(solutionOptionItems.monthlyFen, fromFen)))
      .returning({ id: solutionOptionItems.id })
  ).length > 0;
