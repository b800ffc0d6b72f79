import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { enqueueJob, getJob, runDueJobs } from '../../jobs/jobs.service';
import { OAUTH_PURGE_JOB, registerOAuthJobs } from './oauth.jobs';

let t: TestApp;
let admin: Session;
let client: { id: number; clientId: string; clientSecret: string };

const token = (payload: string | object, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers:
      typeof payload === 'string' ? { 'content-type': 'application/x-www-form-urlencoded', ...headers } : headers,
    payload,
  });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

beforeAll(async () => {
  t = await createTestApp();
  registerOAuthJobs();
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

describe('OAuth 2.0 client credentials', () => {
  it('lets an administrator register a client acting as a user (secret shown once); others may not', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/oauth/clients',
      headers: admin.headers,
      payload: { name: 'BSS 网关', userId: t.org.users.agent1.id, tokenTtlSeconds: 600 },
    });
    expect(res.statusCode, res.body).toBe(201);
    client = res.json();
    expect(client.clientSecret.length).toBeGreaterThan(30);
    const list = await t.app.inject({ method: 'GET', url: '/api/oauth/clients', headers: admin.headers });
    expect(list.json()[0]).not.toHaveProperty('clientSecret');
    expect(JSON.stringify(list.json())).not.toContain(client.clientSecret);
    const agent = await loginAs(t.app, 'agent1');
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/oauth/clients',
      headers: agent.headers,
      payload: { name: 'x', userId: t.org.users.agent1.id },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('issues a short-lived bearer token (form body) that acts as the client user on /api and /tmf-api', async () => {
    const res = await token(
      form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    const bearer = { authorization: `Bearer ${res.json().access_token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
    expect(me.json().user.username).toBe('agent1');
    const tmf = await t.app.inject({ method: 'GET', url: '/tmf-api/troubleTicket/v4/troubleTicket', headers: bearer });
    expect(tmf.statusCode).toBe(200);
  });

  it('accepts JSON and HTTP Basic client authentication', async () => {
    const json = await token({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(json.statusCode).toBe(200);
    const viaBasic = await token(form({ grant_type: 'client_credentials' }), {
      authorization: basic(client.clientId, client.clientSecret),
    });
    expect(viaBasic.statusCode, viaBasic.body).toBe(200);
  });

  it('answers RFC 6749 errors', async () => {
    const wrong = await token(
      form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'nope' }),
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect(wrong.headers['www-authenticate']).toContain('Basic');
    const unknown = await token(form({ grant_type: 'client_credentials', client_id: 'bss_x', client_secret: 'y' }));
    expect(unknown.json()).toMatchObject({ error: 'invalid_client' });
    const grant = await token(form({ grant_type: 'password', username: 'a', password: 'b' }));
    expect(grant.statusCode).toBe(400);
    expect(grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const missing = await token(form({ client_id: client.clientId }));
    expect(missing.json()).toMatchObject({ error: 'invalid_request' });
    const both = await token(
      form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    expect(both.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('audits every issuance and refusal, and a revoked client gets no new token', async () => {
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/oauth/clients/${client.id}`,
      headers: admin.headers,
    });
    expect(revoke.json().revokedAt).not.toBeNull();
    const after = await token(
      form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    );
    expect(after.statusCode).toBe(401);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=oauth_client&entityId=${client.id}&limit=50`,
      headers: admin.headers,
    });
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'token_issued')).toHaveLength(3);
    expect(actions).toEqual(expect.arrayContaining(['create', 'revoke', 'token_refused']));
    expect(JSON.stringify(audit.json())).not.toContain(client.clientSecret);
  });

  it('keeps OAuth access tokens out of the API-token list, and purges them once expired (durable job)', async () => {
    const personal = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: admin.headers,
      payload: { name: 'oauth:looks-like-one' },
    });
    expect(personal.statusCode, personal.body).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/api/auth/tokens', headers: admin.headers });
    const names = list.json().map((x: { name: string }) => x.name);
    expect(names).toContain('oauth:looks-like-one');
    expect(names.filter((n: string) => n.startsWith(`oauth:${client.clientId}`))).toEqual([]);

    const purgeAt = async (now: Date) => {
      const job = await enqueueJob({ db: t.handle.db, type: OAUTH_PURGE_JOB, payload: { now: now.toISOString() } });
      await runDueJobs({ handle: t.handle, types: [OAUTH_PURGE_JOB] });
      return (await getJob({ db: t.handle.db, id: job.id }))?.result;
    };
    // Three tokens were issued (600 s); a day after expiry they go, the personal token stays.
    expect(await purgeAt(new Date())).toEqual({ tokens: 0 });
    expect(await purgeAt(new Date(Date.now() + 2 * 86_400_000))).toEqual({ tokens: 3 });
    expect(await purgeAt(new Date(Date.now() + 2 * 86_400_000))).toEqual({ tokens: 0 });
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/tokens', headers: admin.headers });
    expect(after.json().map((x: { name: string }) => x.name)).toContain('oauth:looks-like-one');
  });
});
