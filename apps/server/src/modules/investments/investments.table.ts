import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { orgUnits, users } from '../org/org.table';

const statuses = ['draft', 'submitted', 'reviewed', 'approved', 'rejected'] as const;
const approverLevels = ['city', 'province', 'group'] as const;

export type StoredInvestmentInput = {
  capital: { kind: 'equipment' | 'construction' | 'labour' | 'other'; label: string; amountFen: number }[];
  yearlyOpexFen: number;
  oneOffRevenueFen: number;
  monthlyRevenueFen?: number;
  termRevenueFen?: number;
  termMonths: number;
  discountRateBp: number;
};

/**
 * A key-account project whose investment is evaluated (投资效益评估): linked to an opportunity and one of its solution
 * options, or standalone; always for a customer (whose org unit decides the row scope).
 */
export const investmentProjects = pgTable(
  'investment_projects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    opportunityId: integer('opportunity_id'),
    solutionOptionId: integer('solution_option_id'),
    description: text('description'),
    ownerId: integer('owner_id').references(() => users.id),
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('investment_projects_customer_idx').on(t.customerId),
    index('investment_projects_owner_idx').on(t.ownerId),
    index('investment_projects_opportunity_idx').on(t.opportunityId),
  ],
);

/**
 * One evaluation of a project (a version: a project can be evaluated again later, the history kept): its input and
 * the figures computed from it, and the approval steps (AM submits, the manager reviews, finance decides).
 */
export const investmentEvaluations = pgTable(
  'investment_evaluations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => investmentProjects.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: statuses }).notNull().default('draft'),
    input: jsonb('input').$type<StoredInvestmentInput>().notNull(),
    capitalFen: bigint('capital_fen', { mode: 'number' }).notNull(),
    opexFen: bigint('opex_fen', { mode: 'number' }).notNull(),
    totalRevenueFen: bigint('total_revenue_fen', { mode: 'number' }).notNull(),
    totalCostFen: bigint('total_cost_fen', { mode: 'number' }).notNull(),
    surplusFen: bigint('surplus_fen', { mode: 'number' }).notNull(),
    paybackMonth: integer('payback_month'),
    npvFen: bigint('npv_fen', { mode: 'number' }).notNull(),
    irrBp: integer('irr_bp'),
    rulePasses: boolean('rule_passes').notNull(),
    ruleReasons: jsonb('rule_reasons').$type<string[]>().notNull().default([]),
    approverLevel: text('approver_level', { enum: approverLevels }).notNull(),
    policyVersion: integer('policy_version').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    uniqueIndex('investment_evaluations_project_version_uq').on(t.projectId, t.version),
    index('investment_evaluations_status_idx').on(t.status).where(sql`${t.status} in ('submitted', 'reviewed')`),
  ],
);

/**
 * The approval policy of investments, versioned (one row per version, the newest applies): the rule's extra
 * conditions and the capital thresholds deciding the approver's org level. Defaults come from code until an
 * administrator saves one.
 */
export const investmentPolicies = pgTable(
  'investment_policies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    version: integer('version').notNull(),
    minSurplusFen: bigint('min_surplus_fen', { mode: 'number' }).notNull().default(0),
    requirePositiveNpv: boolean('require_positive_npv').notNull().default(false),
    tiers: jsonb('tiers')
      .$type<{ maxCapitalFen: number | null; approverLevel: 'city' | 'province' | 'group' }[]>()
      .notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('investment_policies_version_uq').on(t.version)],
);
