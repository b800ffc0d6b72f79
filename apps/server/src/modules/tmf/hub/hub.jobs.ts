import { registerJobHandler, registerRecurring } from '../../jobs/jobs.service';
import { deliverSubscription, HUB_DELIVER_JOB, retryPendingDeliveries } from './hub.service';

const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * The delivery job of the TMF event hubs (one subscription's queue, in order) and a sweep every ten minutes that
 * re-queues subscriptions whose events are still undelivered (a listener down longer than a job's retries).
 */
export function registerTmfHubJobs(): void {
  registerJobHandler(HUB_DELIVER_JOB, ({ db, job }) =>
    deliverSubscription({ db, subscriptionId: (job.payload as { subscriptionId: number }).subscriptionId }),
  );
  registerRecurring({
    name: `${HUB_DELIVER_JOB}.sweep`,
    everyMs: SWEEP_EVERY_MS,
    enqueue: async ({ db, now }) => {
      await retryPendingDeliveries({ db, slot: String(Math.floor(now.getTime() / SWEEP_EVERY_MS)) });
    },
  });
}
