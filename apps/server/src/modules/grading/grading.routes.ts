import {
  customerGrading,
  gradingRun,
  gradingRunCreate,
  gradingRunPage,
  gradingRunQuery,
  idParam,
  moverPage,
  moverQuery,
  ruleSet,
  ruleSetCreate,
  ruleSetPreview,
  ruleSetPreviewQuery,
  ruleSetUpdate,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { registerGradingAnalyticsRoutes } from './grading.analytics.routes';
import {
  activateRuleSet,
  createRuleSet,
  getRuleSet,
  listRuleSets,
  previewMovers,
  previewRuleSet,
  retireRuleSet,
  updateRuleSet,
} from './grading.rules.service';
import { getCustomerGradingForViewer, getRun, listRuns, startRun } from './grading.service';

const ungraded = (customerId: number) => ({
  customerId,
  period: null,
  category: null,
  layer: null,
  tier: null,
  stars: null,
  abcClass: null,
  importance: null,
  measureFen: null,
  measure: null,
  spendFen: null,
  reason: null,
  potential: null,
  ruleSet: null,
  explanation: null,
  history: [],
  events: [],
});

/** Rule sets, grading runs and a customer's grading; the analytics dashboards are registered from here too. */
export function registerGradingRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['grading'];

  r.get('/api/grading/rule-sets', { schema: { tags, response: { 200: z.array(ruleSet) } } }, async (request) =>
    listRuleSets({ ctx: ctxOf(request, db, 'grading.read') }),
  );
  r.get(
    '/api/grading/rule-sets/:id',
    { schema: { tags, params: idParam, response: { 200: ruleSet } } },
    async (request) => getRuleSet({ ctx: ctxOf(request, db, 'grading.read'), id: request.params.id }),
  );
  r.post(
    '/api/grading/rule-sets',
    {
      schema: {
        tags,
        description: 'A new draft rule set (a copy of `copyFromId`, or of the set in force, unless `config` is given).',
        body: ruleSetCreate,
        response: { 201: ruleSet },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRuleSet({ ctx: ctxOf(request, db, 'grading.manage'), input: request.body })),
  );
  r.patch(
    '/api/grading/rule-sets/:id',
    { schema: { tags, params: idParam, body: ruleSetUpdate, response: { 200: ruleSet } } },
    async (request) =>
      updateRuleSet({ ctx: ctxOf(request, db, 'grading.manage'), id: request.params.id, input: request.body }),
  );
  r.get(
    '/api/grading/rule-sets/:id/preview',
    {
      schema: {
        tags,
        description: 'What-if: the tiers the rule set would give for a period, against the grades stored for it.',
        params: idParam,
        querystring: ruleSetPreviewQuery,
        response: { 200: ruleSetPreview },
      },
    },
    async (request) =>
      previewRuleSet({
        ctx: ctxOf(request, db, 'grading.manage'),
        id: request.params.id,
        period: request.query.period,
      }),
  );
  r.get(
    '/api/grading/rule-sets/:id/preview/movers',
    {
      schema: {
        tags,
        params: idParam,
        querystring: moverQuery,
        response: { 200: moverPage },
      },
    },
    async (request) =>
      previewMovers({ ctx: ctxOf(request, db, 'grading.manage'), id: request.params.id, filter: request.query }),
  );
  r.post(
    '/api/grading/rule-sets/:id/activate',
    { schema: { tags, params: idParam, response: { 200: ruleSet } } },
    async (request) => activateRuleSet({ ctx: ctxOf(request, db, 'grading.manage'), id: request.params.id }),
  );
  r.post(
    '/api/grading/rule-sets/:id/retire',
    { schema: { tags, params: idParam, response: { 200: ruleSet } } },
    async (request) => retireRuleSet({ ctx: ctxOf(request, db, 'grading.manage'), id: request.params.id }),
  );

  r.post(
    '/api/grading/runs',
    {
      schema: {
        tags,
        description:
          'Queues a grading of every customer for the period (a durable job); poll GET /api/grading/runs/{id}.',
        body: gradingRunCreate,
        response: { 202: gradingRun },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await startRun({ ctx: ctxOf(request, db, 'grading.manage'), period: request.body.period })),
  );
  r.get(
    '/api/grading/runs',
    {
      schema: {
        tags,
        querystring: gradingRunQuery,
        response: { 200: gradingRunPage },
      },
    },
    async (request) => listRuns({ ctx: ctxOf(request, db, 'grading.read'), filter: request.query }),
  );
  r.get(
    '/api/grading/runs/:id',
    { schema: { tags, params: idParam, response: { 200: gradingRun } } },
    async (request) => getRun({ ctx: ctxOf(request, db, 'grading.read'), id: request.params.id }),
  );

  r.get(
    '/api/customers/:id/grading',
    {
      schema: {
        tags,
        description:
          "The customer's current tier, stars, ABC class and importance, how they were computed, and history.",
        params: idParam,
        response: { 200: customerGrading },
      },
    },
    async (request) => {
      const ctx = ctxOf(request, db, 'customers.read');
      const grading = await getCustomerGradingForViewer({ ctx, customerId: request.params.id });
      return grading ?? ungraded(request.params.id);
    },
  );

  registerGradingAnalyticsRoutes(app, deps);
}
