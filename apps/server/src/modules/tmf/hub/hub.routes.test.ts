// The TMF621 event hub end to end: a real listener on 127.0.0.1 receives every event of a scripted create / patch /
// delete, in order and exactly once, also when it answered 503 or was not listening for part of the run. The job
// runner is driven from the test (runDueJobs; retryPendingDeliveries stands in for the back-off having passed).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { enqueueJob, getJob, listJobs, runDueJobs } from '../../jobs/jobs.service';
import { ctxFor, makeCustomer } from '../../service-desk/service-desk.test-helpers';
import { HUB_PURGE_JOB, registerTmfHubJobs } from './hub.jobs';
import { SIGNATURE_HEADER, signBody } from './hub.models';
import { HUB_DELIVER_JOB, retryPendingDeliveries } from './hub.service';

type Received = { body: { eventId: string; eventType: string; event: { troubleTicket: { id: string } } }; ok: boolean };

let t: TestApp;
let s: Record<'agent1' | 'manager2', Session>;
let customerId: number;
let server: Server;
let port = 0;
let answer = 200;
const received: Received[] = [];
let secret = '';
const base = '/tmf-api/troubleTicket/v4';

/** The listener: checks the signature, records the notification and answers `answer`. */
function startListener(): Promise<void> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signed = req.headers[SIGNATURE_HEADER] === signBody(secret, raw);
      const ok = signed && answer < 300;
      received.push({ body: JSON.parse(raw), ok });
      res.statusCode = signed ? answer : 401;
      res.end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
}
const stopListener = () =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const call = (who: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `${base}${url}`, headers: who.headers, payload: payload as object });
const accepted = () => received.filter((r) => r.ok).map((r) => r.body);

beforeAll(async () => {
  t = await createTestApp();
  registerTmfHubJobs();
  const admin = await ctxFor(t.handle.db, t.org.users.admin);
  customerId = (await makeCustomer(admin, { name: '周八', category: 'public', orgUnitId: t.org.org.cityA.id })).id;
  s = { agent1: await loginAs(t.app, 'agent1'), manager2: await loginAs(t.app, 'manager2') };
  await startListener();
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await stopListener();
  await t.close();
});

describe('TMF621 event hub', () => {
  let hubId: string;
  let otherHubId: string;
  let ticketId: string;

  it('registers a subscription (201, id, secret shown once) and refuses a bad callback or query', async () => {
    const res = await call(s.agent1, 'POST', '/hub', { callback: `http://127.0.0.1:${port}/listener` });
    expect(res.statusCode, res.body).toBe(201);
    hubId = res.json().id;
    secret = res.json().secret;
    expect(res.json()).toMatchObject({ id: expect.any(String), callback: `http://127.0.0.1:${port}/listener` });
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    // manager2 cannot see agent1's customers: their subscription receives nothing of this run.
    otherHubId = (await call(s.manager2, 'POST', '/hub', { callback: `http://127.0.0.1:${port}/other` })).json().id;
    const bad = await call(s.agent1, 'POST', '/hub', { callback: 'ftp://127.0.0.1/x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation.invalid', status: '400' });
    for (const callback of ['http://169.254.169.254/latest/meta-data', 'http://[fe80::1]/x', 'http://0.0.0.0:80/x']) {
      const ssrf = await call(s.agent1, 'POST', '/hub', { callback });
      expect(ssrf.statusCode, callback).toBe(400);
      expect(ssrf.json().message).toContain('callback');
    }
    const badQuery = await call(s.agent1, 'POST', '/hub', { callback: 'http://127.0.0.1:1/x', query: 'colour=red' });
    expect(badQuery.statusCode).toBe(400);
  });

  it('delivers every event of a create / patch / delete in order exactly once, across a listener outage', async () => {
    const created = await call(s.agent1, 'POST', '/troubleTicket', {
      description: '光猫频繁掉线',
      severity: 'Major',
      ticketType: 'incident',
      relatedParty: [{ id: String(customerId), role: 'customer' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    ticketId = created.json().id;
    await runDueJobs({ handle: t.handle });
    expect(accepted().map((e) => e.eventType)).toEqual(['TroubleTicketCreateEvent']);

    // The listener answers 503: the next events wait, in order, and the job retries later (back-off).
    answer = 503;
    await call(s.agent1, 'PATCH', `/troubleTicket/${ticketId}`, { name: '光猫掉线' });
    await call(s.agent1, 'PATCH', `/troubleTicket/${ticketId}`, { status: 'inProgress' });
    await runDueJobs({ handle: t.handle });
    expect(accepted()).toHaveLength(1);
    expect(received.at(-1)?.body.eventType).toBe('TroubleTicketAttributeValueChangeEvent');
    const waiting = (await listJobs({ db: t.handle.db, type: HUB_DELIVER_JOB, limit: 50, offset: 0 })).filter(
      (j) => j.status === 'queued' && j.attempts > 0,
    );
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting[0].runAt.getTime()).toBeGreaterThan(Date.now());

    // The listener is gone (connection refused); one more change is queued behind the others.
    await stopListener();
    await call(s.agent1, 'PATCH', `/troubleTicket/${ticketId}`, { note: [{ text: '已派单' }] });
    await retryPendingDeliveries({ db: t.handle.db, slot: 'outage' });
    await runDueJobs({ handle: t.handle });
    expect(accepted()).toHaveLength(1);

    // Back again: the delete and everything still waiting arrive, in order, once each.
    answer = 200;
    await startListener();
    expect((await call(s.agent1, 'DELETE', `/troubleTicket/${ticketId}`)).statusCode).toBe(204);
    await retryPendingDeliveries({ db: t.handle.db, slot: 'back' });
    await runDueJobs({ handle: t.handle });
    const events = accepted();
    expect(events.map((e) => e.eventType)).toEqual([
      'TroubleTicketCreateEvent',
      'TroubleTicketAttributeValueChangeEvent',
      'TroubleTicketStatusChangeEvent',
      'TroubleTicketAttributeValueChangeEvent',
      'TroubleTicketDeleteEvent',
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(5);
    expect(events.every((e) => e.event.troubleTicket.id === ticketId)).toBe(true);
    expect(events[1].event.troubleTicket).toMatchObject({ name: '光猫掉线' });
    expect(events[2].event.troubleTicket).toMatchObject({ status: 'inProgress' });
    expect(received.filter((r) => r.body.eventType && !r.ok).length).toBeGreaterThan(0);

    // Later runs (the old retry jobs included) deliver nothing twice.
    await retryPendingDeliveries({ db: t.handle.db, slot: 'after' });
    const job = waiting[0];
    await t.handle.db.execute(`update jobs set run_at = now() where id = ${job.id}`);
    await runDueJobs({ handle: t.handle });
    expect((await getJob({ db: t.handle.db, id: job.id }))?.status).toBe('succeeded');
    expect(accepted()).toHaveLength(5);
  });

  it('keeps a delivery log of every attempt, visible to the subscriber only', async () => {
    const log = await call(s.agent1, 'GET', `/hub/${hubId}/delivery`);
    expect(log.statusCode, log.body).toBe(200);
    const { events, attempts } = log.json();
    expect(events).toHaveLength(5);
    expect(events.every((e: { deliveredAt: string | null }) => e.deliveredAt)).toBe(true);
    expect(attempts.some((a: { statusCode: number | null }) => a.statusCode === 503)).toBe(true);
    expect(attempts.some((a: { statusCode: number | null; error: string }) => a.statusCode === null && a.error)).toBe(
      true,
    );
    expect((await call(s.manager2, 'GET', `/hub/${hubId}/delivery`)).statusCode).toBe(404);
    const other = await call(s.manager2, 'GET', `/hub/${otherHubId}/delivery`);
    expect(other.json().events).toEqual([]);
  });

  it('purges delivered events and their log after the retention, idempotently, as a durable job', async () => {
    const purgeAt = async (now: Date) => {
      const job = await enqueueJob({ db: t.handle.db, type: HUB_PURGE_JOB, payload: { now: now.toISOString() } });
      await runDueJobs({ handle: t.handle, types: [HUB_PURGE_JOB] });
      return (await getJob({ db: t.handle.db, id: job.id }))?.result;
    };
    const day = 86_400_000;
    // Within the retention (30 days by default) the delivery log is kept.
    expect(await purgeAt(new Date(Date.now() + 29 * day))).toEqual({ events: 0 });
    expect((await call(s.agent1, 'GET', `/hub/${hubId}/delivery`)).json().events).toHaveLength(5);
    expect(await purgeAt(new Date(Date.now() + 31 * day))).toEqual({ events: 5 });
    const log = (await call(s.agent1, 'GET', `/hub/${hubId}/delivery`)).json();
    expect(log).toMatchObject({ events: [], attempts: [] });
    expect(await purgeAt(new Date(Date.now() + 31 * day))).toEqual({ events: 0 });
  });

  it('ends a subscription with DELETE /hub/{id} (204); nothing more is queued for it', async () => {
    expect((await call(s.manager2, 'DELETE', `/hub/${hubId}`)).statusCode).toBe(404);
    expect((await call(s.agent1, 'DELETE', `/hub/${hubId}`)).statusCode).toBe(204);
    expect((await call(s.agent1, 'DELETE', `/hub/${hubId}`)).statusCode).toBe(404);
    expect((await call(s.agent1, 'DELETE', '/hub/not-an-id')).statusCode).toBe(404);
    await call(s.agent1, 'POST', '/troubleTicket', { description: '无人订阅', severity: 'Minor', ticketType: 'x' });
    await runDueJobs({ handle: t.handle });
    expect(accepted()).toHaveLength(5);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=tmf_hub_subscription&entityId=${hubId}`,
      headers: (await loginAs(t.app, 'admin')).headers,
    });
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['create', 'delete']);
  });
});
