// Background jobs of an import: the dry run (stage + validate every row) and the commit (resumable by chunk).

import { createReadStream } from 'node:fs';
import { type ImportEntity, importFields } from '@crm/contracts';
import type { DbHandle } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { AppError, conflict, pgErrorOf } from '../../platform/errors';
import { countImportRows } from '../../platform/metrics';
import { recordAudit } from '../audit/audit.service';
import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { notifyImportChanges } from './import-changes.service';
import { commitAll, commitBillChunk } from './imports.commit.repository';
import { columnIndexes, normaliseRow } from './imports.models';
import { type Encoding, readRows } from './imports.reader';
import * as repo from './imports.repository';
import {
  actorContext,
  allowedOrgUnits,
  headerOfField,
  IMPORT_COMMIT_JOB,
  IMPORT_PURGE_JOB,
  IMPORT_VALIDATE_JOB,
  purgeImportFiles,
} from './imports.service';
import { type ResolveOpts, validateStaged } from './imports.upsert.repository';

export type Progress = (done: number, total?: number) => Promise<void>;
export const importTuning = { chunkRows: 50_000, maxStoredErrors: 100_000, previewRows: 20 };

/** Lines in a CSV file (a quick byte scan) as the progress total; null for .xlsx. */
async function estimateRows(run: repo.ImportRunRow): Promise<number | null> {
  if (run.format !== 'csv') return null;
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(run.storedName, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    last = chunk[chunk.length - 1];
  }
  return Math.max(0, lines - (last === 10 ? 1 : 0));
}

async function resolveOpts(ctx: RequestCtx, runId: number): Promise<ResolveOpts> {
  return {
    runId,
    scope: ctx.scope,
    allowedOrgUnitIds: await allowedOrgUnits(ctx),
    defaultOrgUnitId: ctx.user.orgUnitId,
    ownAccountManagerId: ctx.user.role === 'account_manager' ? ctx.user.id : null,
  };
}

/**
 * Reads the file, normalises and checks every row (formats via @crm/contracts validators) and writes the good rows
 * to the staging table (COPY on PostgreSQL). Returns the row count, the rows with format errors and a preview.
 */
async function stageFile(handle: DbHandle, run: repo.ImportRunRow, progress: Progress, total: number | null) {
  const entity = run.entity as ImportEntity;
  const fields = importFields[entity];
  const headerOf = headerOfField(run);
  await repo.deleteStaging(handle.db, run.id);
  const writer = await repo.openStagingWriter(handle, run.id, fields.length);
  let rows = 0;
  let errorRows = 0;
  let storedErrors = 0;
  const preview: Record<string, string | null>[] = [];
  let indexes: number[] | null = null;
  let pendingErrors: repo.ImportErrorInsert[] = [];
  const now = new Date();
  try {
    for await (const batch of readRows(run.storedName, run.format, (run.encoding ?? 'utf8') as Encoding)) {
      const good: repo.StagingRow[] = [];
      for (const row of batch) {
        if (!indexes) {
          indexes = columnIndexes(
            entity,
            row.cells.map((c) => c.trim()),
            run.mapping,
          );
          continue;
        }
        rows++;
        const raw = indexes.map((i) => (i < 0 ? undefined : row.cells[i]));
        const { values, errors } = normaliseRow(entity, raw, now);
        if (errors.length === 0) {
          good.push({ rowNo: row.rowNo, values });
          if (preview.length < importTuning.previewRows)
            preview.push(Object.fromEntries([['row', String(row.rowNo)], ...fields.map((f, i) => [f.key, values[i]])]));
          continue;
        }
        errorRows++;
        for (const e of errors) {
          if (storedErrors++ >= importTuning.maxStoredErrors) break;
          pendingErrors.push({
            runId: run.id,
            rowNo: row.rowNo,
            column: headerOf[e.field] ?? e.field,
            value: e.value.slice(0, 500),
            reason: e.reason,
          });
        }
      }
      if (good.length) await writer.write(good);
      if (pendingErrors.length >= 1000) {
        await repo.insertErrors(handle.db, pendingErrors);
        pendingErrors = [];
      }
      if (rows % 20_000 < batch.length) {
        await progress(rows, total ?? undefined);
        await repo.updateRun(handle.db, run.id, { rows, errors: errorRows });
      }
    }
  } finally {
    await writer.end();
  }
  await repo.insertErrors(handle.db, pendingErrors);
  if (!indexes) throw conflict('imports.empty_file', 'The file has no header row');
  return { rows, errorRows, preview, staged: rows - errorRows };
}

/** The dry run: stage every row, then check references and uniqueness set-based and count what a commit would do. */
export async function runValidation(opts: { handle: DbHandle; runId: number; progress: Progress }) {
  const { handle, runId } = opts;
  const run = await repo.findRun(handle.db, runId);
  if (run?.status !== 'validating') return { skipped: true };
  const ctx = await actorContext({ db: handle.db, userId: run.createdBy ?? undefined });
  await repo.deleteErrors(handle.db, runId);
  await repo.updateRun(handle.db, runId, { phaseStartedAt: new Date(), rows: 0, errors: 0, committedThroughRow: 0 });
  const total = await estimateRows(run);
  await opts.progress(0, total ?? undefined);
  const t0 = Date.now();
  const staged = await stageFile(handle, run, opts.progress, total);
  const t1 = Date.now();
  const o = await resolveOpts(ctx, runId);
  const counts = await handle.db.transaction(async (tx) => {
    await repo.tuneBulkTransaction(tx);
    return validateStaged(
      tx,
      run.entity,
      o,
      headerOfField(run),
      Math.max(0, importTuning.maxStoredErrors - staged.errorRows),
    );
  });
  const errors = staged.errorRows + counts.errors;
  await opts.progress(staged.rows, staged.rows);
  await handle.db.transaction(async (tx) => {
    await repo.updateRun(tx, runId, {
      status: errors > 0 ? 'invalid' : 'validated',
      rows: staged.rows,
      inserts: counts.inserts,
      updates: counts.updates,
      unchanged: counts.unchanged,
      errors,
      stagedRows: staged.staged,
      committedRows: 0,
      preview: staged.preview,
      validatedAt: new Date(),
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'import.dry_run',
      entity: 'import',
      entityId: runId,
      before: null,
      after: { rows: staged.rows, ...counts, errors },
    });
  });
  // Nothing to commit: the staging rows are not needed.
  if (errors > 0) await repo.deleteStaging(handle.db, runId);
  return { rows: staged.rows, errors, stageMs: t1 - t0, checkMs: Date.now() - t1 };
}

/**
 * Commits a validated run. Bills go in chunks of `chunkRows`: each chunk's upsert and the run's resume marker are
 * written in one transaction, so a crash leaves whole chunks only and the next attempt continues after the marker
 * (re-staging the file when the unlogged staging rows were lost). Other entities commit in one transaction.
 * `afterChunk` lets tests interrupt the commit.
 */
export async function runCommit(opts: {
  handle: DbHandle;
  runId: number;
  progress: Progress;
  afterChunk?: (chunk: number) => Promise<void>;
}) {
  const { handle, runId } = opts;
  let run = await repo.findRun(handle.db, runId);
  if (run?.status !== 'committing') return { skipped: true };
  const ctx = await actorContext({ db: handle.db, userId: run.createdBy ?? undefined });
  await repo.updateRun(handle.db, runId, { phaseStartedAt: new Date() });
  // The bill chunks still to write are found in the same pass that counts the staged rows.
  const chunkRows = run.entity === 'bills' ? importTuning.chunkRows : Number.MAX_SAFE_INTEGER;
  let { staged, chunks } = await repo.stagedChunks(handle.db, runId, run.committedThroughRow, chunkRows);
  if (staged !== run.stagedRows) {
    const restaged = await stageFile(handle, run, async () => {}, null);
    if (restaged.errorRows > 0 || restaged.staged !== run.stagedRows)
      throw conflict('imports.file_changed', 'The stored file no longer matches its dry run');
    ({ chunks } = await repo.stagedChunks(handle.db, runId, run.committedThroughRow, chunkRows));
  }
  const o = await resolveOpts(ctx, runId);
  const total = run.stagedRows;
  const resumedFrom = run.committedRows;
  await opts.progress(run.committedRows, total);
  const finish = async (tx: Parameters<Parameters<typeof handle.db.transaction>[0]>[0], written: number) => {
    await repo.updateRun(tx, runId, { status: 'committed', committedAt: new Date(), committedRows: total });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'import.commit',
      entity: 'import',
      entityId: runId,
      before: null,
      after: { entity: run?.entity, fileName: run?.fileName, rows: total, written },
    });
  };
  if (run.entity !== 'bills') {
    const entity = run.entity;
    await handle.db.transaction(async (tx) => {
      const counts = await commitAll(tx, entity, o);
      if (counts.errors > 0)
        throw conflict('imports.data_changed', `${counts.errors} rows are no longer valid; run the dry run again`);
      // The change listeners (TMF event hubs) hear of every created or changed customer / account, in this transaction.
      await notifyImportChanges({ ctx, tx, entity, changes: counts.changes });
      await finish(tx, counts.inserts + counts.updates);
    });
  } else {
    let after = run.committedThroughRow;
    let done = run.committedRows;
    // A dry run that found none of the file's bills stored commits by plain inserts (no conflict checks); a bill
    // stored since then makes a chunk fail on the unique key, and that chunk and the rest are upserted instead.
    let mode: 'insert' | 'upsert' = run.updates === 0 && run.unchanged === 0 ? 'insert' : 'upsert';
    for (let k = 0; k < chunks.length; k++) {
      const { through, rows } = chunks[k];
      try {
        await handle.db.transaction(async (tx) => {
          await repo.tuneBulkTransaction(tx);
          const r = await commitBillChunk(tx, o, after, through, mode);
          if (r.resolved < rows)
            throw conflict('imports.data_changed', `${rows - r.resolved} accounts vanished; run the dry run again`);
          await repo.updateRun(tx, runId, { committedThroughRow: through, committedRows: done + rows });
          if (k === chunks.length - 1) await finish(tx, done + rows);
        });
      } catch (e) {
        if (mode === 'upsert' || pgErrorOf(e)?.code !== '23505') throw e;
        mode = 'upsert';
        k--;
        continue;
      }
      after = through;
      done += rows;
      await opts.progress(done, total);
      await opts.afterChunk?.(k + 1);
    }
    if (chunks.length === 0) await handle.db.transaction((tx) => finish(tx, 0));
  }
  run = await repo.findRun(handle.db, runId);
  await repo.deleteStaging(handle.db, runId);
  countImportRows(run?.entity ?? 'unknown', (run?.committedRows ?? 0) - resumedFrom);
  return { committedRows: run?.committedRows ?? 0 };
}

/**
 * Business failures (AppError) end the run as `failed` at once; other errors are retried by the job queue and mark
 * the run failed only after the last attempt. The CLI runs its steps through it too (as the last attempt).
 */
export async function settleRun<T>(handle: DbHandle, runId: number, lastAttempt: boolean, work: () => Promise<T>) {
  try {
    return await work();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof AppError || lastAttempt) {
      await repo.updateRun(handle.db, runId, { status: 'failed', error: message.slice(0, 1000) });
      if (e instanceof AppError) return { failed: message };
    } else await repo.updateRun(handle.db, runId, { error: `retrying: ${message.slice(0, 1000)}` });
    throw e;
  }
}

/** Called after a run committed, so other modules can react (e.g. early warnings after a bill import). */
export type ImportCommittedHook = (opts: { db: DbHandle['db']; runId: number; entity: string }) => Promise<void>;

export function registerImportJobs(hooks: { onCommitted?: ImportCommittedHook; fileDays?: number } = {}): void {
  const days = hooks.fileDays ?? 7;
  registerJobHandler(IMPORT_PURGE_JOB, async ({ handle }) => ({
    deleted: await purgeImportFiles({ db: handle.db, days }),
  }));
  registerRecurring({
    name: IMPORT_PURGE_JOB,
    everyMs: 3_600_000,
    enqueue: async ({ db, now }) => {
      await enqueueJob({
        db,
        type: IMPORT_PURGE_JOB,
        dedupeKey: `${IMPORT_PURGE_JOB}:${now.toISOString().slice(0, 13)}`,
      });
    },
  });
  registerJobHandler(IMPORT_VALIDATE_JOB, ({ handle, job, progress }) => {
    const runId = (job.payload as { runId: number }).runId;
    return settleRun(handle, runId, job.attempts >= job.maxAttempts, () => runValidation({ handle, runId, progress }));
  });
  registerJobHandler(IMPORT_COMMIT_JOB, ({ handle, job, progress }) => {
    const runId = (job.payload as { runId: number }).runId;
    return settleRun(handle, runId, job.attempts >= job.maxAttempts, async () => {
      const result = await runCommit({ handle, runId, progress });
      const run = await repo.findRun(handle.db, runId);
      if (run?.status === 'committed') await hooks.onCommitted?.({ db: handle.db, runId, entity: run.entity });
      return result;
    });
  });
}
