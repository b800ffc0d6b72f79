import {
  calendarEntry,
  calendarQuery,
  clubEvent,
  clubEventCreate,
  idParam,
  invitationCreate,
  invitationUpdate,
  isoDate,
  lineCheck,
  lineCheckCreate,
  lineCheckDone,
  lineCheckUpdate,
  priceReview,
  priceReviewCreate,
  priceReviewDone,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import * as svc from './care.service';
import * as club from './club.service';

const tags = ['care'];

export function registerCareRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/ka/calendar',
    { schema: { tags, querystring: calendarQuery, response: { 200: z.array(calendarEntry) } } },
    async (req) => svc.getCalendar({ ctx: ctxOf(req, db, 'ka.read'), query: req.query }),
  );

  r.get(
    '/api/ka/customers/:id/price-reviews',
    { schema: { tags, params: idParam, response: { 200: z.array(priceReview) } } },
    async (req) => svc.listPriceReviews({ ctx: ctxOf(req, db, 'ka.read'), customerId: req.params.id }),
  );
  r.post(
    '/api/ka/customers/:id/price-reviews',
    { schema: { tags, params: idParam, body: priceReviewCreate, response: { 200: z.array(priceReview) } } },
    async (req) => svc.setPriceReview({ ctx: ctxOf(req, db, 'ka.write'), customerId: req.params.id, input: req.body }),
  );
  r.post(
    '/api/ka/price-reviews/:id/done',
    { schema: { tags, params: idParam, body: priceReviewDone, response: { 200: z.array(priceReview) } } },
    async (req) => svc.completePriceReview({ ctx: ctxOf(req, db, 'ka.write'), id: req.params.id, input: req.body }),
  );

  r.get(
    '/api/ka/customers/:id/line-checks',
    { schema: { tags, params: idParam, response: { 200: z.array(lineCheck) } } },
    async (req) => svc.listLineChecks({ ctx: ctxOf(req, db, 'ka.read'), customerId: req.params.id }),
  );
  r.post(
    '/api/ka/customers/:id/line-checks',
    { schema: { tags, params: idParam, body: lineCheckCreate, response: { 200: z.array(lineCheck) } } },
    async (req) => svc.createLineCheck({ ctx: ctxOf(req, db, 'ka.write'), customerId: req.params.id, input: req.body }),
  );
  r.patch(
    '/api/ka/line-checks/:id',
    { schema: { tags, params: idParam, body: lineCheckUpdate, response: { 200: z.array(lineCheck) } } },
    async (req) => svc.updateLineCheck({ ctx: ctxOf(req, db, 'ka.write'), id: req.params.id, input: req.body }),
  );
  r.delete(
    '/api/ka/line-checks/:id',
    { schema: { tags, params: idParam, response: { 200: z.array(lineCheck) } } },
    async (req) => svc.deleteLineCheck({ ctx: ctxOf(req, db, 'ka.write'), id: req.params.id }),
  );
  r.post(
    '/api/ka/line-checks/:id/done',
    { schema: { tags, params: idParam, body: lineCheckDone, response: { 200: z.array(lineCheck) } } },
    async (req) => svc.completeLineCheck({ ctx: ctxOf(req, db, 'ka.write'), id: req.params.id, input: req.body }),
  );

  r.get(
    '/api/ka/club-events',
    { schema: { tags, querystring: z.object({ from: isoDate, to: isoDate }), response: { 200: z.array(clubEvent) } } },
    async (req) => club.listClubEvents({ ctx: ctxOf(req, db, 'ka.read'), ...req.query }),
  );
  r.post(
    '/api/ka/club-events',
    { schema: { tags, body: clubEventCreate, response: { 201: clubEvent } } },
    async (req, reply) =>
      reply.status(201).send(await club.createClubEvent({ ctx: ctxOf(req, db, 'club.manage'), input: req.body })),
  );
  r.get('/api/ka/club-events/:id', { schema: { tags, params: idParam, response: { 200: clubEvent } } }, async (req) =>
    club.getClubEvent({ ctx: ctxOf(req, db, 'ka.read'), id: req.params.id }),
  );
  r.post(
    '/api/ka/club-events/:id/invitations',
    { schema: { tags, params: idParam, body: invitationCreate, response: { 200: clubEvent } } },
    async (req) => club.inviteToEvent({ ctx: ctxOf(req, db, 'ka.write'), eventId: req.params.id, input: req.body }),
  );
  r.patch(
    '/api/ka/club-invitations/:id',
    { schema: { tags, params: idParam, body: invitationUpdate, response: { 200: clubEvent } } },
    async (req) => club.updateInvitation({ ctx: ctxOf(req, db, 'ka.write'), id: req.params.id, input: req.body }),
  );
}
