import {
  idParam,
  investmentDecision,
  investmentInboxItem,
  investmentInput,
  investmentListQuery,
  investmentPolicy,
  investmentPolicyInput,
  investmentPreview,
  investmentProject,
  investmentProjectCreate,
  investmentProjectSummary,
  investmentReview,
  pageOf,
  realisedPayback,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import * as svc from './investments.service';

const tags = ['investments'];

export function registerInvestmentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/investments',
    { schema: { tags, querystring: investmentListQuery, response: { 200: pageOf(investmentProjectSummary) } } },
    async (req) => svc.listInvestmentProjects({ ctx: ctxOf(req, db, 'ka.read'), query: req.query }),
  );
  // Static paths before /api/investments/:id.
  r.get(
    '/api/investments/inbox',
    {
      schema: {
        tags,
        description: "The approval inbox: evaluations waiting for the signed-in user's review or decision.",
        response: { 200: z.array(investmentInboxItem) },
      },
    },
    async (req) => svc.investmentInbox({ ctx: ctxOf(req, db, 'ka.read') }),
  );
  r.get('/api/investments/policy', { schema: { tags, response: { 200: investmentPolicy } } }, async (req) =>
    svc.getInvestmentPolicy({ ctx: ctxOf(req, db, 'ka.read') }),
  );
  r.put(
    '/api/investments/policy',
    {
      schema: {
        tags,
        description:
          "Saves a new version of the investment approval policy (extra rule conditions, capital thresholds -> approver's org level); administrators.",
        body: investmentPolicyInput,
        response: { 200: investmentPolicy },
      },
    },
    async (req) => svc.putInvestmentPolicy({ ctx: ctxOf(req, db, 'approvals.manage'), input: req.body }),
  );
  r.post(
    '/api/investments/preview',
    {
      schema: {
        tags,
        description:
          'Computes an evaluation input (totals, surplus, payback month, NPV, IRR, rule verdict, approver level, monthly cash flow) without saving it.',
        body: investmentInput,
        response: { 200: investmentPreview },
      },
    },
    async (req) => svc.previewEvaluation({ ctx: ctxOf(req, db, 'investments.write'), input: req.body }),
  );
  r.post(
    '/api/investments',
    {
      schema: {
        tags,
        description:
          'Creates an investment project for a customer (linked to an opportunity / solution option, or standalone). Honours Idempotency-Key.',
        body: investmentProjectCreate,
        response: { 201: investmentProject },
      },
      config: {
        idempotentReplay: ({ request, entityId }) =>
          svc.getInvestmentProject({ ctx: ctxOf(request, db, 'ka.read'), id: Number(entityId) }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.createInvestmentProject({ ctx: ctxOf(req, db, 'investments.write'), input: req.body })),
  );
  r.get(
    '/api/investments/:id',
    { schema: { tags, params: idParam, response: { 200: investmentProject } } },
    async (req) => svc.getInvestmentProject({ ctx: ctxOf(req, db, 'ka.read'), id: req.params.id }),
  );
  r.get(
    '/api/investments/:id/realised',
    {
      schema: {
        tags,
        description: "The approved evaluation's plan against the customer's billed revenue (realised payback).",
        params: idParam,
        response: { 200: realisedPayback },
      },
    },
    async (req) => svc.realisedOfProject({ ctx: ctxOf(req, db, 'ka.read'), id: req.params.id }),
  );
  r.post(
    '/api/investments/:id/evaluations',
    {
      schema: {
        tags,
        description:
          'Adds an evaluation version (draft): capital items, yearly O&M cost, revenue, term and discount rate; computes surplus, payback, NPV, IRR and the cash flow.',
        params: idParam,
        body: investmentInput,
        response: { 201: investmentProject },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await svc.addEvaluation({
          ctx: ctxOf(req, db, 'investments.write'),
          projectId: req.params.id,
          input: req.body,
        }),
      ),
  );
  r.post(
    '/api/investment-evaluations/:id/submit',
    { schema: { tags, params: idParam, response: { 200: investmentProject } } },
    async (req) =>
      svc.actOnEvaluation({ ctx: ctxOf(req, db, 'investments.write'), id: req.params.id, action: 'submit' }),
  );
  r.post(
    '/api/investment-evaluations/:id/review',
    { schema: { tags, params: idParam, body: investmentReview, response: { 200: investmentProject } } },
    async (req) =>
      svc.reviewEvaluation({ ctx: ctxOf(req, db, 'investments.review'), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/investment-evaluations/:id/decision',
    {
      schema: {
        tags,
        description:
          'Finance approves (only when the contract recovers the cost within its term) or rejects with a reason.',
        params: idParam,
        body: investmentDecision,
        response: { 200: investmentProject },
      },
    },
    async (req) =>
      svc.decideEvaluation({ ctx: ctxOf(req, db, 'investments.approve'), id: req.params.id, input: req.body }),
  );
}
