import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { RuleSetConfig } from './grading.models';

/** Versioned grading rule sets; an active set is in force from `effective_from` until a later active set starts. */
export const gradingRuleSets = pgTable(
  'grading_rule_sets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['draft', 'active', 'retired'] })
      .notNull()
      .default('draft'),
    /** First period ("YYYY-MM") the set grades. */
    effectiveFrom: text('effective_from').notNull(),
    config: jsonb('config').$type<RuleSetConfig>().notNull(),
    notes: text('notes'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    activatedBy: integer('activated_by'),
  },
  (t) => [
    uniqueIndex('grading_rule_sets_version_uq').on(t.version),
    uniqueIndex('grading_rule_sets_active_from_uq').on(t.effectiveFrom).where(sql`${t.status} = 'active'`),
  ],
);

/** One grading of one period (on demand or by the monthly job). */
export const gradingRuns = pgTable(
  'grading_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    period: text('period').notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] })
      .notNull()
      .default('queued'),
    trigger: text('trigger', { enum: ['manual', 'schedule'] })
      .notNull()
      .default('manual'),
    jobId: bigint('job_id', { mode: 'number' }),
    ruleSetId: integer('rule_set_id'),
    ruleSetVersion: integer('rule_set_version'),
    gradedCount: integer('graded_count'),
    changedCount: integer('changed_count'),
    /** Customers per layer after the run, and other small figures. */
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('grading_runs_period_idx').on(t.period, t.createdAt), uniqueIndex('grading_runs_job_uq').on(t.jobId)],
);

/**
 * The grade of one customer for one period, with what explains it: the measure (spend summed over `measureMonths`
 * billed months, divided by `measureDivisor`), the raw tier the measure reaches, the previous tier and the hysteresis
 * counter, the star run and the ABC class. Written set-based by a run (delete + insert of the period).
 */
export const customerGrades = pgTable(
  'customer_grades',
  {
    period: text('period').notNull(),
    customerId: integer('customer_id').notNull(),
    runId: integer('run_id').notNull(),
    ruleSetId: integer('rule_set_id').notNull(),
    ruleSetVersion: integer('rule_set_version').notNull(),
    category: text('category').notNull(),
    tier: text('tier'),
    rawTier: text('raw_tier'),
    prevTier: text('prev_tier'),
    belowCount: smallint('below_count').notNull().default(0),
    held: boolean('held').notNull().default(false),
    reason: text('reason').notNull(),
    stars: smallint('stars'),
    prevStars: smallint('prev_stars'),
    /** Consecutive months up to the period with spend at or above the 3-, 4- and 5-star bars (capped). */
    starStreak3: smallint('star_streak3').notNull().default(0),
    starStreak4: smallint('star_streak4').notNull().default(0),
    starStreak5: smallint('star_streak5').notNull().default(0),
    abcClass: text('abc_class').notNull(),
    importance: text('importance'),
    measureFen: bigint('measure_fen', { mode: 'number' }).notNull(),
    measureSumFen: bigint('measure_sum_fen', { mode: 'number' }).notNull(),
    measureMonths: smallint('measure_months').notNull(),
    measureDivisor: smallint('measure_divisor').notNull(),
    /** Spend billed in the graded period itself. */
    spendFen: bigint('spend_fen', { mode: 'number' }).notNull(),
    /** This period's spend already reaches the next tier (or the KA bar for a business customer). */
    potential: boolean('potential').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.period, t.customerId] }),
    index('customer_grades_customer_idx').on(t.customerId, t.period),
  ],
);

/** Tier and star changes against the previous period, written by the run that detected them. */
export const gradingEvents = pgTable(
  'grading_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    period: text('period').notNull(),
    customerId: integer('customer_id').notNull(),
    kind: text('kind', { enum: ['tier', 'stars'] }).notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    direction: text('direction', { enum: ['up', 'down'] }).notNull(),
    runId: integer('run_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('grading_events_period_idx').on(t.period, t.kind),
    index('grading_events_customer_idx').on(t.customerId, t.period),
  ],
);
