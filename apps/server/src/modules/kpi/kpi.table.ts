import type { KpiBonusBand, KpiFigure, KpiTargets, KpiWeights } from '@crm/contracts';
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { orgUnits, users } from '../org/org.table';
import { tickets } from '../service-desk/tickets/tickets.table';

/**
 * KPI settings (weights, targets, bonus table) in force from a period until a later row's period. Seeded lazily from
 * code (`kpi.models#DEFAULT_SETTINGS`); every change bumps `version` and is audited.
 */
export const kpiSettings = pgTable(
  'kpi_settings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    effectiveFrom: text('effective_from').notNull(),
    weights: jsonb('weights').$type<KpiWeights>().notNull(),
    targets: jsonb('targets').$type<KpiTargets>().notNull(),
    bonusTable: jsonb('bonus_table').$type<KpiBonusBand[]>().notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('kpi_settings_effective_from_uq').on(t.effectiveFrom)],
);

/**
 * One AM's monthly scorecard: the figures as computed (with the weights used), the score and bonus coefficient.
 * `computed` cards are recomputed by the `kpi.compute` job; `confirmed` ones (by a manager) are frozen.
 */
export const kpiScorecards = pgTable(
  'kpi_scorecards',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    period: text('period').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    status: text('status', { enum: ['computed', 'confirmed'] })
      .notNull()
      .default('computed'),
    score: doublePrecision('score').notNull(),
    coefficient: doublePrecision('coefficient').notNull(),
    penaltyPoints: doublePrecision('penalty_points').notNull().default(0),
    penaltyFen: bigint('penalty_fen', { mode: 'number' }).notNull().default(0),
    portfolioSize: integer('portfolio_size').notNull().default(0),
    figures: jsonb('figures').$type<KpiFigure[]>().notNull(),
    settingsId: integer('settings_id').references(() => kpiSettings.id),
    settingsVersion: integer('settings_version').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('kpi_scorecards_period_user_uq').on(t.period, t.userId),
    index('kpi_scorecards_user_idx').on(t.userId, t.period),
    index('kpi_scorecards_org_period_idx').on(t.orgUnitId, t.period),
  ],
);

/** A penalty recorded against an AM for a month (e.g. S4: the compensation the AM bears), linked to a complaint. */
export const kpiPenalties = pgTable(
  'kpi_penalties',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    period: text('period').notNull(),
    points: doublePrecision('points').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    reason: text('reason').notNull(),
    ticketId: integer('ticket_id').references(() => tickets.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('kpi_penalties_user_period_idx').on(t.userId, t.period),
    index('kpi_penalties_period_idx').on(t.period),
    index('kpi_penalties_ticket_idx').on(t.ticketId),
  ],
);
