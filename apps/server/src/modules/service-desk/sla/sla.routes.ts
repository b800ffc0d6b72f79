import {
  calendarUpdate,
  holiday,
  holidayInput,
  idParam,
  isoDate,
  slaCalendar,
  slaPolicy,
  slaPolicyInput,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import {
  deleteHoliday,
  listCalendars,
  listHolidays,
  listPolicies,
  putHoliday,
  savePolicy,
  updateCalendar,
} from './sla-admin.service';

export function registerSlaRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['service-desk'];

  r.get(
    '/api/service-desk/sla/policies',
    { schema: { tags, response: { 200: z.array(slaPolicy) } } },
    async (request) => {
      ctxOf(request, db, 'tickets.read');
      return listPolicies({ db });
    },
  );
  r.post(
    '/api/service-desk/sla/policies',
    { schema: { tags, body: slaPolicyInput, response: { 201: slaPolicy } } },
    async (request, reply) =>
      reply.status(201).send(await savePolicy({ ctx: ctxOf(request, db, 'sla.manage'), input: request.body })),
  );
  r.patch(
    '/api/service-desk/sla/policies/:id',
    { schema: { tags, params: idParam, body: slaPolicyInput, response: { 200: slaPolicy } } },
    async (request) =>
      savePolicy({ ctx: ctxOf(request, db, 'sla.manage'), id: request.params.id, input: request.body }),
  );
  r.get(
    '/api/service-desk/sla/calendars',
    { schema: { tags, response: { 200: z.array(slaCalendar) } } },
    async (request) => listCalendars({ ctx: ctxOf(request, db, 'tickets.read') }),
  );
  r.patch(
    '/api/service-desk/sla/calendars/:id',
    { schema: { tags, params: idParam, body: calendarUpdate, response: { 200: slaCalendar } } },
    async (request) =>
      updateCalendar({ ctx: ctxOf(request, db, 'sla.manage'), id: request.params.id, input: request.body }),
  );
  r.get(
    '/api/service-desk/sla/holidays',
    {
      schema: {
        tags,
        description: 'Public holidays and make-up working days (调休) of business-hours calendars.',
        response: { 200: z.array(holiday) },
      },
    },
    async (request) => listHolidays({ ctx: ctxOf(request, db, 'tickets.read') }),
  );
  r.post(
    '/api/service-desk/sla/holidays',
    {
      schema: {
        tags,
        description: 'Adds or changes the holiday calendar entry of a date (upsert).',
        body: holidayInput,
        response: { 200: holiday },
      },
    },
    async (request) => putHoliday({ ctx: ctxOf(request, db, 'sla.manage'), input: request.body }),
  );
  r.delete(
    '/api/service-desk/sla/holidays/:date',
    { schema: { tags, params: z.object({ date: isoDate }) } },
    async (request, reply) => {
      await deleteHoliday({ ctx: ctxOf(request, db, 'sla.manage'), date: request.params.date });
      return reply.status(204).send();
    },
  );
}
