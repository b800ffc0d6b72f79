// Worker threads for the churn jobs: training and scoring run in churn.worker.ts, off the main event loop. Under tsx
// (the server, the CLI, the tests) the worker loads the TypeScript entry through tsx's loader.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { LearnerName } from './churn.evaluate.models';
import type { TrainedModel, TrainOptions } from './churn.training.models';
import { TrainingDataError } from './churn.training.models';
import {
  CHURN_WORKER,
  type ScoreResult,
  type ScoreTask,
  type TrainRowsTask,
  type WorkerReply,
  type WorkerTask,
} from './churn.worker';

const here = import.meta.url;
const typescript = here.endsWith('.ts');

/**
 * The worker's entry. Compiled, the .js file itself; under tsx (server, CLI, tests), a small ES module that registers
 * tsx's loader in the new thread first (loader flags of the parent are not applied to worker threads) and then
 * imports the TypeScript entry.
 */
function workerEntry(): URL {
  if (!typescript) return new URL('./churn.worker.js', here);
  const api = createRequire(here)
    .resolve('tsx/esm/api')
    .replace(/index\.cjs$/, 'index.mjs');
  const code = `import { register } from ${JSON.stringify(pathToFileURL(api).href)};
register();
await import(${JSON.stringify(new URL('./churn.worker.ts', here).href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Worker threads worth starting for CPU work: one per core left over, at least one, at most four. */
export const defaultWorkerCount = () => Math.max(1, Math.min(4, availableParallelism() - 1));

export type ChurnWorkerPool = {
  run: <T>(task: WorkerTask) => Promise<T>;
  size: number;
  close: () => Promise<void>;
};

const toError = (name: string, message: string) =>
  name === 'TrainingDataError' ? new TrainingDataError(message) : new Error(message);

/**
 * A small pool of churn workers; tasks queue when all are busy. A worker that dies fails its task; the pool is then
 * closed by its owner (the job fails and is retried by the jobs runner).
 */
export function openChurnWorkerPool(size = defaultWorkerCount()): ChurnWorkerPool {
  type Pending = { id: number; task: WorkerTask; resolve: (v: unknown) => void; reject: (e: Error) => void };
  const entry = workerEntry();
  const heapMb = Math.ceil(getHeapStatistics().heap_size_limit / 1024 / 1024);
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const queue: Pending[] = [];
  const workers: Worker[] = [];
  let nextId = 1;
  let closed = false;
  const dispatch = () => {
    while (idle.length && queue.length) {
      const w = idle.pop() as Worker;
      const p = queue.shift() as Pending;
      busy.set(w, p);
      w.postMessage({ id: p.id, task: p.task });
    }
  };
  for (let i = 0; i < size; i++) {
    const w = new Worker(entry, {
      workerData: CHURN_WORKER,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    w.unref();
    w.on('message', (reply: WorkerReply) => {
      const p = busy.get(w);
      busy.delete(w);
      idle.push(w);
      if (p) {
        if (reply.ok) p.resolve(reply.result);
        else p.reject(toError(reply.name, reply.message));
      }
      dispatch();
    });
    const fail = (err: Error) => {
      const p = busy.get(w);
      busy.delete(w);
      const k = workers.indexOf(w);
      if (k >= 0) workers.splice(k, 1);
      p?.reject(err);
      // No worker left: nothing would ever run the queued tasks.
      if (!workers.length) for (const q of queue.splice(0)) q.reject(err);
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (!closed) fail(new Error(`churn worker exited with code ${code}`));
    });
    workers.push(w);
    idle.push(w);
  }
  return {
    size,
    run: <T>(task: WorkerTask) =>
      new Promise<T>((resolve, reject) => {
        if (closed || !workers.length) return reject(new Error('churn worker pool is closed'));
        queue.push({ id: nextId++, task, resolve: resolve as (v: unknown) => void, reject });
        dispatch();
      }),
    close: async () => {
      closed = true;
      for (const q of queue.splice(0)) q.reject(new Error('churn worker pool is closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** One chunk of training rows: the stored feature arrays as text and the labels. */
export type TrainingRows = Omit<TrainRowsTask, 'kind'>;

/**
 * Trains a registry model in a worker thread (the same code and seeds as in-process, so the same model); the event
 * loop stays free while it fits. The rows go over chunk by chunk as they come (a page read from the database is
 * handed over while the next is read; the worker parses each on arrival). Throws TrainingDataError like
 * `trainRegistryModel`.
 */
export async function trainInWorker(opts: {
  learner: LearnerName;
  rows: AsyncIterable<TrainingRows> | Iterable<TrainingRows>;
  options?: TrainOptions;
}): Promise<TrainedModel> {
  const pool = openChurnWorkerPool(1);
  const received: Promise<number>[] = [];
  try {
    // One worker runs its tasks in order: every chunk is in before the train task starts.
    for await (const chunk of opts.rows) {
      const done = pool.run<number>({ kind: 'train-rows', ...chunk });
      done.catch(() => {}); // awaited below; not an unhandled rejection while the next chunk is read
      received.push(done);
    }
    await Promise.all(received);
    return await pool.run<TrainedModel>({ kind: 'train', learner: opts.learner, options: opts.options });
  } finally {
    await Promise.allSettled(received);
    await pool.close();
  }
}

export const scoreInWorker = (pool: ChurnWorkerPool, task: Omit<ScoreTask, 'kind'>) =>
  pool.run<ScoreResult>({ kind: 'score', ...task });
