import { registerEntitlementJobs } from './modules/entitlements/entitlements.jobs';
import { registerFulfilmentJobs } from './modules/fulfilment/fulfilment.jobs';
import { registerImportJobs } from './modules/imports/imports.jobs';
import { registerServiceDeskJobs } from './modules/service-desk/service-desk.jobs';
import { registerWarningJobs } from './modules/warnings/warnings.jobs';

// Registers every module's job handlers and schedules; called once at start-up by main.ts.
export function registerAllJobs(): void {
  registerEntitlementJobs();
  registerFulfilmentJobs();
  registerWarningJobs();
  registerServiceDeskJobs();
  registerImportJobs();
}
