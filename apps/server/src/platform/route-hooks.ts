import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
type OnSend = (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;

const asList = <T>(hook: T | T[] | undefined): T[] => (hook === undefined ? [] : Array.isArray(hook) ? hook : [hook]);

/**
 * Adds hooks to the routes of the given methods only (registered before the routes): a global hook runs on every
 * request, and the hot read paths should not pay for what only writes need. Runs after the routes' own hooks.
 */
export function addRouteHooks(
  app: FastifyInstance,
  methods: string[],
  hooks: { preHandler?: PreHandler; onSend?: OnSend },
): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const routeMethods = asList(route.method).map((m) => String(m).toUpperCase());
    if (!routeMethods.some((m) => methods.includes(m))) return;
    if (hooks.preHandler)
      route.preHandler = [...asList(route.preHandler), hooks.preHandler] as RouteOptions['preHandler'];
    if (hooks.onSend) route.onSend = [...asList(route.onSend), hooks.onSend] as RouteOptions['onSend'];
  });
}
