import { purgeExpiredOAuthTokens } from '../../auth/auth.service';
import { enqueueJob, registerJobHandler, registerRecurring } from '../../jobs/jobs.service';

export const OAUTH_PURGE_JOB = 'oauth.purge-tokens';
/** Expired access tokens are kept this long (a late request still answers 401 from the expiry, not "unknown"). */
const GRACE_MS = 86_400_000;

/** Every hour, deletes the OAuth access tokens expired more than a day ago (durable, idempotent). */
export function registerOAuthJobs(): void {
  registerJobHandler(OAUTH_PURGE_JOB, ({ db, job }) => {
    const at = (job.payload as { now?: string } | null)?.now;
    const now = at ? new Date(at) : new Date();
    return purgeExpiredOAuthTokens({ db, before: new Date(now.getTime() - GRACE_MS) });
  });
  registerRecurring({
    name: OAUTH_PURGE_JOB,
    everyMs: 3_600_000,
    enqueue: async ({ db, now }) => {
      await enqueueJob({
        db,
        type: OAUTH_PURGE_JOB,
        payload: { now: now.toISOString() },
        dedupeKey: `${OAUTH_PURGE_JOB}:${now.toISOString().slice(0, 13)}`,
      });
    },
  });
}
