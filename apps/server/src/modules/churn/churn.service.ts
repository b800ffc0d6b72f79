import type {
  ChurnModelCard,
  ChurnModelSummary,
  ChurnRiskPage,
  ChurnScoreRun,
  churnPromoteRequest,
  churnRiskQuery,
  churnScoreRequest,
  churnTrainRequest,
} from '@crm/contracts';
import type pg from 'pg';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import { type Actor, type RequestCtx, systemActor } from '../../platform/context';
import { conflict, invalidField, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { enqueueJob } from '../jobs/jobs.service';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { findOrgUnitForReference, getSubtreeIds } from '../org/org.service';
import type { ChurnModel, LearnerName } from './churn.evaluate.models';
import { churnFeatures, FEATURE_SET_VERSION, type FeatureEncoding, featureByKey } from './churn.features';
import * as fq from './churn.features.queries';
import * as repo from './churn.repository';
import { promotionCheck, type TrainedModel, TrainingDataError, type TrainOptions } from './churn.training.models';
import { scoreTask } from './churn.worker';
import {
  type ChurnWorkerPool,
  defaultWorkerCount,
  openChurnWorkerPool,
  scoreInWorker,
  trainInWorker,
} from './churn.workers';

export const TRAIN_JOB = 'churn.train';
export const SCORE_JOB = 'churn.score';

const modelNotFound = () => notFound('churn.model_not_found', 'Churn model not found');

/** The declared feature set (the model card and the docs show the same labels). */
export const featureSet = () => ({
  version: FEATURE_SET_VERSION,
  features: churnFeatures.map((f) => ({
    key: f.key,
    kind: f.kind,
    unit: f.kind === 'numeric' ? f.unit : null,
    zh: f.zh,
    en: f.en,
    description: f.description,
  })),
});

/** The last complete month (Asia/Shanghai). */
const lastCompletePeriod = (today = todayIso()) => shiftPeriod(periodOf(today), -1);

const periodsBetween = (from: string, to: string) => {
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 120; p = shiftPeriod(p, 1)) out.push(p);
  return out;
};

// ---------------------------------------------------------------- training

export type TrainPayload = z.infer<typeof churnTrainRequest> & {
  options?: TrainOptions;
  /** Keep the snapshots already written for a month of the window instead of rebuilding them. */
  reuseSnapshots?: boolean;
  /** Make the new model champion when its validation AUC is above the champion's (audited, never forced). */
  promoteIfBetter?: boolean;
  /** Queue a score job (with the then champion) once the model is registered: train -> promote -> score. */
  scoreAfter?: ScorePayload;
};

/** Queues a training job; the label window (snapshot month + horizon) must lie in the past. */
export async function requestTraining(opts: { ctx: RequestCtx; input: z.infer<typeof churnTrainRequest> }) {
  const { ctx, input } = opts;
  if (shiftPeriod(input.toPeriod, input.horizonMonths) > lastCompletePeriod())
    throw invalidField('toPeriod', `the ${input.horizonMonths}-month outcome window after toPeriod has not ended yet`);
  if (periodsBetween(input.fromPeriod, input.toPeriod).length > 36)
    throw invalidField('fromPeriod', 'at most 36 snapshot months');
  const job = await enqueueJob({ db: ctx.db, type: TRAIN_JOB, payload: input, createdBy: ctx.user.id });
  return { jobId: job.id };
}

/**
 * The training job: snapshots every month of the window (or, with `reuseSnapshots`, only the months that have none
 * yet), labels each row (churned within the horizon after its month, by the recorded termination dates), trains the
 * learner and registers it with its validation metrics. The first model becomes champion (audited). Idempotent per
 * job: a rerun of a finished job returns the registered model.
 */
export async function runTraining(opts: {
  db: Db;
  jobId: number;
  payload: TrainPayload;
  reuseSnapshots?: boolean;
  actor?: Actor;
  createdBy?: number | null;
  /** Snapshot pages in flight at once (PostgreSQL: `SCORE_PAGES_IN_FLIGHT_PG` pages of `SCORE_PAGE_SIZE_PG`; default 1). */
  pagesInFlight?: number;
}): Promise<{ modelId: number; auc: number; champion: boolean }> {
  const { db, payload } = opts;
  const actor = opts.actor ?? systemActor('churn');
  const done = await repo.findModelByJob(db, opts.jobId);
  if (done) return { modelId: done.id, auc: done.metrics.auc, champion: done.isChampion };
  const reuse = opts.reuseSnapshots ?? payload.reuseSnapshots ?? false;
  const inFlight = Math.max(1, opts.pagesInFlight ?? 1);
  for (const p of periodsBetween(payload.fromPeriod, payload.toPeriod)) {
    if (reuse && (await fq.snapshotExists(db, { period: p }))) continue;
    await fq.writeSnapshotPaged(db, {
      period: p,
      pageSize: inFlight > 1 ? SCORE_PAGE_SIZE_PG : SCORE_PAGE_SIZE,
      pagesInFlight: inFlight,
    });
  }
  let trained: TrainedModel;
  try {
    // In a worker thread: the fit takes seconds on a large book and the server keeps answering meanwhile. The rows
    // are read page by page and handed over as they come.
    trained = await trainInWorker({
      learner: payload.learner as LearnerName,
      rows: fq.labelledSnapshotPages(db, {
        from: payload.fromPeriod,
        to: payload.toPeriod,
        horizonMonths: payload.horizonMonths,
      }),
      options: payload.options,
    });
  } catch (e) {
    if (e instanceof TrainingDataError) throw new Error(`churn.training_data: ${e.message}`);
    throw e;
  }
  return db.transaction(async (tx) => {
    const model = await repo.insertModel(tx, {
      learner: payload.learner,
      featureSetVersion: FEATURE_SET_VERSION,
      trainFrom: payload.fromPeriod,
      trainTo: payload.toPeriod,
      horizonMonths: payload.horizonMonths,
      rows: trained.rows,
      positives: trained.positives,
      validationRows: trained.validationRows,
      metrics: trained.metrics,
      importance: trained.importance,
      options: (payload.options ?? {}) as Record<string, unknown>,
      encoding: trained.encoding,
      model: trained.model as unknown as Record<string, unknown>,
      trainSeconds: trained.seconds,
      jobId: opts.jobId,
      createdBy: opts.createdBy ?? null,
    });
    if (!model) throw new Error('churn model of this job already registered');
    await recordAudit({
      tx,
      actor,
      action: 'train',
      entity: 'churn_model',
      entityId: model.id,
      before: null,
      after: {
        learner: model.learner,
        featureSetVersion: model.featureSetVersion,
        trainFrom: model.trainFrom,
        trainTo: model.trainTo,
        horizonMonths: model.horizonMonths,
        auc: model.metrics.auc,
      },
    });
    let champion = false;
    if (!(await repo.findChampion(tx, true))) {
      await repo.setChampion(tx, model.id, actor.userId);
      await recordAudit({
        tx,
        actor,
        action: 'promote',
        entity: 'churn_model',
        entityId: model.id,
        before: { isChampion: false },
        after: { isChampion: true, previousChampionId: null, forced: false, note: 'first model' },
      });
      champion = true;
    } else if (payload.promoteIfBetter) {
      const current = await repo.findChampion(tx, true);
      if (current && model.metrics.auc > current.metrics.auc) {
        await repo.setChampion(tx, model.id, actor.userId);
        await recordAudit({
          tx,
          actor,
          action: 'promote',
          entity: 'churn_model',
          entityId: model.id,
          before: { isChampion: false, championId: current.id, championAuc: current.metrics.auc },
          after: { isChampion: true, championId: model.id, auc: model.metrics.auc, forced: false, note: 'higher AUC' },
        });
        champion = true;
      }
    }
    if (payload.scoreAfter)
      await enqueueJob({
        db: tx,
        type: SCORE_JOB,
        payload: payload.scoreAfter,
        createdBy: opts.createdBy ?? null,
        dedupeKey: `${SCORE_JOB}:after-train:${opts.jobId}`,
      });
    return { modelId: model.id, auc: model.metrics.auc, champion };
  });
}

// ---------------------------------------------------------------- registry

const toSummary = (m: repo.ModelSummaryRow): ChurnModelSummary => ({
  id: m.id,
  learner: m.learner,
  featureSetVersion: m.featureSetVersion,
  trainFrom: m.trainFrom,
  trainTo: m.trainTo,
  horizonMonths: m.horizonMonths,
  rows: m.rows,
  positives: m.positives,
  validationRows: m.validationRows,
  auc: m.metrics.auc,
  prAuc: m.metrics.prAuc,
  lift10: m.metrics.lift10,
  brier: m.metrics.brier,
  isChampion: m.isChampion,
  promotedAt: m.promotedAt?.toISOString() ?? null,
  trainSeconds: m.trainSeconds,
  createdAt: m.createdAt.toISOString(),
});

export async function listModels(opts: { ctx: RequestCtx; limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    repo.listModels(opts.ctx.db, { limit: opts.limit, offset: opts.offset }),
    repo.countModels(opts.ctx.db),
  ]);
  return { items: items.map(toSummary), total };
}

/** The model card: validation metrics, calibration table, confusion at the threshold, feature importance. */
export async function getModelCard(opts: { ctx: RequestCtx; id: number }): Promise<ChurnModelCard> {
  const m = await repo.findModel(opts.ctx.db, opts.id);
  if (!m) throw modelNotFound();
  return {
    ...toSummary(m),
    threshold: m.metrics.threshold,
    confusion: m.metrics.confusion,
    calibration: m.metrics.calibration,
    importance: m.importance.map((i) => ({
      ...i,
      zh: featureByKey.get(i.feature)?.zh ?? i.feature,
      en: featureByKey.get(i.feature)?.en ?? i.feature,
    })),
  };
}

/**
 * Makes a model the champion (the one the score job uses). Refused with 409 churn.worse_than_champion when its
 * validation AUC is below the champion's, unless `force` (audited as forced, with the note).
 */
export async function promoteModel(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof churnPromoteRequest>;
}): Promise<ChurnModelCard> {
  const { ctx, id, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const champion = await repo.findChampion(tx, true);
    const model = await repo.findModel(tx, id, true);
    if (!model) throw modelNotFound();
    if (model.isChampion) return;
    if (model.featureSetVersion !== FEATURE_SET_VERSION)
      throw conflict('churn.feature_set_mismatch', `The model uses feature set ${model.featureSetVersion}`);
    const check = promotionCheck(model.metrics.auc, champion ? { auc: champion.metrics.auc } : null, input.force);
    if (!check.allowed)
      throw conflict(
        'churn.worse_than_champion',
        `Validation AUC ${check.candidateAuc.toFixed(4)} is below the champion's ${check.championAuc.toFixed(4)}; promote with force to override`,
        [{ path: 'force', message: 'required to promote a model with a lower AUC than the champion' }],
      );
    await repo.setChampion(tx, id, ctx.user.id);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'promote',
      entity: 'churn_model',
      entityId: id,
      before: { isChampion: false, championId: champion?.id ?? null, championAuc: champion?.metrics.auc ?? null },
      after: {
        isChampion: true,
        championId: id,
        auc: model.metrics.auc,
        forced: input.force && !!champion && model.metrics.auc < champion.metrics.auc,
        note: input.note ?? null,
      },
    });
  });
  return getModelCard({ ctx, id });
}

// ---------------------------------------------------------------- scoring

export type ScorePayload = { period?: string; controlPercent?: number; seed?: number };

/** Queues a scoring run of the champion (on demand). */
export async function requestScoring(opts: { ctx: RequestCtx; input: z.infer<typeof churnScoreRequest> }) {
  const { ctx, input } = opts;
  if (!(await repo.findChampion(ctx.db))) throw conflict('churn.no_champion', 'Train and promote a model first');
  if (input.period && input.period > lastCompletePeriod())
    throw invalidField('period', 'must be a complete month (before the current one)');
  const job = await enqueueJob({ db: ctx.db, type: SCORE_JOB, payload: input, createdBy: ctx.user.id });
  return { jobId: job.id };
}

/** The monthly schedule: scores the last complete month once, when there is a champion. */
export async function enqueueMonthlyScoring(opts: { db: DbOrTx; now?: Date }) {
  if (!(await repo.findChampion(opts.db))) return;
  const period = lastCompletePeriod(todayIso(opts.now));
  await enqueueJob({ db: opts.db, type: SCORE_JOB, payload: { period }, dedupeKey: `${SCORE_JOB}:monthly:${period}` });
}

export type ScoreTimings = { snapshotMs: number; scoreMs: number; writeMs: number };

/** Customers per page of a score job on the embedded database (one connection: short statements in between). */
export const SCORE_PAGE_SIZE = 2000;
/** Customers per page on PostgreSQL, and pages in flight at once there (snapshot, score, write overlap). */
export const SCORE_PAGE_SIZE_PG = 10_000;
export const SCORE_PAGES_IN_FLIGHT_PG = 3;
/** Pages at least this large are scored in worker threads (below, starting a worker costs more than it saves). */
const WORKER_MIN_ROWS = 1000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The score job: page by page over the customers (by id), snapshots the month, scores every snapshot row with the
 * champion (risk, value at risk, top reasons in words), draws the hold-out control group and writes the page's
 * scores, then asks the warnings engine to evaluate (the churn_risk rule). Idempotent per job: a rerun starts the
 * run's scores again.
 *
 * No statement or transaction spans the run. Each page is one snapshot statement that also returns the rows it wrote
 * (features as JSON text), the scoring (in worker threads for large pages: parsing, encoding, model, reasons and the
 * control draw, formatted for the write), and one short write transaction (scores plus the run's progress). On
 * PostgreSQL (`pool` given) several pages are in flight on the pool at once and the scores are written with COPY; on
 * the embedded database (one connection) pages run one after the other and sign-ins and other jobs' statements run
 * between them.
 */
export async function runScoring(opts: {
  db: Db;
  jobId: number;
  payload: ScorePayload;
  createdBy?: number | null;
  pageSize?: number;
  /** The node-postgres pool (PostgreSQL): pages in parallel, COPY writes. */
  pool?: pg.Pool;
  /** Pages in flight at once (default: 3 on PostgreSQL, 1 on the embedded database). */
  pagesInFlight?: number;
  /** Worker threads for the scoring (default: one per spare core, for pages of 1,000 rows or more; 0: in-process). */
  workers?: number;
  afterScored?: (opts: { db: Db; runId: number; period: string }) => Promise<void>;
  /** Called after each page is committed (progress; tests run other requests from here). */
  onPage?: (page: { runId: number; page: number; customers: number }) => Promise<void> | void;
  /** Filled with the milliseconds spent per phase, summed over the pages (they overlap; the benchmark prints them). */
  timings?: ScoreTimings;
}): Promise<{ runId: number; customers: number; controls: number }> {
  const { db, payload, pool } = opts;
  const timings = opts.timings ?? { snapshotMs: 0, scoreMs: 0, writeMs: 0 };
  const since = (t: number) => performance.now() - t;
  const pageSize = opts.pageSize ?? (pool ? SCORE_PAGE_SIZE_PG : SCORE_PAGE_SIZE);
  const inFlight = Math.max(1, opts.pagesInFlight ?? (pool ? SCORE_PAGES_IN_FLIGHT_PG : 1));
  const champion = await repo.findChampion(db);
  if (!champion) throw new Error('churn.no_champion: no champion model to score with');
  const period = payload.period ?? lastCompletePeriod();
  const controlPercent = payload.controlPercent ?? 10;
  let found = await repo.findRunByJob(db, opts.jobId);
  if (found?.status === 'succeeded') return { runId: found.id, customers: found.customers, controls: found.controls };
  if (found) await repo.deleteRunScores(db, found.id);
  else
    found = await repo.insertRun(db, {
      period,
      modelId: champion.id,
      controlPercent,
      seed: payload.seed ?? opts.jobId,
      jobId: opts.jobId,
      createdBy: opts.createdBy ?? null,
    });
  const run = found;
  const model = champion.model as unknown as ChurnModel;
  const encoding = champion.encoding as FeatureEncoding;
  const format = pool ? 'copy' : 'json';
  const workerCount = opts.workers ?? defaultWorkerCount();
  let workers: ChurnWorkerPool | null = null;

  let customers = 0;
  let controls = 0;
  let pageNo = 0;
  const scorePage = async (range: fq.IdRange) => {
    // Database: the page's snapshot, returned as it is written.
    let t = performance.now();
    const snap = await fq.writeSnapshotReturning(db, { period: run.period, range });
    timings.snapshotMs += since(t);
    if (!snap.customerIds.length) return;
    // CPU: parse, score, explain, draw the control group, format the rows for the write.
    const task = {
      model,
      encoding,
      runId: run.id,
      controlPercent: run.controlPercent,
      seed: run.seed,
      customerIds: snap.customerIds,
      numeric: snap.numeric,
      categorical: snap.categorical,
      format,
    } as const;
    const worthWorkers = opts.workers !== undefined ? opts.workers > 0 : snap.customerIds.length >= WORKER_MIN_ROWS;
    if (!workers && workerCount > 0 && worthWorkers) workers = openChurnWorkerPool(workerCount);
    t = performance.now();
    const scored = workers ? await scoreInWorker(workers, task) : scoreTask({ kind: 'score', ...task });
    timings.scoreMs += since(t);
    // Database: one short transaction per page.
    t = performance.now();
    await repo.writeScorePage({ db, pool }, { runId: run.id, format, ...scored });
    timings.writeMs += since(t);
    customers += scored.customers;
    controls += scored.controls;
    pageNo += 1;
    if (opts.onPage) await opts.onPage({ runId: run.id, page: pageNo, customers });
    await yieldToEventLoop();
  };

  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  try {
    for (let after = 0; !failure; ) {
      const through = await fq.nextCustomerPageEnd(db, { afterId: after, limit: pageSize });
      if (through === null) break;
      const task: Promise<void> = scorePage({ after, through })
        .catch((error) => {
          failure ??= { error };
        })
        .finally(() => running.delete(task));
      running.add(task);
      after = through;
      if (running.size >= inFlight) await Promise.race(running);
    }
    await Promise.all(running);
  } finally {
    await (workers as ChurnWorkerPool | null)?.close();
  }
  if (failure) throw (failure as { error: unknown }).error;
  await repo.finishRun(db, run.id, { status: 'succeeded', customers, controls });
  if (opts.afterScored) await opts.afterScored({ db, runId: run.id, period: run.period });
  return { runId: run.id, customers, controls };
}

export const toRun = (r: repo.RunRow): ChurnScoreRun => ({
  id: r.id,
  period: r.period,
  modelId: r.modelId,
  status: r.status,
  controlPercent: r.controlPercent,
  customers: r.customers,
  controls: r.controls,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

export async function listRuns(opts: { ctx: RequestCtx; limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    repo.listRuns(opts.ctx.db, { limit: opts.limit, offset: opts.offset }),
    repo.countRuns(opts.ctx.db),
  ]);
  return { items: items.map(toRun), total };
}

/**
 * The risk list of a scoring run (default: the latest) in the caller's scope, for one account manager or one team
 * (an org unit and its sub-units): treated customers ranked by value at risk (risk x value), each with its reasons.
 * The control group is never listed.
 */
export async function riskList(opts: {
  ctx: RequestCtx;
  query: z.infer<typeof churnRiskQuery>;
}): Promise<ChurnRiskPage> {
  const { ctx, query } = opts;
  const run = query.runId ? await repo.findRun(ctx.db, query.runId) : await repo.latestSucceededRun(ctx.db);
  if (query.runId && !run) throw notFound('churn.run_not_found', 'Scoring run not found');
  if (!run) return { run: null, items: [], total: 0 };
  let orgUnitIds: number[] | undefined;
  if (query.orgUnitId) {
    const unit = await findOrgUnitForReference({ db: ctx.db, id: query.orgUnitId });
    if (!unit) throw invalidField('orgUnitId', 'org unit not found');
    orgUnitIds = await getSubtreeIds({ db: ctx.db, path: unit.path });
  }
  const { items, total } = await repo.riskList(ctx.db, ctx.scope, {
    runId: run.id,
    accountManagerId: query.accountManagerId,
    orgUnitIds,
    minRisk: query.minRiskPct === undefined ? undefined : query.minRiskPct / 100,
    maxRisk: query.maxRiskPct === undefined ? undefined : query.maxRiskPct / 100,
    tier: query.tier,
    limit: query.limit,
    offset: query.offset,
  });
  return {
    run: toRun(run),
    items: items.map((r) => ({
      customerId: r.customerId,
      customerName: r.customerName,
      customerNo: r.customerNo,
      accountManager: r.accountManagerId ? { id: r.accountManagerId, displayName: r.accountManagerName ?? '' } : null,
      risk: r.risk,
      monthlyValueFen: r.monthlyValueFen,
      valueAtRiskFen: r.valueAtRiskFen,
      reasons: r.reasons,
      tier: r.tier,
    })),
    total,
  };
}

/** The latest run's churn score of customers, for the warnings engine's churn_risk rule (controls flagged). */
export async function latestChurnRisks(opts: { db: DbOrTx; customerIds: number[] }) {
  const rows = await repo.latestScoresOf(opts.db, opts.customerIds);
  return rows.map((r) => ({
    customerId: r.customerId,
    runId: r.runId,
    period: r.period,
    risk: r.risk,
    valueAtRiskFen: r.valueAtRiskFen,
    control: r.control,
    reasons: r.reasons,
  }));
}
