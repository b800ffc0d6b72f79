import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateMax: 5 });
});
afterAll(() => t.close());

describe('authentication', () => {
  it('answers health without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('signs in with the right password, sets an HTTP-only session cookie and returns the user and CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'am1', password: 'test-pass-1' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'crm_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'am1', role: 'account_manager', orgUnitName: '南京市' });
    expect(body.csrfToken).toEqual(expect.any(String));
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'am2', password: 'nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('rejects a login with missing fields as 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'am1' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'password' })]);
  });

  it('rate-limits repeated logins for the same username', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'quality1', password: 'x' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes[6]).toBe(429);
  });

  it('requires a session for API calls', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/org-units' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });

  it('requires the CSRF token on cookie-authenticated mutations', async () => {
    const s = await loginAs(t.app, 'admin');
    const payload = { parentId: t.org.org.cityA.id, level: 'district', code: 'D9', name: '玄武区' };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: { cookie: s.cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('auth.csrf_invalid');
    const withToken = await t.app.inject({ method: 'POST', url: '/api/org-units', headers: s.headers, payload });
    expect(withToken.statusCode).toBe(201);
  });

  it('ends the session on logout', async () => {
    const s = await loginAs(t.app, 'agent1');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401);
  });

  it('issues API tokens that authenticate without cookies or CSRF, and stop working when revoked', async () => {
    const s = await loginAs(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: s.headers,
      payload: { name: 'billing-system', userId: t.org.users.admin.id },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/org-units', headers: bearer })).statusCode).toBe(200);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: bearer,
      payload: { parentId: t.org.org.cityB.id, level: 'district', code: 'D8', name: '姑苏区' },
    });
    expect(post.statusCode).toBe(201);
    await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: s.headers });
    const after = await t.app.inject({ method: 'GET', url: '/api/org-units', headers: bearer });
    expect(after.statusCode).toBe(401);
  });

  it('does not let non-administrators issue tokens', async () => {
    const s = await loginAs(t.app, 'manager1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: s.headers,
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('serves the OpenAPI 3.1 document at /docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
    expect(Object.keys(res.json().paths)).toContain('/api/auth/login');
  });
});
