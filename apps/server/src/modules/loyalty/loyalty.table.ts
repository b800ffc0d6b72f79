import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { users } from '../org/org.table';

const ledgerKinds = ['earn_bill', 'bonus_event', 'bonus_referral', 'redeem', 'expire', 'adjust'] as const;

/** One points account per club member: the balance, kept never negative by a check in the database as well. */
export const loyaltyAccounts = pgTable(
  'loyalty_accounts',
  {
    customerId: integer('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    balance: integer('balance').notNull().default(0),
    earnedTotal: integer('earned_total').notNull().default(0),
    redeemedTotal: integer('redeemed_total').notNull().default(0),
    expiredTotal: integer('expired_total').notNull().default(0),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('loyalty_accounts_balance_nonneg', sql`${t.balance} >= 0`)],
);

/**
 * Every points movement (earn, bonus, redemption, expiry). `sourceKey` names what caused it (`bill:123`,
 * `event:5`, `referral:77`, `redemption:9`, `expire:2026-12-31`): unique per member, so earning is idempotent.
 */
export const loyaltyLedger = pgTable(
  'loyalty_ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ledgerKinds }).notNull(),
    points: integer('points').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    sourceKey: text('source_key').notNull(),
    billId: bigint('bill_id', { mode: 'number' }),
    paidFen: bigint('paid_fen', { mode: 'number' }),
    multiplierPct: integer('multiplier_pct'),
    /** Business date (Asia/Shanghai) of the movement. */
    bookedOn: date('booked_on').notNull(),
    /** Earnings only: the last day the points are valid (end of the following year). */
    expiresOn: date('expires_on'),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('loyalty_ledger_source_uq').on(t.customerId, t.sourceKey),
    index('loyalty_ledger_customer_idx').on(t.customerId, t.id),
    index('loyalty_ledger_expiry_idx').on(t.expiresOn).where(sql`${t.expiresOn} is not null`),
    index('loyalty_ledger_kind_idx').on(t.kind, t.bookedOn),
  ],
);

/** The reward catalogue points are redeemed against; `stock` null = unlimited; valid between the dates (inclusive). */
export const loyaltyRewards = pgTable(
  'loyalty_rewards',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    pointsCost: integer('points_cost').notNull(),
    stock: integer('stock'),
    /** First and last business day the reward can be redeemed (null = open-ended). */
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('loyalty_rewards_code_uq').on(t.code),
    check('loyalty_rewards_stock_nonneg', sql`${t.stock} is null or ${t.stock} >= 0`),
    check('loyalty_rewards_cost_pos', sql`${t.pointsCost} > 0`),
    check(
      'loyalty_rewards_validity',
      sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`,
    ),
  ],
);

/** A reward taken by a member, with the ledger movement that paid for it. */
export const loyaltyRedemptions = pgTable(
  'loyalty_redemptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    rewardId: integer('reward_id')
      .notNull()
      .references(() => loyaltyRewards.id),
    quantity: integer('quantity').notNull(),
    points: integer('points').notNull(),
    ledgerId: bigint('ledger_id', { mode: 'number' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('loyalty_redemptions_customer_idx').on(t.customerId, t.createdAt),
    index('loyalty_redemptions_reward_idx').on(t.rewardId),
  ],
);
