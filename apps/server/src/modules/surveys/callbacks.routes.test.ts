import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerVia } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { runDueJobs } from '../jobs/jobs.service';
import { signInbound } from './callbacks.models';
import { expireInvitations, sendInvitation } from './callbacks.service';
import { simulatedOutbox } from './surveys.channels';
import { registerSurveyJobs } from './surveys.jobs';

let t: TestApp;
let s: Record<'admin' | 'agent1' | 'quality1' | 'manager2', Session>;
const SECRET = 'dev-survey-webhook-secret';

beforeAll(async () => {
  registerSurveyJobs();
  t = await createTestApp();
  s = {} as typeof s;
  for (const u of ['admin', 'agent1', 'quality1', 'manager2'] as const) s[u] = await loginAs(t.app, u);
});
afterAll(() => t.close());

const call = async (who: Session | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, headers: who?.headers ?? {}, payload: payload as object });
  return { status: res.statusCode, body: res.body ? res.json() : null };
};

/** A ticket for the customer, taken through to closed with the customer's confirmation by its owner agent1. */
async function closeTicketFor(customerId: number) {
  const created = await call(s.agent1, 'POST', '/api/service-desk/tickets', {
    type: 'fault_report',
    channel: 'phone',
    customerId,
    severity: 'minor',
    title: '宽带断线',
    callerPhone: '13912345678',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id;
  for (const body of [
    { status: 'inProgress' },
    { status: 'resolved' },
    { status: 'closed', customerConfirmed: true },
  ]) {
    const r = await call(s.agent1, 'POST', `/api/service-desk/tickets/${id}/transitions`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  await runDueJobs({ handle: t.handle });
  return id as number;
}

async function surveysOf(customerId: number) {
  const r = await call(s.admin, 'GET', `/api/customers/${customerId}/surveys`);
  expect(r.status).toBe(200);
  return r.body as { id: number; status: string; suppressedReason: string | null; trigger: string }[];
}

/** Sends the invitation at its scheduled time (outside quiet hours) and returns the token the channel got. */
async function deliver(invitationId: number) {
  const inv = await sendInvitation({ db: t.handle.db, id: invitationId, now: new Date(Date.now() + 12 * 3_600_000) });
  expect(inv?.status).toBe('sent');
  return simulatedOutbox().find((m) => m.invitationId === invitationId)!.token;
}

function inbound(payload: unknown, opts: { secret?: string; at?: number } = {}) {
  const body = JSON.stringify(payload);
  const ts = String(Math.floor((opts.at ?? Date.now()) / 1000));
  return t.app.inject({
    method: 'POST',
    url: '/api/surveys/inbound',
    headers: {
      'content-type': 'application/json',
      'x-survey-timestamp': ts,
      'x-survey-signature': signInbound(opts.secret ?? SECRET, ts, body),
    },
    payload: body,
  });
}

describe('callback survey after a confirmed resolution', () => {
  it('schedules one survey per closed ticket, sends it, and records a signed answer exactly once', async () => {
    const c = await createCustomerVia(t.app, s.admin, { name: '回访测试一', orgUnitId: t.org.org.cityA.id });
    await closeTicketFor(c.id);
    await runDueJobs({ handle: t.handle }); // a second run changes nothing
    const [inv, ...more] = await surveysOf(c.id);
    expect(more).toHaveLength(0);
    expect(inv).toMatchObject({ trigger: 'ticket_closed', status: 'scheduled' });
    const token = await deliver(inv.id);

    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/api/surveys/inbound',
      payload: { messageId: 'm0', token, answers: { csat: 5 } },
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error.code).toBe('surveys.signature_missing');
    expect((await inbound({ messageId: 'm0', token, answers: { csat: 5 } }, { secret: 'wrong' })).statusCode).toBe(401);
    expect(
      (await inbound({ messageId: 'm0', token, answers: { csat: 5 } }, { at: Date.now() - 3_600_000 })).statusCode,
    ).toBe(401);

    const bad = await inbound({ messageId: 'm1', token, answers: { csat: 9, nope: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['answers.csat', 'answers.nope']);
    expect((await inbound({ messageId: 'm1', token: 'unknown', answers: { csat: 5 } })).statusCode).toBe(404);

    const ok = await inbound({ messageId: 'm2', token, answers: { csat: 5, recommend: 10, reason: 'fine' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ replayed: false, dissatisfied: false, followupId: null });
    const replay = await inbound({ messageId: 'm2', token, answers: { csat: 1 } });
    expect(replay.json()).toMatchObject({ replayed: true, dissatisfied: false });
    const other = await inbound({ messageId: 'm3', token, answers: { csat: 1 } });
    expect(other.statusCode).toBe(409);
    const [answered] = await surveysOf(c.id);
    expect(answered).toMatchObject({ status: 'answered', csat: 5, recommend: 10 });
    // The 360 header shows the latest answer's CSAT.
    const headline = await call(s.admin, 'GET', `/api/customers/${c.id}/headline`);
    expect(headline.body.satisfaction).toEqual({ score: 5, measure: 'csat' });
  });

  it('holds back a second survey within 30 days and never surveys an opted-out customer', async () => {
    const c = await createCustomerVia(t.app, s.admin, { name: '回访测试二', orgUnitId: t.org.org.cityA.id });
    await closeTicketFor(c.id);
    await closeTicketFor(c.id);
    const statuses = (await surveysOf(c.id)).map((i) => [i.status, i.suppressedReason]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        ['scheduled', null],
        ['suppressed', 'recently_surveyed'],
      ]),
    );

    const d = await createCustomerVia(t.app, s.admin, { name: '回访测试三', orgUnitId: t.org.org.cityA.id });
    expect(
      (await call(s.agent1, 'POST', '/api/surveys/opt-outs', { customerId: d.id, source: '客户来电要求' })).status,
    ).toBe(201);
    await closeTicketFor(d.id);
    expect((await surveysOf(d.id)).map((i) => i.suppressedReason)).toEqual(['opted_out']);
  });

  it('closes an unanswered survey after 72 hours; a late answer is refused', async () => {
    const c = await createCustomerVia(t.app, s.admin, { name: '回访测试四', orgUnitId: t.org.org.cityA.id });
    await closeTicketFor(c.id);
    const [inv] = await surveysOf(c.id);
    const token = await deliver(inv.id);
    expect(await expireInvitations({ db: t.handle.db, now: new Date(Date.now() + 100 * 3_600_000) })).toBeGreaterThan(
      0,
    );
    const late = await inbound({ messageId: 'late-1', token, answers: { csat: 4 } });
    expect(late.statusCode).toBe(410);
    expect((await surveysOf(c.id))[0].status).toBe('expired');
  });
});

describe('dissatisfaction loop', () => {
  it('gives a dissatisfied answer to the ticket owner, and only a satisfied re-survey closes it', async () => {
    const c = await createCustomerVia(t.app, s.admin, { name: '回访测试五', orgUnitId: t.org.org.cityA.id });
    await closeTicketFor(c.id);
    const [inv] = await surveysOf(c.id);
    const token = await deliver(inv.id);
    const res = await inbound({ messageId: 'd1', token, answers: { csat: 2, recommend: 3, reason: 'slow' } });
    expect(res.json()).toMatchObject({ dissatisfied: true });
    const followupId = res.json().followupId as number;

    const mine = await call(s.agent1, 'GET', '/api/surveys/followups');
    const f = mine.body.find((x: { id: number }) => x.id === followupId);
    expect(f).toMatchObject({ status: 'open', reasons: ['csat:2', 'recommend:3', 'reason:slow'] });
    expect(f.ownerId).toBe(t.org.users.agent1.id);
    expect(f.customerName).toBe('回访测试五');
    // Quality staff see the follow-ups of the customers in their scope.
    const quality = await call(s.quality1, 'GET', '/api/surveys/followups');
    expect(quality.body.map((x: { id: number }) => x.id)).toContain(followupId);
    const bell = await call(s.agent1, 'GET', '/api/notifications');
    expect(JSON.stringify(bell.body)).toContain('回访不满意');

    const early = await call(s.agent1, 'POST', `/api/surveys/followups/${followupId}/resurvey`);
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('surveys.contact_first');
    expect((await call(s.manager2, 'POST', `/api/surveys/followups/${followupId}/contact`, { note: 'x' })).status).toBe(
      404,
    );
    const contact = await call(s.agent1, 'POST', `/api/surveys/followups/${followupId}/contact`, {
      note: '已致电客户，安排工程师上门更换光猫',
    });
    expect(contact.body).toMatchObject({ attempts: 1 });
    const again = await call(s.agent1, 'POST', `/api/surveys/followups/${followupId}/resurvey`);
    expect(again.status).toBe(200);
    expect(again.body.followup.status).toBe('resurveyed');
    const token2 = await deliver(again.body.invitationId);
    const unhappy = await inbound({ messageId: 'd2', token: token2, answers: { csat: 1 } });
    expect(unhappy.json()).toMatchObject({ dissatisfied: true, followupId });
    const stillOpen = (await call(s.agent1, 'GET', '/api/surveys/followups')).body.find(
      (x: { id: number }) => x.id === followupId,
    );
    expect(stillOpen.status).toBe('open');

    const third = await call(s.agent1, 'POST', `/api/surveys/followups/${followupId}/resurvey`);
    const token3 = await deliver(third.body.invitationId);
    await inbound({ messageId: 'd3', token: token3, answers: { csat: 5 } });
    const closed = (await call(s.agent1, 'GET', '/api/surveys/followups?open=false')).body.find(
      (x: { id: number }) => x.id === followupId,
    );
    expect(closed.status).toBe('recovered');

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const funnel = await call(s.quality1, 'GET', `/api/surveys/callbacks/funnel?from=${from}&to=${to}`);
    expect(funnel.status).toBe(200);
    expect(funnel.body.recovered).toBeGreaterThanOrEqual(1);
    expect(funnel.body.dissatisfied).toBeGreaterThanOrEqual(1);
    expect(funnel.body.responseRate).toBeGreaterThan(0);
    expect((await call(s.agent1, 'GET', `/api/surveys/callbacks/funnel?from=${from}&to=${to}`)).status).toBe(403);
  });
});
