import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { contacts, customers } from '../customers/customers.table';
import { users } from '../org/org.table';

const entitlementCategories = [
  'consultation',
  'account_manager',
  'training',
  'club',
  'hotline',
  'repair',
  'line_check',
] as const;
const entitlementPeriods = ['month', 'quarter', 'year', 'none'] as const;
const entitlementUnits = ['times', 'hours', 'service'] as const;

/** Catalogue of differentiated service entitlements (DOMAIN.md section 4). */
export const entitlementTypes = pgTable(
  'entitlement_types',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    category: text('category', { enum: entitlementCategories }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** `times`: counted uses; `hours`: a time limit (value); `service`: a standing service (not counted). */
    unit: text('unit', { enum: entitlementUnits }).notNull(),
    /** The period an allowance is counted over. */
    period: text('period', { enum: entitlementPeriods }).notNull(),
    /** Only for holders of a club card (e.g. the airport VIP lounge). */
    clubCardOnly: boolean('club_card_only').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('entitlement_types_code_uq').on(t.code)],
);

/** What each tier gets of a type: an allowance per period (null = unlimited) and/or a value (e.g. repair hours). */
export const entitlementTierRules = pgTable(
  'entitlement_tier_rules',
  {
    typeId: integer('type_id')
      .notNull()
      .references(() => entitlementTypes.id, { onDelete: 'cascade' }),
    tier: text('tier').notNull(),
    allowance: integer('allowance'),
    value: integer('value'),
    enabled: boolean('enabled').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.typeId, t.tier] })],
);

/** Entitlements bound to a customer from its grading; `validTo` null = current. */
export const customerEntitlements = pgTable(
  'customer_entitlements',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    typeId: integer('type_id')
      .notNull()
      .references(() => entitlementTypes.id),
    tier: text('tier').notNull(),
    allowance: integer('allowance'),
    value: integer('value'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customer_entitlements_customer_idx').on(t.customerId, t.validTo),
    uniqueIndex('customer_entitlements_current_uq').on(t.customerId, t.typeId).where(sql`${t.validTo} is null`),
  ],
);

/** One use of an entitlement: who used what, when; flagged when it went beyond the period allowance. */
export const entitlementUsages = pgTable(
  'entitlement_usages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    typeId: integer('type_id')
      .notNull()
      .references(() => entitlementTypes.id),
    usedOn: date('used_on').notNull(),
    periodKey: text('period_key').notNull(),
    quantity: integer('quantity').notNull().default(1),
    usedBy: text('used_by'),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    note: text('note'),
    overAllowance: boolean('over_allowance').notNull().default(false),
    recordedBy: integer('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('entitlement_usages_customer_idx').on(t.customerId, t.typeId, t.periodKey)],
);

const clubCards = ['diamond', 'gold', 'silver'] as const;

/** Key-account club (大客户俱乐部) membership by card. */
export const clubMemberships = pgTable('club_memberships', {
  customerId: integer('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  card: text('card', { enum: clubCards }).notNull(),
  cardNo: text('card_no'),
  since: date('since').notNull(),
  points: integer('points').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
