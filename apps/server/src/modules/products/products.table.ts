import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { billingAccounts } from '../billing/billing.table';
import { customers } from '../customers/customers.table';

/** Product catalogue (TMF620 ProductOffering, simplified). */
export const productOfferings = pgTable(
  'product_offerings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    family: text('family', {
      enum: ['voice', 'data', 'mobile', 'dedicated_line', 'idc_cloud', 'value_added'],
    }).notNull(),
    defaultMonthlyFen: bigint('default_monthly_fen', { mode: 'number' }).notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('product_offerings_code_uq').on(t.code)],
);

/** Product inventory (TMF637 Product): a service number or circuit a customer holds. */
export const productInstances = pgTable(
  'product_instances',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    accountId: integer('account_id').references(() => billingAccounts.id),
    offeringId: integer('offering_id')
      .notNull()
      .references(() => productOfferings.id),
    /** Phone number, broadband login or circuit id. */
    serviceNumber: text('service_number').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    monthlyFen: bigint('monthly_fen', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: ['pending', 'active', 'suspended', 'terminated'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('product_instances_customer_idx').on(t.customerId),
    index('product_instances_account_idx').on(t.accountId),
    index('product_instances_service_number_idx').on(t.serviceNumber),
  ],
);

export const contracts = pgTable(
  'contracts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    contractNo: text('contract_no').notNull(),
    title: text('title').notNull(),
    startDate: date('start_date').notNull(),
    termMonths: integer('term_months').notNull(),
    endDate: date('end_date').notNull(),
    committedMonthlyFen: bigint('committed_monthly_fen', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: ['draft', 'active', 'expired', 'terminated'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contracts_no_uq').on(t.contractNo),
    index('contracts_customer_idx').on(t.customerId),
    index('contracts_end_date_idx').on(t.endDate),
  ],
);

export const contractProducts = pgTable(
  'contract_products',
  {
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    offeringId: integer('offering_id')
      .notNull()
      .references(() => productOfferings.id),
    quantity: integer('quantity').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.offeringId] })],
);
