// Read-only SQL of the administrator's overview: counts over jobs, import runs and the audit log.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

export async function jobCounts(db: DbOrTx, since: Date) {
  const [r] = rowsOf<{ queued: number; running: number; failed: number; succeeded: number }>(
    await db.execute(sql`select
      count(*) filter (where status = 'queued')::int as queued,
      count(*) filter (where status = 'running')::int as running,
      count(*) filter (where status = 'failed' and finished_at >= ${since.toISOString()})::int as failed,
      count(*) filter (where status = 'succeeded' and finished_at >= ${since.toISOString()})::int as succeeded
      from jobs`),
  );
  return r;
}

export async function recentFailedJobs(db: DbOrTx, limit: number) {
  return rowsOf<{ id: number; type: string; error: string | null; at: string | Date }>(
    await db.execute(sql`select id, type, error, coalesce(finished_at, created_at) as at from jobs
      where status = 'failed' order by coalesce(finished_at, created_at) desc limit ${limit}`),
  );
}

export async function recentImports(db: DbOrTx, limit: number) {
  return rowsOf<{
    id: number;
    entity: string;
    fileName: string;
    status: string;
    rows: number;
    errors: number;
    createdByName: string;
    createdAt: string | Date;
  }>(
    await db.execute(sql`select id, entity, file_name as "fileName", status, rows, errors,
      created_by_name as "createdByName", created_at as "createdAt"
      from import_runs order by created_at desc limit ${limit}`),
  );
}

export async function auditActionCounts(db: DbOrTx, actions: readonly string[], since: Date) {
  return rowsOf<{ action: string; count: number }>(
    await db.execute(sql`select action, count(*)::int as count from audit_log
      where at >= ${since.toISOString()} and action in (${sql.join(
        actions.map((a) => sql`${a}`),
        sql`, `,
      )}) group by action order by count desc`),
  );
}

export async function recentAuditAlerts(db: DbOrTx, actions: readonly string[], limit: number) {
  return rowsOf<{
    id: number;
    at: string | Date;
    action: string;
    entity: string;
    entityId: string;
    actorUserId: number | null;
    actorName: string;
  }>(
    await db.execute(sql`select id, at, action, entity, entity_id as "entityId", actor_user_id as "actorUserId",
      actor_name as "actorName" from audit_log where action in (${sql.join(
        actions.map((a) => sql`${a}`),
        sql`, `,
      )}) order by at desc, id desc limit ${limit}`),
  );
}

export async function databaseAnswers(db: DbOrTx): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** Jobs finished since `since` (this server's start), and the jobs due or running now. */
export async function jobsSince(db: DbOrTx, since: Date) {
  const [r] = rowsOf<{ done: number; pending: number }>(
    await db.execute(sql`select
      count(*) filter (where status in ('succeeded', 'failed') and finished_at >= ${since.toISOString()})::int as done,
      count(*) filter (where status = 'running' or (status = 'queued' and run_at <= now()))::int as pending
      from jobs where status in ('queued', 'running') or finished_at >= ${since.toISOString()}`),
  );
  return r;
}
