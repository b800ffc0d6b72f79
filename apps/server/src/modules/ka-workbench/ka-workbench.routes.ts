import { teamOverview, workbench, workbenchQuery } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { getTeamOverview, getWorkbench } from './ka-workbench.service';

const tags = ['key accounts'];

export function registerWorkbenchRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  r.get(
    '/api/ka/workbench',
    { schema: { tags, querystring: workbenchQuery, response: { 200: workbench } } },
    async (req) => getWorkbench({ ctx: ctxOf(req, db, 'ka.read'), amId: req.query.amId }),
  );
  r.get('/api/ka/workbench/team', { schema: { tags, response: { 200: teamOverview } } }, async (req) =>
    getTeamOverview({ ctx: ctxOf(req, db, 'ka.read') }),
  );
}
