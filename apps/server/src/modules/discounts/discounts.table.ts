import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { userRoles, users } from '../org/org.table';

export const discountOrgLevels = ['any', 'group', 'province', 'city', 'district'] as const;
export const discountFamilies = [
  'any',
  'voice',
  'data',
  'mobile',
  'dedicated_line',
  'idc_cloud',
  'value_added',
] as const;

/**
 * Discount authority (优惠权限): per role, org level of the granter's unit and product family ('any' = every family)
 * the largest discount (basis points of the current monthly price) and the largest discount amount per month
 * (null: no cap). The most specific row wins (exact family before 'any', then exact level before 'any'). Every
 * change bumps `version` and is audited; defaults are seeded from code on first use.
 */
export const discountAuthority = pgTable(
  'discount_authority',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    role: text('role', { enum: userRoles }).notNull(),
    orgLevel: text('org_level', { enum: discountOrgLevels }).notNull().default('any'),
    productFamily: text('product_family', { enum: discountFamilies }).notNull().default('any'),
    maxDiscountBp: integer('max_discount_bp').notNull(),
    maxMonthlyFen: bigint('max_monthly_fen', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('discount_authority_key_uq').on(t.role, t.orgLevel, t.productFamily)],
);

/**
 * A discount asked for on a customer's product (a quote or a price review): within the requester's authority it
 * takes effect at once; beyond it, it waits for an approver up the chain and the price changes only on approval.
 */
export const discountRequests = pgTable(
  'discount_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** The customer's product whose price changes (price reviews, quotes on held products); null for option items. */
    productInstanceId: integer('product_instance_id'),
    /** A quote on a solution-option item (S1): the item's monthly price changes on approval. */
    opportunityId: integer('opportunity_id'),
    solutionOptionId: integer('solution_option_id'),
    solutionOptionItemId: integer('solution_option_item_id'),
    productFamily: text('product_family').notNull(),
    source: text('source', { enum: ['quote', 'price_review'] })
      .notNull()
      .default('quote'),
    listMonthlyFen: bigint('list_monthly_fen', { mode: 'number' }).notNull(),
    requestedMonthlyFen: bigint('requested_monthly_fen', { mode: 'number' }).notNull(),
    discountBp: integer('discount_bp').notNull(),
    discountMonthlyFen: bigint('discount_monthly_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    /** The requester's own authority when asking (null: none at all), kept to show why the request went up. */
    requesterLimit: jsonb('requester_limit').$type<{ maxDiscountBp: number; maxMonthlyFen: number | null }>(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    requestedBy: integer('requested_by').references(() => users.id),
    /** Who was asked to approve (the nearest in the chain whose authority covers it). */
    approverId: integer('approver_id').references(() => users.id),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('discount_requests_customer_idx').on(t.customerId),
    index('discount_requests_status_idx').on(t.status, t.createdAt),
    index('discount_requests_requester_idx').on(t.requestedBy),
    index('discount_requests_approver_idx').on(t.approverId, t.status),
    index('discount_requests_option_item_idx').on(t.solutionOptionItemId),
  ],
);
