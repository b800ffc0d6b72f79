import { sql } from 'drizzle-orm';
import { bigint, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits, users } from '../org/org.table';
import { tickets } from '../service-desk/tickets/tickets.table';

export type InspectionItemRow = { label: string; maxScore: number; score: number; note?: string };

/**
 * A mystery-shopper visit or service inspection (质量监督) of a staff member or a counter: checklist items with
 * scores, and the penalty decided (points off the staff member's KPI month, money borne), optionally linked to the
 * complaint ticket whose responsibility record it follows.
 */
export const qualityInspections = pgTable(
  'quality_inspections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: ['mystery_shopper', 'service_inspection'] }).notNull(),
    subjectType: text('subject_type', { enum: ['staff', 'counter'] }).notNull(),
    staffUserId: integer('staff_user_id').references(() => users.id),
    counterName: text('counter_name'),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    inspectedAt: date('inspected_at').notNull(),
    inspectorId: integer('inspector_id').references(() => users.id),
    items: jsonb('items').$type<InspectionItemRow[]>().notNull(),
    score: integer('score').notNull(),
    maxScore: integer('max_score').notNull(),
    penaltyPoints: doublePrecision('penalty_points').notNull().default(0),
    penaltyFen: bigint('penalty_fen', { mode: 'number' }).notNull().default(0),
    ticketId: integer('ticket_id').references(() => tickets.id),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('quality_inspections_staff_idx').on(t.staffUserId, t.inspectedAt).where(sql`${t.staffUserId} is not null`),
    index('quality_inspections_org_idx').on(t.orgUnitId, t.inspectedAt),
    index('quality_inspections_date_idx').on(t.inspectedAt),
    index('quality_inspections_ticket_idx').on(t.ticketId),
  ],
);
