import { bigint, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { userRoles, users } from '../org/org.table';

export const approvalKinds = ['commitment', 'compensation'] as const;
/** The approver's org-unit level; 'any' applies at every level unless a row for the exact level exists. */
export const approvalOrgLevels = ['any', 'group', 'province', 'city', 'district'] as const;

/**
 * Approval authority (审批权限): the largest amount an approver of a role, at an org level, may approve per kind of
 * proposal. No row: no authority (over any amount). `maxAmountFen` null: unlimited. Every change bumps `version` and
 * is audited. Issue 13's discount-authority matrix extends the key with a product family (null = any family).
 */
export const approvalLimits = pgTable(
  'approval_limits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: approvalKinds }).notNull(),
    role: text('role', { enum: userRoles }).notNull(),
    orgLevel: text('org_level', { enum: approvalOrgLevels }).notNull().default('any'),
    maxAmountFen: bigint('max_amount_fen', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('approval_limits_kind_role_level_uq').on(t.kind, t.role, t.orgLevel)],
);
