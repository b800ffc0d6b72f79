import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DbHandle } from '../db/client';
import { safeEqual } from '../modules/auth/auth.models';
import { summarizeJobQueue } from '../modules/jobs/jobs.service';
import { AppError, unauthorized } from './errors';
import { dbPoolGauges, httpRequestDuration, jobGauges, metricsRegistry, statusClass } from './metrics';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `GET /metrics` (Prometheus text format) and the request duration histogram. /metrics needs no session: with
 * `METRICS_TOKEN` set it requires `Authorization: Bearer <token>`; unset, it answers loopback clients only.
 */
export function registerMetrics(app: FastifyInstance, deps: { handle: DbHandle; token: string | undefined }): void {
  app.addHook('onResponse', async (request, reply) => {
    httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_class: statusClass(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    authorizeScrape(request, deps.token);
    await refreshDatabaseGauges(deps.handle);
    reply.header('content-type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  });
}

function authorizeScrape(request: FastifyRequest, token: string | undefined): void {
  if (token) {
    const header = request.headers.authorization;
    const sent = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!safeEqual(sent, token)) throw unauthorized('metrics.unauthorized', 'A valid metrics bearer token is required');
    return;
  }
  if (!LOOPBACK.has(request.ip))
    throw new AppError(
      'metrics.loopback_only',
      403,
      'Metrics are served to loopback clients unless METRICS_TOKEN is set',
    );
}

/** Pool use (node-postgres) and the job queue (one grouped query over unfinished and failed jobs). */
async function refreshDatabaseGauges(handle: DbHandle): Promise<void> {
  const pool = handle.pool;
  if (pool) {
    dbPoolGauges.connections.set({ state: 'total' }, pool.totalCount);
    dbPoolGauges.connections.set({ state: 'idle' }, pool.idleCount);
    dbPoolGauges.connections.set({ state: 'waiting' }, pool.waitingCount);
    dbPoolGauges.max.set(pool.options.max ?? 10);
  }
  const rows = await summarizeJobQueue({ db: handle.db });
  for (const g of Object.values(jobGauges)) g.reset();
  for (const r of rows) {
    jobGauges.queued.set({ type: r.type }, r.queued);
    jobGauges.running.set({ type: r.type }, r.running);
    jobGauges.failed.set({ type: r.type }, r.failed);
    jobGauges.oldestDueSeconds.set({ type: r.type }, r.oldestSeconds);
  }
}
