// Imports announce what they create and change: a TMF hub subscriber receives CreateEvent and
// AttributeValueChangeEvent notifications for imported customers (TMF629), their parties (TMF632) and billing
// accounts (TMF666), written to the outbox in the commit's transaction (set-based), and only for what it may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { runDueJobs } from '../jobs/jobs.service';
import { registerTmfHubJobs } from '../tmf/hub/hub.jobs';
import { startTestListener, type TestListener } from '../tmf/hub/hub.test-helpers';
import { creditCode, csv, importFile, seedCustomersAndAccounts, useScratchImportsDir } from './imports.test-helpers';

let t: TestApp;
let admin: Session;
let am3: Session;
let listener: TestListener;
const secret = 'imports-hub-secret-0123456789';
const hubs = ['/tmf-api/customerManagement/v4/hub', '/tmf-api/party/v4/hub', '/tmf-api/accountManagement/v4/hub'];

beforeAll(async () => {
  useScratchImportsDir();
  t = await createTestApp();
  registerTmfHubJobs();
  admin = await loginAs(t.app, 'admin');
  am3 = await loginAs(t.app, 'am3');
  listener = await startTestListener();
  listener.secret = secret;
});
afterAll(async () => {
  await listener.stop();
  await t.close();
});

const subscribe = async (who: Session, url: string, callback: string) => {
  const res = await t.app.inject({ method: 'POST', url, headers: who.headers, payload: { callback, secret } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

describe('imports publish TMF events', () => {
  it('notifies a hub subscriber of every imported customer, party and account, and of imported changes', async () => {
    for (const hub of hubs) await subscribe(admin, hub, listener.url);
    // am3 works in another city: the imported customers are outside their portfolio.
    const am3Hubs: string[] = [];
    for (const hub of hubs) am3Hubs.push(`${hub}/${await subscribe(am3, hub, `${listener.url}/am3`)}`);

    await seedCustomersAndAccounts({ app: t.app, handle: t.handle, s: admin, n: 3, prefix: 'EV' });
    await runDueJobs({ handle: t.handle });
    const created = listener.accepted();
    const count = (type: string) => created.filter((e) => e.eventType === type).length;
    expect(count('CustomerCreateEvent')).toBe(3);
    expect(count('OrganizationCreateEvent')).toBe(3);
    expect(count('BillingAccountCreateEvent')).toBe(3);
    expect(created).toHaveLength(9);
    const names = created
      .filter((e) => e.eventType === 'CustomerCreateEvent')
      .map((e) => e.event.customer.name)
      .sort();
    expect(names).toEqual(['EV测试公司1', 'EV测试公司2', 'EV测试公司3']);
    const account = created.find((e) => e.eventType === 'BillingAccountCreateEvent')?.event.billingAccount;
    expect(account).toMatchObject({ '@type': 'BillingAccount' });

    // A second import renames one customer and leaves the others as they are: one change event per API.
    const { committed } = await importFile({
      app: t.app,
      handle: t.handle,
      s: admin,
      entity: 'customers',
      fileName: 'rename.csv',
      content: csv([
        ['外部编号', '统一社会信用代码', '客户名称', '客户类别', '归属机构编码'],
        ['EV-1', creditCode(1), 'EV更名公司1', '大客户', 'C1'],
        ['EV-2', creditCode(2), 'EV测试公司2', '大客户', 'C1'],
      ]),
      commit: true,
    });
    expect(committed?.status).toBe('committed');
    await runDueJobs({ handle: t.handle });
    const changes = listener.accepted().slice(9);
    expect(changes.map((e) => e.eventType).sort()).toEqual([
      'CustomerAttributeValueChangeEvent',
      'OrganizationAttributeValueChangeEvent',
    ]);
    const customerChange = changes.find((e) => e.eventType === 'CustomerAttributeValueChangeEvent');
    expect(customerChange?.event.customer).toMatchObject({ name: 'EV更名公司1' });
    expect(customerChange?.fieldPath).toBe('name');

    // Nothing reached the subscriber who may not see these customers, and nothing was sent twice.
    for (const hub of am3Hubs) {
      const log = await t.app.inject({ method: 'GET', url: `${hub}/delivery`, headers: am3.headers });
      expect(log.json().events, hub).toEqual([]);
    }
    expect(new Set(listener.accepted().map((e) => e.eventId)).size).toBe(listener.accepted().length);
  });
});
