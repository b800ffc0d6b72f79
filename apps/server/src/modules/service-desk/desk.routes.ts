import {
  callArrive,
  callerCard,
  callerQuery,
  callerRegister,
  categoryCreate,
  department,
  departmentCreate,
  hotspotQuery,
  hotspots,
  hotspotTickets as hotspotTicketPage,
  idParam,
  pageQuery,
  queuedCall,
  reportQuery,
  slaAttainment as slaAttainmentDto,
  ticketCategory,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { forbidden } from '../../platform/errors';
import { analyticsCtxOf } from '../../platform/replica-reads';
import { trustedRowSerializer } from '../../platform/trusted-serializer';
import { getCallerCard, registerCaller } from './caller.service';
import { createCategory, createDepartment, listCategories, listDepartments } from './desk.service';
import { abandonCall, answerNextCall, enqueueCall, listQueue } from './queue/queue.service';
import { complaintHotspots, hotspotTickets, slaAttainment } from './tickets/complaints.service';

export function registerDeskRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['service-desk'];

  r.get(
    '/api/service-desk/caller',
    {
      schema: {
        tags,
        description: "The hotline caller card in one request: who is calling, tier, AM, entitlements, what's open.",
        querystring: callerQuery,
        response: { 200: callerCard },
      },
      // The hotline's hot path: the card is the server's own rows, written field by field as the schema declares.
      serializerCompiler: trustedRowSerializer,
    },
    async (request) => getCallerCard({ ctx: ctxOf(request, db, 'tickets.read'), phone: request.query.phone }),
  );
  r.post(
    '/api/service-desk/callers',
    {
      schema: {
        tags,
        description: 'Quick registration of an unknown caller.',
        body: callerRegister,
        response: { 201: callerCard },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'tickets.write');
      if (!ctx.can('customers.write')) throw forbidden();
      return reply.status(201).send(await registerCaller({ ctx, input: request.body }));
    },
  );

  r.get(
    '/api/service-desk/queue',
    { schema: { tags, description: 'Waiting calls in answering order.', response: { 200: z.array(queuedCall) } } },
    async (request) => listQueue({ ctx: ctxOf(request, db, 'tickets.write') }),
  );
  r.post(
    '/api/service-desk/queue',
    { schema: { tags, description: 'A call arrives (CTI / IVR).', body: callArrive, response: { 201: queuedCall } } },
    async (request, reply) =>
      reply.status(201).send(await enqueueCall({ ctx: ctxOf(request, db, 'tickets.write'), input: request.body })),
  );
  r.post(
    '/api/service-desk/queue/next',
    {
      schema: {
        tags,
        description: 'Answers the next call: highest priority first, then longest waiting.',
        response: { 200: z.object({ call: queuedCall, card: callerCard }).nullable() },
      },
    },
    async (request) => answerNextCall({ ctx: ctxOf(request, db, 'tickets.write') }),
  );
  r.post(
    '/api/service-desk/queue/:id/abandon',
    { schema: { tags, params: idParam, response: { 200: queuedCall } } },
    async (request) => abandonCall({ ctx: ctxOf(request, db, 'tickets.write'), id: request.params.id }),
  );

  r.get(
    '/api/service-desk/departments',
    { schema: { tags, response: { 200: z.array(department) } } },
    async (request) => {
      ctxOf(request, db, 'tickets.read');
      return listDepartments({ db });
    },
  );
  r.post(
    '/api/service-desk/departments',
    { schema: { tags, body: departmentCreate, response: { 201: department } } },
    async (request, reply) =>
      reply.status(201).send(await createDepartment({ ctx: ctxOf(request, db, 'sla.manage'), input: request.body })),
  );
  r.get(
    '/api/service-desk/ticket-categories',
    { schema: { tags, response: { 200: z.array(ticketCategory) } } },
    async (request) => {
      ctxOf(request, db, 'tickets.read');
      return listCategories({ db });
    },
  );
  r.post(
    '/api/service-desk/ticket-categories',
    { schema: { tags, body: categoryCreate, response: { 201: ticketCategory } } },
    async (request, reply) =>
      reply.status(201).send(await createCategory({ ctx: ctxOf(request, db, 'sla.manage'), input: request.body })),
  );

  r.get(
    '/api/service-desk/reports/sla-attainment',
    { schema: { tags, querystring: reportQuery, response: { 200: slaAttainmentDto } } },
    async (request) =>
      slaAttainment({ ctx: await analyticsCtxOf(request, deps, 'service.reports'), query: request.query }),
  );
  r.get(
    '/api/service-desk/reports/complaint-hotspots',
    {
      schema: {
        tags,
        querystring: hotspotQuery.extend({ locale: z.enum(['zh-CN', 'en']).optional() }),
        response: { 200: hotspots },
      },
    },
    async (request) =>
      complaintHotspots({ ctx: await analyticsCtxOf(request, deps, 'service.reports'), query: request.query }),
  );
  r.get(
    '/api/service-desk/reports/complaint-hotspots/tickets',
    {
      schema: {
        tags,
        description: 'Drill-down: the complaints behind a category, product, org unit or repeat complainer.',
        querystring: hotspotQuery.extend(pageQuery.shape).extend({
          customerId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: hotspotTicketPage },
      },
    },
    async (request) => {
      const { limit, offset, ...query } = request.query;
      return hotspotTickets({
        ctx: await analyticsCtxOf(request, deps, 'service.reports'),
        query,
        page: { limit, offset },
      });
    },
  );
}
