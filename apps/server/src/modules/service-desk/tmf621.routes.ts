// TMF621 Trouble Ticket API v4 under /tmf-api/troubleTicket/v4: list (fields, offset, limit, X-Total-Count), get,
// create (201 + Location, Idempotency-Key like the native API) and merge-patch. Same sign-in (session + CSRF, or API
// token), scope and audit as /api; errors use the TM Forum Error shape.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { UPLOAD_BODY_LIMIT } from '../ka-files/ka-files.routes';
import { filesDirOf } from '../ka-files/ka-files.service';
import { selectFields, TMF621_BASE } from './tmf621.models';
import {
  tmfError,
  troubleTicket,
  troubleTicketCreate,
  troubleTicketGetQuery,
  troubleTicketIdParam,
  troubleTicketListQuery,
  troubleTicketUpdate,
} from './tmf621.schemas';
import { createTroubleTicket, getTroubleTicket, listTroubleTickets, patchTroubleTicket } from './tmf621.service';

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

export function registerTmf621Routes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  const filesDir = filesDirOf(deps.config);
  const tags = ['TMF621 Trouble Ticket'];

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

      r.get(
        '/troubleTicket',
        {
          schema: {
            tags,
            summary: 'List trouble tickets',
            description: 'Visible tickets; X-Total-Count and X-Result-Count headers; `fields` selects attributes.',
            querystring: troubleTicketListQuery,
            response: { 200: troubleTicket.partial().array(), ...errors },
          },
        },
        async (request, reply) => {
          const { fields, ...query } = request.query;
          const { items, total } = await listTroubleTickets({ ctx: ctxOf(request, db, 'tickets.read'), query });
          reply.header('x-total-count', total).header('x-result-count', items.length);
          return items.map((t) => selectFields(t, fields));
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
          selectFields(
            await getTroubleTicket({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id }),
            request.query.fields,
          ),
      );
      r.post(
        '/troubleTicket',
        {
          bodyLimit: UPLOAD_BODY_LIMIT,
          schema: {
            tags,
            summary: 'Create a trouble ticket',
            description:
              'Opens a ticket owned by the signed-in user (first-contact ownership); honours Idempotency-Key. ' +
              'The customer is the relatedParty with role "customer"; attachment values (base64 content) are stored.',
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
              'statusChangeReason ("closed" needs customerConfirmed), and new notes.',
            params: troubleTicketIdParam,
            body: troubleTicketUpdate,
            response: { 200: troubleTicket, ...errors },
          },
        },
        async (request) =>
          patchTroubleTicket({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id, input: request.body }),
      );
    },
    { prefix: TMF621_BASE },
  );
}
