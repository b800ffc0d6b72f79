import {
  idParam,
  kpiEvidence,
  kpiEvidenceParams,
  kpiPenalty,
  kpiPenaltyInput,
  kpiPenaltyListQuery,
  kpiRun,
  kpiRunInput,
  kpiScorecard,
  kpiScorecardListQuery,
  kpiSettings,
  kpiSettingsInput,
  kpiSettingsQuery,
  kpiTrend,
  kpiTrendQuery,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import {
  confirmScorecard,
  getKpiSettings,
  getScorecard,
  listKpiSettings,
  listPenalties,
  listScorecards,
  putKpiSettings,
  recordPenalty,
  requestKpiRun,
  scorecardEvidence,
  kpiTrend as trendOf,
} from './kpi.service';

export function registerKpiRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['kpi'];

  r.get(
    '/api/kpi/scorecards',
    {
      schema: {
        tags,
        description:
          "Scorecards of a month, ranked by score: an account manager's own, a manager's team, everyone's for administrators.",
        querystring: kpiScorecardListQuery,
        response: { 200: z.array(kpiScorecard) },
      },
    },
    async (request) =>
      listScorecards({
        ctx: ctxOf(request, db, 'kpi.read'),
        period: request.query.period,
        userId: request.query.userId,
      }),
  );
  r.get(
    '/api/kpi/scorecards/:id',
    { schema: { tags, params: idParam, response: { 200: kpiScorecard } } },
    async (request) => getScorecard({ ctx: ctxOf(request, db, 'kpi.read'), id: request.params.id }),
  );
  r.get(
    '/api/kpi/scorecards/:id/evidence/:key',
    {
      schema: {
        tags,
        description: 'The rows behind one figure of a scorecard (bills, products, surveys, complaints, ...).',
        params: kpiEvidenceParams,
        response: { 200: kpiEvidence },
      },
    },
    async (request) =>
      scorecardEvidence({ ctx: ctxOf(request, db, 'kpi.read'), id: request.params.id, key: request.params.key }),
  );
  r.post(
    '/api/kpi/scorecards/:id/confirm',
    {
      schema: {
        tags,
        description: 'Confirms a scorecard: the month is frozen for that account manager (audited).',
        params: idParam,
        response: { 200: kpiScorecard },
      },
    },
    async (request) => confirmScorecard({ ctx: ctxOf(request, db, 'kpi.manage'), id: request.params.id }),
  );
  r.post(
    '/api/kpi/runs',
    {
      schema: {
        tags,
        description: "Queues the computation of a month's scorecards (confirmed ones stay frozen).",
        body: kpiRunInput,
        response: { 202: kpiRun },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await requestKpiRun({ ctx: ctxOf(request, db, 'kpi.manage'), input: request.body })),
  );
  r.get(
    '/api/kpi/trend',
    {
      schema: {
        tags,
        description: "Score and bonus coefficient of an account manager's last months (default 12, to last month).",
        querystring: kpiTrendQuery,
        response: { 200: kpiTrend },
      },
    },
    async (request) => trendOf({ ctx: ctxOf(request, db, 'kpi.read'), ...request.query }),
  );
  r.get(
    '/api/kpi/settings',
    {
      schema: {
        tags,
        description: 'The KPI weights, targets and bonus table in force for a month (default: this month).',
        querystring: kpiSettingsQuery,
        response: { 200: kpiSettings },
      },
    },
    async (request) => getKpiSettings({ ctx: ctxOf(request, db, 'kpi.read'), period: request.query.period }),
  );
  r.get(
    '/api/kpi/settings/history',
    {
      schema: {
        tags,
        description: 'Every settings row (by effective month).',
        response: { 200: z.array(kpiSettings) },
      },
    },
    async (request) => listKpiSettings({ ctx: ctxOf(request, db, 'kpi.read') }),
  );
  r.put(
    '/api/kpi/settings',
    {
      schema: {
        tags,
        description:
          'Sets the weights (adding up to 100), targets and bonus table from a month on; versioned, audited.',
        body: kpiSettingsInput,
        response: { 200: kpiSettings },
      },
    },
    async (request) => putKpiSettings({ ctx: ctxOf(request, db, 'kpi.manage'), input: request.body }),
  );
  r.get(
    '/api/kpi/penalties',
    { schema: { tags, querystring: kpiPenaltyListQuery, response: { 200: z.array(kpiPenalty) } } },
    async (request) =>
      listPenalties({
        ctx: ctxOf(request, db, 'kpi.read'),
        period: request.query.period,
        userId: request.query.userId,
      }),
  );
  r.post(
    '/api/kpi/penalties',
    {
      schema: {
        tags,
        description:
          "Records a penalty on an account manager's month (points, money borne, optional complaint ticket). Honours Idempotency-Key.",
        body: kpiPenaltyInput,
        response: { 201: kpiPenalty },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordPenalty({ ctx: ctxOf(request, db, 'kpi.manage'), input: request.body })),
  );
}
