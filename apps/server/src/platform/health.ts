import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DbHandle } from '../db/client';
import { migrationStatus } from '../db/migrate';
import { jobWorkerStatus } from '../modules/jobs/jobs.service';

const DB_TIMEOUT_MS = 2_000;

const check = z.object({ name: z.string(), ok: z.boolean(), detail: z.string().optional() });
type Check = z.infer<typeof check>;
const readyBody = z.object({ status: z.literal('ready'), checks: z.array(check) });
const notReadyBody = z.object({
  error: z.object({
    code: z.literal('health.not_ready'),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

/**
 * Liveness (`/api/health/live`: the process answers, no database) and readiness (`/api/health/ready`: the database
 * answers, every migration this build ships is applied, and the job worker's timer beats when this process runs
 * it). Not ready is a 503 naming the failing checks. Both are public, for load balancers and orchestrators.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: { handle: DbHandle }): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/health/live',
    {
      schema: { tags: ['platform'], response: { 200: z.object({ status: z.literal('live') }) } },
      config: { public: true },
    },
    async () => ({ status: 'live' as const }),
  );
  typed.get(
    '/api/health/ready',
    {
      schema: { tags: ['platform'], response: { 200: readyBody, 503: notReadyBody } },
      config: { public: true },
    },
    async (_request, reply) => {
      const checks = await readinessChecks(deps.handle);
      const failing = checks.filter((c) => !c.ok);
      if (failing.length === 0) return { status: 'ready' as const, checks };
      return reply.code(503).send({
        error: {
          code: 'health.not_ready' as const,
          message: `Not ready: ${failing.map((c) => c.name).join(', ')}`,
          details: failing.map((c) => ({ path: c.name, message: c.detail ?? 'failed' })),
        },
      });
    },
  );
}

async function readinessChecks(handle: DbHandle): Promise<Check[]> {
  const checks: Check[] = [];
  try {
    const status = await withTimeout(migrationStatus(handle), DB_TIMEOUT_MS);
    checks.push({ name: 'database', ok: true });
    checks.push({
      name: 'migrations',
      ok: status.applied >= status.expected,
      detail: `${status.applied} of ${status.expected} applied`,
    });
  } catch (err) {
    checks.push({ name: 'database', ok: false, detail: databaseFailure(err) });
  }
  const worker = jobWorkerStatus();
  if (worker.running)
    checks.push({
      name: 'jobWorker',
      ok: worker.alive,
      detail: `last beat ${Math.round((worker.lastBeatMsAgo ?? 0) / 1000)} s ago`,
    });
  return checks;
}

/** The reason without internals (no host names or SQL): a timeout or the driver's error code. */
function databaseFailure(err: unknown): string {
  if (err instanceof Error && err.message === 'timeout') return `no answer within ${DB_TIMEOUT_MS} ms`;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `database error ${code}` : 'database unavailable';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
