import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { users } from '../org/org.table';

/** TMF683 PartyInteraction: any contact with the customer. */
export const interactions = pgTable(
  'interactions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    channel: text('channel', {
      enum: ['phone', 'visit', 'counter', 'email', 'sms', 'wechat', 'web', 'other'],
    }).notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    summary: text('summary').notNull(),
    userId: integer('user_id').references(() => users.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('interactions_customer_idx').on(t.customerId, t.occurredAt),
    index('interactions_user_idx').on(t.userId),
  ],
);
