import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

const auditOf = async (entity: string, entityId: number) =>
  (
    await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=${entity}&entityId=${entityId}`,
      headers: admin.headers,
    })
  ).json().items;

describe('organisation and users', () => {
  it('shows a city manager only the org units of their own subtree', async () => {
    const s = await loginAs(t.app, 'manager1');
    const units = (await t.app.inject({ method: 'GET', url: '/api/org-units', headers: s.headers })).json();
    const names = units.map((u: { name: string }) => u.name);
    expect(names).toContain('南京市');
    expect(names).toContain('鼓楼区');
    expect(names).not.toContain('苏州市');
    expect(names).not.toContain('集团');
  });

  it('lists users of the manager subtree only, and hides other cities users as 404', async () => {
    const s = await loginAs(t.app, 'manager1');
    const res = await t.app.inject({ method: 'GET', url: '/api/users?limit=100', headers: s.headers });
    const usernames = res.json().items.map((u: { username: string }) => u.username);
    expect(usernames).toContain('am1');
    expect(usernames).not.toContain('am3');
    const other = await t.app.inject({ method: 'GET', url: `/api/users/${t.org.users.am3.id}`, headers: s.headers });
    expect(other.statusCode).toBe(404);
  });

  it('lets a quality supervisor pick staff of their own org only (inspection form), phones masked', async () => {
    const q = await loginAs(t.app, 'quality1');
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: q.headers });
    const res = await get('/api/users?limit=500');
    expect(res.statusCode).toBe(200);
    const items: { username: string; orgUnitName: string; phone: string | null }[] = res.json().items;
    expect(items.map((u) => u.username)).toEqual(expect.arrayContaining(['am1', 'am2', 'agent1', 'quality1']));
    expect(items.map((u) => u.username)).not.toContain('am3');
    expect(items.map((u) => u.username)).not.toContain('manager2');
    expect(new Set(items.map((u) => u.orgUnitName))).toEqual(new Set(['南京市']));
    expect(items.find((u) => u.username === 'am1')?.phone).not.toBe('13800000000');
    expect((await get(`/api/users?orgUnitId=${t.org.org.cityB.id}`)).json()).toEqual({ items: [], total: 0 });
    expect((await get(`/api/users/${t.org.users.am3.id}`)).statusCode).toBe(404);
  });

  it('creates a user with an audit record that never contains the password hash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'am9',
        displayName: '王客户经理',
        role: 'account_manager',
        orgUnitId: t.org.org.cityA.id,
        password: 'secret-123',
      },
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ username: 'am9', role: 'account_manager', orgUnitName: '南京市', active: true });
    expect(user).not.toHaveProperty('passwordHash');
    const [entry] = await auditOf('user', user.id);
    expect(entry).toMatchObject({ action: 'create', actorName: 'admin' });
    expect(entry.changes.username).toEqual({ before: null, after: 'am9' });
    expect(entry.changes.passwordHash.after).toBe('***');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'am9', password: 'secret-123' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('rejects bad user input with 400 naming the field, and writes nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/users?limit=1', headers: admin.headers })).json()
      .total;
    const cases: [Record<string, unknown>, string][] = [
      [{ username: 'x', displayName: 'a', role: 'agent', orgUnitId: 1, password: 'secret-123' }, 'username'],
      [{ username: 'okname', displayName: 'a', role: 'boss', orgUnitId: 1, password: 'secret-123' }, 'role'],
      [{ username: 'okname', displayName: 'a', role: 'agent', orgUnitId: 'one', password: 'secret-123' }, 'orgUnitId'],
      [{ username: 'okname', displayName: 'a', role: 'agent', orgUnitId: 1, password: 'short' }, 'password'],
      [{ username: 'okname', displayName: 'a', role: 'agent', orgUnitId: 99999, password: 'secret-123' }, 'orgUnitId'],
      [{ username: 'okname', role: 'agent', orgUnitId: 1, password: 'secret-123' }, 'displayName'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const after = (await t.app.inject({ method: 'GET', url: '/api/users?limit=1', headers: admin.headers })).json()
      .total;
    expect(after).toBe(before);
  });

  it('refuses a duplicate username with 409 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'AM1',
        displayName: 'dup',
        role: 'agent',
        orgUnitId: t.org.org.cityA.id,
        password: 'secret-123',
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].path).toBe('username');
  });

  it('audits an update with before and after of the changed fields only', async () => {
    const id = t.org.users.agent1.id;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin.headers,
      payload: { displayName: '话务员一号', active: true },
    });
    expect(res.statusCode).toBe(200);
    const [entry] = await auditOf('user', id);
    expect(entry.action).toBe('update');
    expect(entry.changes).toEqual({ displayName: { before: 'agent1', after: '话务员一号' } });
  });

  it('lets only user administrators create users', async () => {
    const s = await loginAs(t.app, 'manager1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: s.headers,
      payload: {
        username: 'sneaky',
        displayName: 'x',
        role: 'admin',
        orgUnitId: t.org.org.cityA.id,
        password: 'secret-123',
      },
    });
    expect(res.statusCode).toBe(403);
  });

  it('keeps the audit log for administrators', async () => {
    const s = await loginAs(t.app, 'manager1');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: s.headers })).statusCode).toBe(403);
    const all = await t.app.inject({ method: 'GET', url: '/api/audit?limit=5', headers: admin.headers });
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBeGreaterThan(0);
  });
});

describe('Idempotency-Key on creates', () => {
  const payload = () => ({
    parentId: t.org.org.cityB.id,
    level: 'district',
    code: `D-${Math.random()}`,
    name: '吴中区',
  });

  it('replays the stored response for a retry with the same key and creates only once', async () => {
    const body = payload();
    const headers = { ...admin.headers, 'idempotency-key': 'create-district-1' };
    const first = await t.app.inject({ method: 'POST', url: '/api/org-units', headers, payload: body });
    const second = await t.app.inject({ method: 'POST', url: '/api/org-units', headers, payload: body });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const units = (await t.app.inject({ method: 'GET', url: '/api/org-units', headers: admin.headers })).json();
    expect(units.filter((u: { code: string }) => u.code === body.code)).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const headers = { ...admin.headers, 'idempotency-key': 'create-district-2' };
    await t.app.inject({ method: 'POST', url: '/api/org-units', headers, payload: payload() });
    const res = await t.app.inject({ method: 'POST', url: '/api/org-units', headers, payload: payload() });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('idempotency.key_reused');
  });

  it('lets a failed request be retried with its key', async () => {
    const headers = { ...admin.headers, 'idempotency-key': 'create-district-3' };
    const bad = { ...payload(), parentId: 99999 };
    expect((await t.app.inject({ method: 'POST', url: '/api/org-units', headers, payload: bad })).statusCode).toBe(400);
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers,
      payload: { ...bad, parentId: t.org.org.cityB.id },
    });
    expect(good.statusCode).toBe(201);
  });
});
