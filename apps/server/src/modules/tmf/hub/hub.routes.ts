// The hub routes of a TMF API (TMF688 style): register them inside the API's prefix with one call,
// `registerTmfHubRoutes(tmf, deps, { api: 'troubleTicket', tags })`.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import { createHubSubscription, deleteHubSubscription, getHubDeliveryLog } from './hub.service';

const subscriptionInput = z
  .object({
    callback: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .describe(
        'absolute http(s) URL without credentials; never link-local, metadata, multicast or 0.0.0.0 addresses ' +
          '(private and loopback only with TMF_HUB_ALLOW_PRIVATE)',
      ),
    query: z.string().trim().max(500).nullish().describe('optional: eventType=TroubleTicketCreateEvent,...'),
    secret: z
      .string()
      .min(16)
      .max(200)
      .optional()
      .describe('extension: the HMAC-SHA256 key of X-Hub-Signature-256 (generated when absent)'),
  })
  .describe('EventSubscriptionInput');
const subscription = z
  .object({
    id: z.string(),
    callback: z.string(),
    query: z.string().optional(),
    secret: z.string().optional().describe('shown once: the key of the X-Hub-Signature-256 header'),
  })
  .describe('EventSubscription');
const hubIdParam = z.object({ id: z.string().max(200) });
const ts = (d: Date | null) => d?.toISOString() ?? null;
const deliveryLog = z.object({
  id: z.string(),
  callback: z.string(),
  events: z.array(
    z.object({
      eventId: z.string(),
      eventType: z.string(),
      createdAt: z.string(),
      attempts: z.number().int(),
      deliveredAt: z.string().nullable(),
    }),
  ),
  attempts: z.array(
    z.object({
      eventId: z.string(),
      attempt: z.number().int(),
      at: z.string(),
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
});

/** POST /hub (201), DELETE /hub/{id} (204) and GET /hub/{id}/delivery (the delivery log) for `api`. */
export function registerTmfHubRoutes(
  tmf: FastifyInstance,
  deps: RouteDeps,
  opts: { api: string; tags: string[]; basePath: string },
): void {
  const { db } = deps;
  const { api, tags } = opts;
  const r = tmf.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/hub',
    {
      schema: {
        tags,
        summary: 'Subscribe to the events of this API',
        description:
          'CreateEvent, AttributeValueChangeEvent, StatusChangeEvent and DeleteEvent of the resources the ' +
          'signed-in user may see are POSTed to the callback in order, signed with X-Hub-Signature-256 ' +
          '(sha256=HMAC of the body), retried with back-off until accepted (2xx).',
        body: subscriptionInput,
        response: { 201: subscription },
      },
    },
    async (request, reply) => {
      const created = await createHubSubscription({
        ctx: ctxOf(request, db),
        api,
        input: request.body,
        allowPrivate: deps.config.tmfHub.allowPrivate,
      });
      return reply.status(201).header('location', `${opts.basePath}/hub/${created.id}`).send(created);
    },
  );
  r.delete(
    '/hub/:id',
    { schema: { tags, summary: 'End an event subscription', params: hubIdParam } },
    async (request, reply) => {
      await deleteHubSubscription({ ctx: ctxOf(request, db), api, id: request.params.id });
      return reply.status(204).send();
    },
  );
  r.get(
    '/hub/:id/delivery',
    {
      schema: {
        tags,
        summary: 'Delivery log of an event subscription (extension)',
        params: hubIdParam,
        response: { 200: deliveryLog },
      },
    },
    async (request) => {
      const log = await getHubDeliveryLog({ ctx: ctxOf(request, db), api, id: request.params.id });
      const eventIds = new Map(log.events.map((e) => [e.id, e.eventId]));
      return {
        id: log.subscription.id,
        callback: log.subscription.callback,
        events: log.events.map((e) => ({
          eventId: e.eventId,
          eventType: e.eventType,
          createdAt: e.createdAt.toISOString(),
          attempts: e.attempts,
          deliveredAt: ts(e.deliveredAt),
        })),
        attempts: log.attempts.map((a) => ({
          eventId: eventIds.get(a.outboxId) ?? '',
          attempt: a.attempt,
          at: a.at.toISOString(),
          statusCode: a.statusCode,
          error: a.error,
          durationMs: a.durationMs,
        })),
      };
    },
  );
}
