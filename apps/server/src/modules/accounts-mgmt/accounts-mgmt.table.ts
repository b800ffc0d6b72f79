import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { contacts, customers } from '../customers/customers.table';
import { users } from '../org/org.table';

/** Every assignment and transfer of a customer's account manager, with the reason (newest last). */
export const amAssignments = pgTable(
  'am_assignments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    fromUserId: integer('from_user_id').references(() => users.id),
    toUserId: integer('to_user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    assignedBy: integer('assigned_by').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('am_assignments_customer_idx').on(t.customerId, t.assignedAt)],
);

const teamRoles = ['technical_support', 'backup_am'] as const;

/** The account team around the AM (the AM itself is customers.account_manager_id). */
export const accountTeamMembers = pgTable(
  'account_team_members',
  {
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: teamRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.userId, t.role] }), index('account_team_user_idx').on(t.userId)],
);

/** One annual account plan per key account and year. */
export const accountPlans = pgTable(
  'account_plans',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    revenueTargetFen: bigint('revenue_target_fen', { mode: 'number' }).notNull().default(0),
    goals: jsonb('goals').$type<string[]>().notNull().default([]),
    reviewNotes: text('review_notes'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('account_plans_customer_year_uq').on(t.customerId, t.year)],
);

export const accountPlanActions = pgTable(
  'account_plan_actions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => accountPlans.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    ownerId: integer('owner_id').references(() => users.id),
    dueDate: date('due_date'),
    doneDate: date('done_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('account_plan_actions_plan_idx').on(t.planId)],
);

const influenceLevels = ['high', 'medium', 'low'] as const;

/** Decision-chain facts about a contact that the contacts table does not hold. */
export const contactProfiles = pgTable('contact_profiles', {
  contactId: integer('contact_id')
    .primaryKey()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' }),
  influence: text('influence', { enum: influenceLevels }).notNull().default('medium'),
  /** Who on our side knows this person best. */
  ourContactUserId: integer('our_contact_user_id').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

const relationshipKinds = ['reports_to', 'influences', 'close_to', 'conflicts_with'] as const;

export const contactRelationships = pgTable(
  'contact_relationships',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    fromContactId: integer('from_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    toContactId: integer('to_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: relationshipKinds }).notNull(),
    note: text('note'),
  },
  (t) => [
    index('contact_relationships_customer_idx').on(t.customerId),
    uniqueIndex('contact_relationships_uq').on(t.fromContactId, t.toContactId, t.kind),
  ],
);

const visitChannels = ['visit', 'phone', 'meeting', 'event', 'other'] as const;

/** A visit or other contact with a key account: purpose, outcome and the agreed next step. */
export const kaVisits = pgTable(
  'ka_visits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    channel: text('channel', { enum: visitChannels }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    contactIds: jsonb('contact_ids').$type<number[]>().notNull().default([]),
    purpose: text('purpose').notNull(),
    outcome: text('outcome'),
    nextStep: text('next_step'),
    nextStepDue: date('next_step_due'),
    taskId: integer('task_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ka_visits_customer_idx').on(t.customerId, t.occurredAt)],
);

const taskStatuses = ['open', 'done', 'cancelled'] as const;
const taskSources = ['manual', 'visit', 'calendar', 'warning', 'plan', 'order', 'opportunity'] as const;

/** An AM's to-do: next steps of visits, calendar entries, warnings, forwarded opportunity notes. `sourceKey` makes a source become a task once. */
export const kaTasks = pgTable(
  'ka_tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: taskStatuses }).notNull().default('open'),
    source: text('source', { enum: taskSources }).notNull().default('manual'),
    sourceKey: text('source_key'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ka_tasks_owner_idx').on(t.ownerId, t.status, t.dueDate),
    index('ka_tasks_customer_idx').on(t.customerId),
    uniqueIndex('ka_tasks_source_uq').on(t.ownerId, t.sourceKey).where(sql`${t.sourceKey} is not null`),
  ],
);
