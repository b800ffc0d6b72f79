import { isoDate } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { ledgerKinds } from './loyalty.models';
import * as svc from './loyalty.service';

const tags = ['loyalty'];
const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const points = z.number().int().min(1).max(1_000_000);

const movement = z.object({
  id: z.number(),
  kind: z.enum(ledgerKinds as [string, ...string[]]),
  points: z.number().int(),
  balanceAfter: z.number().int(),
  sourceKey: z.string(),
  billId: z.number().nullable(),
  paidFen: z.number().nullable(),
  multiplierPct: z.number().nullable(),
  bookedOn: z.string(),
  expiresOn: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
const statement = z.object({
  customerId: z.number(),
  member: z.boolean(),
  balance: z.number().int(),
  earnedTotal: z.number().int(),
  redeemedTotal: z.number().int(),
  expiredTotal: z.number().int(),
  expiringOn: z.string(),
  expiringPoints: z.number().int(),
  items: z.array(movement),
  total: z.number().int(),
});
const reward = z.object({
  id: z.number(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  pointsCost: z.number().int(),
  stock: z.number().int().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  redeemable: z.boolean(),
});
const isoDay = isoDate;
const rewardFields = {
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  pointsCost: points,
  stock: z.number().int().min(0).max(10_000_000).nullable(),
  validFrom: isoDay.nullable(),
  validTo: isoDay.nullable(),
  active: z.boolean(),
};
const bonus = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    eventId: z.number().int().positive().max(2_147_483_647),
    points: points.optional(),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({
    kind: z.literal('referral'),
    referredCustomerId: z.number().int().positive().max(2_147_483_647),
    points: points.optional(),
    note: z.string().trim().max(500).optional(),
  }),
]);

export function registerLoyaltyRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/customers/:id/loyalty',
    {
      schema: {
        tags,
        description: "The member's points statement: balance, totals, points expiring this year, movements.",
        params: idParam,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: statement },
      },
    },
    async (req) => svc.getStatement({ ctx: ctxOf(req, db, 'customers.read'), customerId: req.params.id, ...req.query }),
  );
  r.post(
    '/api/customers/:id/loyalty/bonus',
    {
      schema: {
        tags,
        description: 'Bonus points for a club event attended or a referral; once per event or referred customer.',
        params: idParam,
        body: bonus,
        response: { 201: movement.extend({ replayed: z.boolean() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.awardBonus({ ctx: ctxOf(req, db, 'club.manage'), customerId: req.params.id, input: req.body })),
  );
  r.post(
    '/api/customers/:id/loyalty/redemptions',
    {
      schema: {
        tags,
        params: idParam,
        body: z.object({
          rewardId: z.number().int().positive().max(2_147_483_647),
          quantity: z.number().int().min(1).max(100).default(1),
        }),
        response: {
          201: z.object({
            id: z.number(),
            rewardId: z.number(),
            rewardCode: z.string(),
            rewardNameZh: z.string(),
            rewardNameEn: z.string(),
            quantity: z.number().int(),
            points: z.number().int(),
            balance: z.number().int(),
            stockLeft: z.number().int().nullable(),
          }),
        },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.redeem({ ctx: ctxOf(req, db, 'loyalty.redeem'), customerId: req.params.id, input: req.body })),
  );
  r.get(
    '/api/loyalty/rewards',
    {
      schema: {
        tags,
        description: 'The reward catalogue, cheapest first; `status=redeemable`: active, in stock and valid today.',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          status: z.enum(['redeemable', 'active', 'inactive']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(20),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(reward), total: z.number().int() }) },
      },
    },
    async (req) => {
      ctxOf(req, db, 'customers.read');
      return svc.listRewards({ db, filter: req.query });
    },
  );
  r.post(
    '/api/loyalty/rewards',
    {
      schema: {
        tags,
        body: z.object({
          code: z
            .string()
            .trim()
            .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
          ...rewardFields,
          validFrom: rewardFields.validFrom.optional(),
          validTo: rewardFields.validTo.optional(),
          active: rewardFields.active.optional(),
        }),
        response: { 201: reward },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createReward({ ctx: ctxOf(req, db, 'club.manage'), input: req.body })),
  );
  r.patch(
    '/api/loyalty/rewards/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: z.object(rewardFields).partial(),
        response: { 200: reward },
      },
    },
    async (req) => svc.updateReward({ ctx: ctxOf(req, db, 'club.manage'), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/loyalty/earn',
    {
      schema: {
        tags,
        description:
          'Queues the earning of points on the fully paid bills of members for a period (idempotent per bill).',
        body: z.object({ period }),
        response: { 202: z.object({ jobId: z.number() }) },
      },
    },
    async (req, reply) => {
      const job = await svc.queueEarning({ ctx: ctxOf(req, db, 'club.manage'), period: req.body.period });
      return reply.status(202).send(job);
    },
  );
}
