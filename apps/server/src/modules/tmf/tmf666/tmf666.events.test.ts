// The TMF666 event hub end to end: a listener on 127.0.0.1 receives every event of a scripted create / patch / state
// change of a billing account, made through TMF666 and through /api, in order and exactly once (also after a 503).
// The job runner is driven from the test (runDueJobs; retryPendingDeliveries stands in for the back-off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { runDueJobs } from '../../jobs/jobs.service';
import { ctxFor, makeCustomer } from '../../service-desk/service-desk.test-helpers';
import { registerTmfHubJobs } from '../hub/hub.jobs';
import { retryPendingDeliveries } from '../hub/hub.service';
import { startTestListener, type TestListener } from '../hub/hub.test-helpers';

let t: TestApp;
let admin: Session;
let am3: Session;
let listener: TestListener;
let customerId: number;
const base = '/tmf-api/accountManagement/v4';

const call = (who: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, payload: payload as object });

beforeAll(async () => {
  t = await createTestApp();
  registerTmfHubJobs();
  const ctx = await ctxFor(t.handle.db, t.org.users.admin);
  customerId = (
    await makeCustomer(ctx, {
      name: '金陵钢铁集团',
      category: 'key_account',
      orgUnitId: t.org.org.cityA.id,
      accountManagerId: t.org.users.am1.id,
    })
  ).id;
  admin = await loginAs(t.app, 'admin');
  am3 = await loginAs(t.app, 'am3');
  listener = await startTestListener();
});
afterAll(async () => {
  await listener.stop();
  await t.close();
});

describe('TMF666 event hub', () => {
  it('delivers create, attribute change and state change events in order exactly once, from TMF666 and /api', async () => {
    const sub = await call(admin, 'POST', `${base}/hub`, { callback: listener.url });
    expect(sub.statusCode, sub.body).toBe(201);
    listener.secret = sub.json().secret;
    // am3 cannot see am1's customer: their subscription receives nothing.
    const other = await call(am3, 'POST', `${base}/hub`, { callback: `${listener.url}/other` });
    expect(other.statusCode).toBe(201);

    const created = await call(admin, 'POST', `${base}/billingAccount`, {
      name: '金陵钢铁总部账户',
      relatedParty: [{ id: String(customerId), role: 'Customer' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    await runDueJobs({ handle: t.handle });

    listener.answer = 503;
    await call(admin, 'PATCH', `${base}/billingAccount/${id}`, { name: '金陵钢铁结算账户' });
    await runDueJobs({ handle: t.handle });
    expect(listener.accepted()).toHaveLength(1);

    listener.answer = 200;
    const native = await call(admin, 'PATCH', `/api/customers/${customerId}/accounts/${id}`, { status: 'suspended' });
    expect(native.statusCode, native.body).toBe(200);
    await retryPendingDeliveries({ db: t.handle.db, slot: 'back' });
    await runDueJobs({ handle: t.handle });
    await retryPendingDeliveries({ db: t.handle.db, slot: 'after' });
    await runDueJobs({ handle: t.handle });

    const events = listener.accepted();
    expect(events.map((e) => e.eventType)).toEqual([
      'BillingAccountCreateEvent',
      'BillingAccountAttributeValueChangeEvent',
      'BillingAccountStateChangeEvent',
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    expect(events.every((e) => e.event.billingAccount.id === id)).toBe(true);
    expect(events[1]).toMatchObject({ fieldPath: 'name', event: { billingAccount: { name: '金陵钢铁结算账户' } } });
    expect(events[2].event.billingAccount).toMatchObject({ state: 'suspended', '@type': 'BillingAccount' });
    expect(listener.received.filter((r) => !r.ok)).toHaveLength(1);
    const log = await call(am3, 'GET', `${base}/hub/${other.json().id}/delivery`);
    expect(log.json().events).toEqual([]);
  });
});
