import {
  discountAuthority,
  discountAuthorityInput,
  discountDecision,
  discountRequest,
  discountRequestCreate,
  discountRequestQuery,
  idParam,
  optionItemQuote,
  pageOf,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import * as svc from './discounts.service';

const tags = ['discounts'];

export function registerDiscountRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/discount-authority',
    {
      schema: {
        tags,
        description:
          'The discount authority matrix (优惠权限): per role, org level and product family the largest discount and amount per month.',
        response: { 200: z.array(discountAuthority) },
      },
    },
    async (req) => svc.listDiscountAuthority({ ctx: ctxOf(req, db, 'discounts.request') }),
  );
  r.put(
    '/api/discount-authority',
    {
      schema: {
        tags,
        description: 'Sets one cell of the discount authority matrix; administrators only, versioned and audited.',
        body: discountAuthorityInput,
        response: { 200: discountAuthority },
      },
    },
    async (req) => svc.putDiscountAuthority({ ctx: ctxOf(req, db, 'discounts.manage'), input: req.body }),
  );
  r.get(
    '/api/discount-requests',
    { schema: { tags, querystring: discountRequestQuery, response: { 200: pageOf(discountRequest) } } },
    async (req) => svc.listDiscountRequests({ ctx: ctxOf(req, db, 'discounts.request'), query: req.query }),
  );
  r.get(
    '/api/discount-requests/:id',
    { schema: { tags, params: idParam, response: { 200: discountRequest } } },
    async (req) => svc.getDiscountRequest({ ctx: ctxOf(req, db, 'discounts.request'), id: req.params.id }),
  );
  r.post(
    '/api/discount-requests',
    {
      schema: {
        tags,
        description:
          "A discount on a customer's product (quote or price review): approved at once within the requester's authority, else pending up the chain. Honours Idempotency-Key.",
        body: discountRequestCreate,
        response: { 201: discountRequest },
      },
      config: {
        idempotentReplay: ({ request, entityId }) =>
          svc.getDiscountRequest({ ctx: ctxOf(request, db, 'discounts.request'), id: Number(entityId) }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.createDiscountRequest({ ctx: ctxOf(req, db, 'discounts.request'), input: req.body })),
  );
  r.post(
    '/api/discount-requests/:id/decision',
    {
      schema: {
        tags,
        description:
          "Approves (the price changes now) or rejects a pending discount request; beyond the approver's authority: 403 discounts.over_authority and the next approver is asked.",
        params: idParam,
        body: discountDecision,
        response: { 200: discountRequest },
      },
    },
    async (req) =>
      svc.decideDiscountRequest({ ctx: ctxOf(req, db, 'discounts.approve'), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/ka/opportunities/:id/options/:optionId/items/:itemId/quote',
    {
      schema: {
        tags,
        description:
          "Quotes a new monthly unit price for a solution-option item against the offering's list price: within the AM's discount authority it applies now, beyond it a pending discount request goes up the chain and the price changes only when approved.",
        params: z.object({
          id: z.coerce.number().int().positive().max(2_147_483_647),
          optionId: z.coerce.number().int().positive().max(2_147_483_647),
          itemId: z.coerce.number().int().positive().max(2_147_483_647),
        }),
        body: optionItemQuote,
        response: { 201: discountRequest },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await svc.quoteOptionItem({
          ctx: ctxOf(req, db, 'discounts.request'),
          opportunityId: req.params.id,
          optionId: req.params.optionId,
          itemId: req.params.itemId,
          input: req.body,
        }),
      ),
  );
}
