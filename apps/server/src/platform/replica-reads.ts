import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DbHandle } from '../db/client';
import { ctxOf, type RequestCtx } from './context';
import type { RouteDeps } from './deps';

/**
 * Read routing to a streaming replica (REPLICA_DATABASE_URL, issue 16). Dashboards, reports and exports read through
 * `analyticsCtxOf`; everything else, and every write, uses the primary. Read-your-writes: after a successful write
 * the primary's WAL position goes into the `crm_wlsn` cookie (browser sessions, any process of a cluster) and into
 * the process's memory per user (API tokens); a routed read waits for nothing: until the replica has replayed that
 * position, the primary answers. `x-read-source` tells which database answered a routed read.
 */
export const WRITE_LSN_COOKIE = 'crm_wlsn';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `analyticsCtxOf`: which database answered this read. */
    readSource?: 'primary' | 'replica';
  }
}

export function registerReplicaReads(app: FastifyInstance, opts: { handle: DbHandle; secure: boolean }): void {
  const reads = opts.handle.reads;
  if (!reads) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.readSource) reply.header('x-read-source', request.readSource);
    if (!MUTATING.has(request.method) || reply.statusCode >= 400 || !request.auth) return payload;
    const lsn = await reads.currentWriteLsn().catch(() => null);
    if (!lsn) return payload;
    reads.noteWrite(request.auth.user.id, lsn);
    // Set directly: the cookie plugin's own onSend hook has already run for cookies set through it.
    const cookie = app.serializeCookie(WRITE_LSN_COOKIE, lsn, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.secure,
      maxAge: Math.ceil(reads.maxLagMs / 1000) + 60,
    });
    const existing = reply.getHeader('set-cookie');
    const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    reply.header('set-cookie', [...list, cookie]);
    return payload;
  });
}

/** The position a request's reads must see: the last write its caller made, as far as the cookie tells. */
export const requiredLsnOf = (request: FastifyRequest): string | null => request.cookies?.[WRITE_LSN_COOKIE] ?? null;

/**
 * The context of an analytics read (checks the permission like `ctxOf`): its `db` is the replica when the
 * bounded-staleness rule allows, else the primary. Services called with it must only read.
 */
export async function analyticsCtxOf(
  request: FastifyRequest,
  deps: Pick<RouteDeps, 'db' | 'handle'>,
  permission?: string,
): Promise<RequestCtx> {
  const ctx = ctxOf(request, deps.db, permission);
  const reads = deps.handle.reads;
  if (!reads) return ctx;
  const decision = await reads.decide({ userId: ctx.user.id, requiredLsn: requiredLsnOf(request) });
  request.readSource = decision.source;
  return decision.source === 'replica' ? { ...ctx, db: reads.replicaDb } : ctx;
}
