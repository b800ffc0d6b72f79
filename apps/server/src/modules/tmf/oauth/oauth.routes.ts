// POST /oauth/token (RFC 6749 client credentials; form-urlencoded or JSON; client_id/client_secret in the body or as
// HTTP Basic) and the administrators' client registry under /api/oauth/clients.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import { OAuthError, readTokenRequest } from './oauth.models';
import { issueClientToken, listOAuthClients, registerOAuthClient, revokeOAuthClient } from './oauth.service';

const tags = ['oauth'];
const clientDto = z.object({
  id: z.number().int(),
  clientId: z.string(),
  name: z.string(),
  userId: z.number().int(),
  tokenTtlSeconds: z.number().int(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const clientCreate = z.object({
  name: z.string().trim().min(1).max(100),
  userId: z.number().int().positive().max(2_147_483_647).describe('the user the client acts as (its scope)'),
  tokenTtlSeconds: z.number().int().min(60).max(86_400).optional().describe('access token lifetime (default 3600)'),
});
const tokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});
const oauthErrorBody = z.object({ error: z.string(), error_description: z.string().optional() });

export function registerOAuthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  app.register(async (scope) => {
    // The token endpoint takes application/x-www-form-urlencoded (RFC 6749) as well as JSON.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/oauth/token',
      {
        schema: {
          tags,
          summary: 'OAuth 2.0 token endpoint (client credentials)',
          description:
            'grant_type=client_credentials with client_id/client_secret in the body or HTTP Basic. The bearer ' +
            "token acts as the client's configured user wherever API tokens are accepted. Errors per RFC 6749.",
          response: { 200: tokenResponse, 400: oauthErrorBody, 401: oauthErrorBody },
        },
        config: { public: true },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
        try {
          const tokenRequest = readTokenRequest(request.body, request.headers.authorization);
          return await issueClientToken({ db, request: tokenRequest, requestId: request.id });
        } catch (err) {
          if (!(err instanceof OAuthError)) throw err;
          if (err.statusCode === 401) reply.header('www-authenticate', 'Basic realm="oauth"');
          return reply.status(err.statusCode).send({ error: err.error, error_description: err.description });
        }
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/oauth/clients', { schema: { tags, response: { 200: z.array(clientDto) } } }, async (request) =>
    listOAuthClients({ ctx: ctxOf(request, db, 'tokens.manage') }),
  );
  r.post(
    '/api/oauth/clients',
    {
      schema: {
        tags,
        summary: 'Register an OAuth client (the secret is shown once)',
        body: clientCreate,
        response: { 201: clientDto.extend({ clientSecret: z.string() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await registerOAuthClient({ ctx: ctxOf(request, db, 'tokens.manage'), input: request.body })),
  );
  r.delete(
    '/api/oauth/clients/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an OAuth client',
        params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
        response: { 200: clientDto },
      },
    },
    async (request) => revokeOAuthClient({ ctx: ctxOf(request, db, 'tokens.manage'), id: request.params.id }),
  );
}
