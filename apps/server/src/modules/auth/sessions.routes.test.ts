import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/org-units', headers });
const patchUser = (id: number, payload: object, by = admin) =>
  t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: by.headers, payload });

async function issueToken(userId: number) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: admin.headers,
    payload: { name: `integration-${userId}`, userId },
  });
  expect(res.statusCode).toBe(201);
  return { authorization: `Bearer ${res.json().token}` };
}

describe('sessions end when credentials or standing change', () => {
  it('ends every session of a user whose password an administrator resets', async () => {
    const a = await loginAs(t.app, 'am1');
    const b = await loginAs(t.app, 'am1');
    expect((await me(a.headers)).statusCode).toBe(200);
    expect((await patchUser(t.org.users.am1.id, { password: 'a-new-pass-123' })).statusCode).toBe(200);
    expect((await me(a.headers)).statusCode).toBe(401);
    expect((await me(b.headers)).statusCode).toBe(401);
    expect((await loginAs(t.app, 'am1', 'a-new-pass-123')).cookie).toBeTruthy();
    // The administrator's own session is untouched.
    expect((await me(admin.headers)).statusCode).toBe(200);
  });

  it('keeps the session that changed its own password and ends the others', async () => {
    const current = await loginAs(t.app, 'admin');
    const other = await loginAs(t.app, 'admin');
    const res = await patchUser(t.org.users.admin.id, { password: 'admin-new-pass-1' }, current);
    expect(res.statusCode).toBe(200);
    expect((await me(current.headers)).statusCode).toBe(200);
    expect((await me(other.headers)).statusCode).toBe(401);
    admin = current;
  });

  it('drops the sessions of a deactivated user for good and stops his API token at once', async () => {
    const s = await loginAs(t.app, 'am2');
    const bearer = await issueToken(t.org.users.am2.id);
    expect((await me(bearer)).statusCode).toBe(200); // now cached in this process
    expect((await patchUser(t.org.users.am2.id, { active: false })).statusCode).toBe(200);
    expect((await me(bearer)).statusCode).toBe(401);
    expect((await me(s.headers)).statusCode).toBe(401);
    // Reactivation does not revive the old session.
    expect((await patchUser(t.org.users.am2.id, { active: true })).statusCode).toBe(200);
    expect((await me(s.headers)).statusCode).toBe(401);
    expect((await me(bearer)).statusCode).toBe(200);
  });

  it('records the ended sessions in the audit log', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=user&entityId=${t.org.users.am2.id}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const actions = (res.json().items as { action: string }[]).map((e) => e.action);
    expect(actions).toContain('end_sessions');
  });
});
