import {
  idParam,
  myStep,
  orderQuery,
  serviceOrderDetail,
  serviceOrderPage,
  stepComplete,
  stepUpdate,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { sendFile, UPLOAD_BODY_LIMIT } from '../ka-files/ka-files.routes';
import { filesDirOf } from '../ka-files/ka-files.service';
import * as svc from './fulfilment.service';
import * as steps from './fulfilment-steps.service';

const routeId = z.coerce.number().int().positive().max(2_147_483_647);
const stepParams = z.object({ id: routeId, stepId: routeId });
const tags = ['fulfilment'];

export function registerFulfilmentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const filesDir = filesDirOf(deps.config);

  r.get(
    '/api/ka/orders',
    { schema: { tags, querystring: orderQuery, response: { 200: serviceOrderPage } } },
    async (req) => svc.listServiceOrders({ ctx: ctxOf(req, db, 'ka.read'), query: req.query }),
  );
  r.get('/api/ka/my-steps', { schema: { tags, response: { 200: z.array(myStep) } } }, async (req) =>
    svc.listMySteps({ ctx: ctxOf(req, db, 'orders.fulfil') }),
  );
  r.get(
    '/api/ka/orders/:id',
    { schema: { tags, params: idParam, response: { 200: serviceOrderDetail } } },
    async (req) => svc.getServiceOrder({ ctx: ctxOf(req, db, 'ka.read'), id: req.params.id }),
  );
  r.patch(
    '/api/ka/orders/:id/steps/:stepId',
    { schema: { tags, params: stepParams, body: stepUpdate, response: { 200: serviceOrderDetail } } },
    async (req) =>
      svc.updateOrderStep({
        ctx: ctxOf(req, db, 'orders.fulfil'),
        orderId: req.params.id,
        stepId: req.params.stepId,
        input: req.body,
      }),
  );
  r.post(
    '/api/ka/orders/:id/steps/:stepId/complete',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { tags, params: stepParams, body: stepComplete, response: { 200: serviceOrderDetail } },
    },
    async (req) =>
      steps.completeOrderStep({
        ctx: ctxOf(req, db, 'orders.fulfil'),
        orderId: req.params.id,
        stepId: req.params.stepId,
        input: req.body,
        filesDir,
      }),
  );
  r.get('/api/ka/orders/:id/steps/:stepId/document', { schema: { tags, params: stepParams } }, async (req, reply) =>
    sendFile(
      reply,
      await steps.readConfirmationDocument({
        ctx: ctxOf(req, db, 'ka.read'),
        orderId: req.params.id,
        stepId: req.params.stepId,
        filesDir,
      }),
    ),
  );
}
