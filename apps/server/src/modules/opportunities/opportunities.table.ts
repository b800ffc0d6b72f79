import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { users } from '../org/org.table';
import { productOfferings } from '../products/products.table';

const opportunityStages = ['lead', 'qualifying', 'solution', 'proposal', 'negotiation', 'won', 'lost'] as const;

/** A sales opportunity with a key account (prospects included). Money in fen. */
export const opportunities = pgTable(
  'opportunities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    description: text('description'),
    stage: text('stage', { enum: opportunityStages }).notNull().default('lead'),
    estMonthlyFen: bigint('est_monthly_fen', { mode: 'number' }).notNull().default(0),
    estOneTimeFen: bigint('est_one_time_fen', { mode: 'number' }).notNull().default(0),
    expectedClose: date('expected_close'),
    competitor: text('competitor'),
    lostReason: text('lost_reason'),
    chosenOptionId: integer('chosen_option_id'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('opportunities_customer_idx').on(t.customerId),
    index('opportunities_owner_idx').on(t.ownerId, t.stage),
  ],
);

/** Forecast needs by phase, e.g. 100 lines + 1 console during construction, 1,000 lines + 2 consoles at opening. */
export const opportunityNeeds = pgTable(
  'opportunity_needs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    opportunityId: integer('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    phase: text('phase').notNull(),
    item: text('item').notNull(),
    offeringId: integer('offering_id').references(() => productOfferings.id),
    quantity: integer('quantity').notNull(),
    neededBy: date('needed_by'),
    notes: text('notes'),
  },
  (t) => [index('opportunity_needs_opportunity_idx').on(t.opportunityId)],
);

const noteDepartments = ['business', 'network', 'billing', 'account_management'] as const;

/** Progress notes (e.g. construction progress); `forwardedTo` names the department it was forwarded to. */
export const opportunityNotes = pgTable(
  'opportunity_notes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    opportunityId: integer('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    forwardedTo: text('forwarded_to', { enum: noteDepartments }),
    authorId: integer('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('opportunity_notes_opportunity_idx').on(t.opportunityId, t.createdAt)],
);

/** Files attached to an opportunity (building plans ...), stored under the data directory by a random key. */
export const opportunityAttachments = pgTable(
  'opportunity_attachments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    opportunityId: integer('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    description: text('description'),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('opportunity_attachments_opportunity_idx').on(t.opportunityId),
    uniqueIndex('opportunity_attachments_key_uq').on(t.storageKey),
  ],
);

/** One solution option designed for an opportunity (S1: Centrex, analogue trunk, digital circuit). */
export const solutionOptions = pgTable(
  'solution_options',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    opportunityId: integer('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    summary: text('summary'),
    termMonths: integer('term_months').notNull(),
    investmentFen: bigint('investment_fen', { mode: 'number' }).notNull().default(0),
    chosen: boolean('chosen').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('solution_options_opportunity_idx').on(t.opportunityId)],
);

/** A product line of an option: unit charges in fen, times the quantity. */
export const solutionOptionItems = pgTable(
  'solution_option_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    optionId: integer('option_id')
      .notNull()
      .references(() => solutionOptions.id, { onDelete: 'cascade' }),
    offeringId: integer('offering_id')
      .notNull()
      .references(() => productOfferings.id),
    description: text('description'),
    quantity: integer('quantity').notNull(),
    oneTimeFen: bigint('one_time_fen', { mode: 'number' }).notNull().default(0),
    monthlyFen: bigint('monthly_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('solution_option_items_option_idx').on(t.optionId)],
);
