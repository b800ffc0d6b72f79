import { auditPage, pageQuery } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { listAuditLog } from './audit.service';

export function registerAuditRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        description:
          "The whole audit log, for administrators. A customer's own history is at /api/customers/{id}/history.",
        querystring: pageQuery.extend({
          entity: z.string().max(64).optional(),
          entityId: z.string().max(64).optional(),
          actorUserId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: auditPage },
      },
    },
    async (request) => {
      return listAuditLog({ ctx: ctxOf(request, deps.db, 'audit.read'), filter: request.query });
    },
  );
}
