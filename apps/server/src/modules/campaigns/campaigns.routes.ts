import {
  campaign,
  campaignCreate,
  campaignPage,
  campaignQuery,
  campaignResults,
  campaignTask,
  campaignTaskOutcome,
  campaignUpdate,
  idParam,
  marketingOptOut,
  offer,
  offerCreate,
  offerDecision,
  segment,
  segmentCreate,
  segmentDetail,
  segmentPreview,
  segmentPreviewInput,
  segmentProfile,
  segmentUpdate,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { forbidden } from '../../platform/errors';
import * as campaigns from './campaigns.service';
import * as offers from './offers.service';
import * as segments from './segments.service';

const tags = ['campaigns'];
const taskParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  customerId: z.coerce.number().int().positive().max(2_147_483_647),
});
const optOutState = z.object({ customerId: z.number().int(), optedOut: z.boolean() });

export function registerCampaignRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const read = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, db, 'campaigns.read');
  const manage = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, db, 'campaigns.manage');

  // Segments
  r.post(
    '/api/marketing/segments/preview',
    { schema: { tags, body: segmentPreviewInput, response: { 200: segmentPreview } } },
    async (req) => segments.previewSegment({ ctx: read(req), definition: req.body.definition }),
  );
  r.get('/api/marketing/segments', { schema: { tags, response: { 200: z.array(segment) } } }, async (req) =>
    segments.listSegments({ ctx: read(req) }),
  );
  r.get(
    '/api/marketing/segments/:id',
    { schema: { tags, params: idParam, response: { 200: segmentDetail } } },
    async (req) => segments.getSegment({ ctx: read(req), id: req.params.id }),
  );
  r.post(
    '/api/marketing/segments',
    { schema: { tags, body: segmentCreate, response: { 201: segment } } },
    async (req, reply) => reply.status(201).send(await segments.createSegment({ ctx: manage(req), input: req.body })),
  );
  r.patch(
    '/api/marketing/segments/:id',
    { schema: { tags, params: idParam, body: segmentUpdate, response: { 200: segment } } },
    async (req) => segments.updateSegment({ ctx: manage(req), id: req.params.id, input: req.body }),
  );

  // Offers
  r.get('/api/marketing/offers', { schema: { tags, response: { 200: z.array(offer) } } }, async (req) =>
    offers.listOffers({ ctx: read(req) }),
  );
  r.get('/api/marketing/offers/:id', { schema: { tags, params: idParam, response: { 200: offer } } }, async (req) =>
    offers.getOffer({ ctx: read(req), id: req.params.id }),
  );
  r.post(
    '/api/marketing/offers',
    { schema: { tags, body: offerCreate, response: { 201: offer } } },
    async (req, reply) => reply.status(201).send(await offers.createOffer({ ctx: manage(req), input: req.body })),
  );

  r.post(
    '/api/marketing/offers/:id/decision',
    { schema: { tags, params: idParam, body: offerDecision, response: { 200: offer } } },
    async (req) => offers.decideOffer({ ctx: ctxOf(req, db, 'discounts.approve'), id: req.params.id, input: req.body }),
  );

  // Campaigns
  r.get(
    '/api/marketing/campaigns',
    { schema: { tags, querystring: campaignQuery, response: { 200: campaignPage } } },
    async (req) => campaigns.listCampaigns({ ctx: read(req), query: req.query }),
  );
  r.get(
    '/api/marketing/campaigns/:id',
    { schema: { tags, params: idParam, response: { 200: campaign } } },
    async (req) => campaigns.getCampaign({ ctx: read(req), id: req.params.id }),
  );
  r.post(
    '/api/marketing/campaigns',
    { schema: { tags, body: campaignCreate, response: { 201: campaign } } },
    async (req, reply) => reply.status(201).send(await campaigns.createCampaign({ ctx: manage(req), input: req.body })),
  );
  r.patch(
    '/api/marketing/campaigns/:id',
    { schema: { tags, params: idParam, body: campaignUpdate, response: { 200: campaign } } },
    async (req) => campaigns.updateCampaign({ ctx: manage(req), id: req.params.id, input: req.body }),
  );
  r.get(
    '/api/marketing/campaigns/:id/profile',
    { schema: { tags, params: idParam, response: { 200: segmentProfile } } },
    async (req) => campaigns.campaignProfile({ ctx: read(req), id: req.params.id }),
  );
  r.post(
    '/api/marketing/campaigns/:id/advance',
    { schema: { tags, params: idParam, response: { 200: campaign } } },
    async (req) => campaigns.advanceCampaign({ ctx: manage(req), id: req.params.id }),
  );
  r.post(
    '/api/marketing/campaigns/:id/measure',
    { schema: { tags, params: idParam, response: { 200: campaignResults } } },
    async (req) => campaigns.measureCampaign({ ctx: manage(req), id: req.params.id }),
  );
  r.get(
    '/api/marketing/campaigns/:id/results',
    { schema: { tags, params: idParam, response: { 200: campaignResults } } },
    async (req) => campaigns.campaignResults({ ctx: read(req), id: req.params.id }),
  );
  r.post(
    '/api/marketing/campaigns/:id/next-cycle',
    { schema: { tags, params: idParam, response: { 201: campaign } } },
    async (req, reply) => reply.status(201).send(await campaigns.nextCycle({ ctx: manage(req), id: req.params.id })),
  );

  // Tasks of AMs and agents
  r.get(
    '/api/marketing/tasks',
    {
      schema: {
        tags,
        querystring: z.object({ includeDone: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(campaignTask) },
      },
    },
    async (req) =>
      campaigns.myTasks({ ctx: ctxOf(req, db, 'campaigns.tasks'), includeDone: req.query.includeDone === 'true' }),
  );
  r.post(
    '/api/marketing/campaigns/:id/tasks/:customerId/outcome',
    { schema: { tags, params: taskParams, body: campaignTaskOutcome, response: { 200: campaignTask } } },
    async (req, reply) => {
      const task = await campaigns.recordTaskOutcome({
        ctx: ctxOf(req, db, 'campaigns.tasks'),
        campaignId: req.params.id,
        customerId: req.params.customerId,
        input: req.body,
      });
      return reply.status(200).send(task);
    },
  );

  // Opt-outs
  r.post(
    '/api/marketing/opt-outs',
    { schema: { tags, body: marketingOptOut, response: { 200: optOutState } } },
    async (req) => {
      const ctx = ctxOf(req, db);
      if (!ctx.can('customers.write') && !ctx.can('campaigns.manage')) throw forbidden();
      return campaigns.optOut({ ctx, input: req.body });
    },
  );
  r.delete(
    '/api/marketing/opt-outs/:id',
    { schema: { tags, params: idParam, response: { 200: optOutState } } },
    async (req) => campaigns.removeOptOut({ ctx: ctxOf(req, db, 'campaigns.manage'), customerId: req.params.id }),
  );
}
