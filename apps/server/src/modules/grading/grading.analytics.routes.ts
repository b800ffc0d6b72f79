import {
  arpu,
  arpuQuery,
  distribution,
  distributionQuery,
  migration,
  migrationQuery,
  pareto,
  paretoQuery,
  pyramid,
  pyramidQuery,
  segmentFilter,
  segmentPage,
  segmentPageQuery,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../platform/deps';
import { analyticsCtxOf } from '../../platform/replica-reads';
import {
  exportSegmentCustomers,
  getArpu,
  getDistribution,
  getMigration,
  getPareto,
  getPyramid,
  listSegmentCustomers,
} from './grading.analytics.service';

/** Value pyramid, distributions, Pareto / ABC, migration matrix, ARPU / ARPA and drill-down lists (scoped). */
export function registerGradingAnalyticsRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['grading analytics'];
  // Dashboards read from the streaming replica when one is configured (bounded staleness).
  const read = (request: Parameters<typeof analyticsCtxOf>[0]) => analyticsCtxOf(request, deps, 'grading.read');

  r.get(
    '/api/grading/analytics/pyramid',
    {
      schema: {
        tags,
        querystring: pyramidQuery,
        response: { 200: pyramid },
      },
    },
    async (request) =>
      getPyramid({
        ctx: await read(request),
        period: request.query.period,
        filter: { category: request.query.category },
      }),
  );
  r.get(
    '/api/grading/analytics/distribution',
    {
      schema: {
        tags,
        querystring: distributionQuery,
        response: { 200: distribution },
      },
    },
    async (request) => getDistribution({ ctx: await read(request), ...request.query }),
  );
  r.get(
    '/api/grading/analytics/pareto',
    {
      schema: {
        tags,
        description: 'Pareto curve of the value measure (average monthly spend), top 10 % / 20 % shares, ABC sizes.',
        querystring: paretoQuery,
        response: { 200: pareto },
      },
    },
    async (request) => getPareto({ ctx: await read(request), period: request.query.period }),
  );
  r.get(
    '/api/grading/analytics/migration',
    {
      schema: {
        tags,
        description: "Customers and revenue moving between layers from `from` to `to` ('none' = not graded).",
        querystring: migrationQuery,
        response: { 200: migration },
      },
    },
    async (request) => getMigration({ ctx: await read(request), ...request.query }),
  );
  r.get(
    '/api/grading/analytics/customers',
    {
      schema: {
        tags,
        description: 'Drill-down: the customers of a segment, or of a migration group / cell (with `from`).',
        querystring: segmentPageQuery,
        response: { 200: segmentPage },
      },
    },
    async (request) => listSegmentCustomers({ ctx: await read(request), query: request.query }),
  );
  r.get(
    '/api/grading/analytics/customers.csv',
    { schema: { tags, description: 'The drill-down list as CSV (UTF-8 with BOM).', querystring: segmentFilter } },
    async (request, reply) => {
      const csv = await exportSegmentCustomers({ ctx: await read(request), query: request.query });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="segment-customers.csv"')
        .send(csv);
    },
  );
  r.get(
    '/api/grading/analytics/arpu',
    {
      schema: {
        tags,
        description: 'ARPU (revenue per billed customer) and ARPA (per billed account) per period and dimension.',
        querystring: arpuQuery,
        response: { 200: arpu },
      },
    },
    async (request) => getArpu({ ctx: await read(request), ...request.query }),
  );
}
