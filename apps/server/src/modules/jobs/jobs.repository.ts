import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { jobs } from './jobs.table';

export type JobRow = typeof jobs.$inferSelect;

export async function insertJob(db: DbOrTx, values: typeof jobs.$inferInsert): Promise<JobRow | undefined> {
  const [row] = await db.insert(jobs).values(values).onConflictDoNothing().returning();
  return row;
}

export const findJob = async (db: DbOrTx, id: number) => (await db.select().from(jobs).where(eq(jobs.id, id)))[0];

export const findLiveJobByKey = async (db: DbOrTx, dedupeKey: string) =>
  (
    await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.dedupeKey, dedupeKey), sql`${jobs.status} <> 'failed'`))
  )[0];

/** Claims the next due job (SKIP LOCKED so several workers never take the same one). */
export async function claimNextJob(db: DbOrTx, types: string[], workerId: string): Promise<JobRow | undefined> {
  if (types.length === 0) return undefined;
  const result = await db.execute(sql`
    update jobs set status = 'running', attempts = attempts + 1, started_at = now(), heartbeat_at = now(), error = null,
      claimed_by = ${workerId}
    where id = (
      select id from jobs
      where status = 'queued' and run_at <= now() and type in (${sql.join(
        types.map((t) => sql`${t}`),
        sql`, `,
      )})
      order by run_at, id
      for update skip locked
      limit 1
    )
    returning id`);
  const id = (result as unknown as { rows: { id: number | string }[] }).rows[0]?.id;
  return id === undefined ? undefined : findJob(db, Number(id));
}

export async function updateProgress(db: DbOrTx, id: number, done: number, total?: number) {
  await db
    .update(jobs)
    .set({ progressDone: done, ...(total !== undefined ? { progressTotal: total } : {}), heartbeatAt: new Date() })
    .where(eq(jobs.id, id));
}

export async function finishJob(db: DbOrTx, id: number, result: unknown) {
  await db
    .update(jobs)
    .set({ status: 'succeeded', result: result ?? null, finishedAt: new Date() })
    .where(eq(jobs.id, id));
}

export async function failJob(db: DbOrTx, id: number, error: string, retryAt: Date | null) {
  await db
    .update(jobs)
    .set(retryAt ? { status: 'queued', error, runAt: retryAt } : { status: 'failed', error, finishedAt: new Date() })
    .where(eq(jobs.id, id));
}

/** Jobs left `running` by a process that died (no heartbeat for `staleMs`) go back to the queue. */
export async function requeueStaleJobs(db: DbOrTx, staleMs: number): Promise<number> {
  const result = await db.execute(sql`
    update jobs set status = 'queued', run_at = now()
    where status = 'running' and heartbeat_at < now() - make_interval(secs => ${staleMs / 1000})
    returning id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}

export const listJobs = (db: DbOrTx, filter: { type?: string; createdBy?: number; limit: number; offset: number }) =>
  db
    .select()
    .from(jobs)
    .where(
      and(
        filter.type ? eq(jobs.type, filter.type) : undefined,
        filter.createdBy ? eq(jobs.createdBy, filter.createdBy) : undefined,
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(filter.limit)
    .offset(filter.offset);

export type JobQueueStatRow = { type: string; queued: number; running: number; failed: number; oldestSeconds: number };

/**
 * Per job type: jobs due and waiting, running, failed for good, and the age of the oldest due job. One pass over
 * the unfinished and failed jobs (the status index); succeeded jobs are not read.
 */
export async function jobQueueStats(db: DbOrTx): Promise<JobQueueStatRow[]> {
  const result = await db.execute(sql`
    select type,
      (count(*) filter (where status = 'queued' and run_at <= now()))::int as queued,
      (count(*) filter (where status = 'running'))::int as running,
      (count(*) filter (where status = 'failed'))::int as failed,
      coalesce(extract(epoch from now() - min(run_at) filter (where status = 'queued' and run_at <= now())), 0)::float8
        as "oldestSeconds"
    from jobs
    where status in ('queued', 'running', 'failed')
    group by type
    order by type`);
  return (result as unknown as { rows: JobQueueStatRow[] }).rows;
}
