// Ending a user's sign-ins when their credentials or standing change (password changed or reset, deactivation, role
// or org unit changed), and the per-process cache of API-token principals that must forget them at once.
// Kept apart from auth.service (which depends on the org module) so the org module can call it without a cycle.
import type { DbOrTx } from '../../db/client';
import type { AuthContext } from '../../platform/context';
import { hashToken } from './auth.models';
import * as repo from './auth.repository';

// API tokens carry integration traffic (the hotline lookup among it): their principal is cached for a few seconds per
// process (keyed by the presented token) so a request costs one query, not two. Revoking a token, or changing its
// user (deactivation, password, role, org unit), clears the cache of this process at once; other processes catch up
// within TOKEN_CACHE_MS (ADR 0009).
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;
const tokenCache = new Map<string, { auth: AuthContext; until: number }>();

export function findCachedToken(token: string, now: number): AuthContext | undefined {
  const hit = tokenCache.get(token);
  return hit && hit.until > now ? hit.auth : undefined;
}

export function cacheToken(token: string, auth: AuthContext, until: number): void {
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
  tokenCache.set(token, { auth, until });
}

export const uncacheToken = (token: string) => tokenCache.delete(token);

/** Forgets every cached API-token principal (after a revocation or a change to a user). */
export function forgetCachedTokens(): void {
  tokenCache.clear();
}

/**
 * Ends the sessions of a user, all but `keepSessionToken` (the session that changed its own password) when given.
 * Call inside the transaction that changes the user; call `forgetCachedTokens` once it has committed.
 */
export async function endUserSessions(opts: {
  tx: DbOrTx;
  userId: number;
  keepSessionToken?: string;
}): Promise<number> {
  const keep = opts.keepSessionToken ? hashToken(opts.keepSessionToken) : undefined;
  return repo.deleteUserSessions(opts.tx, opts.userId, keep);
}
