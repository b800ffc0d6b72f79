import {
  churnRiskSummary,
  churnRiskSummaryQuery,
  customerChurnScore,
  idParam,
  scoreRunUplift,
  scoreRunUpliftQuery,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { registerHeadlineProvider } from '../timeline/timeline.service';
import * as svc from './churn.screens.service';

const tags = ['churn'];

/** Read endpoints of the churn screens: a customer's churn score, the risk list per AM, a run's uplift. */
export function registerChurnScreenRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  // The customer 360 header strip shows the latest churn score to viewers allowed to see churn data.
  registerHeadlineProvider('churn', svc.customerChurnHeadline);

  r.get(
    '/api/customers/:id/churn-score',
    {
      schema: {
        tags,
        description:
          "The customer's latest churn score with reasons, its risk over the runs, and the Cox hazard ratio with expected and median months to churn.",
        params: idParam,
        response: { 200: customerChurnScore },
      },
    },
    async (req) => svc.customerChurnScore({ ctx: ctxOf(req, db, 'churn.read'), customerId: req.params.id }),
  );
  r.get(
    '/api/churn/risk-summary',
    {
      schema: {
        tags,
        description: 'The risk list of a run (default: the latest) summed per account manager, in the scope.',
        querystring: churnRiskSummaryQuery,
        response: { 200: churnRiskSummary },
      },
    },
    async (req) => svc.riskSummary({ ctx: ctxOf(req, db, 'ka.read'), query: req.query }),
  );
  r.get(
    '/api/churn/score-runs/:id/uplift',
    {
      schema: {
        tags,
        description:
          "Uplift of a scoring run: saved rate of its listed customers at or above minRiskPct against its hold-out group's.",
        params: idParam,
        querystring: scoreRunUpliftQuery,
        response: { 200: scoreRunUplift },
      },
    },
    async (req) => svc.scoreRunUplift({ ctx: ctxOf(req, db, 'churn.read'), runId: req.params.id, query: req.query }),
  );
}
