import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors';
import { addRouteHooks } from './route-hooks';

/**
 * A PATCH whose validated body names no field to change (`{}`, or only properties the schema does not know) answers
 * 400 naming the body, for every route at once, before any service builds an UPDATE with nothing to set.
 */
export function registerEmptyPatchGuard(app: FastifyInstance): void {
  addRouteHooks(app, ['PATCH'], {
    preHandler: async (request) => {
      if (!request.routeOptions.schema?.body) return;
      if (isEmptyPatch(request.body)) throw emptyPatch();
    },
  });
}

/** True for a plain object without any defined value. */
export function isEmptyPatch(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  return Object.values(body).every((value) => value === undefined);
}

const emptyPatch = () =>
  badRequest('validation.empty_patch', 'Invalid body: name at least one field to change', [
    { path: 'body', message: 'no field to change' },
  ]);
