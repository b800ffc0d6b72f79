import { and, asc, count, desc, eq, gt, lte, sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import type { DbHandle, DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import { importErrors, importRuns, importStaging } from './imports.table';

export type ImportRunRow = typeof importRuns.$inferSelect;
export type ImportErrorInsert = typeof importErrors.$inferInsert;

export async function insertRun(db: DbOrTx, values: typeof importRuns.$inferInsert): Promise<ImportRunRow> {
  const [row] = await db.insert(importRuns).values(values).returning();
  return row;
}

export const findRun = async (db: DbOrTx, id: number) =>
  (await db.select().from(importRuns).where(eq(importRuns.id, id)))[0];

export async function updateRun(db: DbOrTx, id: number, values: Partial<typeof importRuns.$inferInsert>) {
  const [row] = await db.update(importRuns).set(values).where(eq(importRuns.id, id)).returning();
  return row;
}

/** Moves a run from one of `from` statuses to `to` (compare-and-set); undefined when it was in another status. */
export async function transitionRun(
  db: DbOrTx,
  id: number,
  from: ImportRunRow['status'][],
  values: Partial<typeof importRuns.$inferInsert> & { status: ImportRunRow['status'] },
) {
  const [row] = await db
    .update(importRuns)
    .set(values)
    .where(and(eq(importRuns.id, id), sql`${importRuns.status} in ${from}`))
    .returning();
  return row;
}

/**
 * Runs whose uploaded file is still on disk but no longer needed: committed, or created before `abandonedBefore`
 * and not being validated or committed right now.
 */
export async function findRunsWithUnusedFiles(db: DbOrTx, abandonedBefore: Date, limit: number) {
  return db
    .select({ id: importRuns.id, storedName: importRuns.storedName })
    .from(importRuns)
    .where(
      and(
        sql`${importRuns.fileDeletedAt} is null`,
        sql`(${importRuns.status} = 'committed' or (${importRuns.createdAt} < ${abandonedBefore.toISOString()}::timestamptz
             and ${importRuns.status} not in ('validating', 'committing')))`,
      ),
    )
    .orderBy(asc(importRuns.id))
    .limit(limit);
}

export async function markFileDeleted(db: DbOrTx, id: number, at: Date) {
  await db.update(importRuns).set({ fileDeletedAt: at }).where(eq(importRuns.id, id));
}

export async function listRuns(
  db: DbOrTx,
  f: { createdBy?: number; entity?: ImportRunRow['entity']; limit: number; offset: number },
) {
  const where = and(
    f.createdBy ? eq(importRuns.createdBy, f.createdBy) : undefined,
    f.entity ? eq(importRuns.entity, f.entity) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(importRuns)
      .where(where)
      .orderBy(desc(importRuns.createdAt), desc(importRuns.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ total: count() }).from(importRuns).where(where),
  ]);
  return { items, total: Number(total) };
}

export async function insertErrors(db: DbOrTx, rows: ImportErrorInsert[]): Promise<void> {
  if (rows.length) await db.insert(importErrors).values(rows);
}

export const deleteErrors = (db: DbOrTx, runId: number) => db.delete(importErrors).where(eq(importErrors.runId, runId));

export async function listErrors(db: DbOrTx, runId: number, limit: number, offset: number) {
  const where = eq(importErrors.runId, runId);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        rowNo: importErrors.rowNo,
        column: importErrors.column,
        value: importErrors.value,
        reason: importErrors.reason,
      })
      .from(importErrors)
      .where(where)
      .orderBy(asc(importErrors.rowNo), asc(importErrors.column))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(importErrors).where(where),
  ]);
  return { items, total: Number(total) };
}

/** Every error of a run in row order, in pages (for the downloadable report). */
export async function* iterateErrors(db: DbOrTx, runId: number, pageSize = 5000) {
  let afterRow = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    const page = await db
      .select({
        rowNo: importErrors.rowNo,
        column: importErrors.column,
        value: importErrors.value,
        reason: importErrors.reason,
      })
      .from(importErrors)
      .where(and(eq(importErrors.runId, runId), gt(importErrors.rowNo, afterRow)))
      .orderBy(asc(importErrors.rowNo))
      .limit(pageSize);
    if (page.length === 0) return;
    // A page may end inside the errors of one row: keep whole rows only, unless the page holds a single row.
    const last = page[page.length - 1].rowNo;
    const whole = page.length === pageSize && page[0].rowNo !== last ? page.filter((e) => e.rowNo !== last) : page;
    yield whole;
    afterRow = whole[whole.length - 1].rowNo;
  }
}

export const deleteStaging = (db: DbOrTx, runId: number) =>
  db.delete(importStaging).where(eq(importStaging.runId, runId));

export async function countStaging(db: DbOrTx, runId: number, throughRow?: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(importStaging)
    .where(
      and(eq(importStaging.runId, runId), throughRow === undefined ? undefined : lte(importStaging.rowNo, throughRow)),
    );
  return Number(n);
}

/**
 * The staged rows of a run, counted, and those after `afterRow` split into chunks of about `size` rows (each chunk's
 * last row number and row count), in one pass over the run's staging rows.
 */
export async function stagedChunks(
  db: DbOrTx,
  runId: number,
  afterRow: number,
  size: number,
): Promise<{ staged: number; chunks: { through: number; rows: number }[] }> {
  const result = await db.execute(sql`
    select row_no, n, staged from (
      select row_no, count(*) over () as staged, count(*) over (order by row_no) as n_all,
             count(*) filter (where row_no > ${afterRow}) over (order by row_no) as n,
             count(*) filter (where row_no > ${afterRow}) over () as total
        from import_staging where run_id = ${runId}) x
     where (row_no > ${afterRow} and (n % ${size} = 0 or n = total)) or n_all = staged
     order by row_no`);
  const rows = rowsOf<{ row_no: number; n: number; staged: number }>(result);
  let before = 0;
  const chunks = rows
    .filter((r) => Number(r.row_no) > afterRow)
    .map((r) => {
      const chunk = { through: Number(r.row_no), rows: Number(r.n) - before };
      before = Number(r.n);
      return chunk;
    });
  return { staged: rows.length ? Number(rows[0].staged) : 0, chunks };
}

/**
 * Memory to sort staged rows in (the default 4 MB spills a 50,000-row commit chunk, and the dry run's duplicate check, to disk) and no JIT compilation (its cost
 * estimate passes the threshold; compiling takes longer than the chunk runs). For the current transaction only.
 */
export async function tuneBulkTransaction(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
}

export type StagingRow = { rowNo: number; values: (string | null)[] };

/** Writes staging rows: COPY on PostgreSQL, batched multi-row INSERT on PGlite. Same rows either way. */
export type StagingWriter = { write: (rows: StagingRow[]) => Promise<void>; end: () => Promise<void> };

const copyEscape = (v: string | null) =>
  v === null
    ? '\\N'
    : v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

export async function openStagingWriter(handle: DbHandle, runId: number, width: number): Promise<StagingWriter> {
  const cols = Array.from({ length: width }, (_, i) => `c${i + 1}`);
  if (handle.pool) {
    const client = await handle.pool.connect();
    const stream = client.query(copyFrom(`COPY import_staging (run_id, row_no, ${cols.join(', ')}) FROM STDIN`));
    let failed: Error | null = null;
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', (e) => {
        failed = e;
        reject(e);
      });
    });
    done.catch(() => {});
    const prefix = `${runId}\t`;
    return {
      write: async (rows) => {
        if (failed) throw failed;
        let text = '';
        for (const r of rows) text += `${prefix}${r.rowNo}\t${r.values.map(copyEscape).join('\t')}\n`;
        if (!stream.write(text)) await new Promise<void>((res) => stream.once('drain', res));
      },
      end: async () => {
        try {
          stream.end();
          await done;
        } finally {
          client.release(failed ?? undefined);
        }
      },
    };
  }
  const db = handle.db;
  return {
    write: async (rows) => {
      for (let i = 0; i < rows.length; i += 1000) {
        const values = rows.slice(i, i + 1000).map((r) => {
          const row: Record<string, unknown> = { runId, rowNo: r.rowNo };
          r.values.forEach((v, j) => {
            row[cols[j]] = v;
          });
          return row as typeof importStaging.$inferInsert;
        });
        await db.insert(importStaging).values(values);
      }
    },
    end: async () => {},
  };
}
