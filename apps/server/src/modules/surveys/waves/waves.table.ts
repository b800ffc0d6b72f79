import { index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { customers } from '../../customers/customers.table';
import { orgUnits, users } from '../../org/org.table';
import { questionnaires } from '../surveys.table';

/**
 * A quarterly key-account survey wave of the quality department: one published questionnaire version, the key
 * accounts of an org unit subtree (all, or a stratified sample by tier), each member assigned to a quality staff member
 * who calls with the phone script. Answers are stored as survey invitations + responses tagged with the wave id.
 */
export const surveyWaves = pgTable(
  'survey_waves',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    questionnaireId: integer('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    /** YYYY-Qn */
    quarter: text('quarter').notNull(),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    sampling: text('sampling', { enum: ['all', 'stratified'] }).notNull(),
    /** Stratified sampling: the share of each tier sampled, 1-100. */
    samplePct: integer('sample_pct'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('survey_waves_quarter_idx').on(t.quarter, t.id),
    index('survey_waves_org_unit_idx').on(t.orgUnitId),
    index('survey_waves_questionnaire_idx').on(t.questionnaireId),
  ],
);

/** A key account sampled into a wave, its caller, call attempts and outcome. */
export const surveyWaveMembers = pgTable(
  'survey_wave_members',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    waveId: integer('wave_id')
      .notNull()
      .references(() => surveyWaves.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** The customer's tier when sampled (the stratum). */
    tier: text('tier'),
    assigneeId: integer('assignee_id').references(() => users.id),
    status: text('status', { enum: ['pending', 'answered', 'refused', 'non_response'] })
      .notNull()
      .default('pending'),
    source: text('source', { enum: ['sample', 'import'] })
      .notNull()
      .default('sample'),
    attempts: integer('attempts').notNull().default(0),
    lastOutcome: text('last_outcome', { enum: ['no_answer', 'busy', 'refused', 'answered'] }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    /** The survey invitation holding the answer (answered members). */
    invitationId: integer('invitation_id'),
    /** Imported answers: the market-research firm's respondent key (re-import updates the same answer). */
    respondentKey: text('respondent_key'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('survey_wave_members_wave_customer_key').on(t.waveId, t.customerId),
    index('survey_wave_members_assignee_idx').on(t.assigneeId, t.waveId, t.status),
    index('survey_wave_members_wave_status_idx').on(t.waveId, t.status),
    index('survey_wave_members_customer_idx').on(t.customerId),
    index('survey_wave_members_respondent_idx').on(t.waveId, t.respondentKey),
  ],
);

/** One call to a wave member and how it went. */
export const surveyWaveAttempts = pgTable(
  'survey_wave_attempts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id')
      .notNull()
      .references(() => surveyWaveMembers.id, { onDelete: 'cascade' }),
    outcome: text('outcome', { enum: ['no_answer', 'busy', 'refused', 'answered'] }).notNull(),
    note: text('note'),
    userId: integer('user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('survey_wave_attempts_member_idx').on(t.memberId, t.at)],
);
