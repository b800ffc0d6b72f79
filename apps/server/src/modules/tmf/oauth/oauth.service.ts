// OAuth 2.0 client credentials for BSS integrations: clients registered by administrators (secret shown once, stored
// hashed), each acting as a configured user; POST /oauth/token issues short-lived bearer tokens that are API tokens
// of that user (same scope, same audit), and every issuance (or refusal of a known client) is audited.
import type { Db } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { AppError, invalidField } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import { hashToken, newToken, safeEqual } from '../../auth/auth.models';
import { issueAccessToken } from '../../auth/auth.service';
import { findUserForReference } from '../../org/org.service';
import { OAuthError, type TokenRequest } from './oauth.models';
import * as repo from './oauth.repository';

const toClientDto = (r: repo.OAuthClientRow) => ({
  id: r.id,
  clientId: r.clientId,
  name: r.name,
  userId: r.userId,
  tokenTtlSeconds: r.tokenTtlSeconds,
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
});
export type OAuthClientDto = ReturnType<typeof toClientDto>;
const audited = ({ secretHash: _hidden, ...rest }: repo.OAuthClientRow) => rest;

/** Registers a client acting as `userId`; the secret is returned once, only its hash is kept. */
export async function registerOAuthClient(opts: {
  ctx: RequestCtx;
  input: { name: string; userId: number; tokenTtlSeconds?: number };
}) {
  const { ctx, input } = opts;
  if (!(await findUserForReference({ db: ctx.db, id: input.userId }))) throw invalidField('userId', 'user not found');
  const clientId = `bss_${newToken(12)}`;
  const clientSecret = newToken(32);
  const row = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertClient(tx, {
      clientId,
      name: input.name,
      secretHash: hashToken(clientSecret),
      userId: input.userId,
      tokenTtlSeconds: input.tokenTtlSeconds ?? 3600,
      createdBy: ctx.user.id,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'oauth_client',
      entityId: created.id,
      before: null,
      after: audited(created),
    });
    return created;
  });
  return { ...toClientDto(row), clientSecret };
}

export async function listOAuthClients(opts: { ctx: RequestCtx }) {
  return (await repo.listClients(opts.ctx.db)).map(toClientDto);
}

/** Revokes a client: no new token is issued to it (tokens already issued run out within their lifetime). */
export async function revokeOAuthClient(opts: { ctx: RequestCtx; id: number }) {
  const { ctx, id } = opts;
  const row = await ctx.db.transaction(async (tx) => {
    const before = await repo.findClient(tx, id);
    if (!before) throw new AppError('oauth.client_not_found', 404, 'OAuth client not found');
    if (before.revokedAt) return before;
    const after = await repo.revokeClient(tx, id, new Date());
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'revoke',
      entity: 'oauth_client',
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: after.revokedAt },
    });
    return after;
  });
  return toClientDto(row);
}

/**
 * The client credentials grant: authenticates the client (constant-time hash comparison), checks its user is active,
 * issues a bearer token of that user for the client's token lifetime, and audits it. Refusals of a known client are
 * audited too; all authentication failures answer the same invalid_client.
 */
export async function issueClientToken(opts: { db: Db; request: TokenRequest; requestId: string | null; now?: Date }) {
  const { db, request } = opts;
  const now = opts.now ?? new Date();
  const client = await repo.findClientByClientId(db, request.clientId);
  const user = client ? await findUserForReference({ db, id: client.userId }) : undefined;
  const secretOk = !!client && safeEqual(hashToken(request.clientSecret), client.secretHash);
  const refusal =
    !client || !secretOk ? 'bad credentials' : client.revokedAt ? 'revoked' : !user?.active ? 'user inactive' : null;
  const actor = {
    userId: client?.userId ?? null,
    name: `oauth:${request.clientId.slice(0, 60)}`,
    requestId: opts.requestId,
  };
  if (refusal) {
    if (client)
      await recordAudit({
        tx: db,
        actor,
        action: 'token_refused',
        entity: 'oauth_client',
        entityId: client.id,
        before: null,
        after: { reason: refusal, at: now.toISOString() },
      });
    throw new OAuthError('invalid_client', 'Client authentication failed');
  }
  const expiresAt = new Date(now.getTime() + client!.tokenTtlSeconds * 1000);
  const token = await db.transaction(async (tx) => {
    const issued = await issueAccessToken({ tx, userId: client!.userId, name: `oauth:${client!.clientId}`, expiresAt });
    await recordAudit({
      tx,
      actor,
      action: 'token_issued',
      entity: 'oauth_client',
      entityId: client!.id,
      before: null,
      after: { apiTokenId: issued.id, userId: client!.userId, expiresAt: expiresAt.toISOString() },
    });
    return issued.token;
  });
  return { access_token: token, token_type: 'Bearer' as const, expires_in: client!.tokenTtlSeconds };
}
