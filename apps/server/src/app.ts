import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from './config';
import type { DbHandle } from './db/client';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { registerCustomerRoutes } from './modules/customers/customers.routes';
import { registerIdempotencyHook } from './modules/idempotency/idempotency.hook';
import { registerJobRoutes } from './modules/jobs/jobs.routes';
import { registerOrgRoutes } from './modules/org/org.routes';
import { registerAuthHook } from './platform/auth-hook';
import type { RouteDeps } from './platform/deps';
import { registerErrorHandler } from './platform/error-handler';

export type BuildAppOptions = { handle: DbHandle; config: AppConfig; logger?: boolean | object };

/** Builds the HTTP application: API under /api, OpenAPI at /docs, the web UI for every other path. */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { handle, config } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'true',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Telecom CRM API', version: '0.1.0', description: 'Customer 360, organisation and access.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'crm_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  registerAuthHook(app, { db: handle.db, sessionTtlMinutes: config.sessionTtlMinutes });
  registerIdempotencyHook(app, { db: handle.db });

  const deps: RouteDeps = { db: handle.db, handle, config };
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: { tags: ['platform'], response: { 200: z.object({ status: z.literal('ok') }) } },
      config: { public: true },
    },
    async () => {
      await handle.exec('select 1');
      return { status: 'ok' as const };
    },
  );
  registerAuthRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerJobRoutes(app, deps);

  await registerWebUi(app, config.webDist);
  return app;
}

/** Serves the built single-page app, answering unknown non-API paths with index.html. */
async function registerWebUi(app: FastifyInstance, webDist: string): Promise<void> {
  if (!existsSync(path.join(webDist, 'index.html'))) return;
  await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply
        .status(404)
        .send({ error: { code: 'route.not_found', message: `No route ${request.method} ${request.url}` } });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
