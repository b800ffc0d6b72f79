import { date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { users } from '../org/org.table';

const retentionActionKinds = ['call', 'visit', 'offer', 'price_review'] as const;
const retentionOutcomes = ['pending', 'saved', 'lost'] as const;

/** A retention action on a customer at risk (call, visit, offer, price review), with its outcome. */
export const churnRetentionActions = pgTable(
  'churn_retention_actions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: retentionActionKinds }).notNull(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    dueDate: date('due_date').notNull(),
    outcome: text('outcome', { enum: retentionOutcomes }).notNull().default('pending'),
    note: text('note'),
    /** The scoring run that put the customer on the risk list (linked to the scoring runs by the merger). */
    scoringRunId: integer('scoring_run_id'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('churn_retention_actions_customer_idx').on(t.customerId, t.createdAt),
    index('churn_retention_actions_owner_idx').on(t.ownerId, t.outcome, t.dueDate),
    index('churn_retention_actions_run_idx').on(t.scoringRunId),
  ],
);
