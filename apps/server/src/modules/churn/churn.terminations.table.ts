import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { users } from '../org/org.table';

/** The configurable list of competitors a customer can leave for (churn direction). */
export const churnCompetitors = pgTable(
  'churn_competitors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(100),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('churn_competitors_code_uq').on(t.code)],
);

const terminationReasons = [
  'price',
  'competitor_offer',
  'service_quality',
  'network_quality',
  'contract_end',
  'relocation',
  'business_closed',
  'other',
] as const;

/** A customer's termination: when, why, to which competitor, what was lost. Sets the customer churned. */
export const churnTerminations = pgTable(
  'churn_terminations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    terminationDate: date('termination_date').notNull(),
    reasonCode: text('reason_code', { enum: terminationReasons }).notNull(),
    note: text('note'),
    competitorId: integer('competitor_id').references(() => churnCompetitors.id),
    portedOut: boolean('ported_out').notNull().default(false),
    linesLost: integer('lines_lost').notNull().default(0),
    monthlyValueLostFen: bigint('monthly_value_lost_fen', { mode: 'number' }).notNull().default(0),
    recordedBy: integer('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('churn_terminations_customer_idx').on(t.customerId, t.terminationDate),
    index('churn_terminations_date_idx').on(t.terminationDate),
    index('churn_terminations_competitor_idx').on(t.competitorId),
  ],
);
