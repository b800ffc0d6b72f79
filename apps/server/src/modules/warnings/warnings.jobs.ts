import { systemActor } from '../../platform/context';
import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { todayIso } from '../ka-common/ka-common.models';
import { EVALUATE_JOB, evaluateWarnings } from './warnings-engine.service';

/**
 * The warnings engine job ({ period?, asOf?, customerIds? }), queued after each bill import and grading run, and
 * once a day for the date-driven rules (contract expiry, no contact, price review overdue).
 */
export function registerWarningJobs(): void {
  registerJobHandler(EVALUATE_JOB, ({ db, job }) => {
    const p = job.payload as { period?: string; asOf?: string; customerIds?: number[] };
    return evaluateWarnings({ db, ...p, actor: systemActor('warnings') });
  });
  registerRecurring({
    name: `${EVALUATE_JOB}.daily`,
    everyMs: 60 * 60_000,
    enqueue: async ({ db, now }) => {
      const today = todayIso(now);
      await enqueueJob({
        db,
        type: EVALUATE_JOB,
        payload: { asOf: today },
        dedupeKey: `${EVALUATE_JOB}:daily:${today}`,
      });
    },
  });
}
