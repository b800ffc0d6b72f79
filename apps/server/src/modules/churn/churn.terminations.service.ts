import type {
  ChurnCompetitor,
  churnCompetitorCreate,
  churnCompetitorUpdate,
  Termination,
  TerminationCreate,
  terminationQuery,
} from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { invalidField, pgErrorOf } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer, setCustomerStatusTx } from '../customers/customers.service';
import { todayIso } from '../ka-common/ka-common.models';
import {
  alreadyTerminated,
  competitorCodeTaken,
  competitorNotFound,
  terminationNotFound,
} from './churn.terminations.errors';
import { defaultCompetitors, isAfter } from './churn.terminations.models';
import * as repo from './churn.terminations.repository';

const toCompetitor = (r: repo.CompetitorRow): ChurnCompetitor => ({
  id: r.id,
  code: r.code,
  nameZh: r.nameZh,
  nameEn: r.nameEn,
  active: r.active,
  sortOrder: r.sortOrder,
});

const competitorAudit = (r: repo.CompetitorRow) => {
  const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = r;
  return fields;
};

export const toTermination = (r: repo.TerminationListRow): Termination => ({
  id: r.termination.id,
  customerId: r.termination.customerId,
  customerName: r.customerName,
  terminationDate: r.termination.terminationDate,
  reasonCode: r.termination.reasonCode,
  note: r.termination.note,
  competitor:
    r.termination.competitorId && r.competitorNameZh !== null && r.competitorNameEn !== null
      ? { id: r.termination.competitorId, nameZh: r.competitorNameZh, nameEn: r.competitorNameEn }
      : null,
  portedOut: r.termination.portedOut,
  linesLost: r.termination.linesLost,
  monthlyValueLostFen: r.termination.monthlyValueLostFen,
  recordedBy: r.termination.recordedBy ? { id: r.termination.recordedBy, displayName: r.recordedByName ?? '' } : null,
  createdAt: r.termination.createdAt.toISOString(),
});

/** Seeds the default competitor list once, when the operator has none (lazily, from the first read). */
export async function ensureCompetitorDefaults(opts: { db: DbOrTx }): Promise<void> {
  if ((await repo.countCompetitors(opts.db)) > 0) return;
  await repo.insertCompetitorsIfMissing(
    opts.db,
    defaultCompetitors.map((c) => ({ ...c })),
  );
}

export async function listCompetitors(opts: { ctx: RequestCtx; activeOnly?: boolean }): Promise<ChurnCompetitor[]> {
  await ensureCompetitorDefaults({ db: opts.ctx.db });
  const rows = await repo.listCompetitors(opts.ctx.db);
  return rows.filter((r) => !opts.activeOnly || r.active).map(toCompetitor);
}

export async function getCompetitor(opts: { ctx: RequestCtx; id: number }): Promise<ChurnCompetitor> {
  const row = await repo.findCompetitor(opts.ctx.db, opts.id);
  if (!row) throw competitorNotFound();
  return toCompetitor(row);
}

export async function createCompetitor(opts: {
  ctx: RequestCtx;
  input: z.infer<typeof churnCompetitorCreate>;
}): Promise<ChurnCompetitor> {
  const { ctx, input } = opts;
  await ensureCompetitorDefaults({ db: ctx.db });
  try {
    return await ctx.db.transaction(async (tx) => {
      if (await repo.findCompetitorByCode(tx, input.code)) throw competitorCodeTaken();
      const row = await repo.insertCompetitor(tx, input);
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'churn_competitor',
        entityId: row.id,
        before: null,
        after: competitorAudit(row),
      });
      return toCompetitor(row);
    });
  } catch (err) {
    if (pgErrorOf(err)?.code === '23505') throw competitorCodeTaken();
    throw err;
  }
}

export async function updateCompetitor(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof churnCompetitorUpdate>;
}): Promise<ChurnCompetitor> {
  const { ctx, id, input } = opts;
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findCompetitor(tx, id);
    if (!before) throw competitorNotFound();
    const row = await repo.updateCompetitor(tx, id, input);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'churn_competitor',
      entityId: id,
      before: competitorAudit(before),
      after: competitorAudit(row),
    });
    return toCompetitor(row);
  });
}

async function getTerminationIn(ctx: RequestCtx, db: DbOrTx, id: number): Promise<Termination> {
  const [row] = (await repo.listTerminations(db, ctx.scope, { id }, { limit: 1, offset: 0 })).items;
  if (!row) throw terminationNotFound();
  return toTermination(row);
}

export async function getTermination(opts: { ctx: RequestCtx; id: number }): Promise<Termination> {
  return getTerminationIn(opts.ctx, opts.ctx.db, opts.id);
}

/**
 * Records a customer's termination: the reason, the competitor it left for, lines ported out and the monthly value
 * lost; sets the customer churned (through the customers module, audited there) and audits the termination, in one
 * transaction. A customer already churned answers 409 `churn.already_terminated`.
 */
export async function recordTermination(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: TerminationCreate;
}): Promise<Termination> {
  const { ctx, customerId, input } = opts;
  if (isAfter(input.terminationDate, todayIso())) throw invalidField('terminationDate', 'must not be in the future');
  await ensureCompetitorDefaults({ db: ctx.db });
  const id = await ctx.db.transaction(async (tx) => {
    const current = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: customerId, lock: true });
    if (current.customer.status === 'churned') throw alreadyTerminated();
    if (input.competitorId) {
      const competitor = await repo.findCompetitor(tx, input.competitorId);
      if (!competitor) throw invalidField('competitorId', 'competitor not found');
    }
    const row = await repo.insertTermination(tx, {
      customerId,
      terminationDate: input.terminationDate,
      reasonCode: input.reasonCode,
      note: input.note || null,
      competitorId: input.competitorId ?? null,
      portedOut: input.portedOut,
      linesLost: input.linesLost,
      monthlyValueLostFen: input.monthlyValueLostFen,
      recordedBy: ctx.user.id,
    });
    await setCustomerStatusTx({ ctx, tx, id: customerId, status: 'churned' });
    const { id: _id, createdAt: _c, ...after } = row;
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'churn_termination',
      entityId: row.id,
      customerId,
      before: null,
      after,
    });
    return row.id;
  });
  return getTerminationIn(ctx, ctx.db, id);
}

export async function listTerminations(opts: { ctx: RequestCtx; query: z.infer<typeof terminationQuery> }) {
  const { limit, offset, ...filter } = opts.query;
  const { items, total } = await repo.listTerminations(opts.ctx.db, opts.ctx.scope, filter, { limit, offset });
  return { items: items.map(toTermination), total };
}
