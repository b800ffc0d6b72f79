// The TMF629 event hub end to end: a listener on 127.0.0.1 receives every event of a scripted create / patch / state
// change / delete of a customer, made through TMF629 and through /api, in order and exactly once (also after a 503).
// The job runner is driven from the test (runDueJobs; retryPendingDeliveries stands in for the back-off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { runDueJobs } from '../../jobs/jobs.service';
import { registerTmfHubJobs } from '../hub/hub.jobs';
import { retryPendingDeliveries } from '../hub/hub.service';
import { startTestListener, type TestListener } from '../hub/hub.test-helpers';

let t: TestApp;
let admin: Session;
let am3: Session;
let listener: TestListener;
const base = '/tmf-api/customerManagement/v4';

const call = (who: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, payload: payload as object });
const deliverAll = async (slot: string) => {
  await retryPendingDeliveries({ db: t.handle.db, slot });
  await runDueJobs({ handle: t.handle });
};

beforeAll(async () => {
  t = await createTestApp();
  registerTmfHubJobs();
  admin = await loginAs(t.app, 'admin');
  am3 = await loginAs(t.app, 'am3');
  listener = await startTestListener();
});
afterAll(async () => {
  await listener.stop();
  await t.close();
});

describe('TMF629 event hub', () => {
  it('delivers create, attribute change, state change and delete events in order exactly once, from TMF629 and /api', async () => {
    const sub = await call(admin, 'POST', `${base}/hub`, { callback: listener.url });
    expect(sub.statusCode, sub.body).toBe(201);
    listener.secret = sub.json().secret;
    const other = await call(am3, 'POST', `${base}/hub`, { callback: `${listener.url}/other` });
    expect(other.statusCode).toBe(201);

    const created = await call(admin, 'POST', `${base}/customer`, {
      name: '秦淮书店',
      engagedParty: { '@referredType': 'Organization' },
      relatedParty: [{ id: String(t.org.users.am1.id), role: 'accountManager' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    await runDueJobs({ handle: t.handle });

    listener.answer = 503;
    await call(admin, 'PATCH', `${base}/customer/${id}`, { name: '秦淮书局' });
    await runDueJobs({ handle: t.handle });
    expect(listener.accepted()).toHaveLength(1);

    listener.answer = 200;
    const native = await call(admin, 'PATCH', `/api/customers/${id}`, { status: 'suspended' });
    expect(native.statusCode, native.body).toBe(200);
    expect((await call(admin, 'DELETE', `${base}/customer/${id}`)).statusCode).toBe(204);
    await deliverAll('back');
    await deliverAll('after');

    const events = listener.accepted();
    expect(events.map((e) => e.eventType)).toEqual([
      'CustomerCreateEvent',
      'CustomerAttributeValueChangeEvent',
      'CustomerStateChangeEvent',
      'CustomerDeleteEvent',
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(4);
    expect(events.every((e) => e.event.customer.id === id)).toBe(true);
    expect(events[1]).toMatchObject({ fieldPath: 'name', event: { customer: { name: '秦淮书局' } } });
    expect(events[2].event.customer).toMatchObject({ status: 'suspended', '@type': 'Customer' });
    expect(events[3].event.customer).toMatchObject({ name: '秦淮书局' });
    expect(listener.received.filter((r) => !r.ok)).toHaveLength(1);
    // am3 cannot see a customer of cityA: their subscription received nothing.
    expect((await call(am3, 'GET', `${base}/hub/${other.json().id}/delivery`)).json().events).toEqual([]);
  });
});
