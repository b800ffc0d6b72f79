import type {
  RetentionAction,
  retentionActionCreate,
  retentionActionQuery,
  retentionActionUpdate,
  UpliftReport,
  upliftQuery,
} from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { badRequest, invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { findUserForReference } from '../org/org.service';
import * as scoreRepo from './churn.repository';
import { uplift } from './churn.retention.models';
import * as repo from './churn.retention.repository';
import { retentionActionNotFound } from './churn.terminations.errors';

const toAction = (r: repo.ActionListRow): RetentionAction => ({
  id: r.action.id,
  customerId: r.action.customerId,
  customerName: r.customerName,
  kind: r.action.kind,
  owner: { id: r.action.ownerId, displayName: r.ownerName },
  dueDate: r.action.dueDate,
  outcome: r.action.outcome,
  note: r.action.note,
  scoringRunId: r.action.scoringRunId,
  completedAt: r.action.completedAt?.toISOString() ?? null,
  createdAt: r.action.createdAt.toISOString(),
});

const actionAudit = (r: repo.RetentionActionRow) => {
  const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = r;
  return fields;
};

async function checkOwner(db: DbOrTx, ownerId: number) {
  const owner = await findUserForReference({ db, id: ownerId });
  if (!owner?.active) throw invalidField('ownerId', 'no active user with this id');
}

async function findAction(ctx: RequestCtx, db: DbOrTx, id: number, lock = false) {
  const [row] = (await repo.listActions(db, ctx.scope, { id }, { limit: 1, offset: 0 }, lock)).items;
  if (!row) throw retentionActionNotFound();
  return row;
}

export async function getRetentionAction(opts: { ctx: RequestCtx; id: number }): Promise<RetentionAction> {
  return toAction(await findAction(opts.ctx, opts.ctx.db, opts.id));
}

export async function listRetentionActions(opts: { ctx: RequestCtx; query: z.infer<typeof retentionActionQuery> }) {
  const { limit, offset, ...filter } = opts.query;
  const { items, total } = await repo.listActions(opts.ctx.db, opts.ctx.scope, filter, { limit, offset });
  return { items: items.map(toAction), total };
}

/**
 * Records a retention action (call, visit, offer, price review) on a customer in the scope, owned by the given user
 * (default: the customer's account manager, else the recorder), optionally tied to the scoring run that listed it.
 */
export async function createRetentionAction(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof retentionActionCreate>;
}): Promise<RetentionAction> {
  const { ctx, customerId, input } = opts;
  const id = await ctx.db.transaction(async (tx) => {
    const { customer } = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: customerId });
    if (customer.status === 'churned')
      throw badRequest('churn.customer_churned', 'The customer has already churned', [
        { path: 'customerId', message: 'customer has churned' },
      ]);
    const ownerId = input.ownerId ?? customer.accountManagerId ?? ctx.user.id;
    if (input.ownerId) await checkOwner(tx, ownerId);
    const row = await repo.insertAction(tx, {
      customerId,
      kind: input.kind,
      ownerId,
      dueDate: input.dueDate,
      note: input.note || null,
      scoringRunId: input.scoringRunId ?? null,
      createdBy: ctx.user.id,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'churn_retention_action',
      entityId: row.id,
      customerId,
      before: null,
      after: actionAudit(row),
    });
    return row.id;
  });
  return getRetentionAction({ ctx, id });
}

/** Changes an action's outcome (saved / lost marks it completed now; pending reopens it), due date, owner or note. */
export async function updateRetentionAction(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof retentionActionUpdate>;
}): Promise<RetentionAction> {
  const { ctx, id, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const { action: before } = await findAction(ctx, tx, id, true);
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) await checkOwner(tx, input.ownerId);
    const values: Parameters<typeof repo.updateAction>[2] = {};
    if (input.dueDate !== undefined) values.dueDate = input.dueDate;
    if (input.ownerId !== undefined) values.ownerId = input.ownerId;
    if (input.note !== undefined) values.note = input.note || null;
    if (input.outcome !== undefined && input.outcome !== before.outcome) {
      values.outcome = input.outcome;
      values.completedAt = input.outcome === 'pending' ? null : new Date();
    }
    const after = await repo.updateAction(tx, id, values);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'churn_retention_action',
      entityId: id,
      customerId: before.customerId,
      before: actionAudit(before),
      after: actionAudit(after),
    });
  });
  return getRetentionAction({ ctx, id });
}

/** Where the treated and control customers of an uplift report come from. */
export type UpliftGroupsSource = (opts: {
  ctx: RequestCtx;
  input: z.infer<typeof upliftQuery>;
}) => Promise<{ treated: number[]; control: number[] }>;

/**
 * The default source: customers with retention actions (of a scoring run, from a date) against the given control
 * list (customers that were treated are dropped from it). The hold-out groups of scoring runs plug in here.
 */
export const actionsVersusControlList: UpliftGroupsSource = async ({ ctx, input }) => {
  const treated = await repo.treatedCustomerIds(ctx.db, ctx.scope, {
    scoringRunId: input.scoringRunId,
    from: input.from,
  });
  const treatedSet = new Set(treated);
  const control = [...new Set(input.controlCustomerIds ?? [])].filter((id) => !treatedSet.has(id));
  return { treated, control };
};

/**
 * Without a control list: the scoring run's random hold-out control group (of `scoringRunId`, default the latest
 * succeeded run), the customers never listed nor warned. Treated are the customers with actions of that run (and
 * from the date); the controls are those at the treated customers' lowest risk in the run and above, so that both
 * groups come from the same part of the ranking (actions go to the top of the list, the hold-out spans all of it).
 */
export const actionsVersusHoldout: UpliftGroupsSource = async ({ ctx, input }) => {
  const run = input.scoringRunId
    ? await scoreRepo.findRun(ctx.db, input.scoringRunId)
    : await scoreRepo.latestSucceededRun(ctx.db);
  if (!run)
    throw invalidField(
      input.scoringRunId ? 'scoringRunId' : 'controlCustomerIds',
      input.scoringRunId ? 'scoring run not found' : 'no scoring run with a hold-out group: pass a control list',
    );
  const treated = await repo.treatedCustomerIds(ctx.db, ctx.scope, { scoringRunId: run.id, from: input.from });
  const minRisk = (await repo.lowestRiskIn(ctx.db, { runId: run.id, customerIds: treated })) ?? 0;
  const treatedSet = new Set(treated);
  const control = (await repo.holdoutControlIds(ctx.db, ctx.scope, { runId: run.id, minRisk })).filter(
    (id) => !treatedSet.has(id),
  );
  return { treated, control };
};

/**
 * The uplift of retention: saved rate (customers not churned) of the treated group minus the control group's, with
 * Newcombe's confidence interval. Both groups are counted inside the viewer's scope. The control group is the given
 * list, else the scoring run's random hold-out (`actionsVersusHoldout`).
 */
export async function upliftReport(opts: {
  ctx: RequestCtx;
  input: z.infer<typeof upliftQuery>;
  source?: UpliftGroupsSource;
}): Promise<UpliftReport> {
  const { ctx, input } = opts;
  const source = opts.source ?? (input.controlCustomerIds ? actionsVersusControlList : actionsVersusHoldout);
  const groups = await source({ ctx, input });
  const [treated, control] = await Promise.all([
    repo.savedCounts(ctx.db, ctx.scope, groups.treated),
    repo.savedCounts(ctx.db, ctx.scope, groups.control),
  ]);
  if (treated.customers === 0)
    throw badRequest('churn.no_treated_customers', 'No customer in scope has a retention action in this selection', [
      { path: 'scoringRunId', message: 'no treated customers' },
    ]);
  if (control.customers === 0)
    throw invalidField(
      'controlCustomerIds',
      input.controlCustomerIds
        ? 'no control customer in scope'
        : "no hold-out customer of the run in scope at the treated customers' risk",
    );
  return uplift(treated, control, input.level);
}
