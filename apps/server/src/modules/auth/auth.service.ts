import type { CurrentUser } from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { AuthContext, AuthUser, RequestCtx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { findUserByUsername, findUserForReference, getSubtreeIds } from '../org/org.service';
import { invalidCredentials, tokenNotFound, tooManyAttempts } from './auth.errors';
import { hashToken, newToken, permissionsOf, scopeOf, shouldExtendSession } from './auth.models';
import { dummyPasswordHash, verifyPassword } from './auth.password';
import * as repo from './auth.repository';
import type { LoginThrottle } from './login-throttle.models';
import { cacheToken, findCachedToken, forgetCachedTokens, TOKEN_CACHE_MS, uncacheToken } from './sessions.service';

type Principal = Omit<AuthUser, never> & { orgUnitPath: string; active: boolean };

async function contextFor(
  db: Db,
  p: Principal,
  via: AuthContext['via'],
  csrfToken: string | null,
): Promise<AuthContext> {
  const subtree =
    p.role === 'admin' || p.role === 'account_manager' ? [] : await getSubtreeIds({ db, path: p.orgUnitPath });
  const user: AuthUser = {
    id: p.id,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    orgUnitId: p.orgUnitId,
    orgUnitName: p.orgUnitName,
  };
  return { user, permissions: permissionsOf(p.role), scope: scopeOf(p, subtree), via, csrfToken };
}

/**
 * The request context of a user acting outside an HTTP request (background jobs, the CLI, demo seeding): their role's
 * permissions and row scope, audited under their name. Null when the user does not exist or is inactive.
 */
export async function userContext(opts: { db: Db; userId?: number; username?: string }): Promise<RequestCtx | null> {
  const { db } = opts;
  let id = opts.userId;
  if (id === undefined && opts.username) id = (await findUserByUsername({ db, username: opts.username }))?.id;
  const u = id === undefined ? undefined : await findUserForReference({ db, id });
  if (!u?.active) return null;
  const auth = await contextFor(db, u, 'session', null);
  return {
    db,
    user: auth.user,
    scope: auth.scope,
    actor: { userId: u.id, name: u.username, requestId: null },
    can: (p) => auth.permissions.has(p),
  };
}

export const toCurrentUser = (auth: AuthContext): CurrentUser => ({ ...auth.user, permissions: [...auth.permissions] });

export async function login(opts: {
  db: Db;
  username: string;
  password: string;
  ttlMinutes: number;
  ip: string;
  userAgent?: string;
  requestId: string;
  /** Failed sign-ins budget; successful sign-ins are not counted. */
  throttle?: LoginThrottle;
  /** Told the seconds to wait when the throttle refuses (for a Retry-After header). */
  onThrottled?: (retryAfterSeconds: number) => void;
}): Promise<{ sessionToken: string; auth: AuthContext; expiresAt: Date }> {
  const { db, throttle } = opts;
  const wait = throttle?.retryAfterMs(opts.ip, opts.username, Date.now()) ?? 0;
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    opts.onThrottled?.(seconds);
    throw tooManyAttempts(seconds);
  }
  const user = await findUserByUsername({ db, username: opts.username });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), opts.password);
  if (!user || !ok || !user.active) {
    throttle?.recordFailure(opts.ip, opts.username, Date.now());
    throw invalidCredentials();
  }
  throttle?.recordSuccess(opts.ip, opts.username);
  const sessionToken = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(Date.now() + opts.ttlMinutes * 60_000);
  await db.transaction(async (tx) => {
    await repo.insertSession(tx, {
      tokenHash: hashToken(sessionToken),
      userId: user.id,
      csrfToken,
      expiresAt,
      ip: opts.ip,
      userAgent: opts.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit({
      tx,
      actor: { userId: user.id, name: user.username, requestId: opts.requestId },
      action: 'login',
      entity: 'session',
      entityId: user.id,
      before: null,
      after: { ip: opts.ip },
    });
  });
  await repo.deleteExpiredSessions(db, new Date());
  return { sessionToken, expiresAt, auth: await contextFor(db, user, 'session', csrfToken) };
}

export async function logout(opts: { db: Db; sessionToken: string }) {
  await repo.deleteSession(opts.db, hashToken(opts.sessionToken));
}

/** Resolves a session cookie to its signed-in context, sliding the expiry when half of it has passed. */
export async function authenticateSession(opts: { db: Db; sessionToken: string; ttlMinutes: number }) {
  const now = new Date();
  const tokenHash = hashToken(opts.sessionToken);
  const row = await repo.findSessionPrincipal(opts.db, tokenHash, now);
  if (!row?.active) return null;
  if (shouldExtendSession(row.expiresAt, now, opts.ttlMinutes)) {
    await repo.extendSession(opts.db, tokenHash, new Date(now.getTime() + opts.ttlMinutes * 60_000));
  }
  return contextFor(opts.db, row, 'session', row.csrfToken);
}

/** Resolves an API token (`Authorization: Bearer crm_...`) to the context of the user it acts as. */
export async function authenticateToken(opts: { db: Db; token: string }) {
  const now = new Date();
  const hit = findCachedToken(opts.token, now.getTime());
  if (hit) return hit;
  const tokenHash = hashToken(opts.token);
  const row = await repo.findTokenPrincipal(opts.db, tokenHash, now);
  if (!row?.active) {
    uncacheToken(opts.token);
    return null;
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await repo.touchToken(opts.db, row.tokenId, now);
  const auth = await contextFor(opts.db, row, 'token', null);
  const expiresAt = row.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  cacheToken(opts.token, auth, Math.min(now.getTime() + TOKEN_CACHE_MS, expiresAt));
  return auth;
}

const toTokenDto = (r: Awaited<ReturnType<typeof repo.insertToken>>) => ({
  id: r.id,
  userId: r.userId,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.createdAt.toISOString(),
  expiresAt: r.expiresAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

/** Issues an API token for a system integration; the secret is shown once and only its hash is stored. */
export async function createApiToken(opts: {
  ctx: RequestCtx;
  input: { name: string; userId?: number; expiresInDays?: number };
}) {
  const { ctx, input } = opts;
  const userId = input.userId ?? ctx.user.id;
  if (!(await findUserForReference({ db: ctx.db, id: userId }))) throw invalidField('userId', 'user not found');
  const token = `crm_${newToken()}`;
  const row = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertToken(tx, {
      userId,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 8),
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'api_token',
      entityId: created.id,
      before: null,
      after: created,
    });
    return created;
  });
  return { ...toTokenDto(row), token };
}

/**
 * A short-lived bearer token of `userId` (an OAuth 2.0 access token), written in the caller's transaction; it is an
 * API token with an expiry, so it is accepted wherever API tokens are. Returns the token (shown once) and its row id.
 */
export async function issueAccessToken(opts: { tx: DbOrTx; userId: number; name: string; expiresAt: Date }) {
  const token = `crm_${newToken()}`;
  const row = await repo.insertToken(opts.tx, {
    userId: opts.userId,
    name: opts.name,
    kind: 'oauth',
    tokenHash: hashToken(token),
    prefix: token.slice(0, 8),
    expiresAt: opts.expiresAt,
  });
  return { token, id: row.id };
}

/** Housekeeping: deletes OAuth access tokens that expired before `before` (idempotent). */
export async function purgeExpiredOAuthTokens(opts: { db: DbOrTx; before: Date }): Promise<{ tokens: number }> {
  return { tokens: await repo.deleteExpiredOAuthTokens(opts.db, opts.before) };
}

export async function listApiTokens(opts: { ctx: RequestCtx }) {
  return (await repo.listTokens(opts.ctx.db)).map(toTokenDto);
}

export async function revokeApiToken(opts: { ctx: RequestCtx; id: number }) {
  const { ctx, id } = opts;
  const revoked = await ctx.db.transaction(async (tx) => {
    const row = await repo.revokeToken(tx, id, new Date());
    if (!row) throw tokenNotFound();
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: row.revokedAt },
    });
    return toTokenDto(row);
  });
  forgetCachedTokens();
  return revoked;
}
