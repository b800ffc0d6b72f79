import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../../customers/customers.table';
import { users } from '../../org/org.table';
import { departments, tickets } from '../tickets/tickets.table';

const commitmentTypes = ['plan_change', 'discount', 'compensation', 'repair', 'delivery', 'other'] as const;

/** Every promise made to a customer (承诺): what, by when, by whom, within the bottom line or approved. */
export const commitments = pgTable(
  'commitments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    type: text('type', { enum: commitmentTypes }).notNull(),
    what: text('what').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    promiserId: integer('promiser_id')
      .notNull()
      .references(() => users.id),
    departmentId: integer('department_id').references(() => departments.id),
    ticketId: integer('ticket_id').references(() => tickets.id),
    /** Opportunities and orders belong to later modules: plain references for now. */
    opportunityId: integer('opportunity_id'),
    orderRef: text('order_ref'),
    status: text('status', {
      enum: ['pending_approval', 'open', 'fulfilled', 'overdue', 'cancelled', 'rejected'],
    }).notNull(),
    withinLimit: boolean('within_limit').notNull(),
    limitFen: bigint('limit_fen', { mode: 'number' }),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    evidence: text('evidence'),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('commitments_customer_idx').on(t.customerId, t.status),
    index('commitments_promiser_idx').on(t.promiserId, t.status),
    index('commitments_due_idx').on(t.status, t.dueAt),
    index('commitments_ticket_idx').on(t.ticketId),
  ],
);

/** The bottom line: the largest amount a role may promise per commitment type without approval. */
export const commitmentLimits = pgTable(
  'commitment_limits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    type: text('type', { enum: commitmentTypes }).notNull(),
    role: text('role', {
      enum: ['admin', 'manager', 'account_manager', 'agent', 'back_office', 'quality', 'marketing', 'finance'],
    }).notNull(),
    maxAmountFen: bigint('max_amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('commitment_limits_type_role_uq').on(t.type, t.role)],
);
