import type { Db } from '../../db/client';
import { systemActor } from '../../platform/context';
import { enqueueAfterGrading } from '../entitlements/entitlements.jobs';
import { GRADING_JOB, runGradingNow } from '../grading/grading.service';
import { recordFinishedJob } from '../jobs/jobs.service';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { seedDemoActivity } from './demo.activity';
import { seedDemoChurn } from './demo.churn';
import { seedDemoKpi } from './demo.kpi';
import { seedDemoLoyalty } from './demo.loyalty';
import { seedDemoSurveys } from './demo.surveys';

/**
 * Grades the freshly loaded demo operator for its last `months` complete months (oldest first, so tier history and
 * the migration matrix have data), seeds its key-account and service-desk activity through the modules' services
 * (after grading, so tickets get the customers' tiers; `activity: false` skips it), seeds the loyalty club's cards
 * and points (demo.loyalty.ts), then queues entitlement binding and early warnings for the latest period; the job
 * worker picks those up once the server runs, and so sees the seeded price reviews and complaints.
 */
export async function gradeDemoOperator(opts: {
  db: Db;
  months?: number;
  activity?: boolean;
  log?: (line: string) => void;
}) {
  const last = shiftPeriod(periodOf(todayIso()), -1);
  const months = opts.months ?? 6;
  const actor = systemActor('demo');
  let latest: { runId: number; period: string } | undefined;
  for (let k = months - 1; k >= 0; k--) {
    const period = shiftPeriod(last, -k);
    const started = Date.now();
    latest = await runGradingNow({ db: opts.db, period, actor });
    opts.log?.(`  graded ${period} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // The monthly schedule would grade the last month again once the server runs (one transaction that holds up
  // sign-ins on the embedded database, same grades): the demo's run is recorded as the schedule's job of that month.
  if (latest)
    await recordFinishedJob({
      db: opts.db,
      type: GRADING_JOB,
      dedupeKey: `grading:${latest.period}`,
      payload: { runId: latest.runId, period: latest.period },
      result: latest,
    });
  if (opts.activity !== false) {
    const started = Date.now();
    try {
      const seeded = await seedDemoActivity({ db: opts.db });
      if (seeded) {
        const what = Object.entries(seeded)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ');
        opts.log?.(`  seeded activity in ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
      }
    } catch (err) {
      // The operator stays usable without its activity: report and go on.
      opts.log?.(`  could not seed the demo activity: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    }
  }
  if (opts.activity !== false) {
    // Churn with a learnable structure (>= 3,000 customers): departures now, models and scores by the job worker.
    const started = Date.now();
    try {
      const churn = await seedDemoChurn({ db: opts.db, log: opts.log });
      if (churn)
        opts.log?.(
          `  seeded churn in ${((Date.now() - started) / 1000).toFixed(1)} s: ${churn.departures} departures, models queued`,
        );
    } catch (err) {
      opts.log?.(`  could not seed the demo churn: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    }
  }
  // Club cards and points histories (before the entitlement binding, so the cards open the lounge at once).
  const loyaltyStarted = Date.now();
  await seedDemoLoyalty({ db: opts.db })
    .then((r) => {
      if (r)
        opts.log?.(
          `  seeded loyalty in ${((Date.now() - loyaltyStarted) / 1000).toFixed(1)} s: ${r.members} members, ${r.movements} points movements`,
        );
    })
    .catch((err) => opts.log?.(`  could not seed the loyalty demo: ${err instanceof Error ? err.message : err}`));
  if (latest) await enqueueAfterGrading({ db: opts.db, period: latest.period, runId: latest.runId });
  // A year of AM KPI scorecards (and a few quality inspections) from the demo's data.
  await seedDemoKpi({ db: opts.db }).catch((err) => opts.log?.(`  could not seed the KPI demo: ${err}`));
  // Four quarterly key-account waves with an ECSI structure and a year of callback surveys.
  const surveysStarted = Date.now();
  await seedDemoSurveys({ db: opts.db })
    .then((res) => {
      if (res)
        opts.log?.(
          `  seeded surveys in ${((Date.now() - surveysStarted) / 1000).toFixed(1)} s: ${res.waves} waves, ${res.waveAnswers} wave answers, ${res.callbacks} callbacks, ${res.followups} follow-ups`,
        );
    })
    .catch((err) => opts.log?.(`  could not seed the survey demo: ${err}`));
}
