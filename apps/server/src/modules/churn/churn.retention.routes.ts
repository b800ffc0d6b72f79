import {
  idParam,
  retentionAction,
  retentionActionCreate,
  retentionActionPage,
  retentionActionQuery,
  retentionActionUpdate,
  upliftQuery,
  upliftReport,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import * as svc from './churn.retention.service';

const tags = ['churn'];

export function registerChurnRetentionRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/churn/retention-actions',
    { schema: { tags, querystring: retentionActionQuery, response: { 200: retentionActionPage } } },
    async (req) => svc.listRetentionActions({ ctx: ctxOf(req, db, 'customers.read'), query: req.query }),
  );
  r.get(
    '/api/churn/retention-actions/:id',
    { schema: { tags, params: idParam, response: { 200: retentionAction } } },
    async (req) => svc.getRetentionAction({ ctx: ctxOf(req, db, 'customers.read'), id: req.params.id }),
  );
  r.post(
    '/api/customers/:id/retention-actions',
    {
      schema: {
        tags,
        description: 'Records a retention action (call, visit, offer, price review). Honours Idempotency-Key.',
        params: idParam,
        body: retentionActionCreate,
        response: { 201: retentionAction },
      },
      config: {
        idempotentReplay: ({ request, entityId }) =>
          svc.getRetentionAction({ ctx: ctxOf(request, db, 'customers.read'), id: Number(entityId) }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await svc.createRetentionAction({
          ctx: ctxOf(req, db, 'retention.write'),
          customerId: req.params.id,
          input: req.body,
        }),
      ),
  );
  r.patch(
    '/api/churn/retention-actions/:id',
    { schema: { tags, params: idParam, body: retentionActionUpdate, response: { 200: retentionAction } } },
    async (req) =>
      svc.updateRetentionAction({ ctx: ctxOf(req, db, 'retention.write'), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/churn/uplift',
    {
      schema: {
        tags,
        description:
          "Uplift of retention actions: saved rate (not churned) of customers with actions vs the control list, or without one the scoring run's random hold-out group (at the treated customers' risk and above), with a confidence interval. A report: creates nothing.",
        body: upliftQuery,
        response: { 200: upliftReport },
      },
    },
    async (req) => svc.upliftReport({ ctx: ctxOf(req, db, 'churn.read'), input: req.body }),
  );
}
