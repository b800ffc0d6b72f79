// TMF629 Customer Management API v4 under /tmf-api/customerManagement/v4: list (attribute filters, fields, sort,
// offset/limit with X-Total-Count and X-Result-Count), get, create (201 + Location; Idempotency-Key like /api),
// merge-patch, delete and the event hub (POST/DELETE /hub). Same sign-in (session + CSRF, or API token), scope and audit as /api; TMF error shape.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import { absoluteHref, methodNotAllowed, registerTmfApi, sendCreated, sendPage } from '../common/tmf.http';
import { parseFields, parseTmfQuery } from '../common/tmf.query';
import { tmfErrors, tmfGetQuery, tmfIdParam, tmfListQuery } from '../common/tmf.schemas';
import { registerTmfHubRoutes } from '../hub/hub.routes';
import { registerTmf629Events, TMF629_API } from './tmf629.events';
import { customerFilters, customerSortable, TMF629_BASE } from './tmf629.models';
import { customerCreateBody, customerPatchBody, customerResource } from './tmf629.schemas';
import {
  createTmfCustomer,
  deleteTmfCustomer,
  getTmfCustomer,
  listTmfCustomers,
  patchTmfCustomer,
} from './tmf629.service';

const tags = ['TMF629 Customer'];
const filterList = Object.keys(customerFilters).join(', ');

export function registerTmf629Routes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  registerTmf629Events();
  registerTmfApi(app, TMF629_BASE, (r) => {
    r.get(
      '/customer',
      {
        schema: {
          tags,
          summary: 'List customers',
          description: `Visible customers. Filters: ${filterList} (comma lists are OR; .gt/.gte/.lt/.lte on dates). Sort: ${customerSortable.join(', ')}.`,
          querystring: tmfListQuery,
          response: { 200: customerResource.partial().array(), ...tmfErrors },
        },
      },
      async (request, reply) => {
        const query = parseTmfQuery(request.query, { filters: customerFilters, sortable: customerSortable });
        const ctx = ctxOf(request, db, 'customers.read');
        const page = await listTmfCustomers({ ctx, query, origin: absoluteHref(request, '') });
        return sendPage(reply, page);
      },
    );
    r.get(
      '/customer/:id',
      {
        schema: {
          tags,
          summary: 'Retrieve a customer',
          params: tmfIdParam,
          querystring: tmfGetQuery,
          response: { 200: customerResource.partial(), ...tmfErrors },
        },
      },
      async (request) =>
        getTmfCustomer({
          ctx: ctxOf(request, db, 'customers.read'),
          id: request.params.id,
          origin: absoluteHref(request, ''),
          fields: parseFields(request.query.fields),
        }),
    );
    r.post(
      '/customer',
      {
        schema: {
          tags,
          summary: 'Create a customer',
          description:
            "Creates the customer and its engaged party (Individual or Organization) in the caller's org unit; " +
            'honours Idempotency-Key.',
          body: customerCreateBody,
          response: { 201: customerResource, ...tmfErrors },
        },
      },
      async (request, reply) =>
        sendCreated(
          reply,
          await createTmfCustomer({
            ctx: ctxOf(request, db, 'customers.write'),
            input: request.body,
            origin: absoluteHref(request, ''),
          }),
        ),
    );
    r.patch(
      '/customer/:id',
      {
        schema: {
          tags,
          summary: 'Update a customer (JSON merge patch)',
          params: tmfIdParam,
          body: customerPatchBody,
          response: { 200: customerResource, ...tmfErrors },
        },
      },
      async (request) =>
        patchTmfCustomer({
          ctx: ctxOf(request, db, 'customers.write'),
          id: request.params.id,
          input: request.body,
          origin: absoluteHref(request, ''),
        }),
    );
    r.delete(
      '/customer/:id',
      {
        schema: {
          tags,
          summary: 'Delete a customer',
          description: 'Only a customer without billing accounts, products, contracts or branches (else 409).',
          params: tmfIdParam,
          response: { 204: z.null(), ...tmfErrors },
        },
      },
      async (request, reply) => {
        await deleteTmfCustomer({ ctx: ctxOf(request, db, 'customers.delete'), id: request.params.id });
        return reply.status(204).send(null);
      },
    );
    r.put('/customer/:id', { schema: { hide: true } }, async (request) => {
      throw methodNotAllowed('PUT', request.url);
    });
    registerTmfHubRoutes(r, deps, { api: TMF629_API, tags, basePath: TMF629_BASE });
  });
}
