import type { Role } from '@crm/contracts';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { forbidden, unauthorized } from './errors';

/**
 * Row scope of a user: `all` (group administrators), `org` (the user's org unit subtree), or `portfolio`
 * (an account manager's own customers plus those explicitly shared with them).
 */
export type Scope = { kind: 'all' } | { kind: 'org'; orgUnitIds: number[] } | { kind: 'portfolio'; userId: number };

export type AuthUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
  orgUnitName: string;
};

export type AuthContext = {
  user: AuthUser;
  permissions: ReadonlySet<string>;
  scope: Scope;
  via: 'session' | 'token';
  csrfToken: string | null;
};

/**
 * The Idempotency-Key a request holds (ADR 0010): audit records written for it also mark the key committed in the
 * same transaction.
 */
export type IdempotencyClaim = { userId: number; key: string; token: string };

/** What every service use case receives about who is acting. */
export type Actor = {
  userId: number | null;
  name: string;
  requestId: string | null;
  idempotency?: IdempotencyClaim;
};

export type RequestCtx = {
  db: Db;
  user: AuthUser;
  scope: Scope;
  actor: Actor;
  can: (permission: string) => boolean;
};

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
    /** Set by the idempotency hook when this request claimed its Idempotency-Key. */
    idempotency?: IdempotencyClaim;
  }
  interface FastifyContextConfig {
    /** Route needs no signed-in user. */
    public?: boolean;
    /** A mutation that needs no CSRF token even with a session cookie (sign-in only: it issues the token). */
    csrfExempt?: boolean;
  }
}

export const systemActor = (name = 'system'): Actor => ({ userId: null, name, requestId: null });

/** The signed-in context of a request, checking a permission when one is named. */
export function ctxOf(request: FastifyRequest, db: Db, permission?: string): RequestCtx {
  const auth = request.auth;
  if (!auth) throw unauthorized();
  if (permission && !auth.permissions.has(permission)) throw forbidden();
  return {
    db,
    user: auth.user,
    scope: auth.scope,
    actor: {
      userId: auth.user.id,
      name: auth.user.username,
      requestId: request.id,
      ...(request.idempotency ? { idempotency: request.idempotency } : {}),
    },
    can: (p) => auth.permissions.has(p),
  };
}
