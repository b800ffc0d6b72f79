import {
  type ChurnRiskSummary,
  type CustomerChurnHeadline,
  type CustomerChurnScore,
  churnRiskBand,
  type churnRiskSummaryQuery,
  type ScoreRunUplift,
  type scoreRunUpliftQuery,
} from '@crm/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { invalidField, notFound } from '../../platform/errors';
import { requireVisibleCustomer } from '../customers/customers.service';
import { todayIso } from '../ka-common/ka-common.models';
import { findOrgUnitForReference, getSubtreeIds } from '../org/org.service';
import { churnFacts } from './churn.analysis.queries';
import * as repo from './churn.repository';
import { uplift } from './churn.retention.models';
import { type CustomerCoxModel, customerCox, fitCustomerCox } from './churn.screens.models';
import * as screens from './churn.screens.repository';
import { latestChurnRisks, toRun } from './churn.service';

const COX_TTL_MS = 10 * 60 * 1000;
/** The Cox model of a database, refitted at most every 10 minutes (hazard ratios move slowly; fitting reads all). */
const coxCache = new WeakMap<Db, { at: number; today: string; model: CustomerCoxModel | null }>();

/** Forgets the fitted Cox models (tests that change churn facts between requests). */
export const resetChurnCoxCache = (db: Db) => coxCache.delete(db);

async function coxModelOf(db: Db, today: string, now: number) {
  const hit = coxCache.get(db);
  if (hit && hit.today === today && now - hit.at < COX_TTL_MS) return hit.model;
  // Fitted over every customer: coefficients are aggregates; each viewer only reads customers in their scope.
  const model = fitCustomerCox(await churnFacts(db, { kind: 'all' }), today);
  coxCache.set(db, { at: now, today, model });
  return model;
}

/**
 * A customer's churn picture for its 360 page: the latest score with reasons (and whether it was held out), its
 * risk over the runs, and the Cox hazard ratio with expected and median months to churn (active customers only).
 */
export async function customerChurnScore(opts: { ctx: RequestCtx; customerId: number; now?: Date }) {
  const { ctx, customerId } = opts;
  const { customer } = await requireVisibleCustomer({ db: ctx.db, scope: ctx.scope, id: customerId });
  const scores = await screens.scoresOfCustomer(ctx.db, customerId);
  const last = scores.at(-1) ?? null;
  const today = todayIso(opts.now);
  let cox: CustomerChurnScore['cox'] = null;
  if (customer.status !== 'churned') {
    const model = await coxModelOf(ctx.db, today, (opts.now ?? new Date()).getTime());
    const [facts] = model ? await churnFacts(ctx.db, ctx.scope, customerId) : [];
    if (model && facts) cox = customerCox(model, facts, today);
  }
  return {
    customerId,
    score: last,
    history: scores.map((s) => ({ runId: s.runId, period: s.period, risk: s.risk, control: s.control })),
    cox,
  } satisfies CustomerChurnScore;
}

/**
 * The churn part of a customer's 360 header strip: its score in the latest succeeded run with the risk band and the
 * strongest reason (null without churn.read, or when that run did not score the customer). The caller has checked
 * that the customer is in the viewer's scope.
 */
export async function customerChurnHeadline(opts: {
  ctx: RequestCtx;
  customerId: number;
}): Promise<{ churnRisk: CustomerChurnHeadline | null }> {
  const { ctx, customerId } = opts;
  if (!ctx.can('churn.read')) return { churnRisk: null };
  const [latest] = await latestChurnRisks({ db: ctx.db, customerIds: [customerId] });
  if (!latest) return { churnRisk: null };
  return {
    churnRisk: {
      runId: latest.runId,
      period: latest.period,
      risk: latest.risk,
      band: churnRiskBand(latest.risk),
      control: latest.control,
      topReason: latest.reasons[0] ?? null,
    },
  };
}

async function runOrLatest(db: Db, runId: number | undefined) {
  const run = runId ? await repo.findRun(db, runId) : await repo.latestSucceededRun(db);
  if (runId && !run) throw notFound('churn.run_not_found', 'Scoring run not found');
  return run ?? null;
}

/** The risk list summed per account manager (a team: an org unit subtree): customers, high risk, value at risk. */
export async function riskSummary(opts: {
  ctx: RequestCtx;
  query: z.infer<typeof churnRiskSummaryQuery>;
}): Promise<ChurnRiskSummary> {
  const { ctx, query } = opts;
  const run = await runOrLatest(ctx.db, query.runId);
  if (!run) return { run: null, minRiskPct: query.minRiskPct, items: [] };
  let orgUnitIds: number[] | undefined;
  if (query.orgUnitId) {
    const unit = await findOrgUnitForReference({ db: ctx.db, id: query.orgUnitId });
    if (!unit) throw invalidField('orgUnitId', 'org unit not found');
    orgUnitIds = await getSubtreeIds({ db: ctx.db, path: unit.path });
  }
  const items = await screens.riskSummary(ctx.db, ctx.scope, {
    runId: run.id,
    minRisk: query.minRiskPct / 100,
    orgUnitIds,
  });
  return { run: toRun(run), minRiskPct: query.minRiskPct, items };
}

/**
 * The uplift of a scoring run against its own hold-out: of the run's customers at or above `minRiskPct`, the share
 * still customers among those on the risk list (treated, intention to treat) minus the share among the hold-out
 * (never listed nor warned), with Newcombe's interval. Counted in the viewer's scope.
 */
export async function scoreRunUplift(opts: {
  ctx: RequestCtx;
  runId: number;
  query: z.infer<typeof scoreRunUpliftQuery>;
}): Promise<ScoreRunUplift> {
  const { ctx, runId, query } = opts;
  const run = await runOrLatest(ctx.db, runId);
  if (!run) throw notFound('churn.run_not_found', 'Scoring run not found');
  const minRisk = query.minRiskPct / 100;
  const [groups, actions] = await Promise.all([
    screens.runGroups(ctx.db, ctx.scope, { runId: run.id, minRisk }),
    screens.runActionCount(ctx.db, ctx.scope, run.id),
  ]);
  const report =
    groups.treated.customers && groups.control.customers ? uplift(groups.treated, groups.control, query.level) : null;
  return {
    run: toRun(run),
    minRiskPct: query.minRiskPct,
    actions,
    treatedCustomers: groups.treated.customers,
    controlCustomers: groups.control.customers,
    report,
  };
}
