import type { Db } from '../../db/client';
import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { scheduledPeriod } from './grading.models';
import { GRADING_JOB, runGradingJob } from './grading.service';

/**
 * The grading job (on-demand runs queued by POST /api/grading/runs) and the monthly schedule: from the 2nd day of
 * a month, the previous month is graded once (dedupe key `grading:<period>`). Safe to call more than once.
 */
export function registerGradingJobs(
  hooks: { onGraded?: (opts: { db: Db; period: string; runId: number }) => Promise<void> } = {},
): void {
  registerJobHandler(GRADING_JOB, async ({ db, job, progress }) => {
    const result = await runGradingJob({ db, job, progress });
    await hooks.onGraded?.({ db, period: result.period, runId: result.runId });
    return result;
  });
  registerRecurring({
    name: 'grading.monthly',
    everyMs: 60 * 60_000,
    enqueue: async ({ db, now }) => {
      const period = scheduledPeriod(now);
      if (!period) return;
      await enqueueJob({ db, type: GRADING_JOB, payload: { period }, dedupeKey: `grading:${period}` });
    },
  });
}
