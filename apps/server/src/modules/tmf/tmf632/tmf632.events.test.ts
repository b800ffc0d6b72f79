// The TMF632 event hub end to end: a listener on 127.0.0.1 receives every event of a scripted create / patch /
// delete of an organisation and an individual, in order and exactly once (also after a 503). The job runner is driven
// from the test (runDueJobs; retryPendingDeliveries stands in for the back-off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { runDueJobs } from '../../jobs/jobs.service';
import { registerTmfHubJobs } from '../hub/hub.jobs';
import { retryPendingDeliveries } from '../hub/hub.service';
import { startTestListener, type TestListener } from '../hub/hub.test-helpers';

let t: TestApp;
let admin: Session;
let listener: TestListener;
const base = '/tmf-api/party/v4';

const call = (who: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, payload: payload as object });

beforeAll(async () => {
  t = await createTestApp();
  registerTmfHubJobs();
  admin = await loginAs(t.app, 'admin');
  listener = await startTestListener();
});
afterAll(async () => {
  await listener.stop();
  await t.close();
});

describe('TMF632 event hub', () => {
  it('delivers create, attribute change and delete events of parties in order exactly once, masked', async () => {
    const sub = await call(admin, 'POST', `${base}/hub`, { callback: listener.url });
    expect(sub.statusCode, sub.body).toBe(201);
    listener.secret = sub.json().secret;

    const org = await call(admin, 'POST', `${base}/organization`, { name: '钟山软件有限公司' });
    expect(org.statusCode, org.body).toBe(201);
    const orgId = org.json().id;
    const person = await call(admin, 'POST', `${base}/individual`, {
      fullName: '李四',
      individualIdentification: [{ identificationType: 'residentIdCard', identificationId: '110105194912310038' }],
    });
    expect(person.statusCode, person.body).toBe(201);
    await runDueJobs({ handle: t.handle });

    listener.answer = 503;
    await call(admin, 'PATCH', `${base}/organization/${orgId}`, { tradingName: '钟山软件集团' });
    await runDueJobs({ handle: t.handle });
    expect(listener.accepted()).toHaveLength(2);

    listener.answer = 200;
    expect((await call(admin, 'DELETE', `${base}/organization/${orgId}`)).statusCode).toBe(204);
    await retryPendingDeliveries({ db: t.handle.db, slot: 'back' });
    await runDueJobs({ handle: t.handle });
    await retryPendingDeliveries({ db: t.handle.db, slot: 'after' });
    await runDueJobs({ handle: t.handle });

    const events = listener.accepted();
    expect(events.map((e) => e.eventType)).toEqual([
      'OrganizationCreateEvent',
      'IndividualCreateEvent',
      'OrganizationAttributeValueChangeEvent',
      'OrganizationDeleteEvent',
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(4);
    expect(events[2]).toMatchObject({
      fieldPath: 'name',
      event: { organization: { id: orgId, name: '钟山软件集团' } },
    });
    expect(events[3].event.organization).toMatchObject({ id: orgId, '@type': 'Organization' });
    const id = (events[1].event.individual.individualIdentification as { identificationId: string }[])[0];
    expect(id.identificationId).not.toBe('110105194912310038');
    expect(listener.received.filter((r) => !r.ok)).toHaveLength(1);
  });
});
