import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits, users } from '../org/org.table';

/** TM Forum SID Party: an organisation or an individual. */
export const parties = pgTable(
  'parties',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    partyType: text('party_type', { enum: ['organization', 'individual'] }).notNull(),
    name: text('name').notNull(),
    /** Organisation: 18-character Unified Social Credit Code (统一社会信用代码). */
    creditCode: text('credit_code'),
    /** Individual: 18-digit resident ID number. */
    idNumber: text('id_number'),
    mobile: text('mobile'),
    email: text('email'),
    address: text('address'),
    gender: text('gender', { enum: ['male', 'female'] }),
    birthDate: date('birth_date'),
    occupation: text('occupation'),
    ageBand: text('age_band'),
    incomeBand: text('income_band'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('parties_credit_code_uq').on(t.creditCode).where(sql`${t.creditCode} is not null`),
    uniqueIndex('parties_id_number_uq').on(t.idNumber).where(sql`${t.idNumber} is not null`),
    index('parties_mobile_idx').on(t.mobile),
    index('parties_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

export const customerCategories = ['key_account', 'business', 'public'] as const;
export const customerStatuses = ['prospect', 'active', 'suspended', 'churned'] as const;

/** TM Forum SID PartyRole Customer. */
export const customers = pgTable(
  'customers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    partyId: integer('party_id')
      .notNull()
      .references(() => parties.id),
    /** Stable number shown to staff and used by imports. */
    customerNo: text('customer_no').notNull(),
    externalId: text('external_id'),
    category: text('category', { enum: customerCategories }).notNull(),
    publicSubtype: text('public_subtype', { enum: ['residential', 'mobile'] }),
    status: text('status', { enum: customerStatuses }).notNull().default('active'),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    accountManagerId: integer('account_manager_id').references(() => users.id),
    industry: text('industry'),
    coverageLevel: text('coverage_level', { enum: ['national', 'provincial', 'local'] }),
    organizationType: text('organization_type', {
      enum: ['government', 'public_security', 'fortune500', 'education', 'enterprise', 'sme', 'other'],
    }),
    sinceDate: date('since_date'),
    referredByCustomerId: integer('referred_by_customer_id'),
    parentCustomerId: integer('parent_customer_id'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_customer_no_uq').on(t.customerNo),
    uniqueIndex('customers_external_id_uq').on(t.externalId).where(sql`${t.externalId} is not null`),
    index('customers_party_idx').on(t.partyId),
    index('customers_org_unit_idx').on(t.orgUnitId, t.id),
    index('customers_am_idx').on(t.accountManagerId, t.id),
    index('customers_category_idx').on(t.category, t.id),
    index('customers_parent_idx').on(t.parentCustomerId),
    index('customers_referred_by_idx').on(t.referredByCustomerId),
  ],
);

/** Customers explicitly shared with a user outside their own portfolio (e.g. a backup AM). */
export const customerShares = pgTable(
  'customer_shares',
  {
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.userId] }), index('customer_shares_user_idx').on(t.userId)],
);

export const decisionRoles = [
  'decision_maker',
  'technical_lead',
  'finance',
  'procurement',
  'user',
  'influencer',
] as const;

export const contacts = pgTable(
  'contacts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title'),
    mobile: text('mobile'),
    phone: text('phone'),
    email: text('email'),
    birthday: date('birthday'),
    interests: text('interests'),
    decisionRole: text('decision_role', { enum: decisionRoles }),
    attitude: text('attitude', { enum: ['supporter', 'neutral', 'opponent', 'unknown'] }),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contacts_customer_idx').on(t.customerId),
    index('contacts_mobile_idx').on(t.mobile),
    index('contacts_phone_idx').on(t.phone),
  ],
);
