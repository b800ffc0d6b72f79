import type { GradingExplanation } from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { type Actor, type RequestCtx, systemActor } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { enqueueJob, getJob, type JobRecord } from '../jobs/jobs.service';
import { customerNotFound, noRuleSetInForce, runNotFound } from './grading.errors';
import {
  defaultRuleSetConfig,
  type Layer,
  layerOf,
  ruleSetConfig,
  type Tier,
  tierBounds,
  windowOf,
} from './grading.models';
import * as repo from './grading.repository';
import { ensureDefaultRuleSet } from './grading.rules.service';

export const GRADING_JOB = 'grading.run';

// ---------------------------------------------------------------- runs

export type RunView = Omit<repo.RunRow, 'createdAt' | 'startedAt' | 'finishedAt'> & {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { done: number; total: number | null } | null;
};

export function toRunView(r: repo.RunRow, job?: Pick<JobRecord, 'progressDone' | 'progressTotal'>): RunView {
  return {
    ...r,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    progress: job ? { done: job.progressDone, total: job.progressTotal } : null,
  };
}

/** Queues a grading of `period` as a durable job; the run answers at once with status `queued`. */
export async function startRun(opts: { ctx: RequestCtx; period: string }): Promise<RunView> {
  const { ctx, period } = opts;
  const run = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertRun(tx, { period, trigger: 'manual', createdBy: ctx.actor.userId });
    const job = await enqueueJob({
      db: tx,
      type: GRADING_JOB,
      payload: { runId: created.id, period },
      createdBy: ctx.actor.userId,
    });
    const row = await repo.updateRun(tx, created.id, { jobId: job.id });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'grading_run',
      entityId: row.id,
      before: null,
      after: row,
    });
    return row;
  });
  return toRunView(run);
}

export type RunResult = { runId: number; period: string } & repo.RunOutcome;

/**
 * Executes a run: grades every customer of the period in one transaction (idempotent: the period's grades and events
 * are replaced), records the rule-set version used, the figures and an audit entry.
 */
export async function executeRun(opts: {
  db: Db;
  runId: number;
  actor?: Actor;
  progress?: (done: number, total?: number) => Promise<void>;
}): Promise<RunResult> {
  const { db } = opts;
  const run = await repo.findRun(db, opts.runId);
  if (!run) throw runNotFound();
  await ensureDefaultRuleSet({ db });
  const started = new Date();
  await repo.updateRun(db, run.id, { status: 'running', startedAt: started, error: null });
  await opts.progress?.(0, 1);
  try {
    const outcome = await db.transaction(async (tx) => {
      await repo.lockKey(tx, `grading:${run.period}`);
      const rs = await repo.ruleSetInForce(tx, run.period);
      if (!rs) throw noRuleSetInForce(run.period);
      const result = await repo.gradePeriod(tx, {
        period: run.period,
        config: ruleSetConfig.parse(rs.config),
        runId: run.id,
        ruleSetId: rs.id,
        ruleSetVersion: rs.version,
      });
      const after = await repo.updateRun(tx, run.id, {
        status: 'succeeded',
        ruleSetId: rs.id,
        ruleSetVersion: rs.version,
        gradedCount: result.graded,
        changedCount: result.tierChanges,
        summary: { layers: result.layers, starChanges: result.starChanges },
        finishedAt: new Date(),
        durationMs: Date.now() - started.getTime(),
      });
      await recordAudit({
        tx,
        actor: opts.actor ?? systemActor('grading'),
        action: 'grade',
        entity: 'grading_run',
        entityId: run.id,
        before: { status: run.status },
        after: { status: after.status, period: run.period, ruleSetVersion: rs.version, graded: result.graded },
      });
      return result;
    });
    await opts.progress?.(1, 1);
    return { runId: run.id, period: run.period, ...outcome };
  } catch (err) {
    await repo.updateRun(db, run.id, {
      status: 'failed',
      error: err instanceof Error ? err.message.slice(0, 2000) : String(err),
      finishedAt: new Date(),
    });
    throw err;
  }
}

/** Creates and executes a run at once, without the job queue (benchmarks, maintenance, tests). */
export async function runGradingNow(opts: { db: Db; period: string; actor?: Actor }): Promise<RunResult> {
  const run = await repo.insertRun(opts.db, { period: opts.period, createdBy: opts.actor?.userId ?? null });
  return executeRun({ db: opts.db, runId: run.id, actor: opts.actor });
}

/** The job handler's work: the run named in the payload, or (scheduled jobs) a run created for the job once. */
export async function runGradingJob(opts: {
  db: Db;
  job: JobRecord;
  progress: (done: number, total?: number) => Promise<void>;
}): Promise<RunResult> {
  const payload = opts.job.payload as { runId?: number; period?: string };
  let runId = payload.runId;
  if (!runId) {
    const existing = await repo.findRunByJob(opts.db, opts.job.id);
    runId =
      existing?.id ??
      (await repo.insertRun(opts.db, { period: String(payload.period), trigger: 'schedule', jobId: opts.job.id })).id;
  }
  return executeRun({ db: opts.db, runId, progress: opts.progress });
}

/** A run with the progress of its job. */
export async function getRun(opts: { ctx: RequestCtx; id: number }): Promise<RunView> {
  const run = await repo.findRun(opts.ctx.db, opts.id);
  if (!run) throw runNotFound();
  const job = run.jobId ? await getJob({ db: opts.ctx.db, id: run.jobId }) : undefined;
  return toRunView(run, job);
}

export async function listRuns(opts: { ctx: RequestCtx; filter: { period?: string; limit: number; offset: number } }) {
  const { items, total } = await repo.listRuns(opts.ctx.db, opts.filter);
  return { items: items.map((r) => toRunView(r)), total };
}

// ---------------------------------------------------------------- one customer's grading

export type GradeHistoryItem = {
  period: string;
  layer: Layer;
  tier: string | null;
  stars: number | null;
  abcClass: string;
  importance: string | null;
  measureFen: number;
  spendFen: number;
  reason: string;
  held: boolean;
  ruleSetVersion: number;
};

export type CustomerGrading = {
  customerId: number;
  period: string;
  category: string;
  /** Layer of the value pyramid: the tier, or the category for untiered customers. */
  layer: Layer;
  tier: string | null;
  stars: number | null;
  abcClass: string;
  importance: string | null;
  measureFen: number;
  measure: {
    kind: 'avg_monthly_spend';
    valueFen: number;
    sumFen: number;
    months: number;
    monthsUsed: number;
    divisor: number;
    missingMonths: 'skip' | 'zero';
    fromPeriod: string;
    toPeriod: string;
  };
  spendFen: number;
  reason: string;
  potential: boolean;
  ruleSet: { id: number; version: number; name: string };
  explanation: GradingExplanation;
  history: GradeHistoryItem[];
  events: { period: string; kind: string; fromValue: string | null; toValue: string | null; direction: string }[];
};

const historyItem = (g: repo.GradeRow): GradeHistoryItem => ({
  period: g.period,
  layer: layerOf(g.tier, g.category),
  tier: g.tier,
  stars: g.stars,
  abcClass: g.abcClass,
  importance: g.importance,
  measureFen: g.measureFen,
  spendFen: g.spendFen,
  reason: g.reason,
  held: g.held,
  ruleSetVersion: g.ruleSetVersion,
});

/**
 * The latest grade of a customer in one indexed query (no explanation, history or events): what the customer 360
 * header needs. Null when the customer was never graded.
 */
export async function getCurrentGrade(opts: { db: DbOrTx; customerId: number }) {
  const [g] = await repo.gradeHistory(opts.db, opts.customerId, 1);
  if (!g) return null;
  return {
    period: g.period,
    tier: g.tier,
    stars: g.stars,
    abcClass: g.abcClass,
    importance: g.importance,
    measureFen: g.measureFen,
  };
}

/**
 * The latest grade of a customer, how it was computed (measure, months used, bounds crossed, hysteresis) and its
 * history; null when the customer was never graded. No scope check: callers check visibility first.
 */
export async function getCustomerGrading(opts: {
  db: DbOrTx;
  customerId: number;
  historyLimit?: number;
}): Promise<CustomerGrading | null> {
  const { db, customerId } = opts;
  const history = await repo.gradeHistory(db, customerId, opts.historyLimit ?? 13);
  const g = history[0];
  if (!g) return null;
  const rs = await repo.findRuleSet(db, g.ruleSetId);
  const config = rs ? ruleSetConfig.parse(rs.config) : defaultRuleSetConfig;
  const w = windowOf(g.period, config);
  const events = await repo.customerEvents(db, customerId, 20);
  const organizationType = g.category === 'key_account' ? await repo.customerOrgType(db, customerId) : null;
  return {
    customerId,
    period: g.period,
    category: g.category,
    layer: layerOf(g.tier, g.category),
    tier: g.tier,
    stars: g.stars,
    abcClass: g.abcClass,
    importance: g.importance,
    measureFen: g.measureFen,
    measure: {
      kind: 'avg_monthly_spend',
      valueFen: g.measureFen,
      sumFen: g.measureSumFen,
      months: config.measure.months,
      monthsUsed: g.measureMonths,
      divisor: g.measureDivisor,
      missingMonths: config.measure.missingMonths,
      fromPeriod: w.measureFrom,
      toPeriod: g.period,
    },
    spendFen: g.spendFen,
    reason: g.reason,
    potential: g.potential,
    ruleSet: { id: g.ruleSetId, version: g.ruleSetVersion, name: rs?.name ?? '' },
    explanation: {
      tier: g.rawTier
        ? {
            raw: g.rawTier,
            ...(() => {
              const b = tierBounds(g.rawTier as Tier, config);
              return { rawLowerFen: b.lowerFen, rawUpperFen: b.upperFen };
            })(),
            previous: g.prevTier,
            held: g.held,
            belowCount: g.belowCount,
            downgradeAfter: config.hysteresis.downgradeAfter,
          }
        : null,
      stars:
        g.stars === null
          ? null
          : {
              months: config.stars.months,
              streaks: { three: g.starStreak3, four: g.starStreak4, five: g.starStreak5 },
              barsFen: config.stars.minMonthlyFen,
            },
      abc: config.abc,
      importance:
        g.importance === null
          ? null
          : {
              organizationType,
              importantOrgTypes: config.importance.importantOrgTypes,
              ordinaryMinFen: config.importance.ordinaryMinFen,
              extraLargeMinFen: config.importance.extraLargeMinFen,
            },
    },
    history: history.map(historyItem),
    events: events.map((e) => ({
      period: e.period,
      kind: e.kind,
      fromValue: e.fromValue,
      toValue: e.toValue,
      direction: e.direction,
    })),
  };
}

/** GET /api/customers/:id/grading: 404 outside the viewer's scope; null when never graded. */
export async function getCustomerGradingForViewer(opts: {
  ctx: RequestCtx;
  customerId: number;
}): Promise<CustomerGrading | null> {
  if (!(await repo.customerVisible(opts.ctx.db, opts.customerId, opts.ctx.scope))) throw customerNotFound();
  return getCustomerGrading({ db: opts.ctx.db, customerId: opts.customerId });
}
