import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { markOverdueCommitments } from './commitments/commitments.service';
import { scanSlaClocks } from './sla/sla.service';
import { SLA_RECOMPUTE_JOB } from './sla/sla-admin.service';
import { recomputePolicyClocks } from './sla/sla-recompute.service';

export const SLA_SCAN_JOB = 'service-desk.sla-scan';
export const COMMITMENTS_SCAN_JOB = 'service-desk.commitments-overdue';

const nowOf = (payload: unknown) => {
  const at = (payload as { now?: string } | null)?.now;
  return at ? new Date(at) : new Date();
};

/**
 * SLA scan every minute (warnings, breaches, escalations), the overdue-commitment scan every five minutes, and the
 * recompute of open tickets after an SLA policy changed.
 */
export function registerServiceDeskJobs(): void {
  registerJobHandler(SLA_SCAN_JOB, ({ db, job }) => scanSlaClocks({ db, now: nowOf(job.payload) }));
  registerJobHandler(COMMITMENTS_SCAN_JOB, ({ db, job }) => markOverdueCommitments({ db, now: nowOf(job.payload) }));
  // A changed SLA policy: its open tickets' clocks follow the new targets (batched, idempotent).
  registerJobHandler(SLA_RECOMPUTE_JOB, ({ db, job, progress }) =>
    recomputePolicyClocks({
      db,
      policyId: (job.payload as { policyId: number }).policyId,
      now: nowOf(job.payload),
      progress: (done) => progress(done),
    }),
  );
  registerRecurring({
    name: SLA_SCAN_JOB,
    everyMs: 60_000,
    enqueue: async ({ db, now }) => {
      await enqueueJob({ db, type: SLA_SCAN_JOB, dedupeKey: `${SLA_SCAN_JOB}:${now.toISOString().slice(0, 16)}` });
    },
  });
  registerRecurring({
    name: COMMITMENTS_SCAN_JOB,
    everyMs: 5 * 60_000,
    enqueue: async ({ db, now }) => {
      const slot = Math.floor(now.getTime() / 300_000);
      await enqueueJob({ db, type: COMMITMENTS_SCAN_JOB, dedupeKey: `${COMMITMENTS_SCAN_JOB}:${slot}` });
    },
  });
}
