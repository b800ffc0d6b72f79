import type { CampaignPlan } from '@crm/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { affectedRowsOf, rowsOf } from '../../db/results';
import { productOfferings } from '../products/products.table';
import {
  marketingCampaignMembers,
  marketingCampaigns,
  marketingOffers,
  marketingOptOuts,
  marketingSegments,
  marketingSegmentVersions,
} from './campaigns.table';

// Segments
export const insertSegment = async (db: DbOrTx, v: typeof marketingSegments.$inferInsert) =>
  (await db.insert(marketingSegments).values(v).returning())[0];
export const insertSegmentVersion = (db: DbOrTx, v: typeof marketingSegmentVersions.$inferInsert) =>
  db.insert(marketingSegmentVersions).values(v);
export const updateSegment = async (db: DbOrTx, id: number, v: Partial<typeof marketingSegments.$inferInsert>) =>
  (await db.update(marketingSegments).set(v).where(eq(marketingSegments.id, id)).returning())[0];
export const findSegment = async (db: DbOrTx, id: number, lock = false) => {
  const q = db.select().from(marketingSegments).where(eq(marketingSegments.id, id));
  return (await (lock ? q.for('update') : q))[0];
};
export const listSegments = (db: DbOrTx) => db.select().from(marketingSegments).orderBy(desc(marketingSegments.id));
export const segmentVersions = (db: DbOrTx, id: number) =>
  db
    .select()
    .from(marketingSegmentVersions)
    .where(eq(marketingSegmentVersions.segmentId, id))
    .orderBy(desc(marketingSegmentVersions.version));
export const segmentVersionOf = async (db: DbOrTx, id: number, version: number) =>
  (
    await db
      .select()
      .from(marketingSegmentVersions)
      .where(and(eq(marketingSegmentVersions.segmentId, id), eq(marketingSegmentVersions.version, version)))
  )[0];

// Offers
const offerColumns = {
  id: marketingOffers.id,
  code: marketingOffers.code,
  name: marketingOffers.name,
  description: marketingOffers.description,
  offeringId: marketingOffers.offeringId,
  offeringCode: productOfferings.code,
  offeringName: productOfferings.nameZh,
  monthlyPriceFen: marketingOffers.monthlyPriceFen,
  discountPct: marketingOffers.discountPct,
  eligibility: marketingOffers.eligibility,
  validFrom: marketingOffers.validFrom,
  validTo: marketingOffers.validTo,
  offeringFamily: productOfferings.family,
  approvalStatus: marketingOffers.approvalStatus,
  approverId: marketingOffers.approverId,
  createdBy: marketingOffers.createdBy,
  decidedAt: marketingOffers.decidedAt,
  decisionReason: marketingOffers.decisionReason,
  approverName: sql<string | null>`(select u.display_name from users u where u.id = ${marketingOffers.approverId})`,
  decidedByName: sql<string | null>`(select u.display_name from users u where u.id = ${marketingOffers.decidedBy})`,
  createdByName: sql<string | null>`(select u.display_name from users u where u.id = ${marketingOffers.createdBy})`,
};
export const insertOffer = async (db: DbOrTx, v: typeof marketingOffers.$inferInsert) =>
  (await db.insert(marketingOffers).values(v).returning())[0];
export const listOffers = (db: DbOrTx) =>
  db
    .select(offerColumns)
    .from(marketingOffers)
    .innerJoin(productOfferings, eq(productOfferings.id, marketingOffers.offeringId))
    .orderBy(desc(marketingOffers.id));
export const findOffer = async (db: DbOrTx, id: number) =>
  (
    await db
      .select(offerColumns)
      .from(marketingOffers)
      .innerJoin(productOfferings, eq(productOfferings.id, marketingOffers.offeringId))
      .where(eq(marketingOffers.id, id))
  )[0];
export const lockOffer = async (db: DbOrTx, id: number) =>
  (await db.select().from(marketingOffers).where(eq(marketingOffers.id, id)).for('update'))[0];
export const updateOffer = async (db: DbOrTx, id: number, v: Partial<typeof marketingOffers.$inferInsert>) =>
  (await db.update(marketingOffers).set(v).where(eq(marketingOffers.id, id)).returning())[0];
export const offeringByCode = async (db: DbOrTx, code: string) =>
  (await db.select().from(productOfferings).where(eq(productOfferings.code, code)))[0];

// Campaigns
export type CampaignRow = typeof marketingCampaigns.$inferSelect;
export const insertCampaign = async (db: DbOrTx, v: typeof marketingCampaigns.$inferInsert) =>
  (await db.insert(marketingCampaigns).values(v).returning())[0];
export const updateCampaign = async (db: DbOrTx, id: number, v: Partial<typeof marketingCampaigns.$inferInsert>) =>
  (
    await db
      .update(marketingCampaigns)
      .set({ ...v, updatedAt: new Date() })
      .where(eq(marketingCampaigns.id, id))
      .returning()
  )[0];
export const findCampaign = async (db: DbOrTx, id: number, lock = false) => {
  const q = db.select().from(marketingCampaigns).where(eq(marketingCampaigns.id, id));
  return (await (lock ? q.for('update') : q))[0];
};
export async function listCampaigns(db: DbOrTx, opts: { stage?: string; limit: number; offset: number }) {
  const where = opts.stage ? sql`where c.stage = ${opts.stage}` : sql``;
  const items = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select c.id from marketing_campaigns c ${where} order by c.id desc
      limit ${opts.limit} offset ${opts.offset}`),
  );
  const [t] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from marketing_campaigns c ${where}`),
  );
  return { ids: items.map((r) => Number(r.id)), total: Number(t.n) };
}
export const namesOf = async (db: DbOrTx, segmentId: number, offerId: number | null) => {
  const [s] = await db
    .select({ name: marketingSegments.name })
    .from(marketingSegments)
    .where(eq(marketingSegments.id, segmentId));
  const o = offerId
    ? (
        await db
          .select({ name: marketingOffers.name, approvalStatus: marketingOffers.approvalStatus })
          .from(marketingOffers)
          .where(eq(marketingOffers.id, offerId))
      )[0]
    : undefined;
  return { segmentName: s?.name ?? '', offerName: o?.name ?? null, offerApprovalStatus: o?.approvalStatus ?? null };
};

/**
 * Writes the contact list in one statement: the segment's customers (`segmentFrom` as compiled), each excluded
 * (opted out, marketed in the last N days, over the frequency cap of N contacts in D days across campaigns, an open
 * complaint; first reason wins) or drawn into the control arm (the first round(n x pct / 100) eligible customers by
 * md5 of campaign and customer: random, repeatable) or the target arm with its channel (key accounts get an AM visit
 * when the plan has one; outbound calls spread over the plan's agents). The exclusions are outer joins with sets
 * computed once (opt-outs, contacts per customer in the window, open complaints), not a subquery per customer.
 */
export async function generateMembers(
  db: DbOrTx,
  opts: { campaignId: number; segmentSql: ReturnType<typeof sql>; plan: CampaignPlan; now: Date },
) {
  const { campaignId, plan } = opts;
  const massChannel = plan.channels.find((ch) => ch !== 'am_visit') ?? null;
  const amVisit = plan.channels.includes('am_visit');
  const agents = `{${plan.agentIds.map((i) => Math.trunc(i)).join(',')}}`;
  const day = 86_400_000;
  const since = new Date(opts.now.getTime() - plan.recentContactDays * day);
  const capSince = new Date(opts.now.getTime() - plan.frequencyCapDays * day);
  const windowStart = (plan.frequencyCapContacts > 0 && capSince < since ? capSince : since).toISOString();
  const result = await db
    .execute(sql`
    insert into marketing_campaign_members (campaign_id, customer_id, arm, excluded_reason, channel, assignee_user_id, status)
    with seg as (select c.id, c.category, c.account_manager_id ${opts.segmentSql}),
    contacts as (
      select m.customer_id, max(m.contacted_at) as last_at,
        count(*) filter (where m.contacted_at >= ${capSince.toISOString()}::timestamptz) as n
      from marketing_campaign_members m
      where m.contacted_at >= ${windowStart}::timestamptz and m.contacted_at <= ${opts.now.toISOString()}::timestamptz
      group by m.customer_id),
    complaints as (
      select distinct t.customer_id from tickets t
      where ${plan.excludeOpenComplaints}::boolean and t.type = 'complaint'
        and t.status in ('acknowledged', 'inProgress', 'held', 'pending')),
    flagged as (
      select s.*, case
        when o.customer_id is not null then 'opted_out'
        when ${plan.recentContactDays}::int > 0 and k.last_at >= ${since.toISOString()}::timestamptz
          then 'recently_contacted'
        when ${plan.frequencyCapContacts}::int > 0 and k.n >= ${plan.frequencyCapContacts}::int then 'frequency_cap'
        when t.customer_id is not null then 'open_complaint'
      end as reason
      from seg s
      left join marketing_opt_outs o on o.customer_id = s.id
      left join contacts k on k.customer_id = s.id
      left join complaints t on t.customer_id = s.id),
    ranked as (
      select f.*, row_number() over (order by md5(${campaignId}::text || ':' || f.id::text), f.id) as rn,
        count(*) over () as n
      from flagged f where f.reason is null)
    select ${campaignId}::int, f.id, 'excluded', f.reason, null, null, 'none' from flagged f where f.reason is not null
    union all
    select ${campaignId}::int, r.id,
      case when r.rn <= round(r.n * ${plan.controlPct}::int / 100.0) then 'control' else 'target' end, null,
      case when r.rn <= round(r.n * ${plan.controlPct}::int / 100.0) then null
        when ${amVisit}::boolean and r.category = 'key_account' and r.account_manager_id is not null then 'am_visit'
        else ${massChannel}::text end,
      case when r.rn <= round(r.n * ${plan.controlPct}::int / 100.0) then null
        when ${amVisit}::boolean and r.category = 'key_account' and r.account_manager_id is not null then r.account_manager_id
        when ${massChannel}::text = 'outbound_call' and cardinality(${agents}::int[]) > 0
          then (${agents}::int[])[1 + (r.rn % cardinality(${agents}::int[]))::int]
        else null end,
      case when r.rn <= round(r.n * ${plan.controlPct}::int / 100.0) then 'none'
        when ${amVisit}::boolean and r.category = 'key_account' and r.account_manager_id is not null then 'pending'
        when ${massChannel}::text is null then 'none' else 'pending' end
    from ranked r
    on conflict do nothing`)
    .catch((e) => {
      throw new Error(String(e?.cause?.message ?? e));
    });
  return affectedRowsOf(result);
}

export async function deleteMembers(db: DbOrTx, campaignId: number) {
  await db.delete(marketingCampaignMembers).where(eq(marketingCampaignMembers.campaignId, campaignId));
}

export type PendingMessage = {
  customerId: number;
  name: string;
  channel: string;
  mobile: string | null;
  email: string | null;
};

/** Pending SMS / email / WeChat contacts of a campaign, by customer id. */
export async function pendingMessages(db: DbOrTx, campaignId: number, afterId: number, limit: number) {
  return rowsOf<{ customer_id: number; name: string; channel: string; mobile: string | null; email: string | null }>(
    await db.execute(sql`select m.customer_id, p.name, m.channel, p.mobile, p.email
      from marketing_campaign_members m join customers c on c.id = m.customer_id join parties p on p.id = c.party_id
      where m.campaign_id = ${campaignId} and m.arm = 'target' and m.status = 'pending'
        and m.channel in ('sms', 'email', 'wechat') and m.customer_id > ${afterId}
      order by m.customer_id limit ${limit}`),
  ).map((r) => ({
    customerId: Number(r.customer_id),
    name: r.name,
    channel: r.channel,
    mobile: r.mobile,
    email: r.email,
  }));
}

/** Marks pending contacts of opted-out customers suppressed (checked again at send time); returns how many. */
export async function suppressOptedOut(db: DbOrTx, campaignId: number) {
  const r = await db.execute(sql`update marketing_campaign_members m set status = 'suppressed'
    where m.campaign_id = ${campaignId} and m.status = 'pending'
      and exists (select 1 from marketing_opt_outs o where o.customer_id = m.customer_id)`);
  return affectedRowsOf(r);
}

export async function markSent(db: DbOrTx, campaignId: number, customerIds: number[], at: Date) {
  if (!customerIds.length) return;
  await db.execute(sql`update marketing_campaign_members set status = 'sent', contacted_at = ${at.toISOString()}::timestamptz
    where campaign_id = ${campaignId} and status = 'pending' and arm = 'target'
      and customer_id = any(${`{${customerIds.join(',')}}`}::int[])`);
}

/** Pending messages of a campaign whose offer is no longer valid are not sent; returns how many. */
export async function suppressPending(db: DbOrTx, campaignId: number) {
  const r = await db.execute(sql`update marketing_campaign_members m set status = 'suppressed'
    where m.campaign_id = ${campaignId} and m.status = 'pending' and m.channel in ('sms', 'email', 'wechat')`);
  return affectedRowsOf(r);
}

export const findMember = async (db: DbOrTx, campaignId: number, customerId: number) =>
  (
    await db
      .select()
      .from(marketingCampaignMembers)
      .where(
        and(eq(marketingCampaignMembers.campaignId, campaignId), eq(marketingCampaignMembers.customerId, customerId)),
      )
      .for('update')
  )[0];
export const updateMember = async (
  db: DbOrTx,
  campaignId: number,
  customerId: number,
  v: Partial<typeof marketingCampaignMembers.$inferInsert>,
) =>
  (
    await db
      .update(marketingCampaignMembers)
      .set(v)
      .where(
        and(eq(marketingCampaignMembers.campaignId, campaignId), eq(marketingCampaignMembers.customerId, customerId)),
      )
      .returning()
  )[0];

/** The tasks (AM visits, outbound calls) assigned to a user in running campaigns. */
export async function tasksOf(db: DbOrTx, userId: number, includeDone: boolean) {
  return rowsOf<Record<string, string | number | null>>(
    await db.execute(sql`select m.campaign_id, k.name as campaign_name, m.customer_id, p.name as customer_name,
        c.customer_no, m.channel, m.status, m.outcome, o.name as offer_name, o.approval_status as offer_approval_status, o.monthly_price_fen,
        o.discount_pct,
        k.plan->>'template' as template
      from marketing_campaign_members m
      join marketing_campaigns k on k.id = m.campaign_id
      join customers c on c.id = m.customer_id join parties p on p.id = c.party_id
      left join marketing_offers o on o.id = k.offer_id
      where m.assignee_user_id = ${userId} and k.stage = 'execution'
        and ${includeDone ? sql`m.status in ('pending', 'done')` : sql`m.status = 'pending'`}
      order by m.status desc, m.campaign_id, m.customer_id limit 500`),
  );
}

/**
 * Conversions: members (target and control) who ordered the offer's product within the window after launch (a
 * product instance starting in the window, or a service order item for it created in the window).
 */
export async function recordConversions(
  db: DbOrTx,
  opts: { campaignId: number; offeringId: number; from: Date; to: Date },
) {
  const from = opts.from.toISOString();
  const to = opts.to.toISOString();
  const r = await db.execute(sql`update marketing_campaign_members m set converted_at = x.at
    from (
      select pi.customer_id, min(pi.start_date::timestamp at time zone 'Asia/Shanghai') as at
      from product_instances pi
      where pi.offering_id = ${opts.offeringId}
        and pi.start_date >= (${from}::timestamptz at time zone 'Asia/Shanghai')::date
        and pi.start_date <= (${to}::timestamptz at time zone 'Asia/Shanghai')::date
        and pi.customer_id in (select customer_id from marketing_campaign_members where campaign_id = ${opts.campaignId})
      group by pi.customer_id
      union all
      select so.customer_id, min(so.created_at) from service_orders so
        join service_order_items si on si.order_id = so.id
      where si.offering_id = ${opts.offeringId} and so.status <> 'cancelled'
        and so.created_at between ${from}::timestamptz and ${to}::timestamptz
        and so.customer_id in (select customer_id from marketing_campaign_members where campaign_id = ${opts.campaignId})
      group by so.customer_id) x
    where m.campaign_id = ${opts.campaignId} and m.customer_id = x.customer_id and m.arm <> 'excluded'
      and (m.converted_at is null or m.converted_at > x.at)`);
  return affectedRowsOf(r);
}

export async function funnel(db: DbOrTx, campaignId: number) {
  const [f] = rowsOf<Record<string, number>>(
    await db.execute(sql`select count(*)::int as size,
        count(*) filter (where arm = 'control')::int as control,
        count(*) filter (where arm = 'target')::int as target,
        count(*) filter (where arm = 'target' and contacted_at is not null)::int as contacted,
        count(*) filter (where arm = 'target' and responded_at is not null)::int as responded,
        count(*) filter (where arm = 'target' and converted_at is not null)::int as conv_target,
        count(*) filter (where arm = 'control' and converted_at is not null)::int as conv_control
      from marketing_campaign_members where campaign_id = ${campaignId}`),
  );
  const excluded = rowsOf<{ reason: string; count: number }>(
    await db.execute(sql`select excluded_reason as reason, count(*)::int as count from marketing_campaign_members
      where campaign_id = ${campaignId} and arm = 'excluded' group by excluded_reason order by excluded_reason`),
  );
  const byChannel = rowsOf<{ channel: string; members: number; contacted: number }>(
    await db.execute(sql`select channel, count(*)::int as members, count(contacted_at)::int as contacted
      from marketing_campaign_members where campaign_id = ${campaignId} and arm = 'target' and channel is not null
      group by channel order by channel`),
  );
  return { f, excluded, byChannel };
}

// Opt-outs
export const insertOptOut = (db: DbOrTx, v: typeof marketingOptOuts.$inferInsert) =>
  db.insert(marketingOptOuts).values(v).onConflictDoNothing().returning();
export const deleteOptOut = (db: DbOrTx, customerId: number) =>
  db.delete(marketingOptOuts).where(eq(marketingOptOuts.customerId, customerId)).returning();
export const isOptedOut = async (db: DbOrTx, customerId: number) =>
  (await db.select().from(marketingOptOuts).where(eq(marketingOptOuts.customerId, customerId))).length > 0;
