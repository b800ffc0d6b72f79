import type { DbOrTx } from '../../db/client';
import { systemActor } from '../../platform/context';
import { enqueueJob, registerJobHandler } from '../jobs/jobs.service';
import { customersToRebind } from './entitlements.queries';
import { customersBoundToTier, REBIND_JOB, rebindEntitlements } from './entitlements.service';

/** After a grading run: re-bind the customers whose tier changed, then evaluate the early warnings of the period. */
export const AFTER_GRADING_JOB = 'ka.after-grading';
/** The warnings engine's job type (registered by warnings.jobs.ts). */
const WARNINGS_JOB = 'warnings.evaluate';

/**
 * Queues the post-grading work for a period. The grading run calls it when a run succeeds:
 * `await enqueueAfterGrading({ db, period, runId })` (dedupe key per run, so a re-run re-binds again).
 */
export const enqueueAfterGrading = (opts: { db: DbOrTx; period: string; runId: number | string }) =>
  enqueueJob({
    db: opts.db,
    type: AFTER_GRADING_JOB,
    payload: { period: opts.period },
    dedupeKey: `${AFTER_GRADING_JOB}:${opts.period}:${opts.runId}`,
  });

export function registerEntitlementJobs(): void {
  // { customerId } | { customerIds } | { tier }: re-bind those customers (idempotent).
  registerJobHandler(REBIND_JOB, async ({ db, job, progress }) => {
    const p = job.payload as { customerId?: number; customerIds?: number[]; tier?: string };
    const ids = p.customerId
      ? [p.customerId]
      : (p.customerIds ?? (p.tier ? await customersBoundToTier({ db, tier: p.tier }) : []));
    let changed = 0;
    for (const [i, customerId] of ids.entries()) {
      const r = await rebindEntitlements({ db, customerId, actor: systemActor('entitlements') });
      if (r.opened || r.closed) changed++;
      if (i % 50 === 0) await progress(i, ids.length);
    }
    await progress(ids.length, ids.length);
    return { customers: ids.length, changed };
  });

  registerJobHandler(AFTER_GRADING_JOB, async ({ db, job, progress }) => {
    const { period } = job.payload as { period: string };
    const ids = await customersToRebind(db, period);
    for (const [i, customerId] of ids.entries()) {
      await rebindEntitlements({ db, customerId, actor: systemActor('grading') });
      if (i % 50 === 0) await progress(i, ids.length);
    }
    await progress(ids.length, ids.length);
    await enqueueJob({
      db,
      type: WARNINGS_JOB,
      payload: { period },
      dedupeKey: `${WARNINGS_JOB}:${period}:grading:${job.id}`,
    });
    return { period, rebound: ids.length };
  });
}
