import { systemActor } from '../../platform/context';
import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { scheduledKpiPeriod } from './kpi.models';
import { computeKpiMonth, KPI_COMPUTE_JOB } from './kpi.service';

/**
 * The KPI job ({ period, orgUnitIds?, userIds? }): on demand (POST /api/kpi/runs) and monthly: from the 1st of a
 * month the previous month is computed once (dedupe key `kpi:<period>`). Confirmed cards are never changed.
 */
export function registerKpiJobs(): void {
  registerJobHandler(KPI_COMPUTE_JOB, ({ db, job }) => {
    const p = job.payload as { period: string; orgUnitIds?: number[] | null; userIds?: number[] | null };
    return computeKpiMonth({ db, ...p, actor: systemActor('kpi') });
  });
  registerRecurring({
    name: `${KPI_COMPUTE_JOB}.monthly`,
    everyMs: 60 * 60_000,
    enqueue: async ({ db, now }) => {
      const period = scheduledKpiPeriod(now);
      await enqueueJob({ db, type: KPI_COMPUTE_JOB, payload: { period }, dedupeKey: `kpi:${period}` });
    },
  });
}
