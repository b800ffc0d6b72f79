import { idParam, inspection, inspectionInput, inspectionListQuery, pageOf } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { createInspection, getInspection, listInspections } from './quality.service';

export function registerQualityRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['quality'];

  r.get(
    '/api/quality/inspections',
    {
      schema: {
        tags,
        description: 'Mystery-shopper and service inspections of staff and counters in your organisation.',
        querystring: inspectionListQuery,
        response: { 200: pageOf(inspection) },
      },
    },
    async (request) => listInspections({ ctx: ctxOf(request, db), filter: request.query }),
  );
  r.post(
    '/api/quality/inspections',
    {
      schema: {
        tags,
        description:
          'Records an inspection (checklist scores, penalty, optional complaint ticket). Honours Idempotency-Key.',
        body: inspectionInput,
        response: { 201: inspection },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createInspection({ ctx: ctxOf(request, db, 'quality.inspect'), input: request.body })),
  );
  r.get(
    '/api/quality/inspections/:id',
    { schema: { tags, params: idParam, response: { 200: inspection } } },
    async (request) => getInspection({ ctx: ctxOf(request, db), id: request.params.id }),
  );
}
