// The HTTP side of the TM Forum conventions, shared by every /tmf-api facade: one plugin per API (merge-patch content
// type, the TMF error body, 404 for unknown paths, 405 for operations not offered), absolute hrefs, list headers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, notFound } from '../../../platform/errors';

export const TMF_API_ROOT = '/tmf-api';

type OurError = { error?: { code: string; message: string; details?: { path: string; message: string }[] } };

/**
 * Our error body `{ error: { code, message, details } }` as the TM Forum Error `{ code, reason, message, status,
 * referenceError?, @type }`: `reason` is the short explanation, `message` names the fields at fault.
 */
export function toTmfError(status: number, payload: unknown): unknown {
  const e = (payload as OurError | null)?.error;
  if (status < 400 || !e) return payload;
  return {
    code: e.code,
    reason: e.message,
    message: e.details?.length ? e.details.map((d) => `${d.path}: ${d.message}`).join('; ') : e.message,
    status: String(status),
    ...(e.details?.length ? { details: e.details } : {}),
    '@type': 'Error',
  };
}

/** A TM Forum error answer sent directly (outside the error handler). */
export const sendTmfError = (reply: FastifyReply, status: number, code: string, reason: string) =>
  reply.status(status).send({ code, reason, message: reason, status: String(status), '@type': 'Error' });

/** 405 for an operation the API does not offer on a resource it has. */
export const methodNotAllowed = (method: string, path: string) =>
  new AppError('tmf.method_not_allowed', 405, `${method} is not offered on ${path}`);

/** Any unknown id, whatever its shape. */
export const tmfNotFound = (resource: string) => notFound('tmf.not_found', `${resource} not found`);

/**
 * Registers one TM Forum API under `prefix` (e.g. /tmf-api/party/v4): PATCH bodies as JSON merge patches
 * (`application/merge-patch+json`, RFC 7386; plain application/json too), errors in the TMF shape, and a TMF 404 for
 * unknown paths below the prefix. `routes` adds the API's routes on a zod-typed instance.
 */
export type TmfRouter = ReturnType<typeof typed>;
const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

export function registerTmfApi(app: FastifyInstance, prefix: string, routes: (r: TmfRouter) => void): void {
  app.register(
    async (tmf) => {
      tmf.addContentTypeParser(
        'application/merge-patch+json',
        { parseAs: 'string' },
        tmf.getDefaultJsonParser('error', 'ignore'),
      );
      tmf.addHook('preSerialization', async (_request, reply, payload) => toTmfError(reply.statusCode, payload));
      tmf.setNotFoundHandler((request, reply) => tmfRouteNotFound(request, reply));
      routes(typed(tmf));
    },
    { prefix },
  );
}

const tmfRouteNotFound = (request: FastifyRequest, reply: FastifyReply) =>
  sendTmfError(reply, 404, 'route.not_found', `No resource ${request.method} ${request.url.split('?')[0]}`);

/**
 * Every other path under /tmf-api answers a TMF 404 (never the web app's HTML): an API we do not implement, a
 * wrong version or a typo.
 */
export function registerTmfFallback(app: FastifyInstance): void {
  app.register(
    async (tmf) => {
      tmf.addHook('preSerialization', async (_request, reply, payload) => toTmfError(reply.statusCode, payload));
      tmf.all('/*', { schema: { hide: true } }, (request, reply) => tmfRouteNotFound(request, reply));
      tmf.all('/', { schema: { hide: true } }, (request, reply) => tmfRouteNotFound(request, reply));
    },
    { prefix: TMF_API_ROOT },
  );
}

/**
 * The absolute URL of a path as the client reached us: protocol and host of the request (X-Forwarded-Proto/-Host
 * when the server trusts its proxy, TRUST_PROXY=true).
 */
export const absoluteHref = (request: FastifyRequest, path: string) => `${request.protocol}://${request.host}${path}`;

/**
 * Sends one page of a list: `X-Total-Count` (all matches) and `X-Result-Count` (this page). The v4 specifications
 * answer 200 for every list (none defines 206); an API whose specification does passes `partialContent`, and a page
 * short of the total then answers 206.
 */
export function sendPage<T>(
  reply: FastifyReply,
  page: { items: T[]; total: number },
  opts: { partialContent?: boolean } = {},
) {
  reply.header('x-total-count', page.total).header('x-result-count', page.items.length);
  if (opts.partialContent && page.items.length < page.total) reply.status(206);
  return page.items;
}

/** POST answer: 201 with the created resource and `Location` equal to its href. */
export const sendCreated = <T extends { href?: string }>(reply: FastifyReply, resource: T) =>
  reply
    .status(201)
    .header('location', resource.href ?? '')
    .send(resource);
