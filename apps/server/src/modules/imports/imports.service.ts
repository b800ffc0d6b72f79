import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ImportDryRunRequest,
  type ImportEntity,
  type ImportError,
  type ImportRun,
  importFields,
  importReasonZh,
  maskPersonalData,
} from '@crm/contracts';
import type { AppConfig } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { userContext } from '../auth/auth.service';
import { csvCell } from '../exports/exports.service';
import { enqueueJob, getJob } from '../jobs/jobs.service';
import { findUserForReference, getSubtreeIds } from '../org/org.service';
import { autoMapping, mappingProblems, rowsPerSecond } from './imports.models';
import { detectEncoding, type Encoding, type FileFormat, readHeaders } from './imports.reader';
import * as repo from './imports.repository';

export const IMPORT_VALIDATE_JOB = 'imports.validate';
export const IMPORT_COMMIT_JOB = 'imports.commit';
export const IMPORT_PURGE_JOB = 'imports.purge_files';

export type ImportLimits = { dir: string; maxBytes: number };

/** Where uploads are kept (the data directory's parent + /imports, or IMPORTS_DIR) and the size limit (config). */
export function importLimits(
  config: Pick<AppConfig, 'dataDir' | 'importMaxBytes'>,
  env: NodeJS.ProcessEnv = process.env,
): ImportLimits {
  return {
    dir: env.IMPORTS_DIR ?? path.join(path.dirname(config.dataDir), 'imports'),
    maxBytes: config.importMaxBytes,
  };
}

/** 413 in the standard error shape, naming the limit. */
export const fileTooLarge = (maxBytes: number) =>
  new AppError(
    'imports.too_large',
    413,
    `The file is larger than the import limit of ${Math.round(maxBytes / 1048576)} MB`,
    [{ path: 'file', message: `at most ${maxBytes} bytes` }],
  );

const notFoundRun = () => notFound('imports.not_found', 'Import not found');

/** The acting context of a user outside a request (job worker, CLI): same permissions and scope as when signed in. */
export async function actorContext(opts: { db: Db; userId?: number; username?: string }): Promise<RequestCtx> {
  const ctx = await userContext(opts);
  if (!ctx) throw notFound('imports.user_not_found', 'User not found or inactive');
  return ctx;
}

/** Org units a user may place customers in: everything (admin), their subtree otherwise. */
export async function allowedOrgUnits(ctx: RequestCtx): Promise<number[] | null> {
  if (ctx.scope.kind === 'all') return null;
  if (ctx.scope.kind === 'org') return ctx.scope.orgUnitIds;
  const own = await findUserForReference({ db: ctx.db, id: ctx.user.id });
  return own ? getSubtreeIds({ db: ctx.db, path: own.orgUnitPath }) : [];
}

/** An import run for its viewer (preview values of personal fields masked without `pii.read`). */
export async function toImportRun(db: DbOrTx, r: repo.ImportRunRow, canReadPii: boolean): Promise<ImportRun> {
  const job = r.jobId ? await getJob({ db, id: r.jobId }) : undefined;
  const live = job && (job.status === 'running' || job.status === 'queued');
  return {
    id: r.id,
    entity: r.entity,
    fileName: r.fileName,
    fileSize: r.fileSize,
    format: r.format,
    encoding: r.encoding,
    detectedEncoding: r.detectedEncoding,
    headers: r.headers,
    mapping: r.mapping,
    status: r.status,
    counts: { rows: r.rows, inserts: r.inserts, updates: r.updates, unchanged: r.unchanged, errors: r.errors },
    committedRows: r.committedRows,
    preview: maskPersonalData(r.preview, canReadPii),
    error: r.error,
    jobId: r.jobId,
    progress: job
      ? {
          done: job.progressDone,
          total: job.progressTotal,
          rowsPerSecond: live ? rowsPerSecond(job.progressDone, r.phaseStartedAt) : null,
        }
      : null,
    createdBy: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    validatedAt: r.validatedAt?.toISOString() ?? null,
    committedAt: r.committedAt?.toISOString() ?? null,
  };
}

const formatOf = (fileName: string): FileFormat | undefined => {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  return undefined;
};

/**
 * Stores an uploaded file (streamed to disk, size-limited), reads its header row and proposes the column mapping.
 * `truncated()` tells whether the upload hit the size limit.
 */
export async function uploadImport(opts: {
  ctx: RequestCtx;
  limits: ImportLimits;
  entity: ImportEntity;
  fileName: string;
  stream: Readable;
  truncated?: () => boolean;
}): Promise<ImportRun> {
  const { ctx, limits, entity } = opts;
  const format = formatOf(opts.fileName);
  if (!format) {
    opts.stream.resume();
    throw badRequest('imports.unsupported_type', 'Only .csv and .xlsx files can be imported');
  }
  await mkdir(limits.dir, { recursive: true });
  const stored = path.join(limits.dir, `${randomUUID()}.${format}`);
  const hash = createHash('sha256');
  let size = 0;
  opts.stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    hash.update(chunk);
  });
  try {
    await pipeline(opts.stream, createWriteStream(stored));
    if (opts.truncated?.() || size > limits.maxBytes) throw new Error('too large');
    if (size === 0) throw badRequest('imports.empty_file', 'The file is empty');
    if (format === 'xlsx') {
      const fh = await open(stored, 'r');
      const magic = Buffer.alloc(4);
      await fh.read(magic, 0, 4, 0);
      await fh.close();
      if (magic.toString('hex') !== '504b0304') throw badRequest('imports.unsupported_type', 'Not an .xlsx file');
    }
  } catch (e) {
    await rm(stored, { force: true });
    if (e instanceof Error && e.message === 'too large') throw fileTooLarge(limits.maxBytes);
    throw e;
  }
  const detected: Encoding | null = format === 'csv' ? await detectEncoding(stored) : null;
  let headers: string[];
  try {
    headers = await readHeaders(stored, format, detected ?? 'utf8');
  } catch {
    await rm(stored, { force: true });
    throw badRequest('imports.unreadable', 'The file could not be read');
  }
  if (headers.length === 0) {
    await rm(stored, { force: true });
    throw badRequest('imports.empty_file', 'The file has no header row');
  }
  const saved = ctx.db.transaction(async (tx) => {
    const run = await repo.insertRun(tx, {
      entity,
      fileName: opts.fileName.slice(0, 255),
      storedName: stored,
      fileSize: size,
      sha256: hash.digest('hex'),
      format,
      encoding: detected,
      detectedEncoding: detected,
      headers,
      mapping: autoMapping(entity, headers),
      createdBy: ctx.user.id,
      createdByName: ctx.user.username,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'import.upload',
      entity: 'import',
      entityId: run.id,
      before: null,
      after: { entity, fileName: run.fileName, fileSize: size, sha256: run.sha256 },
    });
    return toImportRun(tx, run, ctx.can('pii.read'));
  });
  // A refused upload leaves no file behind.
  return saved.catch(async (e) => {
    await rm(stored, { force: true });
    throw e;
  });
}

/** Deletes the uploaded files of committed runs and of runs abandoned for `days` (job `imports.purge_files`). */
export async function purgeImportFiles(opts: { db: Db; days: number; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const before = new Date(now.getTime() - opts.days * 86_400_000);
  let deleted = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const runs = await repo.findRunsWithUnusedFiles(opts.db, before, 500);
    for (const run of runs) {
      await rm(run.storedName, { force: true });
      await repo.markFileDeleted(opts.db, run.id, now);
      deleted++;
    }
    if (runs.length < 500) break;
  }
  return deleted;
}

const fileGone = () =>
  conflict('imports.file_deleted', 'The uploaded file of this import has been deleted; upload the file again');

/** A run the user may see: their own, or any for administrators. */
async function visibleRun(ctx: RequestCtx, id: number) {
  const run = await repo.findRun(ctx.db, id);
  if (!run || (ctx.scope.kind !== 'all' && run.createdBy !== ctx.user.id)) throw notFoundRun();
  return run;
}

export async function getImport(opts: { ctx: RequestCtx; id: number }): Promise<ImportRun> {
  return toImportRun(opts.ctx.db, await visibleRun(opts.ctx, opts.id), opts.ctx.can('pii.read'));
}

export async function listImports(opts: {
  ctx: RequestCtx;
  query: { entity?: ImportEntity; limit: number; offset: number };
}): Promise<{ items: ImportRun[]; total: number }> {
  const { ctx, query } = opts;
  const { items, total } = await repo.listRuns(ctx.db, {
    ...query,
    createdBy: ctx.scope.kind === 'all' ? undefined : ctx.user.id,
  });
  return { items: await Promise.all(items.map((r) => toImportRun(ctx.db, r, ctx.can('pii.read')))), total };
}

export async function listImportErrors(opts: {
  ctx: RequestCtx;
  id: number;
  limit: number;
  offset: number;
}): Promise<{ items: ImportError[]; total: number }> {
  await visibleRun(opts.ctx, opts.id);
  return repo.listErrors(opts.ctx.db, opts.id, opts.limit, opts.offset);
}

/** The row-level error report as CSV text chunks (UTF-8 with BOM so Excel shows Chinese). */
export async function errorReport(opts: {
  ctx: RequestCtx;
  id: number;
  lang: 'zh' | 'en';
}): Promise<{ fileName: string; chunks: AsyncIterable<string> }> {
  const run = await visibleRun(opts.ctx, opts.id);
  const head = opts.lang === 'zh' ? ['行号', '列', '值', '原因'] : ['row', 'column', 'value', 'reason'];
  const reasonText = opts.lang === 'zh' ? importReasonZh : (reason: string) => reason;
  const db = opts.ctx.db;
  async function* chunks() {
    yield `\uFEFF${head.join(',')}\r\n`;
    for await (const page of repo.iterateErrors(db, run.id)) {
      const lines = page.map((e) => [e.rowNo, e.column, e.value, reasonText(e.reason)].map(csvCell).join(','));
      yield `${lines.join('\r\n')}\r\n`;
    }
  }
  return { fileName: `import-${run.id}-errors.csv`, chunks: chunks() };
}

/** Starts the dry run: checks the mapping, then validates every row in the background (job `imports.validate`). */
export async function requestDryRun(opts: {
  ctx: RequestCtx;
  id: number;
  input: ImportDryRunRequest;
  /** false: the caller runs the validation itself (CLI); no job is queued. */
  enqueue?: boolean;
}): Promise<ImportRun> {
  const { ctx, id, input } = opts;
  const run = await visibleRun(ctx, id);
  if (run.fileDeletedAt) throw fileGone();
  const mapping = { ...run.mapping };
  for (const [header, key] of Object.entries(input.mapping ?? {})) {
    if (!run.headers.includes(header)) throw badRequest('imports.bad_mapping', `${header}: not a column of the file`);
    mapping[header] = key;
  }
  const problems = mappingProblems(run.entity, mapping);
  if (problems.length)
    throw badRequest(
      'imports.bad_mapping',
      problems.join('; '),
      problems.map((message) => ({ path: 'mapping', message })),
    );
  const encoding = run.format === 'csv' ? (input.encoding === 'auto' ? run.detectedEncoding : input.encoding) : null;
  return ctx.db.transaction(async (tx) => {
    const updated = await repo.transitionRun(tx, id, ['uploaded', 'validated', 'invalid', 'failed'], {
      status: 'validating',
      encoding,
      mapping,
      error: null,
    });
    if (!updated || (run.status === 'failed' && run.committedThroughRow > 0))
      throw conflict('imports.bad_state', `The import is ${run.status}; it cannot be validated again`);
    if (opts.enqueue === false) return toImportRun(tx, updated, ctx.can('pii.read'));
    const job = await enqueueJob({
      db: tx,
      type: IMPORT_VALIDATE_JOB,
      payload: { runId: id },
      createdBy: ctx.user.id,
      maxAttempts: 2,
    });
    return toImportRun(tx, await repo.updateRun(tx, id, { jobId: job.id }), ctx.can('pii.read'));
  });
}

/** Commits a validated run without errors in the background (job `imports.commit`; resumable). */
export async function requestCommit(opts: { ctx: RequestCtx; id: number; enqueue?: boolean }): Promise<ImportRun> {
  const { ctx, id } = opts;
  const run = await visibleRun(ctx, id);
  if (run.status === 'committed' || run.status === 'committing') return toImportRun(ctx.db, run, ctx.can('pii.read'));
  if (run.fileDeletedAt) throw fileGone();
  if (!run.validatedAt || run.errors > 0 || !['validated', 'failed'].includes(run.status))
    throw conflict('imports.not_validated', 'Only a dry run without errors can be committed');
  return ctx.db.transaction(async (tx) => {
    const updated = await repo.transitionRun(tx, id, ['validated', 'failed'], { status: 'committing', error: null });
    if (!updated) throw conflict('imports.bad_state', 'The import changed meanwhile; reload it');
    if (opts.enqueue === false) return toImportRun(tx, updated, ctx.can('pii.read'));
    const job = await enqueueJob({
      db: tx,
      type: IMPORT_COMMIT_JOB,
      payload: { runId: id },
      // One commit job per dry run: a retry after a crash reuses it, a new dry run gets a new one.
      dedupeKey: `import:${id}:commit:${run.validatedAt?.getTime()}`,
      createdBy: ctx.user.id,
      maxAttempts: 5,
    });
    return toImportRun(tx, await repo.updateRun(tx, id, { jobId: job.id }), ctx.can('pii.read'));
  });
}

/** Field keys -> the file header mapped to them (for error reports). */
export function headerOfField(run: Pick<repo.ImportRunRow, 'mapping' | 'entity'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of importFields[run.entity]) out[f.key] = f.zh;
  for (const [header, key] of Object.entries(run.mapping)) if (key) out[key] = header;
  return out;
}
