import {
  churnFeatureSet,
  churnJobAccepted,
  churnModelCard,
  churnModelPage,
  churnPromoteRequest,
  churnRiskPage,
  churnRiskQuery,
  churnScoreRequest,
  churnScoreRunPage,
  churnTrainRequest,
  idParam,
  pageQuery,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import * as svc from './churn.service';

const tags = ['churn'];

/** Churn prediction: feature set, model registry and model card, training and scoring jobs, the risk list. */
export function registerChurnModelRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/churn/features', { schema: { tags, response: { 200: churnFeatureSet } } }, async (req) => {
    ctxOf(req, db, 'ka.read');
    return svc.featureSet();
  });
  r.get(
    '/api/churn/models',
    { schema: { tags, querystring: pageQuery, response: { 200: churnModelPage } } },
    async (req) => svc.listModels({ ctx: ctxOf(req, db, 'ka.read'), ...req.query }),
  );
  r.get(
    '/api/churn/models/:id',
    { schema: { tags, params: idParam, response: { 200: churnModelCard } } },
    async (req) => svc.getModelCard({ ctx: ctxOf(req, db, 'ka.read'), id: req.params.id }),
  );
  r.post(
    '/api/churn/models/train',
    { schema: { tags, body: churnTrainRequest, response: { 202: churnJobAccepted } } },
    async (req, reply) =>
      reply.status(202).send(await svc.requestTraining({ ctx: ctxOf(req, db, 'churn.models'), input: req.body })),
  );
  r.post(
    '/api/churn/models/:id/promote',
    { schema: { tags, params: idParam, body: churnPromoteRequest, response: { 200: churnModelCard } } },
    async (req) => svc.promoteModel({ ctx: ctxOf(req, db, 'churn.models'), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/churn/score-runs',
    { schema: { tags, body: churnScoreRequest, response: { 202: churnJobAccepted } } },
    async (req, reply) =>
      reply.status(202).send(await svc.requestScoring({ ctx: ctxOf(req, db, 'churn.models'), input: req.body })),
  );
  r.get(
    '/api/churn/score-runs',
    { schema: { tags, querystring: pageQuery, response: { 200: churnScoreRunPage } } },
    async (req) => svc.listRuns({ ctx: ctxOf(req, db, 'ka.read'), ...req.query }),
  );
  r.get(
    '/api/churn/risk-list',
    { schema: { tags, querystring: churnRiskQuery, response: { 200: churnRiskPage } } },
    async (req) => svc.riskList({ ctx: ctxOf(req, db, 'ka.read'), query: req.query }),
  );
}
