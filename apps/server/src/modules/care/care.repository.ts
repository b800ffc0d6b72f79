import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { contacts, customers, parties } from '../customers/customers.table';
import { productInstances } from '../products/products.table';
import { clubEventInvitations, clubEvents, lineChecks, priceReviews } from './care.table';

export type PriceReviewRow = typeof priceReviews.$inferSelect;
export type LineCheckRow = typeof lineChecks.$inferSelect;
export type EventRow = typeof clubEvents.$inferSelect;

// ---------------------------------------------------------------- price reviews

export const listPriceReviews = (db: DbOrTx, customerIds: number[]) =>
  customerIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          review: priceReviews,
          serviceNumber: productInstances.serviceNumber,
          monthlyFen: productInstances.monthlyFen,
        })
        .from(priceReviews)
        .leftJoin(productInstances, eq(productInstances.id, priceReviews.productInstanceId))
        .where(inArray(priceReviews.customerId, customerIds))
        .orderBy(asc(priceReviews.nextReviewDate), asc(priceReviews.id));

export const findPriceReview = async (db: DbOrTx, id: number) =>
  (await db.select().from(priceReviews).where(eq(priceReviews.id, id)))[0];

export async function upsertPriceReview(db: DbOrTx, values: typeof priceReviews.$inferInsert) {
  const [row] = await db
    .insert(priceReviews)
    .values(values)
    .onConflictDoUpdate({
      target: priceReviews.productInstanceId,
      set: {
        nextReviewDate: values.nextReviewDate,
        intervalMonths: values.intervalMonths,
        competitorOfferFen: values.competitorOfferFen,
        note: values.note,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row;
}

export async function updatePriceReview(db: DbOrTx, id: number, values: Partial<typeof priceReviews.$inferInsert>) {
  const [row] = await db
    .update(priceReviews)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(priceReviews.id, id))
    .returning();
  return row;
}

/** Price reviews past due on `asOf` for the customers (warnings engine). */
export const overdueReviews = (db: DbOrTx, customerIds: number[], asOf: string) =>
  customerIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(priceReviews)
        .where(and(inArray(priceReviews.customerId, customerIds), sql`${priceReviews.nextReviewDate} < ${asOf}`));

// ---------------------------------------------------------------- line checks

export const listLineChecks = (db: DbOrTx, customerIds: number[]) =>
  customerIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(lineChecks)
        .where(inArray(lineChecks.customerId, customerIds))
        .orderBy(asc(lineChecks.nextDueDate));

export const findLineCheck = async (db: DbOrTx, id: number) =>
  (await db.select().from(lineChecks).where(eq(lineChecks.id, id)))[0];

export async function insertLineCheck(db: DbOrTx, values: typeof lineChecks.$inferInsert) {
  const [row] = await db.insert(lineChecks).values(values).returning();
  return row;
}

export const deleteLineCheck = (db: DbOrTx, id: number) => db.delete(lineChecks).where(eq(lineChecks.id, id));

export async function updateLineCheck(db: DbOrTx, id: number, values: Partial<typeof lineChecks.$inferInsert>) {
  const [row] = await db
    .update(lineChecks)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(lineChecks.id, id))
    .returning();
  return row;
}

// ---------------------------------------------------------------- club events

export async function insertEvent(db: DbOrTx, values: typeof clubEvents.$inferInsert) {
  const [row] = await db.insert(clubEvents).values(values).returning();
  return row;
}

export const findEvent = async (db: DbOrTx, id: number) =>
  (await db.select().from(clubEvents).where(eq(clubEvents.id, id)))[0];

/** Events of the given org units (null = all) in a date window. */
export const listEvents = (db: DbOrTx, orgUnitIds: number[] | null, from: string, to: string) =>
  db
    .select()
    .from(clubEvents)
    .where(
      and(
        orgUnitIds ? inArray(clubEvents.orgUnitId, orgUnitIds.length ? orgUnitIds : [0]) : undefined,
        gte(clubEvents.eventDate, from),
        lte(clubEvents.eventDate, to),
      ),
    )
    .orderBy(asc(clubEvents.eventDate), asc(clubEvents.id));

/** Invitations of events whose customer is visible in the scope. */
export const listInvitations = (db: DbOrTx, scope: Scope, eventIds: number[]) =>
  eventIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ invitation: clubEventInvitations, customerName: parties.name, contactName: contacts.name })
        .from(clubEventInvitations)
        .innerJoin(customers, eq(customers.id, clubEventInvitations.customerId))
        .innerJoin(parties, eq(parties.id, customers.partyId))
        .leftJoin(contacts, eq(contacts.id, clubEventInvitations.contactId))
        .where(and(inArray(clubEventInvitations.eventId, eventIds), customerScopeSql(scope, 'customers')))
        .orderBy(asc(clubEventInvitations.id));

/** Invitations of the customers to events in a window (the care calendar). */
export const invitationsOfCustomers = (db: DbOrTx, customerIds: number[], from: string, to: string) =>
  customerIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          eventId: clubEvents.id,
          title: clubEvents.title,
          eventDate: clubEvents.eventDate,
          customerId: clubEventInvitations.customerId,
          status: clubEventInvitations.status,
        })
        .from(clubEventInvitations)
        .innerJoin(clubEvents, eq(clubEvents.id, clubEventInvitations.eventId))
        .where(
          and(
            inArray(clubEventInvitations.customerId, customerIds),
            gte(clubEvents.eventDate, from),
            lte(clubEvents.eventDate, to),
          ),
        );

export async function insertInvitation(db: DbOrTx, values: typeof clubEventInvitations.$inferInsert) {
  const [row] = await db.insert(clubEventInvitations).values(values).onConflictDoNothing().returning();
  return row;
}

export const findInvitation = async (db: DbOrTx, id: number) =>
  (await db.select().from(clubEventInvitations).where(eq(clubEventInvitations.id, id)))[0];

export async function updateInvitation(
  db: DbOrTx,
  id: number,
  values: Partial<typeof clubEventInvitations.$inferInsert>,
) {
  const [row] = await db
    .update(clubEventInvitations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(clubEventInvitations.id, id))
    .returning();
  return row;
}
