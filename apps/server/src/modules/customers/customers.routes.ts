import {
  contact,
  contactCreate,
  contactParams,
  contactUpdate,
  customer360,
  customerCreate,
  customerDetail,
  customerHistory,
  customerHistoryQuery,
  customerListQuery,
  customerLookup,
  customerLookupQuery,
  customerPage,
  customerShare,
  customerShareCreate,
  customerShareList,
  customerUpdate,
  idParam,
  shareParams,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { trustedRowSerializer } from '../../platform/trusted-serializer';
import { createContact, deleteContact, updateContact } from './contacts.service';
import { deleteCustomer } from './customer-delete.service';
import { getCustomer360 } from './customer360.service';
import {
  createCustomer,
  getCustomer,
  customerHistory as history,
  listCustomers,
  lookupCustomer,
  updateCustomer,
} from './customers.service';
import { listShares, shareCustomer, unshareCustomer } from './shares.service';

const tags = ['customers'];
const noContent = { 204: z.null() };

export function registerCustomerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/customers',
    {
      schema: {
        tags,
        description:
          "Customers in the caller's scope, one page with the total. `search`: a name substring, or an exact customer number, mobile or credit code.",
        querystring: customerListQuery,
        response: { 200: customerPage },
      },
    },
    async (request) => listCustomers({ ctx: ctxOf(request, db, 'customers.read'), query: request.query }),
  );

  // A static path: Fastify matches it before /api/customers/:id.
  r.get(
    '/api/customers/lookup',
    {
      schema: {
        tags,
        description:
          "The hotline's caller identification: the in-scope customer holding the number as its mobile, as a contact's mobile or phone, or as a live product's service number. 404 when none.",
        querystring: customerLookupQuery,
        response: { 200: customerLookup },
      },
      // The hotline's hot path: the row is the server's own, written field by field as the schema declares.
      serializerCompiler: trustedRowSerializer,
    },
    async (request) => lookupCustomer({ ctx: ctxOf(request, db, 'customers.read'), phone: request.query.phone }),
  );

  r.post(
    '/api/customers',
    {
      schema: {
        tags,
        description: 'Creates a customer (party and customer role). Honours Idempotency-Key.',
        body: customerCreate,
        response: { 201: customerDetail },
      },
      config: {
        idempotentReplay: ({ request, entityId }) =>
          getCustomer({ ctx: ctxOf(request, db, 'customers.read'), id: Number(entityId) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCustomer({ ctx: ctxOf(request, db, 'customers.write'), input: request.body })),
  );

  r.get(
    '/api/customers/:id',
    {
      schema: {
        tags,
        description:
          'The customer 360 view: detail, branches, contacts, accounts, products, contracts, bills, spend, interactions.',
        params: idParam,
        response: { 200: customer360 },
      },
    },
    async (request) => getCustomer360({ ctx: ctxOf(request, db, 'customers.read'), id: request.params.id }),
  );

  r.patch(
    '/api/customers/:id',
    { schema: { tags, params: idParam, body: customerUpdate, response: { 200: customerDetail } } },
    async (request) =>
      updateCustomer({ ctx: ctxOf(request, db, 'customers.write'), id: request.params.id, input: request.body }),
  );

  r.delete(
    '/api/customers/:id',
    {
      schema: {
        tags,
        description:
          'Deletes a customer entered by mistake. 409 customers.has_dependents when it has billing accounts, products, contracts or branches: set its status to churned instead.',
        params: idParam,
        response: noContent,
      },
    },
    async (request, reply) => {
      await deleteCustomer({ ctx: ctxOf(request, db, 'customers.delete'), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/customers/:id/history',
    {
      schema: {
        tags,
        description: 'Audit entries of the customer and its sub-resources, newest first.',
        params: idParam,
        querystring: customerHistoryQuery,
        response: { 200: customerHistory },
      },
    },
    async (request) =>
      history({ ctx: ctxOf(request, db, 'customers.read'), id: request.params.id, page: request.query }),
  );

  r.post(
    '/api/customers/:id/contacts',
    { schema: { tags, params: idParam, body: contactCreate, response: { 201: contact } } },
    async (request, reply) =>
      reply.status(201).send(
        await createContact({
          ctx: ctxOf(request, db, 'customers.write'),
          id: request.params.id,
          input: request.body,
        }),
      ),
  );

  r.patch(
    '/api/customers/:id/contacts/:contactId',
    { schema: { tags, params: contactParams, body: contactUpdate, response: { 200: contact } } },
    async (request) =>
      updateContact({
        ctx: ctxOf(request, db, 'customers.write'),
        id: request.params.id,
        contactId: request.params.contactId,
        input: request.body,
      }),
  );

  r.delete(
    '/api/customers/:id/contacts/:contactId',
    { schema: { tags, params: contactParams, response: noContent } },
    async (request, reply) => {
      const { id, contactId } = request.params;
      await deleteContact({ ctx: ctxOf(request, db, 'customers.write'), id, contactId });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/customers/:id/shares',
    { schema: { tags, params: idParam, response: { 200: customerShareList } } },
    async (request) => listShares({ ctx: ctxOf(request, db, 'customers.read'), id: request.params.id }),
  );

  r.post(
    '/api/customers/:id/shares',
    {
      schema: {
        tags,
        description: 'Shares the customer with an account manager, who then sees it in their portfolio.',
        params: idParam,
        body: customerShareCreate,
        response: { 201: customerShare },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await shareCustomer({
          ctx: ctxOf(request, db, 'customers.share'),
          id: request.params.id,
          userId: request.body.userId,
        }),
      ),
  );

  r.delete(
    '/api/customers/:id/shares',
    { schema: { tags, params: idParam, body: customerShareCreate, response: noContent } },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'customers.share');
      await unshareCustomer({ ctx, id: request.params.id, userId: request.body.userId });
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/api/customers/:id/shares/:userId',
    { schema: { tags, params: shareParams, response: noContent } },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'customers.share');
      await unshareCustomer({ ctx, id: request.params.id, userId: request.params.userId });
      return reply.status(204).send(null);
    },
  );
}
