// The churn worker thread: runs the pure model code (training a registry model, scoring a page with reasons and the
// control-group draw) off the main event loop, so that a running server keeps answering while a model trains or a
// score job works through a million customers. Started by churn.workers.ts; one task at a time per worker.
import { parentPort, workerData } from 'node:worker_threads';
import type { ChurnModel, LearnerName } from './churn.evaluate.models';
import { type FeatureEncoding, type FeatureValues, featureValuesOf } from './churn.features';
import { controlFlags, scoreRows, type TrainOptions, trainRegistryModel } from './churn.training.models';

/**
 * Training rows handed over in chunks (a million rows posted at once stalled the main thread for seconds): each chunk
 * is parsed on arrival and kept by the worker until the `train` task that follows uses them.
 */
export type TrainRowsTask = {
  kind: 'train-rows';
  /** Each row's stored feature arrays as text (as read from the snapshot table). */
  numeric: string[];
  categorical: string[];
  labels: Uint8Array;
};

/** Trains on the rows of the `train-rows` tasks before it (and forgets them). */
export type TrainTask = {
  kind: 'train';
  learner: LearnerName;
  options?: TrainOptions;
};

export type ScoreTask = {
  kind: 'score';
  model: ChurnModel;
  encoding: FeatureEncoding;
  runId: number;
  controlPercent: number;
  seed: number;
  customerIds: number[];
  /** Each customer's stored feature arrays as text. */
  numeric: string[];
  categorical: string[];
  /** `copy`: rows in PostgreSQL COPY text format; `json`: the page as one JSON array (the json_to_recordset insert). */
  format: 'copy' | 'json';
};

export type ScoreResult = { customers: number; controls: number; payload: string };
export type WorkerTask = TrainRowsTask | TrainTask | ScoreTask;
export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; name: string; message: string };

/** COPY text format: backslash, tab, newline and carriage return escaped. */
const copyText = (s: string) =>
  s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/** Scores one page and formats it for the write (pure apart from the formatting). */
export function scoreTask(task: ScoreTask): ScoreResult {
  const rows = task.customerIds.map((customerId, i) => ({
    customerId,
    features: featureValuesOf({ numeric: task.numeric[i], categorical: task.categorical[i] }),
  }));
  const scored = scoreRows(task.model, task.encoding, rows);
  const flags = controlFlags(task.customerIds, task.controlPercent, task.seed);
  let controls = 0;
  for (const f of flags) if (f) controls++;
  let payload: string;
  if (task.format === 'copy') {
    const lines: string[] = new Array(scored.length);
    for (let i = 0; i < scored.length; i++) {
      const s = scored[i];
      lines[i] =
        `${task.runId}\t${s.customerId}\t${s.risk}\t${s.monthlyValueFen}\t${s.valueAtRiskFen}\t` +
        `${copyText(JSON.stringify(s.reasons))}\t${flags[i] ? 't' : 'f'}\n`;
    }
    payload = lines.join('');
  } else
    payload = JSON.stringify(
      scored.map((s, i) => ({
        run_id: task.runId,
        customer_id: s.customerId,
        risk: s.risk,
        monthly_value_fen: s.monthlyValueFen,
        value_at_risk_fen: s.valueAtRiskFen,
        reasons: s.reasons,
        control: flags[i],
      })),
    );
  return { customers: scored.length, controls, payload };
}

/** The training rows received so far (this worker's, until its next `train` task). */
let trainingRows: { features: FeatureValues; label: number }[] = [];

export function addTrainingRows(task: TrainRowsTask): number {
  for (let i = 0; i < task.labels.length; i++)
    trainingRows.push({
      features: featureValuesOf({ numeric: task.numeric[i], categorical: task.categorical[i] }),
      label: task.labels[i],
    });
  return trainingRows.length;
}

export function trainTask(task: TrainTask) {
  const rows = trainingRows;
  trainingRows = [];
  return trainRegistryModel(task.learner, rows, task.options);
}

export function runTask(task: WorkerTask): unknown {
  if (task.kind === 'train-rows') return addTrainingRows(task);
  return task.kind === 'train' ? trainTask(task) : scoreTask(task);
}

/** The value of `workerData` the pool starts its workers with (only then does this module answer messages). */
export const CHURN_WORKER = 'churn.worker';

if (parentPort && workerData === CHURN_WORKER)
  parentPort.on('message', (msg: { id: number; task: WorkerTask }) => {
    let reply: WorkerReply;
    try {
      reply = { id: msg.id, ok: true, result: runTask(msg.task) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { id: msg.id, ok: false, name: err.constructor.name, message: err.message };
    }
    parentPort?.postMessage(reply);
  });
