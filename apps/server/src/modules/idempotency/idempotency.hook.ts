import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client';
import { AppError, invalidField } from '../../platform/errors';
import { addRouteHooks } from '../../platform/route-hooks';
import { idBodyOf, requestHashOf, successStatusOf } from './idempotency.models';
import {
  claimIdempotencyKey,
  DEFAULT_LEASE_MS,
  finishIdempotencyKey,
  inProgress,
  storeRebuiltResponse,
} from './idempotency.service';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Renders what a create route answered, from the id of the record it created: used for a retry whose first
     * attempt committed but died before its response was stored. Without it the hook tries `GET <path>/<id>`.
     */
    idempotentReplay?: (opts: { request: FastifyRequest; entity: string; entityId: string }) => Promise<unknown>;
  }
}

type ZodLike = { safeParse: (v: unknown) => { success: boolean } };

/**
 * `Idempotency-Key` on POST (ADR 0010): the first request with a key runs and its 2xx response is stored; a retry with
 * the same key and body gets the stored response without running again; the same key with another body is refused
 * (422); a retry while the first is still running gets 409. Failed requests release the key so they can be retried.
 * After a crash: a key whose attempt committed (marked in the record's transaction) answers with the original status
 * and the record; a key whose attempt never committed is released once its lease has passed.
 */
export function registerIdempotencyHook(app: FastifyInstance, deps: { db: Db; leaseMs?: number }): void {
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;

  const claimKey = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.auth) return;
    if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
      throw invalidField('Idempotency-Key', 'must be 1-200 characters');
    }
    const userId = request.auth.user.id;
    const requestHash = requestHashOf(request.method, request.url, request.body);
    const result = await claimIdempotencyKey({
      db: deps.db,
      userId,
      key,
      method: request.method,
      path: request.url,
      requestHash,
      leaseMs,
    });
    if ('claim' in result) {
      request.idempotency = result.claim;
      return;
    }
    const { outcome } = result;
    if (outcome.kind === 'key_reused') {
      throw new AppError('idempotency.key_reused', 422, 'This Idempotency-Key was used with a different request');
    }
    if (outcome.kind === 'in_progress') throw inProgress();
    if (outcome.kind === 'replay') return sendReplay(reply, outcome.statusCode, outcome.body);
    const statusCode = successStatusOf(Object.keys(responseSchemas(request)));
    const body =
      statusCode === 204 ? null : await rebuildBody(app, request, statusCode, outcome.entity, outcome.entityId);
    await storeRebuiltResponse({ db: deps.db, userId, key, statusCode, body });
    return sendReplay(reply, statusCode, body);
  };

  const finishKey = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    const body = ok && typeof payload === 'string' && payload.length > 0 ? JSON.parse(payload) : null;
    await finishIdempotencyKey({ db: deps.db, claim, statusCode: reply.statusCode, body });
    return payload;
  };

  // Only POST routes carry the hooks: reads (the hotline's hot path) pay nothing for them.
  addRouteHooks(app, ['POST'], { preHandler: claimKey, onSend: finishKey });
}

/** Replays a stored (already serialised) body as it was sent, bypassing the route's serializer. */
function sendReplay(reply: FastifyReply, statusCode: number, body: unknown) {
  reply.header('idempotent-replayed', 'true').status(statusCode);
  if (body === null || statusCode === 204) return reply.send();
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

const responseSchemas = (request: FastifyRequest) =>
  ((request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {}) as Record<
    string,
    unknown
  >;

/**
 * The body of a committed create whose response was lost: the route's own renderer, else its resource read back as
 * the same user (`GET <path>/<id>`, kept when it has the route's response shape), else `{ id }`.
 */
async function rebuildBody(
  app: FastifyInstance,
  request: FastifyRequest,
  statusCode: number,
  entity: string | null,
  entityId: string | null,
): Promise<unknown> {
  if (entity === null || entityId === null) return null;
  const render = request.routeOptions.config.idempotentReplay;
  try {
    if (render) return await render({ request, entity, entityId });
    const schema = responseSchemas(request)[String(statusCode)] as ZodLike | undefined;
    const path = request.url.split('?')[0];
    const res = await app.inject({
      method: 'GET',
      url: `${path}/${encodeURIComponent(entityId)}`,
      headers: pick(request.headers, ['cookie', 'authorization']),
    });
    if (res.statusCode === 200 && schema?.safeParse?.(res.json()).success) return res.json();
  } catch {
    // fall through to the id: the record exists, its rendering is a convenience
  }
  return idBodyOf(entityId);
}

function pick(headers: FastifyRequest['headers'], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = headers[n];
    if (typeof v === 'string') out[n] = v;
  }
  return out;
}
