import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { DbHandle } from '../db/client';
import { seedTestOrg, type TestOrg } from '../test/fixtures';
import { loginAs, type Session } from '../test/test-app';
import { createTestDb } from '../test/test-db';

// What the browser and a proxy see: security headers on pages and API answers, no caching of API data, a bounded
// request id, CSRF on sign-out, and the one error shape even for errors Fastify answers itself.

let handle: DbHandle;
let org: TestOrg;
let app: FastifyInstance;
let secureApp: FastifyInstance;
let admin: Session;

beforeAll(async () => {
  const webDist = mkdtempSync(path.join(tmpdir(), 'crm-web-'));
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>CRM</title>');
  handle = await createTestDb();
  org = await seedTestOrg(handle);
  const config = { ...loadConfig({}), webDist };
  app = await buildApp({ handle, config });
  secureApp = await buildApp({ handle, config: { ...config, secureCookies: true } });
  await Promise.all([app.ready(), secureApp.ready()]);
  admin = await loginAs(app, 'admin');
});
afterAll(async () => {
  await app.close();
  await secureApp.close();
  await handle.close();
});

const cspOf = (res: LightMyRequestResponse) => String(res.headers['content-security-policy']);

describe('security headers', () => {
  it('sends a same-origin Content-Security-Policy with the web app that forbids framing', async () => {
    const res = await app.inject({ method: 'GET', url: '/customers/42' });
    expect(res.statusCode).toBe(200);
    const csp = cspOf(res);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    // Ant Design writes its styles at run time.
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('sends HSTS and upgrade-insecure-requests only behind HTTPS (SECURE_COOKIES)', async () => {
    const plain = await app.inject({ method: 'GET', url: '/' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(cspOf(plain)).not.toContain('upgrade-insecure-requests');
    const secure = await secureApp.inject({ method: 'GET', url: '/' });
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(cspOf(secure)).toContain('upgrade-insecure-requests');
  });

  it('marks API answers no-store, errors included, while the web app stays cacheable', async () => {
    for (const url of ['/api/auth/me', '/api/org-units', '/api/customers?limit=1', '/api/nothing-here']) {
      const res = await app.inject({ method: 'GET', url, headers: admin.headers });
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    const anonymous = await app.inject({ method: 'GET', url: '/tmf-api/troubleTicket/v4/troubleTicket' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    expect((await app.inject({ method: 'GET', url: '/' })).headers['cache-control']).not.toBe('no-store');
  });

  it('gives the API documentation at /docs its own policy that lets Swagger UI run, still never framed', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(cspOf(page)).toContain("script-src 'self'");
    expect(cspOf(page)).toContain("style-src 'self' 'unsafe-inline'");
    expect(cspOf(page)).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).json().openapi).toBe('3.1.0');
  });
});

describe('request ids', () => {
  let unitSeq = 0;
  async function auditedRequestId(requestId: string | undefined): Promise<{ header: string; audited: string }> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: { ...admin.headers, ...(requestId === undefined ? {} : { 'x-request-id': requestId }) },
      payload: { parentId: org.org.cityA.id, level: 'district', code: `R${++unitSeq}`, name: '区' },
    });
    expect(res.statusCode).toBe(201);
    const { rows } = (await handle.db.execute(
      sql`select request_id from audit_log where entity = 'org_unit' and entity_id = ${String(res.json().id)}`,
    )) as unknown as { rows: { request_id: string }[] };
    return { header: String(res.headers['x-request-id']), audited: rows[0].request_id };
  }
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("keeps a client's short safe x-request-id, in the answer and the audit row", async () => {
    expect(await auditedRequestId('gw-2026.12.04:42_a')).toEqual({
      header: 'gw-2026.12.04:42_a',
      audited: 'gw-2026.12.04:42_a',
    });
  });

  it('replaces an over-long or unsafe x-request-id by a fresh UUID', async () => {
    for (const sent of ['x'.repeat(65), 'a b', '<script>', 'id\u0000null', "1' or '1'='1", undefined]) {
      const { header, audited } = await auditedRequestId(sent);
      expect(header, String(sent)).toMatch(UUID);
      expect(audited).toBe(header);
    }
  });
});

describe('signing out', () => {
  it('needs the CSRF token with a session cookie, like every other cookie-authenticated mutation', async () => {
    const s = await loginAs(app, 'agent1');
    const forged = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('auth.csrf_invalid');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200);
    const real = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(real.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401);
  });

  it('still answers 204 without a session, and signing in again needs no token', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    const s = await loginAs(app, 'agent1');
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: s.cookie },
      payload: { username: 'agent1', password: 'test-pass-1' },
    });
    expect(again.statusCode).toBe(200);
  });
});

describe('errors Fastify answers itself use the one error shape', () => {
  const json = { 'content-type': 'application/json' };
  const cases: [string, () => Promise<LightMyRequestResponse>, number, string][] = [
    [
      'a path parameter over 100 characters',
      () => app.inject({ method: 'GET', url: `/api/customers/${'1'.repeat(150)}`, headers: admin.headers }),
      414,
      'request.url_too_long',
    ],
    [
      'a malformed URL',
      () => app.inject({ method: 'GET', url: '/api/customers/%E0%A4%A', headers: admin.headers }),
      400,
      'request.invalid_url',
    ],
    [
      'an unknown API route',
      () => app.inject({ method: 'GET', url: '/api/nothing-here', headers: admin.headers }),
      404,
      'route.not_found',
    ],
    [
      'a body over the limit',
      () =>
        app.inject({
          method: 'POST',
          url: '/api/org-units',
          headers: { ...admin.headers, ...json },
          payload: `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}`,
        }),
      413,
      'request.body_too_large',
    ],
    [
      'an unsupported media type',
      () =>
        app.inject({
          method: 'POST',
          url: '/api/org-units',
          headers: { ...admin.headers, 'content-type': 'text/xml' },
          payload: '<unit/>',
        }),
      415,
      'request.unsupported_media_type',
    ],
    [
      'invalid JSON',
      () =>
        app.inject({ method: 'POST', url: '/api/org-units', headers: { ...admin.headers, ...json }, payload: '{"a":' }),
      400,
      'request.invalid_json',
    ],
    [
      'an empty JSON body',
      () => app.inject({ method: 'POST', url: '/api/org-units', headers: { ...admin.headers, ...json }, payload: '' }),
      400,
      'request.invalid_json',
    ],
  ];

  it.each(cases)('%s', async (_name, call, status, code) => {
    const res = await call();
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
    expect(res.body).not.toContain('FST_');
  });

  it('answers an over-long trouble ticket id as an unknown id, in the TM Forum Error shape', async () => {
    // TMF: any id no ticket has, whatever its shape or length, is a 404 (never Fastify's own 414 body).
    const res = await app.inject({
      method: 'GET',
      url: `/tmf-api/troubleTicket/v4/troubleTicket/${'1'.repeat(150)}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: '404', '@type': 'Error', code: expect.any(String) });
  });
});
