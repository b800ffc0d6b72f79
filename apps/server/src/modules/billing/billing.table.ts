import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';

/** TM Forum Account (TMF666 BillingAccount). */
export const billingAccounts = pgTable(
  'billing_accounts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    accountNo: text('account_no').notNull(),
    name: text('name').notNull(),
    paymentMethod: text('payment_method', { enum: ['cash', 'bank_debit', 'transfer', 'prepaid'] })
      .notNull()
      .default('cash'),
    billCycleDay: integer('bill_cycle_day').notNull().default(1),
    status: text('status', { enum: ['active', 'suspended', 'closed'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('billing_accounts_no_uq').on(t.accountNo),
    index('billing_accounts_customer_idx').on(t.customerId),
  ],
);

/** One bill per account and month. Money is integer fen. */
export const bills = pgTable(
  'bills',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => billingAccounts.id, { onDelete: 'cascade' }),
    /** Denormalised from the account so per-customer spend needs no join. */
    customerId: integer('customer_id').notNull(),
    /** Billing period, "YYYY-MM". */
    period: text('period').notNull(),
    localVoiceFen: bigint('local_voice_fen', { mode: 'number' }).notNull().default(0),
    longDistanceFen: bigint('long_distance_fen', { mode: 'number' }).notNull().default(0),
    internationalFen: bigint('international_fen', { mode: 'number' }).notNull().default(0),
    dataFen: bigint('data_fen', { mode: 'number' }).notNull().default(0),
    valueAddedFen: bigint('value_added_fen', { mode: 'number' }).notNull().default(0),
    rentalFen: bigint('rental_fen', { mode: 'number' }).notNull().default(0),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
    arrearsFen: bigint('arrears_fen', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bills_account_period_uq').on(t.accountId, t.period),
    index('bills_customer_period_idx').on(t.customerId, t.period),
    index('bills_period_idx').on(t.period),
  ],
);
