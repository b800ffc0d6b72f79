// TMF666 Account Management API v4 under /tmf-api/accountManagement/v4: billingAccount list (attribute filters,
// fields, sort, offset/limit with X-Total-Count and X-Result-Count), get, create (201 + Location; Idempotency-Key like
// /api), merge-patch and the event hub (POST/DELETE /hub). DELETE and PUT answer 405 (billing accounts are closed, never deleted). Same sign-in, scope
// and audit as /api; TMF error shape.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import { absoluteHref, methodNotAllowed, registerTmfApi, sendCreated, sendPage } from '../common/tmf.http';
import { parseFields, parseTmfQuery } from '../common/tmf.query';
import { tmfErrors, tmfGetQuery, tmfIdParam, tmfListQuery } from '../common/tmf.schemas';
import { registerTmfHubRoutes } from '../hub/hub.routes';
import { registerTmf666Events } from './tmf666.events';
import { billingAccountFilters, billingAccountSortable, TMF666_API, TMF666_BASE } from './tmf666.models';
import { billingAccountCreateBody, billingAccountPatchBody, billingAccountResource } from './tmf666.schemas';
import {
  createTmfBillingAccount,
  getTmfBillingAccount,
  listTmfBillingAccounts,
  patchTmfBillingAccount,
} from './tmf666.service';

export const TMF666_TAGS = ['TMF666 Account'];
const tags = TMF666_TAGS;
const filterList = Object.keys(billingAccountFilters).join(', ');

export function registerTmf666Routes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  registerTmf666Events();
  registerTmfApi(app, TMF666_BASE, (r) => {
    r.get(
      '/billingAccount',
      {
        schema: {
          tags,
          summary: 'List billing accounts',
          description: `Accounts of visible customers. Filters: ${filterList} (comma lists are OR; .gt/.gte/.lt/.lte on lastModified). Sort: ${billingAccountSortable.join(', ')}.`,
          querystring: tmfListQuery,
          response: { 200: billingAccountResource.partial().array(), ...tmfErrors },
        },
      },
      async (request, reply) => {
        const query = parseTmfQuery(request.query, {
          filters: billingAccountFilters,
          sortable: billingAccountSortable,
        });
        const ctx = ctxOf(request, db, 'customers.read');
        return sendPage(reply, await listTmfBillingAccounts({ ctx, query, origin: absoluteHref(request, '') }));
      },
    );
    r.get(
      '/billingAccount/:id',
      {
        schema: {
          tags,
          summary: 'Retrieve a billing account',
          params: tmfIdParam,
          querystring: tmfGetQuery,
          response: { 200: billingAccountResource.partial(), ...tmfErrors },
        },
      },
      async (request) =>
        getTmfBillingAccount({
          ctx: ctxOf(request, db, 'customers.read'),
          id: request.params.id,
          origin: absoluteHref(request, ''),
          fields: parseFields(request.query.fields),
        }),
    );
    r.post(
      '/billingAccount',
      {
        schema: {
          tags,
          summary: 'Create a billing account',
          description:
            'Opens an account for the related customer (role "Customer"); honours Idempotency-Key. The bill structure ' +
            'is the monthly bill cycle day; our accounts have no credit limit, so creditLimit is not kept.',
          body: billingAccountCreateBody,
          response: { 201: billingAccountResource, ...tmfErrors },
        },
      },
      async (request, reply) =>
        sendCreated(
          reply,
          await createTmfBillingAccount({
            ctx: ctxOf(request, db, 'customers.write'),
            input: request.body,
            origin: absoluteHref(request, ''),
          }),
        ),
    );
    r.patch(
      '/billingAccount/:id',
      {
        schema: {
          tags,
          summary: 'Update a billing account (JSON merge patch)',
          description: 'name, state, defaultPaymentMethod, billStructure.cycleSpecification.dateShift.',
          params: tmfIdParam,
          body: billingAccountPatchBody,
          response: { 200: billingAccountResource, ...tmfErrors },
        },
      },
      async (request) =>
        patchTmfBillingAccount({
          ctx: ctxOf(request, db, 'customers.write'),
          id: request.params.id,
          input: request.body,
          origin: absoluteHref(request, ''),
        }),
    );
    r.delete('/billingAccount/:id', { schema: { hide: true } }, async (request) => {
      throw methodNotAllowed('DELETE', request.url);
    });
    r.put('/billingAccount/:id', { schema: { hide: true } }, async (request) => {
      throw methodNotAllowed('PUT', request.url);
    });
    registerTmfHubRoutes(r, deps, { api: TMF666_API, tags, basePath: TMF666_BASE });
  });
}
