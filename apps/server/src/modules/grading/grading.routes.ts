import { idParam, pageOf, pageQuery } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { registerGradingAnalyticsRoutes } from './grading.analytics.routes';
import { layers, periodSchema, ruleSetConfig, ruleSetStatuses } from './grading.models';
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

const ruleSet = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  status: z.enum(ruleSetStatuses),
  effectiveFrom: periodSchema,
  effectiveTo: z.string().nullable(),
  config: ruleSetConfig,
  notes: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  activatedAt: z.string().nullable(),
});
const ruleSetCreate = z.object({
  name: z.string().trim().min(1).max(100),
  effectiveFrom: periodSchema,
  config: ruleSetConfig.optional(),
  copyFromId: z.number().int().positive().optional(),
  notes: z.string().max(2000).nullable().optional(),
});
const ruleSetUpdate = ruleSetCreate.omit({ copyFromId: true }).partial();

const layerEnum = z.enum(layers);
const preview = z.object({
  ruleSetId: z.number().int(),
  ruleSetVersion: z.number().int(),
  period: z.string(),
  baselineGraded: z.boolean(),
  customers: z.number().int(),
  moved: z.number().int(),
  starsChanged: z.number().int(),
  abcChanged: z.number().int(),
  layers: z.array(
    z.object({
      layer: layerEnum,
      currentCustomers: z.number().int(),
      proposedCustomers: z.number().int(),
      currentRevenueFen: z.number(),
      proposedRevenueFen: z.number(),
    }),
  ),
  matrix: z.array(
    z.object({
      fromLayer: z.string().nullable(),
      toLayer: z.string(),
      customers: z.number().int(),
      revenueFen: z.number(),
    }),
  ),
});
const mover = z.object({
  customerId: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  fromLayer: z.string().nullable(),
  toLayer: z.string(),
  measureFen: z.number(),
  spendFen: z.number(),
});

const run = z.object({
  id: z.number().int(),
  period: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  trigger: z.enum(['manual', 'schedule']),
  jobId: z.number().int().nullable(),
  ruleSetId: z.number().int().nullable(),
  ruleSetVersion: z.number().int().nullable(),
  gradedCount: z.number().int().nullable(),
  changedCount: z.number().int().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.object({ done: z.number(), total: z.number().nullable() }).nullable(),
});

const historyItem = z.object({
  period: z.string(),
  layer: z.string(),
  tier: z.string().nullable(),
  stars: z.number().int().nullable(),
  abcClass: z.string(),
  importance: z.string().nullable(),
  measureFen: z.number(),
  spendFen: z.number(),
  reason: z.string(),
  held: z.boolean(),
  ruleSetVersion: z.number().int(),
});
/** The grading of one customer; every field but `customerId` and `history` is null before the first grading. */
const customerGrading = z.object({
  customerId: z.number().int(),
  period: z.string().nullable(),
  category: z.string().nullable(),
  layer: z.string().nullable(),
  tier: z.string().nullable(),
  stars: z.number().int().nullable(),
  abcClass: z.string().nullable(),
  importance: z.string().nullable(),
  measureFen: z.number().nullable(),
  measure: z
    .object({
      kind: z.literal('avg_monthly_spend'),
      valueFen: z.number(),
      sumFen: z.number(),
      months: z.number().int(),
      monthsUsed: z.number().int(),
      divisor: z.number().int(),
      missingMonths: z.enum(['skip', 'zero']),
      fromPeriod: z.string(),
      toPeriod: z.string(),
    })
    .nullable(),
  spendFen: z.number().nullable(),
  reason: z.string().nullable(),
  potential: z.boolean().nullable(),
  ruleSet: z.object({ id: z.number().int(), version: z.number().int(), name: z.string() }).nullable(),
  explanation: z.record(z.string(), z.unknown()).nullable(),
  history: z.array(historyItem),
  events: z.array(
    z.object({
      period: z.string(),
      kind: z.string(),
      fromValue: z.string().nullable(),
      toValue: z.string().nullable(),
      direction: z.string(),
    }),
  ),
});
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
        querystring: z.object({ period: periodSchema.optional() }),
        response: { 200: preview },
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
        querystring: pageQuery.extend({
          period: periodSchema.optional(),
          from: layerEnum.optional(),
          to: layerEnum.optional(),
        }),
        response: { 200: pageOf(mover).extend({ period: z.string() }) },
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
        body: z.object({ period: periodSchema }),
        response: { 202: run },
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
        querystring: pageQuery.extend({ period: periodSchema.optional() }),
        response: { 200: pageOf(run) },
      },
    },
    async (request) => listRuns({ ctx: ctxOf(request, db, 'grading.read'), filter: request.query }),
  );
  r.get('/api/grading/runs/:id', { schema: { tags, params: idParam, response: { 200: run } } }, async (request) =>
    getRun({ ctx: ctxOf(request, db, 'grading.read'), id: request.params.id }),
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
