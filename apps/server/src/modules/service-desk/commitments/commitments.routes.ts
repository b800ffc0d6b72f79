import {
  commitment,
  commitmentAction,
  commitmentCreate,
  commitmentLimit,
  commitmentLimitInput,
  commitmentListQuery,
  commitmentPage,
  idParam,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import {
  actOnCommitment,
  createCommitment,
  getCommitment,
  listCommitmentLimits,
  listCommitments,
  putCommitmentLimit,
} from './commitments.service';

export function registerCommitmentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['commitments'];

  r.get(
    '/api/commitments',
    {
      schema: {
        tags,
        description: 'Commitments in scope; keyAccountsOnly + openOnly is the manager review list.',
        querystring: commitmentListQuery,
        response: { 200: commitmentPage },
      },
    },
    async (request) => listCommitments({ ctx: ctxOf(request, db, 'tickets.read'), filter: request.query }),
  );
  r.post(
    '/api/commitments',
    {
      schema: {
        tags,
        description: 'Records a promise; beyond the bottom line of the promiser it waits for approval.',
        body: commitmentCreate,
        response: { 201: commitment },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createCommitment({ ctx: ctxOf(request, db, 'commitments.write'), input: request.body })),
  );
  r.get(
    '/api/commitments/limits',
    { schema: { tags, response: { 200: z.array(commitmentLimit) } } },
    async (request) => {
      ctxOf(request, db, 'tickets.read');
      return listCommitmentLimits({ db });
    },
  );
  r.post(
    '/api/commitments/limits',
    { schema: { tags, body: commitmentLimitInput, response: { 200: commitmentLimit } } },
    async (request) => putCommitmentLimit({ ctx: ctxOf(request, db, 'sla.manage'), input: request.body }),
  );
  r.get('/api/commitments/:id', { schema: { tags, params: idParam, response: { 200: commitment } } }, async (request) =>
    getCommitment({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id }),
  );
  r.post(
    '/api/commitments/:id/actions',
    { schema: { tags, params: idParam, body: commitmentAction, response: { 200: commitment } } },
    async (request) =>
      actOnCommitment({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id, input: request.body }),
  );
}
