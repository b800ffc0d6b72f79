import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client';
import { AppError, invalidField } from '../../platform/errors';
import { claimKey, completeKey, findKey, releaseKey } from './idempotency.repository';

const PENDING = 0;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its 2xx response is stored; a retry with the same
 * key and body gets the stored response without running again; the same key with another body is refused (422);
 * a retry while the first is still running gets 409. Failed requests release the key so they can be retried.
 */
export function registerIdempotencyHook(app: FastifyInstance, deps: { db: Db }): void {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.auth) return;
    if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
      throw invalidField('Idempotency-Key', 'must be 1-200 characters');
    }
    const userId = request.auth.user.id;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const claimed = await claimKey(deps.db, {
      userId,
      key,
      method: request.method,
      path: request.url,
      requestHash,
      statusCode: PENDING,
    });
    if (claimed) {
      request.idempotencyKey = key;
      return;
    }
    const existing = await findKey(deps.db, userId, key);
    if (!existing)
      throw new AppError('idempotency.in_progress', 409, 'A request with this Idempotency-Key is in progress');
    if (existing.requestHash !== requestHash) {
      throw new AppError('idempotency.key_reused', 422, 'This Idempotency-Key was used with a different request');
    }
    if (existing.statusCode === PENDING) {
      throw new AppError('idempotency.in_progress', 409, 'A request with this Idempotency-Key is in progress');
    }
    reply.header('idempotent-replayed', 'true');
    return reply.status(existing.statusCode).send(existing.responseBody);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.auth) return payload;
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      const body = typeof payload === 'string' && payload.length > 0 ? JSON.parse(payload) : null;
      await completeKey(deps.db, request.auth.user.id, key, reply.statusCode, body);
    } else {
      await releaseKey(deps.db, request.auth.user.id, key);
    }
    return payload;
  });
}
