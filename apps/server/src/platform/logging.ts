import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Fastify's pino logger for production: one JSON line per event, each request line carrying `reqId` (the
 * `x-request-id`). The request serializer drops the query string, which may carry phone or ID numbers.
 */
export function productionLoggerOptions(env: NodeJS.ProcessEnv = process.env) {
  return {
    level: env.LOG_LEVEL ?? 'info',
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: req.url.split('?')[0],
        route: req.routeOptions?.url,
        remoteAddress: req.ip,
      }),
    },
  };
}

/**
 * Adds the signed-in user's id to every later log line of the request (including "request completed"). Runs after
 * the auth hook; registered only when request lines are logged at all, so it costs nothing at `warn`.
 */
export function registerRequestLogContext(app: FastifyInstance): void {
  const log = app.log as { isLevelEnabled?: (level: string) => boolean };
  if (!log.isLevelEnabled?.('info')) return;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.auth) return;
    const log = request.log.child({ userId: request.auth.user.id });
    request.log = log;
    reply.log = log;
  });
}
