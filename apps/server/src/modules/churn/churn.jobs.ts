import { type Actor, systemActor } from '../../platform/context';
import { userContext } from '../auth/auth.service';
import { registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import { enqueueWarningEvaluation } from '../warnings/warnings-engine.service';
import {
  enqueueMonthlyScoring,
  runScoring,
  runTraining,
  SCORE_JOB,
  SCORE_PAGES_IN_FLIGHT_PG,
  type ScorePayload,
  TRAIN_JOB,
  type TrainPayload,
} from './churn.service';

/**
 * The churn jobs: `churn.train` (on demand: snapshot, label, train, register) and `churn.score` (on demand and once a
 * month for the last complete month: snapshot, score, reasons, control group, then the warnings engine evaluates the
 * churn_risk rule). Training runs in its own lane so a long fit never holds up the other jobs.
 */
export function registerChurnJobs(): void {
  registerJobHandler(
    TRAIN_JOB,
    async ({ db, handle, job }) => {
      let actor: Actor = systemActor('churn');
      if (job.createdBy) actor = (await userContext({ db, userId: job.createdBy }))?.actor ?? actor;
      return runTraining({
        db,
        jobId: job.id,
        payload: job.payload as TrainPayload,
        actor,
        createdBy: job.createdBy,
        // On PostgreSQL the snapshot pages run several at once on the pool, as in the score job.
        pagesInFlight: handle.pool ? SCORE_PAGES_IN_FLIGHT_PG : 1,
      });
    },
    { concurrency: 1 },
  );
  registerJobHandler(
    SCORE_JOB,
    ({ db, handle, job }) =>
      runScoring({
        db,
        pool: handle.pool,
        jobId: job.id,
        payload: job.payload as ScorePayload,
        createdBy: job.createdBy,
        afterScored: ({ db, runId, period }) =>
          enqueueWarningEvaluation({ db, period, sourceKey: `churn:${runId}` }).then(() => {}),
      }),
    { concurrency: 1 },
  );
  registerRecurring({
    name: `${SCORE_JOB}.monthly`,
    everyMs: 60 * 60_000,
    enqueue: ({ db, now }) => enqueueMonthlyScoring({ db, now }),
  });
}
