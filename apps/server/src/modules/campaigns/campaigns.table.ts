import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
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
import { customers } from '../customers/customers.table';
import { orgUnits, users } from '../org/org.table';
import { productOfferings } from '../products/products.table';

/** A saved segment: its current condition tree and version (every version is kept in marketing_segment_versions). */
export const marketingSegments = pgTable(
  'marketing_segments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    description: text('description'),
    definition: jsonb('definition').notNull(),
    version: integer('version').notNull().default(1),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('marketing_segments_org_idx').on(t.orgUnitId)],
);

export const marketingSegmentVersions = pgTable(
  'marketing_segment_versions',
  {
    segmentId: integer('segment_id')
      .notNull()
      .references(() => marketingSegments.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.version] })],
);

/** A value proposition bound to a catalogue product. */
export const marketingOffers = pgTable(
  'marketing_offers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    offeringId: integer('offering_id')
      .notNull()
      .references(() => productOfferings.id),
    monthlyPriceFen: bigint('monthly_price_fen', { mode: 'number' }).notNull(),
    discountPct: smallint('discount_pct').notNull().default(0),
    /** Who may take the offer (a segment condition tree), or null for everyone in the campaign's segment. */
    eligibility: jsonb('eligibility'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    /** A discount beyond the creator's discount authority waits for a manager whose authority covers it. */
    approvalStatus: text('approval_status', { enum: ['approved', 'pending', 'rejected'] })
      .notNull()
      .default('approved'),
    approverId: integer('approver_id').references(() => users.id),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('marketing_offers_code_uq').on(t.code),
    index('marketing_offers_offering_idx').on(t.offeringId),
    index('marketing_offers_approver_idx').on(t.approverId, t.approvalStatus),
  ],
);

export const marketingCampaigns = pgTable(
  'marketing_campaigns',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    stage: text('stage', {
      enum: ['insight', 'proposition', 'segment_plan', 'communication', 'execution', 'completed'],
    })
      .notNull()
      .default('insight'),
    segmentId: integer('segment_id')
      .notNull()
      .references(() => marketingSegments.id),
    segmentVersion: integer('segment_version').notNull(),
    offerId: integer('offer_id').references(() => marketingOffers.id),
    plan: jsonb('plan').notNull(),
    parentCampaignId: integer('parent_campaign_id'),
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    contactJobId: bigint('contact_job_id', { mode: 'number' }),
    launchedAt: timestamp('launched_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('marketing_campaigns_stage_idx').on(t.stage, t.id),
    index('marketing_campaigns_segment_idx').on(t.segmentId),
    index('marketing_campaigns_parent_idx').on(t.parentCampaignId),
    index('marketing_campaigns_org_idx').on(t.orgUnitId),
  ],
);

/**
 * The campaign's contact list: every customer of the segment at launch, in the target arm, the control arm (never
 * contacted) or excluded (with the reason). Contacts, responses and conversions are recorded on the row.
 */
export const marketingCampaignMembers = pgTable(
  'marketing_campaign_members',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => marketingCampaigns.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    arm: text('arm', { enum: ['target', 'control', 'excluded'] }).notNull(),
    excludedReason: text('excluded_reason', {
      enum: ['opted_out', 'recently_contacted', 'open_complaint', 'frequency_cap'],
    }),
    channel: text('channel', { enum: ['sms', 'outbound_call', 'am_visit', 'email', 'wechat'] }),
    assigneeUserId: integer('assignee_user_id').references(() => users.id),
    status: text('status', { enum: ['pending', 'sent', 'done', 'suppressed', 'none'] })
      .notNull()
      .default('none'),
    contactedAt: timestamp('contacted_at', { withTimezone: true }),
    outcome: text('outcome'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    convertedAt: timestamp('converted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.customerId] }),
    index('marketing_members_customer_idx').on(t.customerId, t.contactedAt),
    index('marketing_members_assignee_idx').on(t.assigneeUserId, t.status).where(sql`${t.assigneeUserId} is not null`),
    index('marketing_members_campaign_arm_idx').on(t.campaignId, t.arm, t.status),
  ],
);

/** Customers who asked for no marketing (any channel). Honoured at list generation and again at every send. */
export const marketingOptOuts = pgTable('marketing_opt_outs', {
  customerId: integer('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  reason: text('reason'),
  source: text('source').notNull(),
  byUserId: integer('by_user_id').references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
