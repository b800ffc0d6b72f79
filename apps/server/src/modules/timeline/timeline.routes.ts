import { customerHeadline, idParam, timelinePage, timelineQuery } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { getHeadline, getTimeline } from './timeline.service';

const tags = ['customers'];

export function registerTimelineRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  r.get(
    '/api/customers/:id/timeline',
    {
      schema: {
        tags,
        description:
          "The customer's activity (tickets, work orders, commitments, warnings, opportunities, orders, visits, " +
          'interactions, surveys, bills, changes), newest first, keyset-paginated by `cursor`, filtered by `kinds`.',
        params: idParam,
        querystring: timelineQuery,
        response: { 200: timelinePage },
      },
    },
    async (req) => getTimeline({ ctx: ctxOf(req, db, 'customers.read'), customerId: req.params.id, query: req.query }),
  );
  r.get(
    '/api/customers/:id/headline',
    { schema: { tags, params: idParam, response: { 200: customerHeadline } } },
    async (req) => getHeadline({ ctx: ctxOf(req, db, 'customers.read'), customerId: req.params.id }),
  );
}
