import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../test/test-app';
import { notifyUsers } from './notifications.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('notifications', () => {
  it('stores an alert once per user and dedupe key, lists mine and marks it read', async () => {
    const { am1, manager1 } = t.org.users;
    const alert = { kind: 'commitment.overdue', title: '承诺已逾期', link: '/x', dedupeKey: 'c:1:overdue' };
    expect(await notifyUsers({ tx: t.handle.db, userIds: [am1.id, manager1.id, am1.id], alert })).toHaveLength(2);
    expect(await notifyUsers({ tx: t.handle.db, userIds: [am1.id, manager1.id], alert })).toEqual([]);
    const s = await loginAs(t.app, 'am1');
    const mine = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: s.headers })).json();
    expect(mine).toMatchObject({ total: 1, unread: 1, items: [{ kind: 'commitment.overdue', readAt: null }] });
    const count = await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: s.headers });
    expect(count.json()).toEqual({ unread: 1 });
    const id = mine.items[0].id;
    const other = await loginAs(t.app, 'manager1');
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${id}/read`,
      headers: other.headers,
    });
    expect(foreign.statusCode).toBe(404);
    const read = await t.app.inject({ method: 'POST', url: `/api/notifications/${id}/read`, headers: s.headers });
    expect(read.json().readAt).not.toBeNull();
    const unread = (
      await t.app.inject({ method: 'GET', url: '/api/notifications?unread=true', headers: s.headers })
    ).json();
    expect(unread).toMatchObject({ total: 0, unread: 0 });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: s.headers })).json(),
    ).toEqual({ unread: 0 });
    const all = await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: other.headers });
    expect(all.json()).toEqual({ updated: 1 });
  });
});
