import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import { questionnaireDto, toQuestionnaire } from './questionnaires.routes';
import { importIntoWave } from './wave-imports.service';
import { quarterPattern } from './waves.models';
import type { WaveRow } from './waves.repository';
import { closeWave, createWave, getWave, listMembers, listWaves, memberAttempts, recordCall } from './waves.service';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const idParam = z.object({ id });
const memberParam = z.object({ id, memberId: id });
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const figures = z.object({
  members: z.number(),
  answered: z.number(),
  refused: z.number(),
  nonResponse: z.number(),
  pending: z.number(),
  attempts: z.number(),
  responseRate: z.number(),
});
const wave = z.object({
  id: z.number(),
  name: z.string(),
  questionnaireId: z.number(),
  quarter: z.string(),
  orgUnitId: z.number(),
  sampling: z.enum(['all', 'stratified']),
  samplePct: z.number().nullable(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  figures,
});
const toWave = (w: WaveRow & { figures: z.infer<typeof figures> }): z.infer<typeof wave> => ({
  id: w.id,
  name: w.name,
  questionnaireId: w.questionnaireId,
  quarter: w.quarter,
  orgUnitId: w.orgUnitId,
  sampling: w.sampling,
  samplePct: w.samplePct,
  status: w.status,
  createdAt: w.createdAt.toISOString(),
  closedAt: iso(w.closedAt),
  figures: w.figures,
});
const waveDetail = wave.extend({
  questionnaire: questionnaireDto,
  indices: z.object({
    csatN: z.number(),
    csatMean: z.number(),
    csatTopTwoBox: z.number(),
    npsN: z.number(),
    nps: z.number(),
  }),
});

const outcome = z.enum(['no_answer', 'busy', 'refused', 'answered']);
const memberStatus = z.enum(['pending', 'answered', 'refused', 'non_response']);
const member = z.object({
  id: z.number(),
  customerId: z.number(),
  customerNo: z.string(),
  customerName: z.string(),
  phone: z.string().nullable(),
  tier: z.string().nullable(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  status: memberStatus,
  source: z.enum(['sample', 'import']),
  attempts: z.number(),
  lastOutcome: outcome.nullable(),
  lastAttemptAt: z.string().nullable(),
  invitationId: z.number().nullable(),
});
const attempt = z.object({
  id: z.number(),
  memberId: z.number(),
  outcome,
  note: z.string().nullable(),
  userId: z.number().nullable(),
  at: z.string(),
});

const answerValue = z.union([
  z.number(),
  z.string().max(2000),
  z.array(z.string().max(40)).max(20),
  z.object({ importance: z.number(), performance: z.number() }),
  z.object({ expected: z.number(), perceived: z.number() }),
]);

const importReport = z.object({
  committed: z.boolean(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  respondentKeyColumn: z.string(),
  customerNoColumn: z.string(),
  targets: z.array(z.string()),
  rows: z.number(),
  valid: z.number(),
  badRows: z.number(),
  inserts: z.number(),
  updates: z.number(),
  unchanged: z.number(),
  problems: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  problemsTotal: z.number(),
});

export function registerWaveRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  const tags = ['surveys'];
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/surveys/waves',
    {
      schema: {
        tags,
        description: 'Key-account survey waves with response figures.',
        response: { 200: z.array(wave) },
      },
    },
    async (request) => (await listWaves({ ctx: ctxOf(request, db, 'surveys.read') })).map(toWave),
  );
  r.post(
    '/api/surveys/waves',
    {
      schema: {
        tags,
        description:
          'Creates a quarterly key-account wave: samples the key accounts of the org unit subtree (all, or samplePct% of each tier) and assigns them round robin to the callers.',
        body: z.object({
          name: z.string().trim().min(1).max(200),
          questionnaireId: id,
          quarter: z.string().regex(quarterPattern, 'YYYY-Qn, e.g. 2026-Q3'),
          orgUnitId: id,
          sampling: z.enum(['all', 'stratified']),
          samplePct: z.number().int().min(1).max(100).nullable().optional(),
          assigneeIds: z.array(id).min(1).max(100),
        }),
        response: { 201: wave },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(toWave(await createWave({ ctx: ctxOf(request, db, 'surveys.manage'), input: request.body }))),
  );
  r.get(
    '/api/surveys/waves/:id',
    { schema: { tags, params: idParam, response: { 200: waveDetail } } },
    async (request) => {
      const w = await getWave({ ctx: ctxOf(request, db, 'surveys.read'), id: request.params.id });
      return { ...toWave(w), questionnaire: toQuestionnaire(w.questionnaire), indices: w.indices };
    },
  );
  r.post(
    '/api/surveys/waves/:id/close',
    {
      schema: {
        tags,
        params: idParam,
        description: 'Closes the wave: members still pending become non-responses.',
        response: { 200: wave },
      },
    },
    async (request) => toWave(await closeWave({ ctx: ctxOf(request, db, 'surveys.manage'), id: request.params.id })),
  );
  r.get(
    '/api/surveys/waves/:id/members',
    {
      schema: {
        tags,
        params: idParam,
        querystring: z.object({ mine: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.array(member) },
      },
    },
    async (request) =>
      (
        await listMembers({
          ctx: ctxOf(request, db, 'surveys.read'),
          waveId: request.params.id,
          mine: request.query.mine === 'true',
        })
      ).map((m) => ({ ...m, lastAttemptAt: iso(m.lastAttemptAt) })),
  );
  r.get(
    '/api/surveys/waves/:id/members/:memberId/attempts',
    { schema: { tags, params: memberParam, response: { 200: z.array(attempt) } } },
    async (request) =>
      (
        await memberAttempts({
          ctx: ctxOf(request, db, 'surveys.read'),
          waveId: request.params.id,
          memberId: request.params.memberId,
        })
      ).map((a) => ({ ...a, at: a.at.toISOString() })),
  );
  r.post(
    '/api/surveys/waves/:id/members/:memberId/calls',
    {
      schema: {
        tags,
        params: memberParam,
        description:
          'One call attempt by the assigned caller: no_answer / busy (try again), refused, or answered with the answers of the phone script.',
        body: z.object({
          outcome,
          note: z.string().trim().max(2000).nullable().optional(),
          answers: z.record(z.string().max(40), answerValue).nullable().optional(),
        }),
        response: {
          201: z.object({
            member: z.object({ id: z.number(), status: memberStatus, attempts: z.number() }),
            attemptId: z.number(),
          }),
        },
      },
    },
    async (request, reply) => {
      const out = await recordCall({
        ctx: ctxOf(request, db, 'surveys.manage'),
        waveId: request.params.id,
        memberId: request.params.memberId,
        input: request.body,
      });
      return reply.status(201).send({
        member: { id: out.member.id, status: out.member.status, attempts: out.member.attempts },
        attemptId: out.attempt.id,
      });
    },
  );
  r.post(
    '/api/surveys/waves/:id/imports',
    {
      schema: {
        tags,
        params: idParam,
        description:
          'External survey data (CSV / xlsx, base64) into the wave: mapping answer target -> column (proposed when left out), respondent key and customer number columns. commit=false is a dry run with the row report; commit=true stores the valid rows; the same respondent key again updates its answer.',
        body: z.object({
          fileName: z.string().trim().min(1).max(200),
          contentBase64: z.string().min(1).max(1_500_000),
          mapping: z.record(z.string().max(100), z.string().max(200)).optional(),
          respondentKeyColumn: z.string().max(200).optional(),
          customerNoColumn: z.string().max(200).optional(),
          commit: z.boolean().default(false),
        }),
        response: { 200: importReport },
      },
    },
    async (request) =>
      importIntoWave({ ctx: ctxOf(request, db, 'surveys.manage'), waveId: request.params.id, input: request.body }),
  );
}
