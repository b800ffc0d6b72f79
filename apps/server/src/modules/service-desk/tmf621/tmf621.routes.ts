// TMF621 Trouble Ticket API v4 under /tmf-api/troubleTicket/v4: list (fields, attribute filters, offset, limit,
// X-Total-Count / X-Result-Count), get, create (201 + Location, Idempotency-Key like the native API), merge-patch,
// delete, and the event hub. Same sign-in (session + CSRF, API token or OAuth access token), scope and audit as /api;
// errors use the TM Forum Error shape. A trailing slash on the collection is accepted.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import { UPLOAD_BODY_LIMIT } from '../../ka-files/ka-files.routes';
import { filesDirOf } from '../../ka-files/ka-files.service';
import { sendPage } from '../../tmf/common/tmf.http';
import { parseFields, projectFields } from '../../tmf/common/tmf.query';
import { registerTmfHubRoutes } from '../../tmf/hub/hub.routes';
import { registerTmf621Events } from './tmf621.events';
import { parseTroubleTicketQuery, troubleTicketFilters, troubleTicketSortable } from './tmf621.filters';
import { TMF621_API, TMF621_BASE } from './tmf621.models';
import {
  tmfError,
  troubleTicket,
  troubleTicketCreate,
  troubleTicketGetQuery,
  troubleTicketIdParam,
  troubleTicketListQuery,
  troubleTicketUpdate,
} from './tmf621.schemas';
import {
  createTroubleTicket,
  deleteTroubleTicket,
  getTroubleTicket,
  listTroubleTickets,
  patchTroubleTicket,
} from './tmf621.service';

const errors = { 400: tmfError, 401: tmfError, 403: tmfError, 404: tmfError, 409: tmfError, 422: tmfError };

/** Our error body `{ error: { code, message, details } }` as a TM Forum Error. */
function tmfErrorOf(status: number, payload: unknown) {
  const e = (payload as { error?: { code: string; message: string; details?: { path: string; message: string }[] } })
    ?.error;
  if (status < 400 || !e) return payload;
  return {
    code: e.code,
    reason: e.message,
    ...(e.details ? { message: e.details.map((d) => `${d.path}: ${d.message}`).join('; '), details: e.details } : {}),
    status: String(status),
    '@type': 'Error',
  };
}

/** The collection path, with and without a trailing slash (some clients append one). */
const collections = ['/troubleTicket', '/troubleTicket/'];

export function registerTmf621Routes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  const filesDir = filesDirOf(deps.config);
  const tags = ['TMF621 Trouble Ticket'];
  registerTmf621Events();

  app.register(
    async (tmf) => {
      // PATCH bodies are JSON merge patches (RFC 7386); plain application/json is accepted too.
      tmf.addContentTypeParser(
        'application/merge-patch+json',
        { parseAs: 'string' },
        tmf.getDefaultJsonParser('error', 'ignore'),
      );
      tmf.addHook('preSerialization', async (_request, reply, payload) => tmfErrorOf(reply.statusCode, payload));
      tmf.setNotFoundHandler((request, reply) =>
        reply.status(404).send({
          code: 'route.not_found',
          reason: `No resource ${request.method} ${request.url}`,
          status: '404',
          '@type': 'Error',
        }),
      );
      const r = tmf.withTypeProvider<ZodTypeProvider>();

      for (const [i, url] of collections.entries())
        r.get(
          url,
          {
            schema: {
              tags,
              hide: i > 0,
              summary: 'List trouble tickets',
              description:
                'Visible tickets; X-Total-Count and X-Result-Count headers; `fields` selects attributes. Filters: ' +
                `${Object.keys(troubleTicketFilters).join(', ')} (comma = or; .gt, .gte, .lt, .lte on dates and ` +
                `priority). Sort: ${troubleTicketSortable.join(', ')} (- descending). Any other parameter answers 400.`,
              querystring: troubleTicketListQuery,
              response: { 200: troubleTicket.partial().array(), ...errors },
            },
          },
          async (request, reply) => {
            const query = parseTroubleTicketQuery(request.query);
            const { items, total } = await listTroubleTickets({ ctx: ctxOf(request, db, 'tickets.read'), query });
            return sendPage(reply, { items: items.map((t) => projectFields(t, query.fields)), total });
          },
        );
      r.get(
        '/troubleTicket/:id',
        {
          schema: {
            tags,
            summary: 'Retrieve a trouble ticket',
            params: troubleTicketIdParam,
            querystring: troubleTicketGetQuery,
            response: { 200: troubleTicket.partial(), ...errors },
          },
        },
        async (request) =>
          projectFields(
            await getTroubleTicket({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id }),
            parseFields(request.query.fields),
          ),
      );
      for (const [i, url] of collections.entries())
        r.post(
          url,
          {
            bodyLimit: UPLOAD_BODY_LIMIT,
            schema: {
              tags,
              hide: i > 0,
              summary: 'Create a trouble ticket',
              description:
                'Opens a ticket owned by the signed-in user (first-contact ownership); honours Idempotency-Key. ' +
                'The customer is the relatedParty with role "customer" (none: an unidentified caller); ticketType and ' +
                'severity are stored as sent (our classification is a characteristic); attachment values (base64 ' +
                'content) are stored.',
              body: troubleTicketCreate,
              response: { 201: troubleTicket, ...errors },
            },
          },
          async (request, reply) => {
            const created = await createTroubleTicket({
              ctx: ctxOf(request, db, 'tickets.write'),
              input: request.body,
              filesDir,
            });
            return reply.status(201).header('location', created.href).send(created);
          },
        );
      r.patch(
        '/troubleTicket/:id',
        {
          schema: {
            tags,
            summary: 'Update a trouble ticket (merge patch)',
            description:
              'name, description, externalId (owner or their manager), status along the TMF621 life cycle with ' +
              'statusChangeReason (closing a resolved ticket is the customer accepting the resolution), and new notes.',
            params: troubleTicketIdParam,
            body: troubleTicketUpdate,
            response: { 200: troubleTicket, ...errors },
          },
        },
        async (request) =>
          patchTroubleTicket({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id, input: request.body }),
      );
      r.delete(
        '/troubleTicket/:id',
        {
          schema: {
            tags,
            summary: 'Delete a trouble ticket',
            description: 'Owner or their manager; the ticket disappears (kept for the audit trail). 204.',
            params: troubleTicketIdParam,
            response: { 204: z.null().describe('deleted'), 404: tmfError, 403: tmfError, 401: tmfError },
          },
        },
        async (request, reply) => {
          await deleteTroubleTicket({ ctx: ctxOf(request, db, 'tickets.write'), id: request.params.id });
          return reply.status(204).send(null);
        },
      );
      registerTmfHubRoutes(tmf, deps, { api: TMF621_API, tags, basePath: TMF621_BASE });
    },
    { prefix: TMF621_BASE },
  );
}
