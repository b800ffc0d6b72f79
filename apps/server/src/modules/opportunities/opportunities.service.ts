import type {
  OpportunityDetail,
  OpportunitySummary,
  opportunityCreate,
  opportunityNeedInput,
  opportunityQuery,
  opportunityUpdate,
  Pipeline,
  pipelineQuery,
  SolutionOption,
  stageChange,
} from '@crm/contracts';
import { opportunityStages } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { badRequest, conflict, invalidField, notFound } from '../../platform/errors';
import { inTx, requireStaff } from '../accounts-mgmt/accounts-mgmt.service';
import { recordAudit } from '../audit/audit.service';
import { createCustomer, requireVisibleCustomer } from '../customers/customers.service';
import { orderIdOfOpportunity } from '../fulfilment/fulfilment.service';
import { findOrgUnitForReference, getSubtreeIds } from '../org/org.service';
import { compareOptions, isClosed, stageChangeError, stageProbability } from './opportunities.models';
import * as repo from './opportunities.repository';

export const opportunityNotFound = () => notFound('opportunities.not_found', 'Opportunity not found');

const toSummary = (r: repo.OpportunityListRow): OpportunitySummary => ({
  id: r.opportunity.id,
  customerId: r.opportunity.customerId,
  customerName: r.customerName,
  customerStatus: r.customerStatus,
  owner: { id: r.opportunity.ownerId, displayName: r.ownerName },
  title: r.opportunity.title,
  stage: r.opportunity.stage,
  estMonthlyFen: r.opportunity.estMonthlyFen,
  estOneTimeFen: r.opportunity.estOneTimeFen,
  expectedClose: r.opportunity.expectedClose,
  competitor: r.opportunity.competitor,
  probability: stageProbability[r.opportunity.stage],
  updatedAt: r.opportunity.updatedAt.toISOString(),
});

/** The opportunity row locked inside the caller's transaction; 404 when missing or out of scope. */
export async function lockVisibleOpportunity(ctx: RequestCtx, tx: DbOrTx, id: number) {
  const row = await repo.lockOpportunity(tx, ctx.scope, id);
  if (!row) throw opportunityNotFound();
  return row;
}

async function orgUnitIdsOf(ctx: RequestCtx, orgUnitId?: number) {
  if (!orgUnitId) return undefined;
  const unit = await findOrgUnitForReference({ db: ctx.db, id: orgUnitId });
  return unit ? getSubtreeIds({ db: ctx.db, path: unit.path }) : [];
}

export async function listOpportunities(opts: { ctx: RequestCtx; query: z.infer<typeof opportunityQuery> }) {
  const { ctx, query } = opts;
  const { limit, offset, orgUnitId, open, ...f } = query;
  const { items, total } = await repo.listOpportunities(
    ctx.db,
    ctx.scope,
    { ...f, orgUnitIds: await orgUnitIdsOf(ctx, orgUnitId), open: open === undefined ? undefined : open === 'true' },
    { limit, offset },
  );
  return { items: items.map(toSummary), total };
}

/** The pipeline board: opportunities by stage with counts, estimated and probability-weighted monthly value. */
export async function getPipeline(opts: { ctx: RequestCtx; query: z.infer<typeof pipelineQuery> }): Promise<Pipeline> {
  const { ctx, query } = opts;
  const { items } = await repo.listOpportunities(
    ctx.db,
    ctx.scope,
    { ownerId: query.ownerId, orgUnitIds: await orgUnitIdsOf(ctx, query.orgUnitId) },
    { limit: 2000, offset: 0 },
  );
  const all = items.map(toSummary);
  return {
    stages: opportunityStages.map((stage) => {
      const of = all.filter((o) => o.stage === stage);
      const monthly = of.reduce((s, o) => s + o.estMonthlyFen, 0);
      return {
        stage,
        count: of.length,
        estMonthlyFen: monthly,
        weightedMonthlyFen: Math.round((monthly * stageProbability[stage]) / 100),
        items: of,
      };
    }),
  };
}

/** The solution options of an opportunity with their side-by-side comparison figures. */
export async function optionViews(db: DbOrTx, opportunityId: number): Promise<SolutionOption[]> {
  const options = await repo.listOptions(db, opportunityId);
  const items = await repo.listOptionItems(
    db,
    options.map((o) => o.id),
  );
  const figures = compareOptions(
    options.map((o) => ({
      id: o.id,
      termMonths: o.termMonths,
      investmentFen: o.investmentFen,
      items: items.filter((i) => i.item.optionId === o.id).map((i) => i.item),
    })),
  );
  return options.map((o) => {
    const { id: _id, ...comparison } = figures.get(o.id)!;
    return {
      id: o.id,
      name: o.name,
      summary: o.summary,
      termMonths: o.termMonths,
      investmentFen: o.investmentFen,
      chosen: o.chosen,
      items: items
        .filter((i) => i.item.optionId === o.id)
        .map((i) => ({
          id: i.item.id,
          offeringId: i.item.offeringId,
          offeringNameZh: i.offeringNameZh,
          offeringNameEn: i.offeringNameEn,
          description: i.item.description,
          quantity: i.item.quantity,
          oneTimeFen: i.item.oneTimeFen,
          monthlyFen: i.item.monthlyFen,
        })),
      comparison,
    };
  });
}

export async function getOpportunity(opts: { ctx: RequestCtx; id: number }): Promise<OpportunityDetail> {
  const { ctx, id } = opts;
  const row = await repo.findOpportunity(ctx.db, ctx.scope, id);
  if (!row) throw opportunityNotFound();
  const [needs, notes, attachments, options, orderId] = await Promise.all([
    repo.listNeeds(ctx.db, id),
    repo.listNotes(ctx.db, id),
    repo.listAttachments(ctx.db, id),
    optionViews(ctx.db, id),
    orderIdOfOpportunity({ db: ctx.db, opportunityId: id }),
  ]);
  return {
    ...toSummary(row),
    description: row.opportunity.description,
    lostReason: row.opportunity.lostReason,
    chosenOptionId: row.opportunity.chosenOptionId,
    orderId,
    createdAt: row.opportunity.createdAt.toISOString(),
    needs: needs.map(({ opportunityId: _o, ...n }) => n),
    notes: notes.map((n) => ({
      id: n.note.id,
      body: n.note.body,
      forwardedTo: n.note.forwardedTo,
      authorName: n.authorName,
      createdAt: n.note.createdAt.toISOString(),
    })),
    attachments: attachments.map((a) => ({
      id: a.attachment.id,
      fileName: a.attachment.fileName,
      contentType: a.attachment.contentType,
      sizeBytes: a.attachment.sizeBytes,
      description: a.attachment.description,
      uploadedByName: a.uploadedByName,
      uploadedAt: a.attachment.uploadedAt.toISOString(),
    })),
    options,
  };
}

/** The owner of an opportunity: the acting AM themself, else an AM or manager on the customer's branch. */
async function ownerFor(
  ctx: RequestCtx,
  tx: DbOrTx,
  requested: number | undefined,
  customer: { orgUnitId: number; accountManagerId: number | null },
) {
  if (ctx.user.role === 'account_manager') {
    if (requested && requested !== ctx.user.id)
      throw invalidField('ownerId', 'an account manager owns their own opportunities');
    return ctx.user.id;
  }
  const ownerId = requested ?? customer.accountManagerId;
  if (!ownerId) throw invalidField('ownerId', 'required: the customer has no account manager');
  await requireStaff({
    db: tx,
    userId: ownerId,
    field: 'ownerId',
    orgUnitId: customer.orgUnitId,
    roles: ['account_manager', 'manager'],
  });
  return ownerId;
}

export const needRow = (opportunityId: number, n: z.infer<typeof opportunityNeedInput>) => ({
  opportunityId,
  phase: n.phase,
  item: n.item,
  offeringId: n.offeringId ?? null,
  quantity: n.quantity,
  neededBy: n.neededBy ?? null,
  notes: n.notes ?? null,
});

/** Opens an opportunity for a customer, or for a prospect recorded with it (S2: before the organisation exists). */
export async function createOpportunity(opts: { ctx: RequestCtx; input: z.infer<typeof opportunityCreate> }) {
  const { ctx, input } = opts;
  const id = await ctx.db.transaction(async (tx) => {
    let customerId = input.customerId;
    if (input.prospect) {
      const created = await createCustomer({
        ctx: inTx(ctx, tx),
        input: {
          partyType: 'organization',
          category: 'key_account',
          status: 'prospect',
          ...input.prospect,
          ...(ctx.user.role !== 'account_manager' && input.ownerId ? { accountManagerId: input.ownerId } : {}),
        },
      });
      customerId = created.id;
    }
    const { customer } = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: customerId! });
    const ownerId = await ownerFor(ctx, tx, input.ownerId, customer);
    const row = await repo.insertOpportunity(tx, {
      customerId: customer.id,
      ownerId,
      title: input.title,
      description: input.description ?? null,
      estMonthlyFen: input.estMonthlyFen,
      estOneTimeFen: input.estOneTimeFen,
      expectedClose: input.expectedClose ?? null,
      competitor: input.competitor ?? null,
      createdBy: ctx.user.id,
    });
    await repo.insertNeeds(
      tx,
      input.needs.map((n) => needRow(row.id, n)),
    );
    const { createdAt: _c, updatedAt: _u, ...after } = row;
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'opportunity',
      entityId: row.id,
      customerId: customer.id,
      before: null,
      after: { ...after, needs: input.needs.length },
    });
    return row.id;
  });
  return getOpportunity({ ctx, id });
}

export async function updateOpportunity(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof opportunityUpdate>;
}) {
  const { ctx, id, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const before = await lockVisibleOpportunity(ctx, tx, id);
    // A won or lost opportunity is pipeline history: its values stay as they were when it closed.
    if (isClosed(before.stage))
      throw conflict('opportunities.closed', `The opportunity is ${before.stage}; it can no longer be edited`);
    if (input.ownerId && input.ownerId !== before.ownerId) {
      const { customer } = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: before.customerId });
      await ownerFor(ctx, tx, input.ownerId, customer);
    }
    const after = await repo.updateOpportunity(tx, id, input);
    const pick = (r: repo.OpportunityRow) =>
      Object.fromEntries(Object.keys(input).map((k) => [k, r[k as keyof repo.OpportunityRow]]));
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'opportunity',
      entityId: id,
      customerId: before.customerId,
      before: pick(before),
      after: pick(after),
    });
  });
  return getOpportunity({ ctx, id });
}

/** Moves an opportunity through the pipeline (won only by choosing an option; lost with reason and competitor). */
export async function changeStage(opts: { ctx: RequestCtx; id: number; input: z.infer<typeof stageChange> }) {
  const { ctx, id, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const before = await lockVisibleOpportunity(ctx, tx, id);
    const err = stageChangeError(before.stage, input.stage, {
      lostReason: input.lostReason,
      hasChosenOption: before.chosenOptionId !== null,
    });
    if (err) throw badRequest('opportunities.stage_invalid', `${err.path}: ${err.message}`, [err]);
    const after = await repo.updateOpportunity(tx, id, {
      stage: input.stage,
      lostReason: input.stage === 'lost' ? input.lostReason : null,
      competitor: input.competitor ?? before.competitor,
      closedAt: isClosed(input.stage) ? new Date() : null,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'stage',
      entity: 'opportunity',
      entityId: id,
      customerId: before.customerId,
      before: { stage: before.stage, lostReason: before.lostReason },
      after: { stage: after.stage, lostReason: after.lostReason, competitor: after.competitor },
    });
  });
  return getOpportunity({ ctx, id });
}
