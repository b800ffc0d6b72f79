import { pageQuery } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { arpuDimensions, migrationGroups } from './grading.analytics.queries';
import {
  exportSegmentCustomers,
  getArpu,
  getDistribution,
  getMigration,
  getPareto,
  getPyramid,
  listSegmentCustomers,
} from './grading.analytics.service';
import { abcClasses, importances, layers, periodSchema } from './grading.models';

const layerRow = z.object({
  layer: z.string(),
  customers: z.number().int(),
  activeCustomers: z.number().int(),
  revenueFen: z.number(),
  valueFen: z.number(),
});
const segmentFilter = z.object({
  period: periodSchema.optional(),
  layer: z.enum(layers).optional(),
  abcClass: z.enum(abcClasses).optional(),
  stars: z.coerce.number().int().min(0).max(5).optional(),
  importance: z.enum(importances).optional(),
  category: z.enum(['key_account', 'business', 'public']).optional(),
  industry: z.string().max(64).optional(),
  orgUnitId: z.coerce.number().int().positive().optional(),
  /** With `from`: the list is a migration group or matrix cell between `from` and `period`. */
  from: periodSchema.optional(),
  group: z.enum(migrationGroups).optional(),
  fromLayer: z.enum([...layers, 'none']).optional(),
  toLayer: z.enum([...layers, 'none']).optional(),
});
const customerRow = z.object({
  customerId: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  category: z.string(),
  industry: z.string().nullable(),
  orgUnitName: z.string(),
  accountManagerName: z.string().nullable(),
  layer: z.string().nullable(),
  fromLayer: z.string().nullable(),
  stars: z.number().int().nullable(),
  abcClass: z.string().nullable(),
  importance: z.string().nullable(),
  valueFen: z.number(),
  revenueFen: z.number(),
  fromRevenueFen: z.number().nullable(),
});

/** Value pyramid, distributions, Pareto / ABC, migration matrix, ARPU / ARPA and drill-down lists (scoped). */
export function registerGradingAnalyticsRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['grading analytics'];
  const read = (request: Parameters<typeof ctxOf>[0]) => ctxOf(request, db, 'grading.read');

  r.get(
    '/api/grading/analytics/pyramid',
    {
      schema: {
        tags,
        querystring: z.object({ period: periodSchema.optional(), category: segmentFilter.shape.category }),
        response: {
          200: z.object({
            period: z.string(),
            items: z.array(layerRow),
            totals: z.object({ customers: z.number().int(), revenueFen: z.number() }),
          }),
        },
      },
    },
    async (request) =>
      getPyramid({ ctx: read(request), period: request.query.period, filter: { category: request.query.category } }),
  );
  r.get(
    '/api/grading/analytics/distribution',
    {
      schema: {
        tags,
        querystring: z.object({
          period: periodSchema.optional(),
          by: z.enum(['org_unit', 'industry']).default('org_unit'),
        }),
        response: {
          200: z.object({
            period: z.string(),
            by: z.string(),
            items: z.array(
              z.object({
                key: z.string(),
                label: z.string().nullable(),
                labelEn: z.string().nullable(),
                customers: z.number().int(),
                revenueFen: z.number(),
                layers: z.record(z.string(), z.number()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => getDistribution({ ctx: read(request), ...request.query }),
  );
  r.get(
    '/api/grading/analytics/pareto',
    {
      schema: {
        tags,
        description: 'Pareto curve of the value measure (average monthly spend), top 10 % / 20 % shares, ABC sizes.',
        querystring: z.object({ period: periodSchema.optional() }),
        response: {
          200: z.object({
            period: z.string(),
            customers: z.number().int(),
            top10Share: z.number(),
            top20Share: z.number(),
            points: z.array(z.object({ customerShare: z.number(), valueShare: z.number() })),
            abc: z.array(
              z.object({
                abcClass: z.string(),
                customers: z.number().int(),
                valueFen: z.number(),
                revenueFen: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => getPareto({ ctx: read(request), period: request.query.period }),
  );
  r.get(
    '/api/grading/analytics/migration',
    {
      schema: {
        tags,
        description: "Customers and revenue moving between layers from `from` to `to` ('none' = not graded).",
        querystring: z.object({ from: periodSchema.optional(), to: periodSchema.optional() }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            states: z.array(z.string()),
            matrix: z.array(
              z.object({
                fromLayer: z.string(),
                toLayer: z.string(),
                customers: z.number().int(),
                fromRevenueFen: z.number(),
                toRevenueFen: z.number(),
              }),
            ),
            summary: z.record(z.enum(migrationGroups), z.number().int()),
          }),
        },
      },
    },
    async (request) => getMigration({ ctx: read(request), ...request.query }),
  );
  r.get(
    '/api/grading/analytics/customers',
    {
      schema: {
        tags,
        description: 'Drill-down: the customers of a segment, or of a migration group / cell (with `from`).',
        querystring: pageQuery.extend(segmentFilter.shape),
        response: { 200: z.object({ items: z.array(customerRow), total: z.number().int() }) },
      },
    },
    async (request) => listSegmentCustomers({ ctx: read(request), query: request.query }),
  );
  r.get(
    '/api/grading/analytics/customers.csv',
    { schema: { tags, description: 'The drill-down list as CSV (UTF-8 with BOM).', querystring: segmentFilter } },
    async (request, reply) => {
      const csv = await exportSegmentCustomers({ ctx: read(request), query: request.query });
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
        querystring: z.object({
          from: periodSchema.optional(),
          to: periodSchema.optional(),
          by: z.enum(arpuDimensions).default('category'),
        }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            by: z.string(),
            periods: z.array(z.string()),
            items: z.array(
              z.object({
                period: z.string(),
                key: z.string(),
                label: z.string().nullable(),
                customers: z.number().int(),
                accounts: z.number().int(),
                revenueFen: z.number(),
                arpuFen: z.number(),
                arpaFen: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => getArpu({ ctx: read(request), ...request.query }),
  );
}
