import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { contacts, customers } from '../customers/customers.table';
import { orgUnits, users } from '../org/org.table';

/**
 * Price reviews of dedicated lines (S3): when the price of a line is next due for review against the market.
 * Kept here rather than on product_instances (owned by the products module).
 */
export const priceReviews = pgTable(
  'price_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    productInstanceId: integer('product_instance_id').notNull(),
    nextReviewDate: date('next_review_date').notNull(),
    lastReviewedAt: date('last_reviewed_at'),
    intervalMonths: integer('interval_months').notNull().default(12),
    /** What a competitor offered for the same line, when known (fen per month). */
    competitorOfferFen: bigint('competitor_offer_fen', { mode: 'number' }),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('price_reviews_product_uq').on(t.productInstanceId),
    index('price_reviews_customer_idx').on(t.customerId),
    index('price_reviews_due_idx').on(t.nextReviewDate),
  ],
);

/** Preventive checks of critical lines (e.g. bank dedicated lines), repeated every `intervalDays`. */
export const lineChecks = pgTable(
  'line_checks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    productInstanceId: integer('product_instance_id'),
    description: text('description').notNull(),
    intervalDays: integer('interval_days').notNull().default(90),
    nextDueDate: date('next_due_date').notNull(),
    lastDoneDate: date('last_done_date'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('line_checks_customer_idx').on(t.customerId), index('line_checks_due_idx').on(t.nextDueDate)],
);

const clubEventKinds = ['golf', 'forum', 'tech_tour', 'demo_hall', 'other'] as const;

/** Key-account club events (S6): members pay most of the cost, sponsors give prizes, the club subsidises part. */
export const clubEvents = pgTable(
  'club_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    kind: text('kind', { enum: clubEventKinds }).notNull(),
    eventDate: date('event_date').notNull(),
    location: text('location'),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    memberFeeFen: bigint('member_fee_fen', { mode: 'number' }).notNull().default(0),
    clubSubsidyFen: bigint('club_subsidy_fen', { mode: 'number' }).notNull().default(0),
    sponsors: text('sponsors'),
    description: text('description'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('club_events_date_idx').on(t.eventDate)],
);

const invitationStatuses = ['invited', 'accepted', 'declined', 'attended', 'no_show'] as const;

export const clubEventInvitations = pgTable(
  'club_event_invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer('event_id')
      .notNull()
      .references(() => clubEvents.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    invitedBy: integer('invited_by').references(() => users.id),
    status: text('status', { enum: invitationStatuses }).notNull().default('invited'),
    /** The opportunity that came out of the event, if any. */
    leadOpportunityId: integer('lead_opportunity_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('club_event_invitations_uq')
      .on(t.eventId, t.customerId, t.contactId)
      .where(sql`${t.contactId} is not null`),
    uniqueIndex('club_event_invitations_customer_uq').on(t.eventId, t.customerId).where(sql`${t.contactId} is null`),
    index('club_event_invitations_customer_idx').on(t.customerId),
  ],
);
