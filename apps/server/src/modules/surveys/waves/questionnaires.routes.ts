import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import type { QuestionnaireRow } from '../surveys.repository';
import {
  createQuestionnaire,
  getQuestionnaire,
  listQuestionnaires,
  newQuestionnaireVersion,
  publishQuestionnaire,
  updateQuestionnaire,
} from './questionnaires.service';

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const wording = z.string().trim().min(1).max(500);

export const questionSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _ (max 40)'),
  type: z.enum([
    'recommend',
    'csat',
    'attribute',
    'expectation_pair',
    'rating',
    'single_choice',
    'multiple_choice',
    'text',
  ]),
  zh: wording,
  en: wording,
  required: z.boolean().optional(),
  options: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
        zh: wording,
        en: wording,
        dissatisfied: z.boolean().optional(),
      }),
    )
    .max(30)
    .optional(),
  attribute: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional(),
  construct: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional(),
});

const kind = z.enum(['callback', 'ka_quarterly', 'external']);
const draftBody = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _ (max 40)'),
  kind,
  titleZh: wording,
  titleEn: wording,
  questions: z.array(questionSchema).max(100),
});
const patchBody = draftBody.omit({ code: true }).partial();

export const questionnaireDto = z.object({
  id: z.number(),
  code: z.string(),
  version: z.number(),
  kind,
  status: z.enum(['draft', 'published', 'retired']),
  titleZh: z.string(),
  titleEn: z.string(),
  questions: z.array(questionSchema),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const toQuestionnaire = (q: QuestionnaireRow): z.infer<typeof questionnaireDto> => ({
  id: q.id,
  code: q.code,
  version: q.version,
  kind: q.kind,
  status: q.status,
  titleZh: q.titleZh,
  titleEn: q.titleEn,
  questions: q.questions,
  createdAt: q.createdAt.toISOString(),
  publishedAt: q.publishedAt ? q.publishedAt.toISOString() : null,
});

export function registerQuestionnaireRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  const tags = ['surveys'];
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/surveys/questionnaires',
    {
      schema: {
        tags,
        description: 'Every version of every questionnaire.',
        response: { 200: z.array(questionnaireDto) },
      },
    },
    async (request) => (await listQuestionnaires({ ctx: ctxOf(request, db, 'surveys.read') })).map(toQuestionnaire),
  );
  r.get(
    '/api/surveys/questionnaires/:id',
    { schema: { tags, params: idParam, response: { 200: questionnaireDto } } },
    async (request) =>
      toQuestionnaire(await getQuestionnaire({ ctx: ctxOf(request, db, 'surveys.read'), id: request.params.id })),
  );
  r.post(
    '/api/surveys/questionnaires',
    {
      schema: {
        tags,
        description: 'Creates version 1 of a new questionnaire as a draft.',
        body: draftBody,
        response: { 201: questionnaireDto },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          toQuestionnaire(
            await createQuestionnaire({ ctx: ctxOf(request, db, 'surveys.manage'), input: request.body }),
          ),
        ),
  );
  r.patch(
    '/api/surveys/questionnaires/:id',
    {
      schema: {
        tags,
        description: 'Edits a draft; a published version never changes (409 surveys.questionnaire_published).',
        params: idParam,
        body: patchBody,
        response: { 200: questionnaireDto },
      },
    },
    async (request) =>
      toQuestionnaire(
        await updateQuestionnaire({
          ctx: ctxOf(request, db, 'surveys.manage'),
          id: request.params.id,
          input: request.body,
        }),
      ),
  );
  r.post(
    '/api/surveys/questionnaires/:id/publish',
    { schema: { tags, params: idParam, response: { 200: questionnaireDto } } },
    async (request) =>
      toQuestionnaire(await publishQuestionnaire({ ctx: ctxOf(request, db, 'surveys.manage'), id: request.params.id })),
  );
  r.post(
    '/api/surveys/questionnaires/:id/versions',
    {
      schema: {
        tags,
        description: 'Starts the next version of a published questionnaire as a draft copy of it.',
        params: idParam,
        response: { 201: questionnaireDto },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          toQuestionnaire(
            await newQuestionnaireVersion({ ctx: ctxOf(request, db, 'surveys.manage'), id: request.params.id }),
          ),
        ),
  );
}
