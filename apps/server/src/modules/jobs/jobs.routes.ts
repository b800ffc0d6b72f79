import { idParam } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { notFound } from '../../platform/errors';
import { getJob, type JobRecord } from './jobs.service';

export const jobDto = z.object({
  id: z.number().int(),
  type: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  attempts: z.number().int(),
  progressDone: z.number(),
  progressTotal: z.number().nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The worker (host:pid) that ran it. */
  claimedBy: z.string().nullable(),
});

export const toJobDto = (j: JobRecord): z.infer<typeof jobDto> => ({
  id: j.id,
  type: j.type,
  status: j.status,
  attempts: j.attempts,
  progressDone: j.progressDone,
  progressTotal: j.progressTotal,
  result: j.result,
  error: j.error,
  createdAt: j.createdAt.toISOString(),
  startedAt: j.startedAt?.toISOString() ?? null,
  finishedAt: j.finishedAt?.toISOString() ?? null,
  claimedBy: j.claimedBy,
});

export function registerJobRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/jobs/:id',
      { schema: { tags: ['jobs'], params: idParam, response: { 200: jobDto } } },
      async (request) => {
        const ctx = ctxOf(request, deps.db);
        const job = await getJob({ db: deps.db, id: request.params.id });
        // A job is visible to whoever started it, and to administrators.
        if (!job || (ctx.user.role !== 'admin' && job.createdBy !== ctx.user.id))
          throw notFound('jobs.not_found', 'Job not found');
        return toJobDto(job);
      },
    );
}
