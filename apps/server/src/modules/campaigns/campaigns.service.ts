// Campaigns through the five steps of the closed loop (DOMAIN.md 5.7): needs insight -> value proposition ->
// segment plan -> communication plan -> execution and measurement -> next cycle.
import {
  type CampaignPlan,
  type campaignCreate,
  campaignPlan,
  type campaignQuery,
  type campaignTaskOutcome,
  type campaignUpdate,
  type marketingOptOut,
  type offerApprovalStatuses,
} from '@crm/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import type { RequestCtx, Scope } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { userContext } from '../auth/auth.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { createInteraction, recordSystemInteractions } from '../interactions/interactions.service';
import { enqueueJob } from '../jobs/jobs.service';
import { todayIso } from '../ka-common/ka-common.models';
import { marketingChannel } from './campaigns.channels';
import {
  campaignNotFound,
  offerExpired,
  offerNotApproved,
  offerNotYetValid,
  offerRejected,
  stageIncomplete,
  taskDone,
  taskNotFound,
  wrongStage,
} from './campaigns.errors';
import { discountedFen, measure, nextSendTime, nextStage, renderTemplate, stageBlocker } from './campaigns.models';
import * as repo from './campaigns.repository';
import { offerValidOn, requireOffer } from './offers.service';
import { segmentFrom } from './segments.queries';
import { compileOptions, definitionOf, requireSegment, segmentProfileOf } from './segments.service';

export const GENERATE_JOB = 'campaigns.generate';
export const DISPATCH_JOB = 'campaigns.dispatch';
const BATCH = 500;

type Row = repo.CampaignRow;
type OfferApprovalStatus = (typeof offerApprovalStatuses)[number];
const planOf = (r: Row): CampaignPlan => campaignPlan.parse(r.plan ?? {});
const visible = (scope: Scope, r: Row) =>
  scope.kind === 'all' || (scope.kind === 'org' && scope.orgUnitIds.includes(r.orgUnitId));

async function dto(db: DbOrTx, r: Row) {
  const names = await repo.namesOf(db, r.segmentId, r.offerId);
  return {
    id: r.id,
    name: r.name,
    stage: r.stage,
    segmentId: r.segmentId,
    segmentName: names.segmentName,
    segmentVersion: r.segmentVersion,
    offerId: r.offerId,
    offerName: names.offerName,
    offerApprovalStatus: names.offerApprovalStatus,
    plan: planOf(r),
    parentCampaignId: r.parentCampaignId,
    launchedAt: r.launchedAt?.toISOString() ?? null,
    completedAt: r.completedAt?.toISOString() ?? null,
    contactJobId: r.contactJobId,
    createdAt: r.createdAt.toISOString(),
  };
}
export type CampaignDto = Awaited<ReturnType<typeof dto>>;

async function requireCampaign(db: DbOrTx, scope: Scope, id: number, lock = false) {
  const row = await repo.findCampaign(db, id, lock);
  if (!row || !visible(scope, row)) throw campaignNotFound();
  return row;
}
const auditView = (r: Row) => ({ name: r.name, stage: r.stage, offerId: r.offerId, plan: r.plan });

/** An offer may be attached while pending approval, never once rejected. */
async function attachableOffer(db: DbOrTx, id: number) {
  const offer = await requireOffer({ db, id });
  if (offer.approvalStatus === 'rejected') throw offerRejected();
  return offer;
}

export async function listCampaigns(opts: { ctx: RequestCtx; query: z.infer<typeof campaignQuery> }) {
  const { ctx, query } = opts;
  const { ids, total } = await repo.listCampaigns(ctx.db, query);
  const items: CampaignDto[] = [];
  for (const id of ids) {
    const row = await repo.findCampaign(ctx.db, id);
    if (row && visible(ctx.scope, row)) items.push(await dto(ctx.db, row));
  }
  return { items, total: ctx.scope.kind === 'all' ? total : items.length };
}

export async function getCampaign(opts: { ctx: RequestCtx; id: number }) {
  return dto(opts.ctx.db, await requireCampaign(opts.ctx.db, opts.ctx.scope, opts.id));
}

export async function createCampaign(opts: {
  ctx: RequestCtx;
  input: z.infer<typeof campaignCreate>;
  parentCampaignId?: number;
}) {
  const { ctx, input } = opts;
  return ctx.db.transaction(async (tx) => {
    const segment = await requireSegment({ db: tx, scope: ctx.scope, id: input.segmentId });
    if (input.offerId) await attachableOffer(tx, input.offerId);
    const row = await repo.insertCampaign(tx, {
      name: input.name,
      segmentId: segment.id,
      segmentVersion: segment.version,
      offerId: input.offerId ?? null,
      plan: campaignPlan.parse(input.plan ?? {}),
      parentCampaignId: opts.parentCampaignId ?? null,
      orgUnitId: ctx.user.orgUnitId,
      createdBy: ctx.user.id,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'marketing_campaign',
      entityId: row.id,
      before: null,
      after: auditView(row),
    });
    return dto(tx, row);
  });
}

/** Edits the plan of a campaign not yet launched. */
export async function updateCampaign(opts: { ctx: RequestCtx; id: number; input: z.infer<typeof campaignUpdate> }) {
  const { ctx, id, input } = opts;
  return ctx.db.transaction(async (tx) => {
    const before = await requireCampaign(tx, ctx.scope, id, true);
    if (before.stage === 'execution' || before.stage === 'completed') throw wrongStage(before.stage);
    if (input.offerId) await attachableOffer(tx, input.offerId);
    const plan = input.plan ? campaignPlan.parse({ ...planOf(before), ...input.plan }) : planOf(before);
    const row = await repo.updateCampaign(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.offerId !== undefined ? { offerId: input.offerId } : {}),
      plan,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'marketing_campaign',
      entityId: id,
      before: auditView(before),
      after: auditView(row),
    });
    return dto(tx, row);
  });
}

/** Step 1, needs insight: the profile of the campaign's segment (the version it is bound to). */
export async function campaignProfile(opts: { ctx: RequestCtx; id: number }) {
  const { ctx } = opts;
  const row = await requireCampaign(ctx.db, ctx.scope, opts.id);
  const definition = await definitionOf({ db: ctx.db, segmentId: row.segmentId, version: row.segmentVersion });
  return segmentProfileOf({ db: ctx.db, scope: ctx.scope, definition });
}

/**
 * Moves the campaign to its next stage once the current one is complete. Entering execution launches it: the
 * contact list is generated by a durable job (as the launching user). Leaving execution records the conversions.
 */
export async function advanceCampaign(opts: { ctx: RequestCtx; id: number; now?: Date }) {
  const { ctx, id } = opts;
  const now = opts.now ?? new Date();
  return ctx.db.transaction(async (tx) => {
    const before = await requireCampaign(tx, ctx.scope, id, true);
    const plan = planOf(before);
    const blocker = stageBlocker(before.stage, { offerId: before.offerId, plan });
    if (blocker === 'stage') throw wrongStage(before.stage);
    if (blocker) throw stageIncomplete(blocker);
    const stage = nextStage(before.stage);
    if (!stage) throw wrongStage(before.stage);
    let patch: Partial<Row> = { stage };
    if (stage === 'execution') {
      const offer = before.offerId ? await requireOffer({ db: tx, id: before.offerId }) : null;
      if (offer && offer.approvalStatus !== 'approved') throw offerNotApproved();
      if (offer && offer.validTo < todayIso(now)) throw offerExpired();
      if (offer && offer.validFrom > todayIso(now)) throw offerNotYetValid();
      const job = await enqueueJob({
        db: tx,
        type: GENERATE_JOB,
        payload: { campaignId: id, userId: ctx.user.id },
        dedupeKey: `${GENERATE_JOB}:${id}`,
        createdBy: ctx.user.id,
      });
      patch = { ...patch, launchedAt: now, contactJobId: job.id };
    }
    if (stage === 'completed') {
      await recordCampaignConversions(tx, before, now);
      patch = { ...patch, completedAt: now };
    }
    const row = await repo.updateCampaign(tx, id, patch);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'advance',
      entity: 'marketing_campaign',
      entityId: id,
      before: { stage: before.stage },
      after: { stage: row.stage },
    });
    return dto(tx, row);
  });
}

async function recordCampaignConversions(tx: DbOrTx, row: Row, now: Date) {
  if (!row.offerId || !row.launchedAt) return 0;
  const offer = await requireOffer({ db: tx, id: row.offerId });
  const end = new Date(row.launchedAt.getTime() + planOf(row).conversionWindowDays * 86_400_000);
  return repo.recordConversions(tx, {
    campaignId: row.id,
    offeringId: offer.offeringId,
    from: row.launchedAt,
    to: end < now ? end : now,
  });
}

/** Records the conversions so far of a running campaign (the offer's product ordered within the window). */
export async function measureCampaign(opts: { ctx: RequestCtx; id: number; now?: Date }) {
  const { ctx, id } = opts;
  await ctx.db.transaction(async (tx) => {
    const row = await requireCampaign(tx, ctx.scope, id, true);
    if (row.stage !== 'execution') throw wrongStage(row.stage);
    const n = await recordCampaignConversions(tx, row, opts.now ?? new Date());
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'measure',
      entity: 'marketing_campaign',
      entityId: id,
      before: null,
      after: { conversionsRecorded: n },
    });
  });
  return campaignResults({ ctx, id });
}

/** The funnel, uplift against the hold-out with its 95% interval, cost and ROI. */
export async function campaignResults(opts: { ctx: RequestCtx; id: number }) {
  const { ctx } = opts;
  const row = await requireCampaign(ctx.db, ctx.scope, opts.id);
  const plan = planOf(row);
  const offer = row.offerId ? await requireOffer({ db: ctx.db, id: row.offerId }) : null;
  const { f, excluded, byChannel } = await repo.funnel(ctx.db, row.id);
  const m = measure({
    targetN: Number(f.target),
    targetConverted: Number(f.conv_target),
    controlN: Number(f.control),
    controlConverted: Number(f.conv_control),
    contacted: Number(f.contacted),
    costPerContactFen: plan.costPerContactFen,
    fixedCostFen: plan.fixedCostFen,
    offerMonthlyFen: offer ? discountedFen(offer.monthlyPriceFen, offer.discountPct) : 0,
    valueMonths: plan.valueMonths,
  });
  return {
    segmentSize: Number(f.size),
    excluded: excluded.map((e) => ({ reason: e.reason, count: Number(e.count) })),
    control: Number(f.control),
    target: Number(f.target),
    contacted: Number(f.contacted),
    responded: Number(f.responded),
    convertedTarget: Number(f.conv_target),
    convertedControl: Number(f.conv_control),
    ...m,
    byChannel: byChannel.map((c) => ({
      channel: c.channel,
      members: Number(c.members),
      contacted: Number(c.contacted),
    })),
  };
}

/** Back to step 1: a new campaign on the segment's current version with the same offer and plan. */
export async function nextCycle(opts: { ctx: RequestCtx; id: number }) {
  const { ctx } = opts;
  const row = await requireCampaign(ctx.db, ctx.scope, opts.id);
  if (row.stage !== 'completed' && row.stage !== 'execution') throw wrongStage(row.stage);
  const cycle = (await countAncestors(ctx.db, row)) + 2;
  const base = row.name.replace(/ #\d+$/, '');
  return createCampaign({
    ctx,
    input: {
      name: `${base} #${cycle}`,
      segmentId: row.segmentId,
      offerId: row.offerId ?? undefined,
      plan: planOf(row),
    },
    parentCampaignId: row.id,
  });
}

async function countAncestors(db: DbOrTx, row: Row) {
  let n = 0;
  let parent = row.parentCampaignId;
  while (parent && n < 100) {
    const p = await repo.findCampaign(db, parent);
    if (!p) break;
    n++;
    parent = p.parentCampaignId;
  }
  return n;
}

// Jobs

/**
 * Generates the contact list (idempotent: a list already generated is kept), then queues the dispatch at the first
 * time outside quiet hours (and not before the planned start).
 */
export async function generateContactList(opts: { db: Db; campaignId: number; userId: number; now?: Date }) {
  const now = opts.now ?? new Date();
  const ctx = await userContext({ db: opts.db, userId: opts.userId });
  if (!ctx) throw new Error(`user ${opts.userId} is not active`);
  return opts.db.transaction(async (tx) => {
    const row = await repo.findCampaign(tx, opts.campaignId, true);
    if (row?.stage !== 'execution') return { members: 0 };
    const [existing] = await repo.funnel(tx, row.id).then((r) => [Number(r.f.size)]);
    let members = existing;
    const plan = planOf(row);
    if (existing === 0) {
      const definition = await definitionOf({ db: tx, segmentId: row.segmentId, version: row.segmentVersion });
      const offer = row.offerId ? await requireOffer({ db: tx, id: row.offerId }) : null;
      members = await repo.generateMembers(tx, {
        campaignId: row.id,
        segmentSql: segmentFrom(definition, ctx.scope, compileOptions(now), offer?.eligibility ?? null),
        plan,
        now,
      });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'generate_contacts',
        entity: 'marketing_campaign',
        entityId: row.id,
        before: null,
        after: { members },
      });
    }
    const start = plan.startAt && new Date(plan.startAt) > now ? new Date(plan.startAt) : now;
    const runAt = nextSendTime(start, plan.quietStart, plan.quietEnd);
    await enqueueJob({
      db: tx,
      type: DISPATCH_JOB,
      payload: { campaignId: row.id },
      dedupeKey: `${DISPATCH_JOB}:${row.id}:${runAt.toISOString()}`,
      runAt,
    });
    return { members };
  });
}

/**
 * Sends the pending SMS / email / WeChat contacts through the channel, batch by batch, outside quiet hours; opted-out
 * customers are suppressed at send time; every send is an interaction on the customer's 360 page.
 */
export async function dispatchCampaign(opts: { db: Db; campaignId: number; now?: () => Date }) {
  const clock = opts.now ?? (() => new Date());
  const row = await repo.findCampaign(opts.db, opts.campaignId);
  if (row?.stage !== 'execution') return { sent: 0 };
  const plan = planOf(row);
  const offer = row.offerId ? await requireOffer({ db: opts.db, id: row.offerId }) : null;
  let sent = 0;
  let afterId = 0;
  await repo.suppressOptedOut(opts.db, row.id);
  for (;;) {
    const at = clock();
    const resumeAt = nextSendTime(at, plan.quietStart, plan.quietEnd);
    if (resumeAt.getTime() !== at.getTime()) {
      await enqueueJob({
        db: opts.db,
        type: DISPATCH_JOB,
        payload: { campaignId: row.id },
        dedupeKey: `${DISPATCH_JOB}:${row.id}:${resumeAt.toISOString()}`,
        runAt: resumeAt,
      });
      break;
    }
    if (offer && !offerValidOn(offer, todayIso(at))) {
      // The offer's validity ended (or has not begun): nothing is promised outside it.
      if (offer.validTo < todayIso(at)) await repo.suppressPending(opts.db, row.id);
      break;
    }
    const batch = await repo.pendingMessages(opts.db, row.id, afterId, BATCH);
    if (!batch.length) break;
    afterId = batch[batch.length - 1].customerId;
    const messages = batch.map((m) => ({
      campaignId: row.id,
      customerId: m.customerId,
      channel: m.channel as 'sms' | 'email' | 'wechat',
      address: m.channel === 'email' ? m.email : m.mobile,
      text: renderTemplate(plan.template, {
        name: m.name,
        offer: offer?.name ?? '',
        priceFen: offer ? discountedFen(offer.monthlyPriceFen, offer.discountPct) : 0,
      }),
    }));
    await opts.db.transaction(async (tx) => {
      // Opt-outs recorded since the list was generated are honoured here too.
      await repo.suppressOptedOut(tx, row.id);
      const still = new Set(
        (await repo.pendingMessages(tx, row.id, messages[0].customerId - 1, BATCH)).map((m) => m.customerId),
      );
      const go = messages.filter((m) => still.has(m.customerId));
      if (!go.length) return;
      await marketingChannel().sendBatch(go);
      await repo.markSent(
        tx,
        row.id,
        go.map((m) => m.customerId),
        at,
      );
      await recordSystemInteractions({
        tx,
        rows: go.map((m) => ({
          customerId: m.customerId,
          channel: m.channel === 'email' ? 'email' : m.channel === 'wechat' ? 'wechat' : 'sms',
          summary: `营销活动「${row.name}」：${m.text || offer?.name || ''}`.slice(0, 500),
          occurredAt: at,
        })),
      });
      await recordAudit({
        tx,
        actor: { userId: null, name: 'campaigns', requestId: null },
        action: 'dispatch',
        entity: 'marketing_campaign',
        entityId: row.id,
        before: null,
        after: { sent: go.length },
      });
      sent += go.length;
    });
  }
  return { sent };
}

// Tasks of AMs and agents

export async function myTasks(opts: { ctx: RequestCtx; includeDone?: boolean }) {
  const rows = await repo.tasksOf(opts.ctx.db, opts.ctx.user.id, opts.includeDone ?? false);
  return rows.map((r) => ({
    campaignId: Number(r.campaign_id),
    campaignName: String(r.campaign_name),
    customerId: Number(r.customer_id),
    customerName: String(r.customer_name),
    customerNo: String(r.customer_no),
    channel: r.channel as 'outbound_call' | 'am_visit',
    offerName: (r.offer_name as string | null) ?? null,
    offerApprovalStatus: (r.offer_approval_status as OfferApprovalStatus | null) ?? null,
    message: renderTemplate(String(r.template ?? ''), {
      name: String(r.customer_name),
      offer: String(r.offer_name ?? ''),
      priceFen: r.monthly_price_fen === null ? 0 : discountedFen(Number(r.monthly_price_fen), Number(r.discount_pct)),
    }),
    status: String(r.status),
    outcome: (r.outcome as string | null) ?? null,
  }));
}

/** The agent's or AM's outcome of a call or visit: recorded on the member and as an interaction on the 360 page. */
export async function recordTaskOutcome(opts: {
  ctx: RequestCtx;
  campaignId: number;
  customerId: number;
  input: z.infer<typeof campaignTaskOutcome>;
  now?: Date;
}) {
  const { ctx, campaignId, customerId, input } = opts;
  const now = opts.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const member = await repo.findMember(tx, campaignId, customerId);
    if (!member || member.assigneeUserId !== ctx.user.id || member.arm !== 'target') throw taskNotFound();
    if (member.status !== 'pending') throw taskDone();
    const campaign = await repo.findCampaign(tx, campaignId);
    if (campaign?.stage !== 'execution') throw taskNotFound();
    if (await repo.isOptedOut(tx, customerId)) {
      await repo.updateMember(tx, campaignId, customerId, { status: 'suppressed' });
      throw taskNotFound();
    }
    const reached = input.outcome !== 'no_answer';
    const after = await repo.updateMember(tx, campaignId, customerId, {
      status: 'done',
      outcome: input.outcome,
      contactedAt: reached ? now : null,
      respondedAt: input.outcome === 'accepted' || input.outcome === 'interested' ? now : null,
    });
    if (input.outcome === 'opt_out') {
      await repo.insertOptOut(tx, {
        customerId,
        source: 'campaign_task',
        reason: input.note ?? null,
        byUserId: ctx.user.id,
      });
    }
    await createInteraction({
      ctx: { ...ctx, db: tx as unknown as Db },
      id: customerId,
      input: {
        channel: member.channel === 'am_visit' ? 'visit' : 'phone',
        direction: 'outbound',
        summary: `营销活动「${campaign.name}」：${input.outcome}${input.note ? ` ${input.note}` : ''}`.slice(0, 500),
      },
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'task_outcome',
      entity: 'marketing_campaign',
      entityId: campaignId,
      customerId,
      before: { status: member.status, outcome: member.outcome },
      after: { status: after.status, outcome: after.outcome },
    });
  });
  const task = (await myTasks({ ctx, includeDone: true })).find(
    (t) => t.campaignId === campaignId && t.customerId === customerId,
  );
  if (!task) throw taskNotFound();
  return task;
}

/** A customer's marketing opt-out (honoured at list generation and at every send). */
export async function optOut(opts: { ctx: RequestCtx; input: z.infer<typeof marketingOptOut> }) {
  const { ctx, input } = opts;
  return ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: input.customerId });
    const [row] = await repo.insertOptOut(tx, {
      customerId: input.customerId,
      reason: input.reason ?? null,
      source: 'staff',
      byUserId: ctx.user.id,
    });
    if (row) {
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'opt_out',
        entity: 'marketing_opt_out',
        entityId: input.customerId,
        customerId: input.customerId,
        before: null,
        after: { reason: row.reason },
      });
    }
    return { customerId: input.customerId, optedOut: true };
  });
}

export async function removeOptOut(opts: { ctx: RequestCtx; customerId: number }) {
  const { ctx, customerId } = opts;
  return ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: customerId });
    const [row] = await repo.deleteOptOut(tx, customerId);
    if (row) {
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'opt_in',
        entity: 'marketing_opt_out',
        entityId: customerId,
        customerId,
        before: { reason: row.reason },
        after: null,
      });
    }
    return { customerId, optedOut: false };
  });
}
