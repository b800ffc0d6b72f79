import {
  idParam,
  kaTask,
  warning,
  warningClose,
  warningEvaluate,
  warningPage,
  warningQuery,
  warningRuleSetting,
  warningRuleSettingSet,
  warningTask,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import * as svc from './warnings.service';

const tags = ['warnings'];

export function registerWarningRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/ka/warnings',
    { schema: { tags, querystring: warningQuery, response: { 200: warningPage } } },
    async (req) => svc.listWarnings({ ctx: ctxOf(req, db, 'ka.read'), query: req.query }),
  );
  r.post(
    '/api/ka/warnings/:id/acknowledge',
    { schema: { tags, params: idParam, response: { 200: warning } } },
    async (req) => svc.acknowledgeWarning({ ctx: ctxOf(req, db, 'ka.write'), id: req.params.id }),
  );
  r.post(
    '/api/ka/warnings/:id/close',
    { schema: { tags, params: idParam, body: warningClose, response: { 200: warning } } },
    async (req) => svc.closeWarning({ ctx: ctxOf(req, db, 'ka.write'), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/ka/warnings/:id/task',
    { schema: { tags, params: idParam, body: warningTask.nullish(), response: { 201: kaTask } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.taskFromWarning({ ctx: ctxOf(req, db, 'ka.write'), id: req.params.id, input: req.body ?? {} })),
  );
  r.get(
    '/api/ka/warning-rules',
    {
      schema: {
        tags,
        querystring: z.object({ orgUnitId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(warningRuleSetting) },
      },
    },
    async (req) => svc.listRuleSettings({ ctx: ctxOf(req, db, 'ka.read'), orgUnitId: req.query.orgUnitId }),
  );
  r.post(
    '/api/ka/warning-rules',
    { schema: { tags, body: warningRuleSettingSet, response: { 200: z.array(warningRuleSetting) } } },
    async (req) => svc.setRuleSetting({ ctx: ctxOf(req, db, 'warnings.manage'), input: req.body }),
  );
  r.post(
    '/api/ka/warnings/evaluate',
    { schema: { tags, body: warningEvaluate, response: { 202: z.object({ jobId: z.number().int() }) } } },
    async (req, reply) =>
      reply.status(202).send(await svc.requestEvaluation({ ctx: ctxOf(req, db, 'warnings.manage'), input: req.body })),
  );
}
