import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client';
import { csrfInvalid } from '../modules/auth/auth.errors';
import { safeEqual } from '../modules/auth/auth.models';
import { authenticateSession, authenticateToken } from '../modules/auth/auth.service';
import { unauthorized } from './errors';

export const SESSION_COOKIE = 'crm_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every /api and /tmf-api (TM Forum Open API facades) request (API token or session cookie), rejects
 * unauthenticated calls to non-public routes with 401, and requires the session's CSRF token on every
 * cookie-authenticated mutation (public routes such as sign-out included; only sign-in is exempt).
 */
export function registerAuthHook(app: FastifyInstance, deps: { db: Db; sessionTtlMinutes: number }): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/tmf-api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.auth = await authenticateToken({ db: deps.db, token: header.slice(7).trim() });
      if (!request.auth) throw unauthorized('auth.invalid_token', 'Invalid or revoked API token');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie)
        request.auth = await authenticateSession({
          db: deps.db,
          sessionToken: cookie,
          ttlMinutes: deps.sessionTtlMinutes,
        });
    }
    const config = request.routeOptions.config;
    if (!request.auth) {
      if (config?.public) return;
      throw unauthorized();
    }
    // Public routes too (sign-out): a mutation riding on a session cookie needs the session's CSRF token.
    if (request.auth.via === 'session' && !SAFE_METHODS.has(request.method) && !config?.csrfExempt) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.auth.csrfToken || !safeEqual(sent, request.auth.csrfToken))
        throw csrfInvalid();
    }
  });
}
