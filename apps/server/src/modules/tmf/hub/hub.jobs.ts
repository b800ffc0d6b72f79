import { type TmfHubSettings, tmfHubSettings } from '../../../config';
import { enqueueJob, registerJobHandler, registerRecurring } from '../../jobs/jobs.service';
import { deliverSubscription, HUB_DELIVER_JOB, purgeDeliveredEvents, retryPendingDeliveries } from './hub.service';

const SWEEP_EVERY_MS = 10 * 60_000;
export const HUB_PURGE_JOB = 'tmf-hub.purge';
const DAY_MS = 86_400_000;

/**
 * The delivery job of the TMF event hubs (one subscription's queue, in order), a sweep every ten minutes that
 * re-queues subscriptions whose events are still undelivered (a listener down longer than a job's retries), and a
 * daily purge of events delivered more than `retentionDays` ago with their delivery log.
 */
export function registerTmfHubJobs(settings: TmfHubSettings = tmfHubSettings()): void {
  registerJobHandler(HUB_DELIVER_JOB, ({ db, job }) =>
    deliverSubscription({
      db,
      subscriptionId: (job.payload as { subscriptionId: number }).subscriptionId,
      allowPrivate: settings.allowPrivate,
    }),
  );
  registerRecurring({
    name: `${HUB_DELIVER_JOB}.sweep`,
    everyMs: SWEEP_EVERY_MS,
    enqueue: async ({ db, now }) => {
      await retryPendingDeliveries({ db, slot: String(Math.floor(now.getTime() / SWEEP_EVERY_MS)) });
    },
  });
  // Idempotent: the cut-off comes from the payload, and a second run deletes nothing more.
  registerJobHandler(HUB_PURGE_JOB, ({ db, job }) => {
    const at = (job.payload as { now?: string } | null)?.now;
    const now = at ? new Date(at) : new Date();
    return purgeDeliveredEvents({ db, before: new Date(now.getTime() - settings.retentionDays * DAY_MS) });
  });
  registerRecurring({
    name: HUB_PURGE_JOB,
    everyMs: DAY_MS,
    enqueue: async ({ db, now }) => {
      await enqueueJob({
        db,
        type: HUB_PURGE_JOB,
        payload: { now: now.toISOString() },
        dedupeKey: `${HUB_PURGE_JOB}:${now.toISOString().slice(0, 10)}`,
      });
    },
  });
}
