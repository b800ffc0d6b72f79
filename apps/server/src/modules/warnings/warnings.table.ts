import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { orgUnits, users } from '../org/org.table';

const warningRuleCodes = [
  'spend_drop',
  'consecutive_decline',
  'arrears',
  'contract_expiring',
  'tier_downgrade',
  'no_contact',
  'price_review_overdue',
  'unresolved_complaints',
  'churn_risk',
] as const;

/** Per-rule settings: thresholds and on/off, globally (org unit null) or for an org unit subtree. */
export const warningRuleSettings = pgTable(
  'warning_rule_settings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ruleCode: text('rule_code', { enum: warningRuleCodes }).notNull(),
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull(),
    params: jsonb('params').$type<Record<string, number>>().notNull().default({}),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('warning_rule_settings_uq').on(t.ruleCode, sql`coalesce(${t.orgUnitId}, 0)`)],
);

const warningStatuses = ['open', 'acknowledged', 'closed'] as const;
const warningSeverities = ['low', 'medium', 'high'] as const;

/** One early warning about a customer; (customer, rule, cause) is unique so a cause never warns twice. */
export const warnings = pgTable(
  'warnings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ruleCode: text('rule_code', { enum: warningRuleCodes }).notNull(),
    causeKey: text('cause_key').notNull(),
    severity: text('severity', { enum: warningSeverities }).notNull(),
    /** The facts that raised it (amounts, dates, counts), for the message. */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull().default({}),
    assigneeId: integer('assignee_id').references(() => users.id),
    status: text('status', { enum: warningStatuses }).notNull().default('open'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: integer('closed_by').references(() => users.id),
    closeNote: text('close_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('warnings_cause_uq').on(t.customerId, t.ruleCode, t.causeKey),
    index('warnings_assignee_idx').on(t.assigneeId, t.status),
    index('warnings_status_idx').on(t.status, t.createdAt),
  ],
);
