import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { customers } from '../../customers/customers.table';
import { users } from '../../org/org.table';
import { tickets } from '../tickets/tickets.table';

/** Calls waiting for an agent, answered by priority (tier / importance / type / severity) and then waiting time. */
export const hotlineCalls = pgTable(
  'hotline_calls',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    phone: text('phone').notNull(),
    customerId: integer('customer_id').references(() => customers.id),
    customerName: text('customer_name'),
    category: text('category', { enum: ['key_account', 'business', 'public'] }),
    tier: text('tier', { enum: ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'] }),
    importance: text('importance', { enum: ['important', 'extra_large', 'ordinary', 'below_threshold'] }),
    intent: text('intent', {
      enum: ['consultation', 'complaint', 'fault_report', 'service_order', 'suggestion'],
    }).notNull(),
    severity: text('severity', { enum: ['critical', 'major', 'minor'] }).notNull(),
    priority: integer('priority').notNull(),
    status: text('status', { enum: ['waiting', 'answered', 'abandoned'] })
      .notNull()
      .default('waiting'),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull().defaultNow(),
    answeredBy: integer('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    ticketId: integer('ticket_id').references(() => tickets.id),
  },
  (t) => [index('hotline_calls_waiting_idx').on(t.status, t.priority, t.arrivedAt)],
);
