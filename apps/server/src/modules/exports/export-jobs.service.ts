// File exports as durable jobs: the request is validated and counted before anything is queued, the job writes the
// file under the data directory (yielding to interactive requests between batches), and only the user who started
// it may download it, until it expires.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setTimeout } from 'node:timers/promises';
import type { BillExportQuery, CustomerExportQuery, ExportJob, ExportKind } from '@crm/contracts';
import type { AppConfig } from '../../config';
import type { DbHandle } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { forbidden, notFound } from '../../platform/errors';
import { userContext } from '../auth/auth.service';
import { enqueueJob, getJob, type JobRecord } from '../jobs/jobs.service';
import {
  CONTENT_TYPES,
  countExport,
  exportBills,
  exportCustomers,
  fileNameOf,
  type TableFormat,
} from './exports.service';

export const EXPORT_JOB = 'exports.write';
export const EXPORT_PURGE_JOB = 'exports.purge';

export type ExportSettings = {
  dir: string;
  maxRows: number;
  concurrency: number;
  ttlMs: number;
  batchSize: number;
  /** Rest after each batch, as a multiple of the batch's time (EXPORT_PACE, default 1; 0: no rest). */
  pace: number;
};

/** Where export files live (EXPORTS_DIR, or `exports` beside the data directory) and the limits of config.ts. */
export function exportSettings(
  config: Pick<AppConfig, 'dataDir' | 'exports'>,
  env: NodeJS.ProcessEnv = process.env,
): ExportSettings {
  return {
    dir: env.EXPORTS_DIR ?? path.join(path.dirname(config.dataDir), 'exports'),
    maxRows: config.exports.maxRows,
    concurrency: config.exports.concurrency,
    ttlMs: config.exports.ttlHours * 3_600_000,
    batchSize: 500,
    pace: env.EXPORT_PACE !== undefined && Number(env.EXPORT_PACE) >= 0 ? Number(env.EXPORT_PACE) : 1,
  };
}

type ExportPayload = {
  kind: ExportKind;
  format: TableFormat;
  query: CustomerExportQuery | BillExportQuery;
  fileName: string;
  rowsTotal: number;
  /** The primary's WAL position when the export was asked for: a replica may answer once it has replayed it. */
  readLsn?: string | null;
};
type ExportResult = {
  storageName: string;
  rows: number;
  sizeBytes: number;
  expiresAt: string;
  /** Which database the rows were read from (a streaming replica when configured and fresh enough). */
  readFrom?: 'primary' | 'replica';
};

const exportNotFound = () => notFound('exports.not_found', 'Export not found');

/**
 * Starts an export of the list the user sees: validates and counts first (400 for input the list endpoint refuses,
 * `exports.too_many_rows` above the cap), then queues the job; answers the job with its progress.
 */
export async function startExport(opts: {
  ctx: RequestCtx;
  kind: ExportKind;
  query: CustomerExportQuery | BillExportQuery;
  settings: ExportSettings;
  /** With a read replica: the position the export must see (the primary's, now). */
  readLsn?: string | null;
}): Promise<ExportJob> {
  const { ctx, kind, query, settings } = opts;
  const rowsTotal = await countExport({ ctx, kind, query, maxRows: settings.maxRows });
  const payload: ExportPayload = {
    kind,
    format: query.format,
    query,
    fileName: fileNameOf(kind, query.format),
    rowsTotal,
    ...(opts.readLsn ? { readLsn: opts.readLsn } : {}),
  };
  const job = await enqueueJob({ db: ctx.db, type: EXPORT_JOB, payload, createdBy: ctx.user.id, maxAttempts: 2 });
  return toExportJob(job);
}

/** The export job as its owner sees it (expired once its file's time is up). */
export function toExportJob(job: JobRecord, now = new Date()): ExportJob {
  const payload = job.payload as ExportPayload;
  const result = job.status === 'succeeded' ? (job.result as ExportResult | null) : null;
  const expired = result ? new Date(result.expiresAt).getTime() <= now.getTime() : false;
  const total = job.progressTotal ?? payload.rowsTotal ?? null;
  return {
    id: job.id,
    kind: payload.kind,
    format: payload.format,
    status: expired ? 'expired' : job.status,
    rowsDone: result ? result.rows : Math.min(job.progressDone, total ?? job.progressDone),
    rowsTotal: result ? result.rows : total,
    fileName: payload.fileName,
    sizeBytes: result?.sizeBytes ?? null,
    downloadUrl: result && !expired ? `/api/exports/${job.id}/file` : null,
    // The worker's error text may hold internals: the owner learns only that it failed.
    error: job.status === 'failed' ? 'The export failed; start it again' : null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    expiresAt: result?.expiresAt ?? null,
  };
}

/** An export job of the signed-in user (another user's job answers 404, exactly like a missing one). */
async function ownExportJob(ctx: RequestCtx, id: number): Promise<JobRecord> {
  const job = await getJob({ db: ctx.db, id });
  if (!job || job.type !== EXPORT_JOB || job.createdBy !== ctx.user.id) throw exportNotFound();
  return job;
}

export async function getExport(opts: { ctx: RequestCtx; id: number; settings: ExportSettings }): Promise<ExportJob> {
  return toExportJob(await ownExportJob(opts.ctx, opts.id));
}

/** The finished file of the user's own export, while it has not expired. */
export async function openExportFile(opts: { ctx: RequestCtx; id: number; settings: ExportSettings }): Promise<{
  fileName: string;
  contentType: string;
  sizeBytes: number;
  stream: Readable;
}> {
  const job = await ownExportJob(opts.ctx, opts.id);
  const view = toExportJob(job);
  if (view.status === 'expired') throw notFound('exports.expired', 'The export file has expired; start it again');
  if (view.status !== 'succeeded') throw notFound('exports.not_ready', 'The export file is not ready yet');
  const file = path.join(opts.settings.dir, (job.result as ExportResult).storageName);
  const size = await stat(file).catch(() => null);
  if (!size) throw notFound('exports.expired', 'The export file has expired; start it again');
  return {
    fileName: view.fileName,
    contentType: CONTENT_TYPES[view.format],
    sizeBytes: size.size,
    stream: createReadStream(file),
  };
}

/**
 * The job: writes the file as the user who asked (same permission, scope and masking as when signed in) to a
 * temporary name, then renames it; progress is the rows written of the rows counted.
 */
export async function runExportJob(opts: {
  handle: DbHandle;
  job: JobRecord;
  settings: ExportSettings;
  progress: (done: number, total?: number) => Promise<void>;
}): Promise<ExportResult> {
  const { job, settings } = opts;
  const payload = job.payload as ExportPayload;
  const ctx = job.createdBy ? await userContext({ db: opts.handle.db, userId: job.createdBy }) : null;
  if (!ctx?.can('data.export')) throw forbidden('exports.forbidden', 'The user may no longer export data');
  await mkdir(settings.dir, { recursive: true });
  const storageName = `${job.id}-${randomUUID()}.${payload.format}`;
  const file = path.join(settings.dir, storageName);
  const partial = `${file}.part`;
  const out = createWriteStream(partial, { mode: 0o640 });
  await opts.progress(0, payload.rowsTotal);
  let rows = 0;
  let readFrom: 'primary' | 'replica' = 'primary';
  let lastReport = 0;
  let batchStart = Date.now();
  const onRows = async (done: number) => {
    rows = done;
    // Pacing: after each batch the export rests `pace` times as long as the batch took (pace 1: at most about half of
    // the process's time), so on a small machine the hotline's requests keep their latency while exports run.
    const busy = Date.now() - batchStart;
    if (settings.pace > 0 && busy > 0) await setTimeout(Math.min(busy * settings.pace, 250));
    batchStart = Date.now();
    if (Date.now() - lastReport < 500) return;
    lastReport = Date.now();
    // Not awaited: the rows are read inside a transaction, and the embedded database (one connection) runs this
    // update only after it; on PostgreSQL it lands at once.
    opts.progress(done).catch(() => {});
  };
  try {
    const write = payload.kind === 'customers' ? exportCustomers : exportBills;
    // On a streaming replica when it has replayed the position of the request (bounded staleness), else the primary.
    const reads = opts.handle.reads;
    const decision = reads ? await reads.decide({ userId: job.createdBy, requiredLsn: payload.readLsn }) : null;
    if (decision?.source === 'replica') readFrom = 'replica';
    await write({
      readDb: decision?.source === 'replica' ? reads?.replicaDb : undefined,
      ctx,
      query: payload.query as never,
      out,
      batchSize: settings.batchSize,
      maxRows: settings.maxRows,
      onRows,
    });
    await finished(out);
    await rename(partial, file);
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
  await opts.progress(rows, rows);
  const { size } = await stat(file);
  const expiresAt = new Date(Date.now() + settings.ttlMs).toISOString();
  return { storageName, rows, sizeBytes: size, expiresAt, readFrom };
}

/** Deletes export files (and leftovers of interrupted jobs) older than the time-to-live. */
export async function purgeExportFiles(opts: { settings: ExportSettings; now?: Date }): Promise<number> {
  const now = (opts.now ?? new Date()).getTime();
  const names = await readdir(opts.settings.dir).catch(() => [] as string[]);
  let deleted = 0;
  for (const name of names) {
    const file = path.join(opts.settings.dir, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || now - info.mtimeMs < opts.settings.ttlMs) continue;
    await rm(file, { force: true });
    deleted++;
  }
  return deleted;
}
