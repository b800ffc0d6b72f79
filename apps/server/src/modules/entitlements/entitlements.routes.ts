import {
  clubMembershipSet,
  customerEntitlements,
  entitlementTierRuleUpdate,
  entitlementType,
  entitlementUsageCreate,
  entitlementUsageResult,
  idParam,
  isoDate,
  kaTierCodes,
  rebindResult,
  starLevelCodes,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import * as svc from './entitlements.service';

const tags = ['entitlements'];

export function registerEntitlementRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/ka/entitlements/catalog',
    { schema: { tags, response: { 200: z.array(entitlementType) } } },
    async (req) => {
      ctxOf(req, db, 'ka.read');
      return svc.getCatalog({ db });
    },
  );
  r.patch(
    '/api/ka/entitlements/catalog/:typeId/tiers/:tier',
    {
      schema: {
        tags,
        description: 'Changes what a key-account tier or a star level (star3-star5) gets of an entitlement type.',
        params: z.object({
          typeId: z.coerce.number().int().positive().max(2_147_483_647),
          tier: z.enum([...kaTierCodes, ...starLevelCodes]),
        }),
        body: entitlementTierRuleUpdate,
        response: { 200: z.array(entitlementType) },
      },
    },
    async (req) =>
      svc.updateTierRule({
        ctx: ctxOf(req, db, 'entitlements.manage'),
        typeId: req.params.typeId,
        tier: req.params.tier,
        input: req.body,
      }),
  );
  r.get(
    '/api/ka/customers/:id/entitlements',
    {
      schema: {
        tags,
        params: idParam,
        querystring: z.object({ asOf: isoDate.optional() }),
        response: { 200: customerEntitlements },
      },
    },
    async (req) =>
      svc.getCustomerEntitlements({ ctx: ctxOf(req, db, 'ka.read'), customerId: req.params.id, asOf: req.query.asOf }),
  );
  r.post(
    '/api/ka/customers/:id/entitlements/rebind',
    { schema: { tags, params: idParam, response: { 200: rebindResult } } },
    async (req) => svc.rebindForViewer({ ctx: ctxOf(req, db, 'ka.write'), customerId: req.params.id }),
  );
  r.post(
    '/api/ka/customers/:id/entitlement-usages',
    { schema: { tags, params: idParam, body: entitlementUsageCreate, response: { 201: entitlementUsageResult } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.recordUsage({ ctx: ctxOf(req, db, 'ka.write'), customerId: req.params.id, input: req.body })),
  );
  r.post(
    '/api/ka/customers/:id/club',
    { schema: { tags, params: idParam, body: clubMembershipSet, response: { 200: customerEntitlements } } },
    async (req) =>
      svc.setClubMembership({ ctx: ctxOf(req, db, 'club.manage'), customerId: req.params.id, input: req.body }),
  );
}
