import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { purgeIdempotencyKeys } from './idempotency.service';

export const IDEMPOTENCY_PURGE_JOB = 'idempotency.purge';
/** How long a key is honoured: a retry later than this runs as a new request. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;

/** Every hour, deletes the Idempotency-Keys older than the retention (24 h), as a durable job. */
export function registerIdempotencyJobs(): void {
  registerJobHandler(IDEMPOTENCY_PURGE_JOB, async ({ db, job }) => {
    const at = (job.payload as { now?: string } | null)?.now;
    const now = at ? new Date(at) : new Date();
    const purged = await purgeIdempotencyKeys({ db, before: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS) });
    return { purged };
  });
  registerRecurring({
    name: IDEMPOTENCY_PURGE_JOB,
    everyMs: 3_600_000,
    enqueue: async ({ db, now }) => {
      await enqueueJob({
        db,
        type: IDEMPOTENCY_PURGE_JOB,
        payload: { now: now.toISOString() },
        dedupeKey: `${IDEMPOTENCY_PURGE_JOB}:${now.toISOString().slice(0, 13)}`,
      });
    },
  });
}
