import {
  accountPlan,
  accountPlanUpsert,
  accountTeam,
  amAssign,
  contactProfileUpdate,
  decisionChain,
  idParam,
  kaTask,
  kaTeamRoles,
  relationshipCreate,
  taskCreate,
  taskQuery,
  taskUpdate,
  teamMemberAdd,
  visit,
  visitCreate,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import * as svc from './accounts-mgmt.service';
import * as chain from './decision-chain.service';
import * as tasks from './tasks.service';

const routeId = z.coerce.number().int().positive().max(2_147_483_647);
const tags = ['key accounts'];

export function registerAccountsMgmtRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/ka/customers/:id/team',
    { schema: { tags, params: idParam, response: { 200: accountTeam } } },
    async (req) => svc.getAccountTeam({ ctx: ctxOf(req, db, 'ka.read'), customerId: req.params.id }),
  );
  r.post(
    '/api/ka/customers/:id/assign',
    { schema: { tags, params: idParam, body: amAssign, response: { 200: accountTeam } } },
    async (req) =>
      svc.assignAccountManager({ ctx: ctxOf(req, db, 'ka.assign'), customerId: req.params.id, input: req.body }),
  );
  r.post(
    '/api/ka/customers/:id/team',
    { schema: { tags, params: idParam, body: teamMemberAdd, response: { 200: accountTeam } } },
    async (req) => svc.addTeamMember({ ctx: ctxOf(req, db, 'ka.write'), customerId: req.params.id, input: req.body }),
  );
  r.delete(
    '/api/ka/customers/:id/team/:userId/:role',
    {
      schema: {
        tags,
        params: z.object({ id: routeId, userId: routeId, role: z.enum(kaTeamRoles) }),
        response: { 200: accountTeam },
      },
    },
    async (req) =>
      svc.removeTeamMember({
        ctx: ctxOf(req, db, 'ka.write'),
        customerId: req.params.id,
        userId: req.params.userId,
        role: req.params.role,
      }),
  );

  r.get(
    '/api/ka/customers/:id/plans',
    { schema: { tags, params: idParam, response: { 200: z.array(accountPlan) } } },
    async (req) => svc.listAccountPlans({ ctx: ctxOf(req, db, 'ka.read'), customerId: req.params.id }),
  );
  r.post(
    '/api/ka/customers/:id/plans',
    { schema: { tags, params: idParam, body: accountPlanUpsert, response: { 200: accountPlan } } },
    async (req) => svc.saveAccountPlan({ ctx: ctxOf(req, db, 'ka.write'), customerId: req.params.id, input: req.body }),
  );

  r.get(
    '/api/ka/customers/:id/decision-chain',
    { schema: { tags, params: idParam, response: { 200: decisionChain } } },
    async (req) => chain.getDecisionChain({ ctx: ctxOf(req, db, 'ka.read'), customerId: req.params.id }),
  );
  r.patch(
    '/api/ka/customers/:id/contacts/:contactId/profile',
    {
      schema: {
        tags,
        params: z.object({ id: routeId, contactId: routeId }),
        body: contactProfileUpdate,
        response: { 200: decisionChain },
      },
    },
    async (req) =>
      chain.updateContactProfile({
        ctx: ctxOf(req, db, 'ka.write'),
        customerId: req.params.id,
        contactId: req.params.contactId,
        input: req.body,
      }),
  );
  r.post(
    '/api/ka/customers/:id/relationships',
    { schema: { tags, params: idParam, body: relationshipCreate, response: { 200: decisionChain } } },
    async (req) =>
      chain.addRelationship({ ctx: ctxOf(req, db, 'ka.write'), customerId: req.params.id, input: req.body }),
  );
  r.delete(
    '/api/ka/customers/:id/relationships/:relationshipId',
    {
      schema: { tags, params: z.object({ id: routeId, relationshipId: routeId }), response: { 200: decisionChain } },
    },
    async (req) =>
      chain.deleteRelationship({
        ctx: ctxOf(req, db, 'ka.write'),
        customerId: req.params.id,
        id: req.params.relationshipId,
      }),
  );

  r.get(
    '/api/ka/customers/:id/visits',
    { schema: { tags, params: idParam, response: { 200: z.array(visit) } } },
    async (req) => chain.listVisits({ ctx: ctxOf(req, db, 'ka.read'), customerId: req.params.id }),
  );
  r.post(
    '/api/ka/customers/:id/visits',
    { schema: { tags, params: idParam, body: visitCreate, response: { 201: visit } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await chain.createVisit({ ctx: ctxOf(req, db, 'ka.write'), customerId: req.params.id, input: req.body })),
  );

  r.get(
    '/api/ka/tasks',
    { schema: { tags, querystring: taskQuery, response: { 200: z.array(kaTask) } } },
    async (req) => tasks.listTasks({ ctx: ctxOf(req, db, 'ka.read'), query: req.query }),
  );
  r.post('/api/ka/tasks', { schema: { tags, body: taskCreate, response: { 201: kaTask } } }, async (req, reply) =>
    reply.status(201).send(await tasks.createTask({ ctx: ctxOf(req, db, 'ka.write'), input: req.body })),
  );
  r.patch(
    '/api/ka/tasks/:id',
    { schema: { tags, params: idParam, body: taskUpdate, response: { 200: kaTask } } },
    async (req) => tasks.updateTask({ ctx: ctxOf(req, db, 'ka.read'), id: req.params.id, input: req.body }),
  );
}
