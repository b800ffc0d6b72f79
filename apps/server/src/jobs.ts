import { type AppConfig, loadConfig } from './config';
import { registerCampaignJobs } from './modules/campaigns/campaigns.jobs';
import { registerChurnJobs } from './modules/churn/churn.jobs';
import { enqueueAfterGrading, registerEntitlementJobs } from './modules/entitlements/entitlements.jobs';
import { exportSettings, registerExportJobs } from './modules/exports/exports.jobs';
import { registerFulfilmentJobs } from './modules/fulfilment/fulfilment.jobs';
import { registerGradingJobs } from './modules/grading/grading.jobs';
import { registerIdempotencyJobs } from './modules/idempotency/idempotency.jobs';
import { registerImportJobs } from './modules/imports/imports.jobs';
import { periodOf, shiftPeriod, todayIso } from './modules/ka-common/ka-common.models';
import { registerKpiJobs } from './modules/kpi/kpi.jobs';
import { registerLoyaltyJobs } from './modules/loyalty/loyalty.jobs';
import { registerServiceDeskJobs } from './modules/service-desk/service-desk.jobs';
import { registerSurveyJobs } from './modules/surveys/surveys.jobs';
import { registerTmfHubJobs } from './modules/tmf/hub/hub.jobs';
import { registerOAuthJobs } from './modules/tmf/oauth/oauth.jobs';
import { registerWarningJobs } from './modules/warnings/warnings.jobs';
import { enqueueWarningEvaluation } from './modules/warnings/warnings-engine.service';

/**
 * Registers every module's job handlers and schedules; called once at start-up by main.ts (and by tests that run
 * jobs). This is the composition root of the background work: cross-module follow-ups are wired here.
 */
export function registerAllJobs(opts: { config?: AppConfig } = {}): void {
  const config = opts.config ?? loadConfig();
  // A grading run re-binds the entitlements of customers whose tier changed (same day), then re-evaluates warnings.
  registerGradingJobs({
    onGraded: ({ db, period, runId }) => enqueueAfterGrading({ db, period, runId }).then(() => {}),
  });
  registerEntitlementJobs();
  registerFulfilmentJobs();
  registerWarningJobs();
  registerServiceDeskJobs();
  registerIdempotencyJobs();
  registerSurveyJobs();
  registerExportJobs({ settings: exportSettings(config) });
  // TMF event hubs: each subscription's outbox delivered in order, with retries and a sweep; delivered events purged.
  registerTmfHubJobs(config.tmfHub);
  registerOAuthJobs();
  registerImportJobs({
    fileDays: config.importFileDays,
    // Early warnings are re-evaluated after each bill import, for the last complete month.
    onCommitted: async ({ db, runId, entity }) => {
      if (entity !== 'bills') return;
      const period = shiftPeriod(periodOf(todayIso()), -1);
      await enqueueWarningEvaluation({ db, period, sourceKey: `import:${runId}` });
    },
  });
  // Account-manager KPI: the previous month's scorecards monthly, any month on demand.
  registerKpiJobs();
  registerCampaignJobs();
  registerChurnJobs();
  registerLoyaltyJobs();
}
