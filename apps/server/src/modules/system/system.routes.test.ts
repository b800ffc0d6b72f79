import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../test/test-app';
import { systemPreparation } from './system.service';

// The administrator's home page reads one overview: database health, background jobs, imports and audit alerts.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.handle.db.execute(sql`update users set display_name = '王晓明' where id = ${t.org.users.am1.id}`);
});
afterAll(() => t.close());

describe('system overview (admin home)', () => {
  it('shows failed jobs and reads of full personal data of the last day to the administrator', async () => {
    await t.handle.db.execute(sql`insert into jobs (type, status, error, finished_at)
      values ('grading.run', 'failed', 'boom for 13812345678', now())`);
    await t.handle.db.execute(sql`insert into audit_log (actor_user_id, actor_name, action, entity, entity_id, changes)
      values (${t.org.users.am1.id}, 'am1', 'read_pii', 'customer', '1', '{}'::jsonb)`);
    const admin = await loginAs(t.app, 'admin');
    const res = await t.app.inject({ method: 'GET', url: '/api/system/overview', headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.health.database).toBe('ok');
    expect(o.jobs.failedLast24h).toBeGreaterThanOrEqual(1);
    expect(o.jobs.recentFailures[0]).toMatchObject({ type: 'grading.run' });
    expect(o.auditAlerts.counts).toEqual(expect.arrayContaining([{ action: 'read_pii', count: 1 }]));
    expect(o.auditAlerts.recent[0]).toMatchObject({ action: 'read_pii', entity: 'customer' });
    expect(o.auditAlerts.recent[0].actor).toBe('王晓明');
    expect(Array.isArray(o.imports)).toBe(true);
  });

  it('is for administrators only', async () => {
    for (const who of ['am1', 'agent1', 'marketing1']) {
      const user = await loginAs(t.app, who).catch(() => null);
      if (!user) continue;
      const res = await t.app.inject({ method: 'GET', url: '/api/system/overview', headers: user.headers });
      expect(res.statusCode, who).toBe(403);
    }
  });
});

describe('demo preparation notice', () => {
  it('tells every signed-in user that the demo is still being prepared while jobs of this start are due or running', async () => {
    const now = new Date();
    await t.handle.db.execute(sql`insert into jobs (type, status, started_at, finished_at)
      values ('ka.after-grading', 'succeeded', now(), now())`);
    await t.handle.db.execute(sql`insert into jobs (type, status) values ('loyalty.earn-bills', 'queued')`);
    await t.handle.db.execute(sql`insert into jobs (type, status, run_at)
      values ('surveys.expire', 'queued', now() + interval '3 days')`);
    const p = await systemPreparation({ db: t.handle.db, demo: true, now, uptimeSeconds: 60 });
    expect(p.preparing).toBe(true);
    expect(p.total - p.done).toBe(1); // the due job; a job scheduled in three days does not count
    expect(p.done).toBeGreaterThanOrEqual(1);
    expect((await systemPreparation({ db: t.handle.db, demo: false, now, uptimeSeconds: 60 })).preparing).toBe(false);
    expect((await systemPreparation({ db: t.handle.db, demo: true, now, uptimeSeconds: 7200 })).preparing).toBe(false);

    const am1 = await loginAs(t.app, 'am1');
    const res = await t.app.inject({ method: 'GET', url: '/api/system/preparation', headers: am1.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ preparing: expect.any(Boolean), done: expect.any(Number) });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/system/preparation' });
    expect(anonymous.statusCode).toBe(401);

    await t.handle.db.execute(sql`update jobs set status = 'succeeded', finished_at = now()
      where type = 'loyalty.earn-bills' and status = 'queued'`);
    expect((await systemPreparation({ db: t.handle.db, demo: true, now, uptimeSeconds: 60 })).preparing).toBe(false);
  });
});
