// Every module's tables, for drizzle-kit and the typed query builder.
export * from '../modules/audit/audit.table';
export * from '../modules/auth/auth.table';
export * from '../modules/billing/billing.table';
export * from '../modules/customers/customers.table';
export * from '../modules/idempotency/idempotency.table';
export * from '../modules/interactions/interactions.table';
export * from '../modules/jobs/jobs.table';
export * from '../modules/org/org.table';
export * from '../modules/products/products.table';
