import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { scheduledPeriod } from './grading.models';
import { GRADING_JOB, runGradingJob } from './grading.service';

/**
 * The grading job (on-demand runs queued by POST /api/grading/runs) and the monthly schedule: from the 2nd day of
 * a month, the previous month is graded once (dedupe key `grading:<period>`). Safe to call more than once.
 */
export function registerGradingJobs(): void {
  registerJobHandler(GRADING_JOB, ({ db, job, progress }) => runGradingJob({ db, job, progress }));
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
