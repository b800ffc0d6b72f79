import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerVia } from '../../test/customer-helpers';
import { createTestApp, loginAs, type TestApp } from '../../test/test-app';

// The audit log and a customer's history name people by their display names, not their logins.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.handle.db.execute(sql`update users set display_name = '王晓明' where id = ${t.org.users.am1.id}`);
});
afterAll(() => t.close());

describe('audit display names', () => {
  it("shows the acting user's display name beside the stored login, in the history and the admin log", async () => {
    const am1 = await loginAs(t.app, 'am1');
    const admin = await loginAs(t.app, 'admin');
    const c = await createCustomerVia(t.app, am1, { accountManagerId: t.org.users.am1.id });
    const history = await t.app.inject({ method: 'GET', url: `/api/customers/${c.id}/history`, headers: am1.headers });
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items[0]).toMatchObject({ actorName: 'am1', actorDisplayName: '王晓明', action: 'create' });
    const log = await t.app.inject({ method: 'GET', url: '/api/audit?entity=customer', headers: admin.headers });
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().items.find((e: { entityId: string }) => e.entityId === String(c.id))).toMatchObject({
      actorDisplayName: '王晓明',
    });
  });

  it('leaves the display name empty for a system actor without a user', async () => {
    await t.handle.db.execute(sql`insert into audit_log (actor_user_id, actor_name, action, entity, entity_id, changes)
      values (null, 'system', 'bootstrap', 'org_unit', '1', '{}'::jsonb)`);
    const admin = await loginAs(t.app, 'admin');
    const log = await t.app.inject({ method: 'GET', url: '/api/audit?entity=org_unit', headers: admin.headers });
    expect(log.json().items.find((e: { action: string }) => e.action === 'bootstrap')).toMatchObject({
      actorName: 'system',
      actorDisplayName: null,
    });
  });

  it('names the people behind user-id fields of the changes and the customer of each entry', async () => {
    const am1 = await loginAs(t.app, 'am1');
    const admin = await loginAs(t.app, 'admin');
    const c = await createCustomerVia(t.app, am1, { accountManagerId: t.org.users.am1.id });
    const history = await t.app.inject({ method: 'GET', url: `/api/customers/${c.id}/history`, headers: am1.headers });
    const page = history.json();
    expect(page.items[0].changes.accountManagerId.after).toBe(t.org.users.am1.id);
    expect(page.people[String(t.org.users.am1.id)]).toBe('王晓明');
    expect(page.customers[String(c.id)].name).toBe(c.name);
    const log = await t.app.inject({ method: 'GET', url: '/api/audit?entity=customer', headers: admin.headers });
    expect(log.json().customers[String(c.id)]).toMatchObject({ name: c.name });
    expect(log.json().people[String(t.org.users.am1.id)]).toBe('王晓明');
  });
});
