import { systemActor } from '../../platform/context';
import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { EARN_JOB, EXPIRE_JOB, earnBillsOfPeriod, expirePoints } from './loyalty.service';

/**
 * Points jobs: `loyalty.earn-bills` ({ period, customerId? }) earns the fully paid bills of members (idempotent per
 * bill, so a re-run or a late payment is safe); `loyalty.expire` ({ today? }) expires points at the end of the second
 * year. Both run daily (earning over the last two periods, so late payments are caught).
 */
export function registerLoyaltyJobs(): void {
  registerJobHandler(EARN_JOB, async ({ db, job, progress }) => {
    const p = job.payload as { period: string; customerId?: number; today?: string };
    return earnBillsOfPeriod({
      db,
      actor: systemActor('loyalty'),
      period: p.period,
      customerId: p.customerId,
      today: p.today,
      progress,
    });
  });
  registerJobHandler(EXPIRE_JOB, async ({ db, job }) => {
    const p = (job.payload ?? {}) as { today?: string };
    return expirePoints({ db, actor: systemActor('loyalty'), today: p.today });
  });
  registerRecurring({
    name: 'loyalty.daily',
    everyMs: 24 * 3_600_000,
    enqueue: async ({ db, now }) => {
      const today = todayIso(now);
      const current = periodOf(today);
      for (const period of [shiftPeriod(current, -2), shiftPeriod(current, -1)])
        await enqueueJob({ db, type: EARN_JOB, payload: { period }, dedupeKey: `${EARN_JOB}:${period}:${today}` });
      await enqueueJob({ db, type: EXPIRE_JOB, payload: { today }, dedupeKey: `${EXPIRE_JOB}:${today}` });
    },
  });
}
