import {
  idParam,
  orgUnit,
  orgUnitCreate,
  pageOf,
  pageQuery,
  roles,
  user,
  userCreate,
  userUpdate,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/auth-hook';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { createOrgUnit, createUser, getUser, listUsers, listVisibleOrgUnits, updateUser } from './org.service';

export function registerOrgRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/org-units', { schema: { tags: ['org'], response: { 200: z.array(orgUnit) } } }, async (request) =>
    listVisibleOrgUnits({ ctx: ctxOf(request, db) }),
  );

  r.post(
    '/api/org-units',
    { schema: { tags: ['org'], body: orgUnitCreate, response: { 201: orgUnit } } },
    async (request, reply) =>
      reply.status(201).send(await createOrgUnit({ ctx: ctxOf(request, db, 'org.manage'), input: request.body })),
  );

  r.get(
    '/api/users',
    {
      schema: {
        tags: ['org'],
        querystring: pageQuery.extend({
          role: z.enum(roles).optional(),
          search: z.string().trim().max(64).optional(),
          orgUnitId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: pageOf(user) },
      },
    },
    async (request) => listUsers({ ctx: ctxOf(request, db), filter: request.query }),
  );

  r.get('/api/users/:id', { schema: { tags: ['org'], params: idParam, response: { 200: user } } }, async (request) =>
    getUser({ ctx: ctxOf(request, db), id: request.params.id }),
  );

  r.post(
    '/api/users',
    { schema: { tags: ['org'], body: userCreate, response: { 201: user } } },
    async (request, reply) =>
      reply.status(201).send(await createUser({ ctx: ctxOf(request, db, 'users.manage'), input: request.body })),
  );

  r.patch(
    '/api/users/:id',
    { schema: { tags: ['org'], params: idParam, body: userUpdate, response: { 200: user } } },
    async (request) =>
      updateUser({
        ctx: ctxOf(request, db, 'users.manage'),
        id: request.params.id,
        input: request.body,
        keepSessionToken: request.cookies[SESSION_COOKIE],
      }),
  );
}
