// Every module's tables, for drizzle-kit and the typed query builder.

export * from '../modules/accounts-mgmt/accounts-mgmt.table';
export * from '../modules/audit/audit.table';
export * from '../modules/auth/auth.table';
export * from '../modules/billing/billing.table';
export * from '../modules/care/care.table';
export * from '../modules/customers/customers.table';
export * from '../modules/entitlements/entitlements.table';
export * from '../modules/fulfilment/fulfilment.table';
export * from '../modules/grading/grading.table';
export * from '../modules/idempotency/idempotency.table';
export * from '../modules/imports/imports.table';
export * from '../modules/interactions/interactions.table';
export * from '../modules/jobs/jobs.table';
export * from '../modules/notifications/notifications.table';
export * from '../modules/opportunities/opportunities.table';
export * from '../modules/org/org.table';
export * from '../modules/products/products.table';
export * from '../modules/service-desk/commitments.table';
export * from '../modules/service-desk/kb.table';
export * from '../modules/service-desk/queue.table';
export * from '../modules/service-desk/sla.table';
export * from '../modules/service-desk/tickets.table';
export * from '../modules/tmf/hub/hub.table';
export * from '../modules/tmf/oauth/oauth.table';
export * from '../modules/warnings/warnings.table';
