import { hostname } from 'node:os';
import type { Db, DbHandle, DbOrTx } from '../../db/client';
import { countJobFailure } from '../../platform/metrics';
import { errorText, retryDelayMs, workerBeatHealth } from './jobs.models';
import * as repo from './jobs.repository';

export type JobRecord = repo.JobRow;

export type JobHandler = (opts: {
  handle: DbHandle;
  db: Db;
  job: JobRecord;
  /** Reports progress (and keeps the job's heartbeat fresh). */
  progress: (done: number, total?: number) => Promise<void>;
}) => Promise<unknown>;

type Recurring = {
  name: string;
  everyMs: number;
  enqueue: (opts: { db: Db; now: Date }) => Promise<void>;
  lastRun?: number;
};

/**
 * This process as a job worker (`host:pid`), recorded on every job it claims. Several server processes on one
 * database claim jobs with `FOR UPDATE SKIP LOCKED`: a job is claimed by one worker at a time.
 */
export const workerId = `${hostname()}:${process.pid}`;

const handlers = new Map<string, JobHandler>();
const recurring = new Map<string, Recurring>();
/** Job types that run in their own lane: at most `concurrency` at once, beside (not behind) the other jobs. */
const lanes = new Map<string, { concurrency: number; running: Set<Promise<unknown>> }>();

/**
 * Registers the handler of a job type. Handlers must be idempotent: a job may run again after a crash. With
 * `concurrency`, jobs of the type run in their own lane (long work such as file exports: at most that many at once,
 * the rest stay queued, and they never hold up the other jobs).
 */
export function registerJobHandler(type: string, handler: JobHandler, opts: { concurrency?: number } = {}): void {
  handlers.set(type, handler);
  if (opts.concurrency) lanes.set(type, { concurrency: opts.concurrency, running: new Set() });
  else lanes.delete(type);
}

/** Registers a schedule: `enqueue` is called every `everyMs` (default 1 hour) and should enqueue with a dedupe key. */
export function registerRecurring(opts: {
  name: string;
  everyMs?: number;
  enqueue: (opts: { db: Db; now: Date }) => Promise<void>;
}): void {
  recurring.set(opts.name, { name: opts.name, everyMs: opts.everyMs ?? 3_600_000, enqueue: opts.enqueue });
}

/**
 * Queues a job. With a `dedupeKey`, a job with the same key that is queued, running or succeeded is returned instead
 * of queuing a second one.
 */
export async function enqueueJob(opts: {
  db: DbOrTx;
  type: string;
  payload?: unknown;
  dedupeKey?: string;
  runAt?: Date;
  createdBy?: number | null;
  maxAttempts?: number;
}): Promise<JobRecord> {
  const row = await repo.insertJob(opts.db, {
    type: opts.type,
    payload: opts.payload ?? {},
    dedupeKey: opts.dedupeKey ?? null,
    runAt: opts.runAt ?? new Date(),
    createdBy: opts.createdBy ?? null,
    maxAttempts: opts.maxAttempts ?? 3,
  });
  if (row) return row;
  const existing = opts.dedupeKey ? await repo.findLiveJobByKey(opts.db, opts.dedupeKey) : undefined;
  if (!existing) throw new Error(`could not enqueue job ${opts.type}`);
  return existing;
}

/**
 * Records work done outside the worker (the demo's grading at start-up) as a succeeded job with `dedupeKey`, so a
 * schedule enqueuing with that key finds it done and does not run it again. Returns the existing job if there is one.
 */
export async function recordFinishedJob(opts: {
  db: DbOrTx;
  type: string;
  dedupeKey: string;
  payload?: unknown;
  result?: unknown;
}): Promise<JobRecord> {
  const now = new Date();
  const row = await repo.insertJob(opts.db, {
    type: opts.type,
    payload: opts.payload ?? {},
    dedupeKey: opts.dedupeKey,
    status: 'succeeded',
    result: opts.result ?? null,
    runAt: now,
    startedAt: now,
    finishedAt: now,
  });
  const existing = row ?? (await repo.findLiveJobByKey(opts.db, opts.dedupeKey));
  if (!existing) throw new Error(`could not record job ${opts.type}`);
  return existing;
}

/** Queue depth, running and failed jobs and the oldest due job's age, per type (read by /metrics on scrape). */
export const summarizeJobQueue = (opts: { db: DbOrTx }) => repo.jobQueueStats(opts.db);

export const getJob = (opts: { db: DbOrTx; id: number }) => repo.findJob(opts.db, opts.id);
export const listJobs = (opts: { db: DbOrTx; type?: string; createdBy?: number; limit: number; offset: number }) =>
  repo.listJobs(opts.db, opts);

async function runOne(handle: DbHandle, job: JobRecord): Promise<void> {
  const handler = handlers.get(job.type);
  if (!handler) return;
  try {
    const result = await handler({
      handle,
      db: handle.db,
      job,
      progress: (done, total) => repo.updateProgress(handle.db, job.id, done, total),
    });
    await repo.finishJob(handle.db, job.id, result);
  } catch (err) {
    const retryAt = job.attempts < job.maxAttempts ? new Date(Date.now() + retryDelayMs(job.attempts)) : null;
    countJobFailure(job.type, retryAt === null);
    await repo.failJob(handle.db, job.id, errorText(err), retryAt);
  }
}

/**
 * Runs due jobs one after another until none is due (or `limit` ran, or `stopping()` says the process is shutting
 * down: the job in hand finishes, no new one is claimed). Tests call this instead of waiting. Without `types`, the
 * types without a lane of their own.
 */
export async function runDueJobs(opts: {
  handle: DbHandle;
  limit?: number;
  types?: string[];
  stopping?: () => boolean;
}): Promise<number> {
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const types = opts.types ?? [...handlers.keys()].filter((t) => !lanes.has(t));
  let ran = 0;
  while (ran < limit && !opts.stopping?.()) {
    const job = await repo.claimNextJob(opts.handle.db, types, workerId);
    if (!job) break;
    await runOne(opts.handle, job);
    ran++;
  }
  return ran;
}

/**
 * Starts due jobs of the laned types until each lane runs its `concurrency` (each runner takes one job, then ends);
 * resolves once the runners started here have finished. The worker calls it on every tick without waiting.
 */
export async function fillJobLanes(opts: {
  handle: DbHandle;
  log?: (msg: string, err?: unknown) => void;
  stopping?: () => boolean;
}) {
  const started: Promise<unknown>[] = [];
  for (const [type, lane] of lanes) {
    while (lane.running.size < lane.concurrency) {
      const run: Promise<unknown> = runDueJobs({
        handle: opts.handle,
        types: [type],
        limit: 1,
        stopping: opts.stopping,
      })
        .catch((err) => opts.log?.(`job lane ${type} failed`, err))
        .finally(() => lane.running.delete(run));
      lane.running.add(run);
      started.push(run);
    }
  }
  await Promise.all(started);
}

/** Calls every registered schedule whose interval has passed. */
export async function runRecurring(opts: { db: Db; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  for (const r of recurring.values()) {
    if (r.lastRun !== undefined && now.getTime() - r.lastRun < r.everyMs) continue;
    r.lastRun = now.getTime();
    await r.enqueue({ db: opts.db, now });
  }
}

/** The worker of this process, if it runs one: its timer's last beat (readiness checks it is still scheduled). */
let workerBeat: { intervalMs: number; lastBeatAt: number } | null = null;

/** Whether this process runs the job worker and, if so, whether its timer beat within the last few intervals. */
export function jobWorkerStatus(now = Date.now()): { running: boolean; alive: boolean; lastBeatMsAgo?: number } {
  if (!workerBeat) return { running: false, alive: true };
  return { running: true, ...workerBeatHealth(workerBeat, now) };
}

/**
 * The in-process worker: requeues jobs of dead workers, runs schedules and due jobs every `intervalMs`. Each timer
 * beat is recorded even while a long job runs, so a long import does not make the process look dead.
 */
export function startJobWorker(opts: {
  handle: DbHandle;
  intervalMs?: number;
  staleMs?: number;
  log?: (msg: string, err?: unknown) => void;
}) {
  const intervalMs = opts.intervalMs ?? 1_000;
  const staleMs = opts.staleMs ?? 5 * 60_000;
  let stopped = false;
  const stopping = () => stopped;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      await repo.requeueStaleJobs(opts.handle.db, staleMs);
      await runRecurring({ db: opts.handle.db });
      await runDueJobs({ handle: opts.handle, stopping });
    } catch (err) {
      opts.log?.('job worker tick failed', err);
    }
  };
  const beat = { intervalMs, lastBeatAt: Date.now() };
  workerBeat = beat;
  const timer = setInterval(() => {
    if (stopped) return;
    beat.lastBeatAt = Date.now();
    void fillJobLanes({ handle: opts.handle, log: opts.log, stopping });
    running = running.then(tick);
  }, intervalMs);
  timer.unref();
  return {
    /**
     * Claims no further job and waits up to `graceMs` for the jobs in hand. Resolves `true` when they finished;
     * `false` when one is still running (its row stays `running` and is requeued once its heartbeat is stale).
     */
    stop: async (graceMs = Number.POSITIVE_INFINITY): Promise<boolean> => {
      stopped = true;
      if (workerBeat === beat) workerBeat = null;
      clearInterval(timer);
      const inHand = Promise.all([running, ...[...lanes.values()].flatMap((l) => [...l.running])]).then(() => true);
      if (!Number.isFinite(graceMs)) return inHand;
      let timeout: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => {
        timeout = setTimeout(() => resolve(false), graceMs);
      });
      return Promise.race([inHand, late]).finally(() => clearTimeout(timeout));
    },
  };
}
