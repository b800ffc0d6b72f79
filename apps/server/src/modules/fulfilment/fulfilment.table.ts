import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { users } from '../org/org.table';
import { productOfferings } from '../products/products.table';

const orderStatuses = ['in_progress', 'completed', 'cancelled'] as const;

/** A KA service order, created when the customer chooses a solution option (DOMAIN.md 5.1). */
export const serviceOrders = pgTable(
  'service_orders',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orderNo: text('order_no').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    opportunityId: integer('opportunity_id'),
    optionId: integer('option_id'),
    title: text('title').notNull(),
    amId: integer('am_id').references(() => users.id),
    status: text('status', { enum: orderStatuses }).notNull().default('in_progress'),
    termMonths: integer('term_months'),
    billingStartDate: date('billing_start_date'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_orders_no_uq').on(t.orderNo),
    index('service_orders_customer_idx').on(t.customerId),
    index('service_orders_am_idx').on(t.amId, t.status),
  ],
);

export const serviceOrderItems = pgTable(
  'service_order_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer('order_id')
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    offeringId: integer('offering_id')
      .notNull()
      .references(() => productOfferings.id),
    description: text('description'),
    quantity: integer('quantity').notNull(),
    oneTimeFen: bigint('one_time_fen', { mode: 'number' }).notNull().default(0),
    monthlyFen: bigint('monthly_fen', { mode: 'number' }).notNull().default(0),
    /** Service number / circuit id recorded during the network build (optional). */
    serviceNumber: text('service_number'),
    productInstanceId: integer('product_instance_id'),
  },
  (t) => [index('service_order_items_order_idx').on(t.orderId)],
);

const stepKinds = ['accept', 'network_build', 'test', 'customer_confirmation', 'billing_start'] as const;
const departments = ['business', 'network', 'account_management', 'billing'] as const;

/** One fulfilment step: owning department, assignee, due date, done date. Steps complete in order. */
export const serviceOrderSteps = pgTable(
  'service_order_steps',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer('order_id')
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: stepKinds }).notNull(),
    department: text('department', { enum: departments }).notNull(),
    assigneeId: integer('assignee_id').references(() => users.id),
    dueDate: date('due_date').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: integer('done_by').references(() => users.id),
    note: text('note'),
    /** customer_confirmation: { kind: 'document' | 'signed_record', signer, signedOn, document? }. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>(),
    alertedAt: timestamp('alerted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('service_order_steps_order_seq_uq').on(t.orderId, t.seq),
    index('service_order_steps_assignee_idx').on(t.assigneeId, t.doneAt),
    index('service_order_steps_due_idx').on(t.dueDate),
  ],
);
