import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { users } from '../org/org.table';
import type { AnswerSheet, Question } from './waves/questionnaire.models';

/** Questionnaires: versioned definitions; a published version is never changed (a change is a new version). */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    kind: text('kind', { enum: ['callback', 'ka_quarterly', 'external'] }).notNull(),
    status: text('status', { enum: ['draft', 'published', 'retired'] })
      .notNull()
      .default('draft'),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    questions: jsonb('questions').$type<Question[]>().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [unique('questionnaires_code_version_key').on(t.code, t.version)],
);

/**
 * One survey sent (or held back) to one customer: after a closed ticket, a counter transaction, a re-survey of a
 * follow-up. `token` identifies it on the channel (never the internal id).
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    questionnaireId: integer('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ticketId: integer('ticket_id'),
    /** Who answers for a dissatisfied answer: the ticket's first-contact owner. */
    ownerId: integer('owner_id').references(() => users.id),
    followupId: integer('followup_id'),
    trigger: text('trigger', { enum: ['ticket_closed', 'counter', 'resurvey', 'ka_wave', 'import'] }).notNull(),
    channel: text('channel', { enum: ['sms', 'ivr', 'agent_call'] }).notNull(),
    phone: text('phone'),
    token: text('token').notNull().unique(),
    status: text('status', { enum: ['scheduled', 'sent', 'answered', 'expired', 'suppressed'] }).notNull(),
    suppressedReason: text('suppressed_reason'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** A quarterly key-account wave's answer (survey_waves.id): indices per wave read it. */
    waveId: integer('wave_id'),
    /** A counter transaction's callback: the interaction that triggered it (one survey per interaction). */
    interactionId: integer('interaction_id'),
  },
  (t) => [
    index('survey_invitations_customer_idx').on(t.customerId, t.createdAt),
    index('survey_invitations_status_idx').on(t.status, t.scheduledAt),
    index('survey_invitations_ticket_idx').on(t.ticketId),
    index('survey_invitations_wave_idx').on(t.waveId),
    index('survey_invitations_interaction_idx').on(t.interactionId),
  ],
);

/** The answer to an invitation; `messageId` (the channel's id) makes a redelivered message a no-op. */
export const surveyResponses = pgTable('survey_responses', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  invitationId: integer('invitation_id')
    .notNull()
    .unique()
    .references(() => surveyInvitations.id, { onDelete: 'cascade' }),
  messageId: text('message_id').notNull().unique(),
  answers: jsonb('answers').$type<AnswerSheet>().notNull(),
  csat: integer('csat'),
  recommend: integer('recommend'),
  dissatisfied: boolean('dissatisfied').notNull(),
  reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A dissatisfied answer followed up by the ticket's owner until the customer confirms being satisfied in a
 * re-survey (recovered).
 */
export const surveyFollowups = pgTable(
  'survey_followups',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    invitationId: integer('invitation_id')
      .notNull()
      .unique()
      .references(() => surveyInvitations.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ticketId: integer('ticket_id'),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    reasons: text('reasons').array().notNull(),
    /** What the owner found and did, recorded when contacting the customer. */
    note: text('note'),
    status: text('status', { enum: ['open', 'resurveyed', 'recovered'] })
      .notNull()
      .default('open'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('survey_followups_owner_idx').on(t.ownerId, t.status)],
);

/** Customers who asked not to be surveyed. */
export const surveyOptOuts = pgTable('survey_opt_outs', {
  customerId: integer('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  byUserId: integer('by_user_id').references(() => users.id),
  source: text('source').notNull(),
});
