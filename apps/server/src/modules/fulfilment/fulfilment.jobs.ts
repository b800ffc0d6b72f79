import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { todayIso } from '../ka-common/ka-common.models';
import { scanOverdueSteps } from './fulfilment-steps.service';

export const OVERDUE_SCAN_JOB = 'fulfilment.overdue-scan';

/** Hourly: alerts the AM and the department head about fulfilment steps past their due date (once per step). */
export function registerFulfilmentJobs(): void {
  registerJobHandler(OVERDUE_SCAN_JOB, ({ db }) => scanOverdueSteps({ db }));
  registerRecurring({
    name: OVERDUE_SCAN_JOB,
    everyMs: 60 * 60_000,
    enqueue: async ({ db, now }) => {
      await enqueueJob({
        db,
        type: OVERDUE_SCAN_JOB,
        dedupeKey: `${OVERDUE_SCAN_JOB}:${todayIso(now)}:${now.getHours()}`,
      });
    },
  });
}
