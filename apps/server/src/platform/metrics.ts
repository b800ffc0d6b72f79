import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry and the business counters modules increment (one call where the event
 * happens). Gauges read from the database are set on each scrape by the /metrics route (see metrics-route.ts).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'crm_' });

export const httpRequestDuration = new Histogram({
  name: 'crm_http_request_duration_seconds',
  help: 'HTTP request duration by route pattern and status class',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const importRows = new Counter({
  name: 'crm_import_rows_total',
  help: 'Rows written by committed imports, by entity',
  labelNames: ['entity'] as const,
  registers: [metricsRegistry],
});

const exportRows = new Counter({
  name: 'crm_export_rows_total',
  help: 'Rows written to finished exports, by entity and format',
  labelNames: ['entity', 'format'] as const,
  registers: [metricsRegistry],
});

const slaBreaches = new Counter({
  name: 'crm_sla_breaches_total',
  help: 'SLA breaches recorded by the service desk (each clock once), by metric',
  labelNames: ['metric'] as const,
  registers: [metricsRegistry],
});

const jobFailures = new Counter({
  name: 'crm_job_failures_total',
  help: 'Failed job attempts, by type; final="true" when no retry is left',
  labelNames: ['type', 'final'] as const,
  registers: [metricsRegistry],
});

export const jobGauges = {
  queued: gauge('crm_jobs_queued', 'Jobs due and waiting for a worker, by type', ['type']),
  running: gauge('crm_jobs_running', 'Jobs running, by type', ['type']),
  failed: gauge('crm_jobs_failed', 'Jobs failed for good (no retry left), by type', ['type']),
  oldestDueSeconds: gauge('crm_jobs_oldest_due_seconds', 'Age of the oldest due, unclaimed job, by type', ['type']),
};

export const dbPoolGauges = {
  connections: gauge('crm_db_pool_connections', 'node-postgres pool connections by state', ['state']),
  max: gauge('crm_db_pool_max', 'node-postgres pool size limit', []),
};

function gauge<L extends string>(name: string, help: string, labelNames: L[]) {
  return new Gauge({ name, help, labelNames, registers: [metricsRegistry] });
}

export const countImportRows = (entity: string, rows: number) => importRows.inc({ entity }, rows);
export const countExportRows = (entity: string, format: string, rows: number) =>
  exportRows.inc({ entity, format }, rows);
export const countSlaBreach = (metric: string) => slaBreaches.inc({ metric });
export const countJobFailure = (type: string, final: boolean) => jobFailures.inc({ type, final: String(final) });

/** `2xx`, `4xx` ...: status classes keep the histogram's series few. */
export const statusClass = (statusCode: number) => `${Math.floor(statusCode / 100)}xx`;
