import { churnAnalysis, churnAnalysisQuery } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../platform/deps';
import { analyticsCtxOf } from '../../platform/replica-reads';
import { getChurnAnalysis } from './churn.analysis.service';

const tags = ['churn'];

export function registerChurnAnalysisRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/churn/analysis',
    {
      schema: {
        tags,
        description:
          'Churn of the customers in scope: rate by month and segment (tier, category, product family, contract type), value lost, reasons, direction (competitor), Kaplan-Meier survival by segment with Greenwood bands, median and RMST.',
        querystring: churnAnalysisQuery,
        response: { 200: churnAnalysis },
      },
    },
    async (req) => getChurnAnalysis({ ctx: await analyticsCtxOf(req, deps, 'churn.read'), query: req.query }),
  );
}
