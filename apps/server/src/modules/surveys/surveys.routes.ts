import { callbackFunnel as callbackFunnelDto } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { unauthorized } from '../../platform/errors';
import { analyticsCtxOf } from '../../platform/replica-reads';
import { registerHeadlineProvider } from '../timeline/timeline.service';
import { segmentDimensions } from './analytics/surveys.analytics.queries';
import { callbackFunnel } from './analytics/surveys.analytics.service';
import { verifyInbound } from './callbacks.models';
import { customerSatisfactionHeadline, customerSurveys, optOutCustomer, receiveAnswer } from './callbacks.service';
import { listFollowups, recordFollowupContact, requestResurvey } from './followups.service';
import type { FollowupRow } from './surveys.repository';

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const followup = z.object({
  id: z.number(),
  invitationId: z.number(),
  customerId: z.number(),
  customerName: z.string().nullable(),
  ticketId: z.number().nullable(),
  ownerId: z.number(),
  reasons: z.array(z.string()),
  note: z.string().nullable(),
  status: z.enum(['open', 'resurveyed', 'recovered']),
  attempts: z.number(),
  dueAt: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
const toFollowup = (f: FollowupRow & { customerName?: string | null }): z.infer<typeof followup> => ({
  id: f.id,
  invitationId: f.invitationId,
  customerId: f.customerId,
  customerName: f.customerName ?? null,
  ticketId: f.ticketId,
  ownerId: f.ownerId,
  reasons: f.reasons,
  note: f.note,
  status: f.status,
  attempts: f.attempts,
  dueAt: f.dueAt.toISOString(),
  createdAt: f.createdAt.toISOString(),
  closedAt: iso(f.closedAt),
});

const answerValue = z.union([
  z.number(),
  z.string().max(2000),
  z.array(z.string().max(40)).max(20),
  z.object({ importance: z.number(), performance: z.number() }),
  z.object({ expected: z.number(), perceived: z.number() }),
]);
const inbound = z.object({
  messageId: z.string().min(1).max(200),
  token: z.string().min(1).max(100),
  answers: z.record(z.string().max(40), answerValue),
});

const surveyItem = z.object({
  id: z.number(),
  trigger: z.string(),
  channel: z.string(),
  status: z.string(),
  suppressedReason: z.string().nullable(),
  ticketId: z.number().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  csat: z.number().nullable(),
  recommend: z.number().nullable(),
  dissatisfied: z.boolean().nullable(),
  answers: z.record(z.string(), z.unknown()).nullable(),
});

export function registerSurveyRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, config } = deps;
  const tags = ['surveys'];
  registerHeadlineProvider('satisfaction', customerSatisfactionHeadline);

  // The channels' webhook: signed over the exact bytes received, so it parses its own JSON body.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      (request as { rawBody?: string }).rawBody = body as string;
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('Invalid JSON body'), { statusCode: 400 }), undefined);
      }
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/surveys/inbound',
      {
        schema: {
          tags,
          description:
            'Answers from a survey channel, signed: x-survey-timestamp (unix seconds) and x-survey-signature (hex HMAC-SHA256 of "<timestamp>.<body>"). The same messageId again is an idempotent replay.',
          body: inbound,
          response: {
            200: z.object({
              invitationId: z.number(),
              replayed: z.boolean(),
              dissatisfied: z.boolean(),
              followupId: z.number().nullable(),
            }),
          },
        },
        config: { public: true },
      },
      async (request) => {
        const header = (name: string) => {
          const v = request.headers[name];
          return typeof v === 'string' ? v : undefined;
        };
        const verdict = verifyInbound({
          secret: config.surveyWebhookSecret,
          timestamp: header('x-survey-timestamp'),
          signature: header('x-survey-signature'),
          body: (request as { rawBody?: string }).rawBody ?? '',
          now: new Date(),
        });
        if (verdict !== 'ok')
          throw unauthorized(`surveys.signature_${verdict}`, 'The message signature is missing, stale or wrong');
        return receiveAnswer({ db, input: request.body });
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/surveys/followups',
    {
      schema: {
        tags,
        description: 'Follow-ups of dissatisfied answers: mine (owners), or all in scope for quality staff.',
        querystring: z.object({ open: z.enum(['true', 'false']).default('true') }),
        response: { 200: z.array(followup) },
      },
    },
    async (request) =>
      (await listFollowups({ ctx: ctxOf(request, db), openOnly: request.query.open === 'true' })).map(toFollowup),
  );
  r.post(
    '/api/surveys/followups/:id/contact',
    {
      schema: {
        tags,
        params: idParam,
        body: z.object({ note: z.string().trim().min(1).max(2000) }),
        response: { 200: followup },
      },
    },
    async (request) =>
      toFollowup(
        await recordFollowupContact({ ctx: ctxOf(request, db), id: request.params.id, note: request.body.note }),
      ),
  );
  r.post(
    '/api/surveys/followups/:id/resurvey',
    {
      schema: {
        tags,
        params: idParam,
        description: 'Asks the customer again; only a satisfied answer closes the follow-up (recovered).',
        response: { 200: z.object({ followup, invitationId: z.number() }) },
      },
    },
    async (request) => {
      const out = await requestResurvey({ ctx: ctxOf(request, db), id: request.params.id });
      return { followup: toFollowup(out.followup), invitationId: out.invitationId };
    },
  );
  r.post(
    '/api/surveys/opt-outs',
    {
      schema: {
        tags,
        body: z.object({ customerId: z.number().int().positive(), source: z.string().trim().min(1).max(100) }),
        response: { 201: z.object({ customerId: z.number(), optedOut: z.literal(true) }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await optOutCustomer({ ctx: ctxOf(request, db, 'interactions.write'), ...request.body })),
  );
  r.get(
    '/api/customers/:id/surveys',
    { schema: { tags, params: idParam, response: { 200: z.array(surveyItem) } } },
    async (request) =>
      (await customerSurveys({ ctx: ctxOf(request, db, 'customers.read'), customerId: request.params.id })).map(
        ({ invitation: i, response: a }) => ({
          id: i.id,
          trigger: i.trigger,
          channel: i.channel,
          status: i.status,
          suppressedReason: i.suppressedReason,
          ticketId: i.ticketId,
          createdAt: i.createdAt.toISOString(),
          sentAt: iso(i.sentAt),
          answeredAt: iso(i.answeredAt),
          csat: a?.csat ?? null,
          recommend: a?.recommend ?? null,
          dissatisfied: a?.dissatisfied ?? null,
          answers: a?.answers ?? null,
        }),
      ),
  );
  r.get(
    '/api/surveys/callbacks/funnel',
    {
      schema: {
        tags,
        description:
          'The callback funnel of the window (sent, answered, dissatisfied, recovered, rates, CSAT, NPS), and per segment when asked.',
        querystring: z.object({
          from: z.iso.datetime({ offset: true }),
          to: z.iso.datetime({ offset: true }),
          segment: z.enum(segmentDimensions).default('none'),
        }),
        response: { 200: callbackFunnelDto },
      },
    },
    async (request) =>
      callbackFunnel({
        ctx: await analyticsCtxOf(request, deps, 'surveys.read'),
        from: new Date(request.query.from),
        to: new Date(request.query.to),
        segment: request.query.segment,
      }),
  );
}
