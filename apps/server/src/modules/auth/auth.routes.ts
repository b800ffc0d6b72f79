import { apiToken, apiTokenCreate, apiTokenCreated, idParam, loginRequest, loginResponse } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/auth-hook';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { unauthorized } from '../../platform/errors';
import { createApiToken, listApiTokens, login, logout, revokeApiToken, toCurrentUser } from './auth.service';
import { createLoginThrottle } from './login-throttle.models';

export function registerAuthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;
  // Failed sign-ins per address and per address + username, in this process (see ARCHITECTURE.md, Sign-in throttling).
  const throttle = createLoginThrottle(config.loginRateLimit);

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: loginRequest, response: { 200: loginResponse } },
      config: {
        public: true,
        // A stale session cookie must not block signing in again; the new session gets its own token.
        csrfExempt: true,
      },
    },
    async (request, reply) => {
      const { sessionToken, auth, expiresAt } = await login({
        db,
        username: request.body.username,
        password: request.body.password,
        ttlMinutes: config.sessionTtlMinutes,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
        throttle,
        onThrottled: (seconds) => reply.header('retry-after', String(seconds)),
      });
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        path: '/',
        expires: expiresAt,
      });
      return { user: toCurrentUser(auth), csrfToken: auth.csrfToken ?? '' };
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 204: z.null() } }, config: { public: true } },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie && request.auth) await logout({ db, sessionToken: cookie });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], response: { 200: loginResponse } }, config: { public: true } },
    async (request) => {
      if (!request.auth) throw unauthorized();
      return { user: toCurrentUser(request.auth), csrfToken: request.auth.csrfToken ?? '' };
    },
  );

  r.get('/api/auth/tokens', { schema: { tags: ['auth'], response: { 200: z.array(apiToken) } } }, async (request) =>
    listApiTokens({ ctx: ctxOf(request, db, 'tokens.manage') }),
  );

  r.post(
    '/api/auth/tokens',
    { schema: { tags: ['auth'], body: apiTokenCreate, response: { 201: apiTokenCreated } } },
    async (request, reply) => {
      const created = await createApiToken({ ctx: ctxOf(request, db, 'tokens.manage'), input: request.body });
      return reply.status(201).send(created);
    },
  );

  r.delete(
    '/api/auth/tokens/:id',
    { schema: { tags: ['auth'], params: idParam, response: { 200: apiToken } } },
    async (request) => revokeApiToken({ ctx: ctxOf(request, db, 'tokens.manage'), id: request.params.id }),
  );
}
