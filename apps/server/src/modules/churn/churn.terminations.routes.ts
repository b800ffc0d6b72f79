import {
  churnCompetitor,
  churnCompetitorCreate,
  churnCompetitorUpdate,
  idParam,
  termination,
  terminationCreate,
  terminationPage,
  terminationQuery,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import * as svc from './churn.terminations.service';

const tags = ['churn'];

export function registerChurnTerminationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/churn/competitors',
    {
      schema: {
        tags,
        description: 'The competitor list (churn direction); `active=true` for the choices of a new termination.',
        querystring: z.object({ active: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(churnCompetitor) },
      },
    },
    async (req) =>
      svc.listCompetitors({ ctx: ctxOf(req, db, 'customers.read'), activeOnly: req.query.active === 'true' }),
  );
  r.get(
    '/api/churn/competitors/:id',
    { schema: { tags, params: idParam, response: { 200: churnCompetitor } } },
    async (req) => svc.getCompetitor({ ctx: ctxOf(req, db, 'customers.read'), id: req.params.id }),
  );
  r.post(
    '/api/churn/competitors',
    {
      schema: {
        tags,
        description: 'Adds a competitor. Honours Idempotency-Key.',
        body: churnCompetitorCreate,
        response: { 201: churnCompetitor },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createCompetitor({ ctx: ctxOf(req, db, 'churn.manage'), input: req.body })),
  );
  r.patch(
    '/api/churn/competitors/:id',
    { schema: { tags, params: idParam, body: churnCompetitorUpdate, response: { 200: churnCompetitor } } },
    async (req) => svc.updateCompetitor({ ctx: ctxOf(req, db, 'churn.manage'), id: req.params.id, input: req.body }),
  );

  r.get(
    '/api/churn/terminations',
    { schema: { tags, querystring: terminationQuery, response: { 200: terminationPage } } },
    async (req) => svc.listTerminations({ ctx: ctxOf(req, db, 'customers.read'), query: req.query }),
  );
  r.get(
    '/api/churn/terminations/:id',
    { schema: { tags, params: idParam, response: { 200: termination } } },
    async (req) => svc.getTermination({ ctx: ctxOf(req, db, 'customers.read'), id: req.params.id }),
  );
  r.post(
    '/api/customers/:id/termination',
    {
      schema: {
        tags,
        description:
          "Records the customer's termination (reason, competitor, port-out, value lost) and sets it churned. Honours Idempotency-Key.",
        params: idParam,
        body: terminationCreate,
        response: { 201: termination },
      },
      config: {
        idempotentReplay: ({ request, entityId }) =>
          svc.getTermination({ ctx: ctxOf(request, db, 'customers.read'), id: Number(entityId) }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await svc.recordTermination({
          ctx: ctxOf(req, db, 'retention.write'),
          customerId: req.params.id,
          input: req.body,
        }),
      ),
  );
}
