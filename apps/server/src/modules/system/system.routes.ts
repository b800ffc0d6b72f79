import { systemOverview as overviewSchema, systemPreparation as preparationSchema } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { systemOverview, systemPreparation } from './system.service';

export function registerSystemRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/system/overview',
    {
      schema: {
        tags: ['system'],
        description: "The administrator's home: database health, background jobs, latest imports and audit alerts.",
        response: { 200: overviewSchema },
      },
    },
    async (request) => systemOverview({ ctx: ctxOf(request, deps.db, 'users.manage') }),
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/system/preparation',
    {
      schema: {
        tags: ['system'],
        description:
          "Any signed-in user: whether the demo operator's background work of this start is still running, with progress.",
        response: { 200: preparationSchema },
      },
    },
    async (request) => {
      ctxOf(request, deps.db);
      return systemPreparation({ db: deps.db, demo: deps.config.demo });
    },
  );
}
