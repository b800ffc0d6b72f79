// Background jobs of the file exports: writing an export (its own lane: at most `concurrency` at once, the rest
// queued, never holding up other jobs) and deleting expired files every hour.
import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import {
  EXPORT_JOB,
  EXPORT_PURGE_JOB,
  type ExportSettings,
  purgeExportFiles,
  runExportJob,
} from './export-jobs.service';

export { exportSettings } from './export-jobs.service';

export function registerExportJobs(opts: { settings: ExportSettings }): void {
  const { settings } = opts;
  registerJobHandler(EXPORT_JOB, ({ handle, job, progress }) => runExportJob({ handle, job, settings, progress }), {
    concurrency: settings.concurrency,
  });
  registerJobHandler(EXPORT_PURGE_JOB, async () => ({ deleted: await purgeExportFiles({ settings }) }));
  registerRecurring({
    name: EXPORT_PURGE_JOB,
    everyMs: 3_600_000,
    enqueue: async ({ db, now }) => {
      await enqueueJob({
        db,
        type: EXPORT_PURGE_JOB,
        dedupeKey: `${EXPORT_PURGE_JOB}:${now.toISOString().slice(0, 13)}`,
      });
    },
  });
}
