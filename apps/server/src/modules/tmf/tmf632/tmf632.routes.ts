// TMF632 Party Management API v4 under /tmf-api/party/v4: individual and organization collections with attribute
// filters, fields, sort, offset/limit (X-Total-Count, X-Result-Count), get, create (201 + Location; Idempotency-Key),
// merge-patch and delete. Same sign-in, scope, PII masking and audit as /api; TMF error shape.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import {
  absoluteHref,
  methodNotAllowed,
  registerTmfApi,
  sendCreated,
  sendPage,
  type TmfRouter,
} from '../common/tmf.http';
import { parseFields, parseTmfQuery, type TmfFilterSpec } from '../common/tmf.query';
import { tmfErrors, tmfGetQuery, tmfIdParam, tmfListQuery } from '../common/tmf.schemas';
import { registerTmfHubRoutes } from '../hub/hub.routes';
import { registerTmf632Events, TMF632_API } from './tmf632.events';
import { individualFilters, organizationFilters, type PartyKind, partySortable, TMF632_BASE } from './tmf632.models';
import { individualBody, individualResource, organizationBody, organizationResource } from './tmf632.schemas';
import { createTmfParty, deleteTmfParty, getTmfParty, listTmfParties, patchTmfParty } from './tmf632.service';

const tags = ['TMF632 Party'];

type KindSpec = {
  kind: PartyKind;
  label: string;
  filters: Record<string, TmfFilterSpec>;
  body: typeof individualBody | typeof organizationBody;
  resource: typeof individualResource | typeof organizationResource;
};

function registerPartyRoutes(r: TmfRouter, db: RouteDeps['db'], spec: KindSpec) {
  const { kind, label, filters, body, resource } = spec;
  const path = `/${kind}`;
  r.get(
    path,
    {
      schema: {
        tags,
        summary: `List ${label} parties`,
        description: `Filters: ${Object.keys(filters).join(', ')} (comma lists are OR). Sort: ${partySortable.join(', ')}.`,
        querystring: tmfListQuery,
        response: { 200: resource.partial().array(), ...tmfErrors },
      },
    },
    async (request, reply) => {
      const query = parseTmfQuery(request.query, { filters, sortable: partySortable });
      const ctx = ctxOf(request, db, 'customers.read');
      return sendPage(reply, await listTmfParties({ ctx, kind, query, origin: absoluteHref(request, '') }));
    },
  );
  r.get(
    `${path}/:id`,
    {
      schema: {
        tags,
        summary: `Retrieve an ${label}`,
        params: tmfIdParam,
        querystring: tmfGetQuery,
        response: { 200: resource.partial(), ...tmfErrors },
      },
    },
    async (request) =>
      getTmfParty({
        ctx: ctxOf(request, db, 'customers.read'),
        kind,
        id: request.params.id,
        origin: absoluteHref(request, ''),
        fields: parseFields(request.query.fields),
      }),
  );
  r.post(
    path,
    {
      schema: {
        tags,
        summary: `Create an ${label}`,
        description:
          "The party is created with a prospect customer role in the caller's org unit; honours Idempotency-Key.",
        body,
        response: { 201: resource, ...tmfErrors },
      },
    },
    async (request, reply) =>
      sendCreated(
        reply,
        await createTmfParty({
          ctx: ctxOf(request, db, 'customers.write'),
          kind,
          input: request.body,
          origin: absoluteHref(request, ''),
        }),
      ),
  );
  r.patch(
    `${path}/:id`,
    {
      schema: {
        tags,
        summary: `Update an ${label} (JSON merge patch)`,
        params: tmfIdParam,
        body,
        response: { 200: resource, ...tmfErrors },
      },
    },
    async (request) =>
      patchTmfParty({
        ctx: ctxOf(request, db, 'customers.write'),
        kind,
        id: request.params.id,
        input: request.body,
        origin: absoluteHref(request, ''),
      }),
  );
  r.delete(
    `${path}/:id`,
    {
      schema: {
        tags,
        summary: `Delete an ${label}`,
        description: 'Only a party whose customer role has no accounts, products, contracts or branches (else 409).',
        params: tmfIdParam,
        response: { 204: z.null(), ...tmfErrors },
      },
    },
    async (request, reply) => {
      await deleteTmfParty({ ctx: ctxOf(request, db, 'customers.delete'), kind, id: request.params.id });
      return reply.status(204).send(null);
    },
  );
  r.put(`${path}/:id`, { schema: { hide: true } }, async (request) => {
    throw methodNotAllowed('PUT', request.url);
  });
}

export function registerTmf632Routes(app: FastifyInstance, deps: RouteDeps): void {
  registerTmf632Events();
  registerTmfApi(app, TMF632_BASE, (r) => {
    registerPartyRoutes(r, deps.db, {
      kind: 'individual',
      label: 'Individual',
      filters: individualFilters,
      body: individualBody,
      resource: individualResource,
    });
    registerPartyRoutes(r, deps.db, {
      kind: 'organization',
      label: 'Organization',
      filters: organizationFilters,
      body: organizationBody,
      resource: organizationResource,
    });
    registerTmfHubRoutes(r, deps, { api: TMF632_API, tags, basePath: TMF632_BASE });
  });
}
