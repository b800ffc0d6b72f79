import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../../platform/deps';
import { analyticsCtxOf } from '../../../platform/replica-reads';
import { segmentDimensions } from './surveys.analytics.queries';
import {
  drillDownAnswers,
  fitWavePls,
  satisfactionIndices,
  waveIpa,
  waveLoyalty,
  wavesSummary,
} from './surveys.analytics.service';

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const window = {
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  source: z.enum(['callback', 'wave', 'all']).default('callback'),
  period: z.enum(['month', 'quarter', 'all']).default('month'),
  segment: z.enum(segmentDimensions).default('none'),
};
const band = {
  low: z.coerce.number().positive().max(2).default(0.95),
  high: z.coerce.number().positive().max(2).default(1.05),
};
const bandOf = (b: { low: number; high: number }) => ({ low: b.low, high: b.high });

const indexFields = {
  sent: z.number(),
  answered: z.number(),
  responseRate: z.number(),
  dissatisfied: z.number(),
  csatN: z.number(),
  csatMean: z.number(),
  csatTopTwoBox: z.number(),
  npsN: z.number(),
  promoters: z.number(),
  detractors: z.number(),
  nps: z.number(),
};
const indices = z.object({
  period: z.enum(['month', 'quarter', 'all']),
  segment: z.enum(segmentDimensions),
  source: z.enum(['callback', 'wave', 'all']),
  rows: z.array(
    z.object({
      period: z.string(),
      segment: z.string().nullable(),
      segmentLabel: z.string().nullable(),
      ...indexFields,
    }),
  ),
  totals: z.object({ period: z.string(), segment: z.string().nullable(), ...indexFields }),
});

const answerItem = z.object({
  invitationId: z.number(),
  customerId: z.number(),
  customerName: z.string(),
  phone: z.string().nullable(),
  trigger: z.string(),
  channel: z.string(),
  waveId: z.number().nullable(),
  ticketId: z.number().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  csat: z.number().nullable(),
  recommend: z.number().nullable(),
  dissatisfied: z.boolean(),
  reasons: z.array(z.string()),
  answers: z.record(z.string(), z.unknown()),
});

const waveSummary = z.object({
  id: z.number(),
  name: z.string(),
  quarter: z.string(),
  status: z.string(),
  members: z.number(),
  answered: z.number(),
  refused: z.number(),
  nonResponse: z.number(),
  pending: z.number(),
  responseRate: z.number(),
  csatN: z.number(),
  csatMean: z.number(),
  csatTopTwoBox: z.number(),
  npsN: z.number(),
  nps: z.number(),
  satisfactionRatio: z.number().nullable(),
  satisfactionLevel: z.string().nullable(),
});

const construct = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
const plsBody = z
  .object({
    scheme: z.enum(['path', 'centroid', 'factorial']).default('path'),
    bootstrap: z.number().int().min(0).max(2000).default(200),
    paths: z
      .array(z.tuple([construct, construct]))
      .min(1)
      .max(100)
      .optional(),
    csi: construct.optional(),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
  })
  .default({ scheme: 'path', bootstrap: 200 });
const numRecord = z.record(z.string(), z.number());
const plsResult = z.object({
  waveId: z.number(),
  quarter: z.string(),
  n: z.number(),
  dropped: z.number(),
  scheme: z.enum(['path', 'centroid', 'factorial']),
  blocks: z.record(z.string(), z.array(z.string())),
  paths: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      coef: z.number(),
      lower: z.number().nullable(),
      upper: z.number().nullable(),
      stdError: z.number().nullable(),
    }),
  ),
  outerWeights: numRecord,
  loadings: numRecord,
  r2: numRecord,
  ave: numRecord,
  compositeReliability: numRecord,
  indices: numRecord,
  csiVariable: z.string(),
  csi: z.number(),
  csiLower: z.number().nullable(),
  csiUpper: z.number().nullable(),
  gof: z.number(),
  iterations: z.number(),
  bootstrap: z.object({ samples: z.number(), failed: z.number(), level: z.number() }).nullable(),
  durationMs: z.number(),
});

const level = z.enum(['dissatisfied', 'satisfied', 'highly_satisfied']);
const ipaResult = z.object({
  waveId: z.number(),
  n: z.number(),
  importanceSource: z.enum(['stated', 'derived']),
  importanceMean: z.number(),
  performanceMean: z.number(),
  items: z.array(
    z.object({
      code: z.string(),
      attribute: z.string(),
      zh: z.string(),
      en: z.string(),
      importance: z.number(),
      performance: z.number(),
      quadrant: z.enum(['fix_first', 'keep_up', 'possible_overkill', 'low_priority']),
      gap: z.number(),
      rank: z.number(),
    }),
  ),
  ratio: z.object({
    band: z.object({ low: z.number(), high: z.number() }),
    attributes: z.array(
      z.object({
        code: z.string(),
        attribute: z.string(),
        n: z.number(),
        expected: z.number(),
        perceived: z.number(),
        ratio: z.number(),
        level,
        shares: z.object({ dissatisfied: z.number(), satisfied: z.number(), highly_satisfied: z.number() }),
      }),
    ),
    overall: z.object({ n: z.number(), ratio: z.number(), level: z.string() }).nullable(),
  }),
});

export function registerSurveyAnalyticsRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const tags = ['surveys'];
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/surveys/analytics/indices',
    {
      schema: {
        tags,
        description:
          'CSAT (top-2-box, mean), NPS, response rate and dissatisfied answers by month, quarter or the whole window (all) and by segment.',
        querystring: z.object(window),
        response: { 200: indices },
      },
    },
    async (request) => {
      const qs = request.query;
      return satisfactionIndices({
        ctx: await analyticsCtxOf(request, deps, 'surveys.read'),
        from: new Date(qs.from),
        to: new Date(qs.to),
        period: qs.period,
        segment: qs.segment,
        source: qs.source,
      });
    },
  );
  r.get(
    '/api/surveys/analytics/answers',
    {
      schema: {
        tags,
        description: 'The answers behind a period / segment cell of the dashboard (personal data masked per role).',
        querystring: z.object({
          ...window,
          periodValue: z
            .string()
            .regex(/^\d{4}-(\d{2}|Q[1-4])$/)
            .optional(),
          segmentValue: z.string().max(100).optional(),
          dissatisfied: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(answerItem) }) },
      },
    },
    async (request) => {
      const qs = request.query;
      const page = await drillDownAnswers({
        ctx: await analyticsCtxOf(request, deps, 'surveys.read'),
        from: new Date(qs.from),
        to: new Date(qs.to),
        source: qs.source,
        period: qs.period,
        periodValue: qs.periodValue,
        segment: qs.segment,
        segmentValue: qs.segmentValue,
        dissatisfied: qs.dissatisfied === undefined ? undefined : qs.dissatisfied === 'true',
        limit: qs.limit,
        offset: qs.offset,
      });
      return {
        total: page.total,
        items: page.items.map((i) => ({
          ...i,
          createdAt: i.createdAt.toISOString(),
          answeredAt: i.answeredAt ? i.answeredAt.toISOString() : null,
        })),
      };
    },
  );
  r.get(
    '/api/surveys/analytics/waves',
    {
      schema: {
        tags,
        description: 'Key-account waves in quarter order with response rate, CSAT, NPS and the satisfaction ratio.',
        querystring: z.object(band).refine((b) => b.low < b.high, { path: ['high'], message: 'above low' }),
        response: { 200: z.array(waveSummary) },
      },
    },
    async (request) =>
      wavesSummary({ ctx: await analyticsCtxOf(request, deps, 'surveys.read'), band: bandOf(request.query) }),
  );
  r.post(
    '/api/surveys/waves/:id/pls',
    {
      schema: {
        tags,
        description:
          "Fits the ECSI PLS path model on the wave's answers (blocks from the questions' constructs) with bootstrap intervals. Read-only.",
        params: idParam,
        body: plsBody,
        response: { 200: plsResult },
      },
    },
    async (request) =>
      fitWavePls({
        ctx: await analyticsCtxOf(request, deps, 'surveys.read'),
        waveId: request.params.id,
        ...(request.body ?? { scheme: 'path', bootstrap: 200 }),
      }),
  );
  r.get(
    '/api/surveys/waves/:id/ipa',
    {
      schema: {
        tags,
        description:
          'Importance-performance quadrants of the attributes with the ranked action list, and the satisfaction ratio per attribute.',
        params: idParam,
        querystring: z
          .object({ importance: z.enum(['stated', 'derived']).default('stated'), ...band })
          .refine((b) => b.low < b.high, { path: ['high'], message: 'above low' }),
        response: { 200: ipaResult },
      },
    },
    async (request) =>
      waveIpa({
        ctx: await analyticsCtxOf(request, deps, 'surveys.read'),
        waveId: request.params.id,
        importance: request.query.importance,
        band: bandOf(request.query),
      }),
  );
  r.get(
    '/api/surveys/waves/:id/loyalty',
    {
      schema: {
        tags,
        description: "Loyalty types of the wave's respondents: true, latent, spurious, none.",
        params: idParam,
        querystring: z.object({ threshold: z.coerce.number().min(0).max(1).default(0.5) }),
        response: {
          200: z.object({
            waveId: z.number(),
            n: z.number(),
            counts: z.object({ true: z.number(), latent: z.number(), spurious: z.number(), none: z.number() }),
          }),
        },
      },
    },
    async (request) =>
      waveLoyalty({
        ctx: await analyticsCtxOf(request, deps, 'surveys.read'),
        waveId: request.params.id,
        threshold: request.query.threshold,
      }),
  );
}
