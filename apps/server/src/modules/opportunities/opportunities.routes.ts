import {
  attachmentUpload,
  chooseOptionResult,
  idParam,
  opportunityCreate,
  opportunityDetail,
  opportunityNeedInput,
  opportunityNoteCreate,
  opportunityPage,
  opportunityQuery,
  opportunityUpdate,
  pipeline,
  pipelineQuery,
  solutionOptionCreate,
  stageChange,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { sendFile, UPLOAD_BODY_LIMIT } from '../ka-files/ka-files.routes';
import { filesDirOf } from '../ka-files/ka-files.service';
import * as svc from './opportunities.service';
import * as details from './opportunity-details.service';
import * as sol from './solutions.service';

const routeId = z.coerce.number().int().positive().max(2_147_483_647);
const tags = ['opportunities'];
const W = 'opportunities.write';

export function registerOpportunityRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const filesDir = filesDirOf(deps.config);
  const detail = { 200: opportunityDetail };

  r.get(
    '/api/ka/opportunities',
    { schema: { tags, querystring: opportunityQuery, response: { 200: opportunityPage } } },
    async (req) => svc.listOpportunities({ ctx: ctxOf(req, db, 'ka.read'), query: req.query }),
  );
  r.get(
    '/api/ka/pipeline',
    { schema: { tags, querystring: pipelineQuery, response: { 200: pipeline } } },
    async (req) => svc.getPipeline({ ctx: ctxOf(req, db, 'ka.read'), query: req.query }),
  );
  r.post(
    '/api/ka/opportunities',
    { schema: { tags, body: opportunityCreate, response: { 201: opportunityDetail } } },
    async (req, reply) =>
      reply.status(201).send(await svc.createOpportunity({ ctx: ctxOf(req, db, W), input: req.body })),
  );
  r.get('/api/ka/opportunities/:id', { schema: { tags, params: idParam, response: detail } }, async (req) =>
    svc.getOpportunity({ ctx: ctxOf(req, db, 'ka.read'), id: req.params.id }),
  );
  r.patch(
    '/api/ka/opportunities/:id',
    { schema: { tags, params: idParam, body: opportunityUpdate, response: detail } },
    async (req) => svc.updateOpportunity({ ctx: ctxOf(req, db, W), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/ka/opportunities/:id/stage',
    { schema: { tags, params: idParam, body: stageChange, response: detail } },
    async (req) => svc.changeStage({ ctx: ctxOf(req, db, W), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/ka/opportunities/:id/needs',
    { schema: { tags, params: idParam, body: opportunityNeedInput, response: detail } },
    async (req) => details.changeNeeds({ ctx: ctxOf(req, db, W), id: req.params.id, add: req.body }),
  );
  r.delete(
    '/api/ka/opportunities/:id/needs/:needId',
    { schema: { tags, params: z.object({ id: routeId, needId: routeId }), response: detail } },
    async (req) => details.changeNeeds({ ctx: ctxOf(req, db, W), id: req.params.id, removeId: req.params.needId }),
  );
  r.post(
    '/api/ka/opportunities/:id/notes',
    { schema: { tags, params: idParam, body: opportunityNoteCreate, response: detail } },
    async (req) => details.addNote({ ctx: ctxOf(req, db, W), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/ka/opportunities/:id/attachments',
    { bodyLimit: UPLOAD_BODY_LIMIT, schema: { tags, params: idParam, body: attachmentUpload, response: detail } },
    async (req) => details.addAttachment({ ctx: ctxOf(req, db, W), id: req.params.id, input: req.body, filesDir }),
  );
  r.get(
    '/api/ka/opportunities/:id/attachments/:attachmentId',
    { schema: { tags, params: z.object({ id: routeId, attachmentId: routeId }) } },
    async (req, reply) =>
      sendFile(
        reply,
        await details.readAttachment({
          ctx: ctxOf(req, db, 'ka.read'),
          id: req.params.id,
          attachmentId: req.params.attachmentId,
          filesDir,
        }),
      ),
  );
  r.post(
    '/api/ka/opportunities/:id/options',
    { schema: { tags, params: idParam, body: solutionOptionCreate, response: detail } },
    async (req) => sol.addOption({ ctx: ctxOf(req, db, W), id: req.params.id, input: req.body }),
  );
  r.delete(
    '/api/ka/opportunities/:id/options/:optionId',
    { schema: { tags, params: z.object({ id: routeId, optionId: routeId }), response: detail } },
    async (req) => sol.deleteOption({ ctx: ctxOf(req, db, W), id: req.params.id, optionId: req.params.optionId }),
  );
  r.post(
    '/api/ka/opportunities/:id/options/:optionId/choose',
    { schema: { tags, params: z.object({ id: routeId, optionId: routeId }), response: { 200: chooseOptionResult } } },
    async (req) => sol.chooseOption({ ctx: ctxOf(req, db, W), id: req.params.id, optionId: req.params.optionId }),
  );
}
