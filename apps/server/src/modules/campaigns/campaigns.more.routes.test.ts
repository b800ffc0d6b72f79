import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerVia } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { addDays, todayIso } from '../ka-common/ka-common.models';
import { simulatedMarketingOutbox } from './campaigns.channels';
import { registerCampaignJobs } from './campaigns.jobs';
import { dispatchCampaign, generateContactList } from './campaigns.service';

// DOMAIN.md 5.7: offers within the discount authority, churn-risk and satisfaction conditions, nested condition
// trees, and the contact job's frequency cap and quiet hours.

let t: TestApp;
let mk: Session;
let admin: Session;
let manager: Session;
const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.handle.db.execute(q)) as unknown as { rows: T[] }).rows;
const post = (url: string, payload: unknown, s: Session = mk) =>
  t.app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });
const patch = (url: string, payload: unknown, s: Session = mk) =>
  t.app.inject({ method: 'PATCH', url, headers: s.headers, payload: payload as object });
const get = (url: string, s: Session = mk) => t.app.inject({ method: 'GET', url, headers: s.headers });
const preview = async (definition: unknown) => {
  const res = await post('/api/marketing/segments/preview', { definition });
  expect(res.statusCode).toBe(200);
  return res.json() as { count: number; sample: { id: number }[] };
};

const customers: number[] = [];
let code = 0;
const offerBody = (over: Record<string, unknown> = {}) => ({
  code: `OFFER-${++code}`,
  name: `优惠${code}`,
  offeringCode: 'INTL_VIP',
  monthlyPriceFen: 10_000,
  discountPct: 0,
  validFrom: todayIso(),
  validTo: '2099-12-31',
  ...over,
});
/** A campaign on the given segment moved up to the communication stage (the next advance launches it). */
async function readyCampaign(segmentId: number, offerId: number, plan: Record<string, unknown> = {}) {
  const c = await post('/api/marketing/campaigns', {
    name: `活动${++code}`,
    segmentId,
    offerId,
    plan: { controlPct: 0, channels: ['sms'], quietStart: '00:00', quietEnd: '00:00', ...plan },
  });
  expect(c.statusCode).toBe(201);
  const url = `/api/marketing/campaigns/${c.json().id}`;
  for (const _ of [1, 2, 3]) expect((await post(`${url}/advance`, {})).statusCode).toBe(200);
  return { id: c.json().id as number, url };
}

beforeAll(async () => {
  t = await createTestApp();
  registerCampaignJobs();
  admin = await loginAs(t.app, 'admin');
  mk = await loginAs(t.app, 'marketing1');
  manager = await loginAs(t.app, 'manager1');
  await t.handle.db.execute(sql`insert into product_offerings (code, name_zh, name_en, family, default_monthly_fen)
    values ('INTL_VIP', '国际长途VIP套餐', 'International VIP plan', 'value_added', 10000)`);
  for (let i = 0; i < 6; i++) {
    const c = await createCustomerVia(t.app, admin, {
      category: i < 3 ? 'key_account' : 'business',
      orgUnitId: t.org.org.cityA.id,
      industry: i % 2 === 0 ? 'finance' : 'retail_catering',
    });
    customers.push(c.id);
  }
});
afterAll(async () => {
  await t.close();
});

/** A saved segment of the six customers of this file (the only ones of these industries). */
const sixSegment = async (name: string) => {
  const res = await post('/api/marketing/segments', {
    name,
    definition: { op: 'and', children: [{ field: 'industry', values: ['finance', 'retail_catering'] }] },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
};

describe('offers within the discount authority', () => {
  it('approves an offer within the creator authority at once and holds one beyond it for the manager above', async () => {
    const plain = await post('/api/marketing/offers', offerBody());
    expect(plain.statusCode).toBe(201);
    expect(plain.json()).toMatchObject({ approvalStatus: 'approved', decisionReason: 'within_authority' });
    const vip = await post('/api/marketing/offers', offerBody({ discountPct: 20 }));
    expect(vip.statusCode).toBe(201);
    // manager1 (city, 15 %) cannot cover 20 %: the administrator above is asked.
    expect(vip.json()).toMatchObject({ approvalStatus: 'pending', approverId: t.org.users.admin.id });
    const listed = (await get('/api/marketing/offers')).json() as { id: number; approvalStatus: string }[];
    expect(listed.find((o) => o.id === vip.json().id)?.approvalStatus).toBe('pending');
  });

  it('refuses to launch a campaign with an unapproved offer, and approves only within the decider authority', async () => {
    const segmentId = await sixSegment('全部测试客户');
    const offer = (await post('/api/marketing/offers', offerBody({ discountPct: 20 }))).json();
    const { url } = await readyCampaign(segmentId, offer.id);
    const refused = await post(`${url}/advance`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('campaigns.offer_not_approved');
    expect((await get(url)).json().stage).toBe('communication');

    const decision = `/api/marketing/offers/${offer.id}/decision`;
    // Marketing has no approval permission; the city manager's 15 % does not cover 20 %.
    expect((await post(decision, { decision: 'approve' })).statusCode).toBe(403);
    const over = await post(decision, { decision: 'approve' }, manager);
    expect(over.statusCode).toBe(403);
    expect(over.json().error.code).toBe('campaigns.offer_over_authority');
    const ok = await post(decision, { decision: 'approve', reason: '国际长途保有' }, admin);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ approvalStatus: 'approved', decidedByName: 'admin' });
    expect((await post(decision, { decision: 'reject' }, admin)).statusCode).toBe(409);
    expect((await post(`${url}/advance`, {})).statusCode).toBe(200);
    const audit = await rows<{ action: string }>(
      sql`select action from audit_log where entity = 'marketing_offer' and entity_id = ${String(offer.id)}`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['approve', 'create']);
  });

  it('keeps a rejected offer off campaigns', async () => {
    const offer = (await post('/api/marketing/offers', offerBody({ discountPct: 30 }))).json();
    const rejected = await post(`/api/marketing/offers/${offer.id}/decision`, { decision: 'reject' }, manager);
    expect(rejected.json().approvalStatus).toBe('rejected');
    const segmentId = await sixSegment('驳回测试');
    const res = await post('/api/marketing/campaigns', { name: '驳回', segmentId, offerId: offer.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('campaigns.offer_not_approved');
  });

  it('enforces the validity and the eligibility of the offer', async () => {
    const segmentId = await sixSegment('有效期测试');
    const future = (await post('/api/marketing/offers', offerBody({ validFrom: addDays(todayIso(), 10) }))).json();
    const early = await readyCampaign(segmentId, future.id);
    const res = await post(`${early.url}/advance`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('campaigns.offer_not_yet_valid');

    // Only key accounts may take this offer: the list holds them only.
    const kaOnly = (
      await post(
        '/api/marketing/offers',
        offerBody({ eligibility: { op: 'and', children: [{ field: 'category', values: ['key_account'] }] } }),
      )
    ).json();
    const c = await readyCampaign(segmentId, kaOnly.id, { recentContactDays: 0 });
    expect((await post(`${c.url}/advance`, {})).statusCode).toBe(200);
    await generateContactList({ db: t.handle.db, campaignId: c.id, userId: t.org.users.marketing1.id });
    const members = await rows<{ customer_id: number }>(
      sql`select customer_id from marketing_campaign_members where campaign_id = ${c.id}`,
    );
    expect(members.map((m) => Number(m.customer_id)).sort()).toEqual(customers.slice(0, 3).sort());
  });
});

describe('segment conditions', () => {
  it('selects by churn risk of the latest successful scoring run', async () => {
    const [model] = await rows<{ id: number }>(sql`insert into churn_models (learner, feature_set_version, train_from,
        train_to, horizon_months, rows, positives, validation_rows, metrics, importance, encoding, model, train_seconds)
      values ('logistic', 'v1', '2025-01', '2025-06', 3, 10, 2, 2, '{}', '[]', '{"version":"v1","levels":{}}', '{}', 1)
      returning id`);
    const run = async (status: string, risks: number[]) => {
      const [r] = await rows<{
        id: number;
      }>(sql`insert into churn_score_runs (period, model_id, status, control_percent,
          seed) values ('2025-06', ${model.id}, ${status}, 0, 1) returning id`);
      for (const [i, risk] of risks.entries()) {
        await t.handle.db.execute(sql`insert into churn_scores (run_id, customer_id, risk, monthly_value_fen,
            value_at_risk_fen, reasons, control) values (${r.id}, ${customers[i]}, ${risk}, 0, 0, '[]', false)`);
      }
    };
    await run('succeeded', [0.9, 0.9, 0.9, 0.9, 0.9, 0.9]);
    await run('succeeded', [0.8, 0.55, 0.2, 0.1, 0.7, 0.05]);
    await run('failed', [0.99, 0.99, 0.99, 0.99, 0.99, 0.99]);
    const high = await preview({ op: 'and', children: [{ field: 'churnRisk', op: 'gte', pct: 55 }] });
    expect(high.sample.map((s) => s.id).sort()).toEqual([customers[0], customers[1], customers[4]].sort());
    const low = await preview({ op: 'and', children: [{ field: 'churnRisk', op: 'lte', pct: 10 }] });
    expect(low.count).toBe(2);
  });

  it('selects by the latest CSAT or NPS answer, and customers without answers match neither', async () => {
    const [q] = await rows<{ id: number }>(sql`insert into questionnaires (code, version, kind, title_zh, title_en,
        questions) values ('SEG', 1, 'callback', '回访', 'Callback', '[]') returning id`);
    const answer = async (customerId: number, csat: number, recommend: number, daysAgo: number) => {
      const [inv] = await rows<{ id: number }>(sql`insert into survey_invitations (questionnaire_id, customer_id,
          trigger, channel, token, status, scheduled_at) values (${q.id}, ${customerId}, 'import', 'sms',
          ${`tok-${customerId}-${daysAgo}`}, 'answered', now()) returning id`);
      await t.handle.db.execute(sql`insert into survey_responses (invitation_id, message_id, answers, csat, recommend,
          dissatisfied, received_at) values (${inv.id}, ${`msg-${inv.id}`}, '{}', ${csat}, ${recommend}, ${csat <= 2},
          now() - make_interval(days => ${daysAgo}))`);
    };
    await answer(customers[0], 2, 3, 40); // older answer, superseded
    await answer(customers[0], 5, 10, 5);
    await answer(customers[1], 1, 2, 5);
    await answer(customers[2], 4, 9, 5);
    const unhappy = await preview({
      op: 'and',
      children: [{ field: 'satisfaction', measure: 'csat', op: 'lte', value: 2, months: 12 }],
    });
    expect(unhappy.sample.map((s) => s.id)).toEqual([customers[1]]);
    const promoters = await preview({
      op: 'and',
      children: [{ field: 'satisfaction', measure: 'nps', op: 'gte', value: 9, months: 12 }],
    });
    expect(promoters.sample.map((s) => s.id).sort()).toEqual([customers[0], customers[2]].sort());
  });

  it('evaluates and/or trees three levels deep and refuses a fourth naming the field', async () => {
    // key accounts in finance, or (business and (retail or finance)) -> KA 0, 2 and business 3, 4, 5
    const three = {
      op: 'or',
      children: [
        {
          op: 'and',
          children: [
            { field: 'category', values: ['key_account'] },
            { field: 'industry', values: ['finance'] },
          ],
        },
        {
          op: 'and',
          children: [
            { field: 'category', values: ['business'] },
            {
              op: 'or',
              children: [
                { field: 'industry', values: ['retail_catering'] },
                { field: 'industry', values: ['finance'] },
              ],
            },
          ],
        },
      ],
    };
    const res = await preview(three);
    expect(res.sample.map((s) => s.id).sort()).toEqual(
      [customers[0], customers[2], customers[3], customers[4], customers[5]].sort(),
    );
    const saved = await post('/api/marketing/segments', { name: '三层', definition: three });
    expect(saved.statusCode).toBe(201);

    const four = structuredClone(three) as { children: { children: { children: unknown[] }[] }[] };
    four.children[1].children[1].children.push({ op: 'and', children: [{ field: 'category', values: ['public'] }] });
    const bad = await post('/api/marketing/segments/preview', { definition: four });
    expect(bad.statusCode).toBe(400);
    const details = JSON.stringify(bad.json().error.details);
    expect(details).toContain('definition.children.1.children.1.children.2');
    expect(details).toContain('3 levels');
  });
});

describe('the contact job', () => {
  it('leaves out customers over the frequency cap across campaigns', async () => {
    const segmentId = await sixSegment('频次测试');
    const offer = (await post('/api/marketing/offers', offerBody())).json();
    // Two earlier campaigns contacted customer 0 twice and customer 1 once in the last 20 days.
    const earlier = [];
    for (const daysAgo of [20, 12]) {
      const c = await post('/api/marketing/campaigns', { name: `历史${daysAgo}`, segmentId });
      earlier.push({ id: c.json().id as number, daysAgo });
    }
    for (const e of earlier) {
      await t.handle.db.execute(sql`insert into marketing_campaign_members (campaign_id, customer_id, arm, status,
          channel, contacted_at) values (${e.id}, ${customers[0]}, 'target', 'sent', 'sms',
          now() - make_interval(days => ${e.daysAgo}))`);
    }
    await t.handle.db.execute(sql`insert into marketing_campaign_members (campaign_id, customer_id, arm, status,
        channel, contacted_at) values (${earlier[0].id}, ${customers[1]}, 'target', 'sent', 'sms',
        now() - make_interval(days => 12))`);
    const c = await readyCampaign(segmentId, offer.id, {
      recentContactDays: 7,
      frequencyCapContacts: 2,
      frequencyCapDays: 30,
    });
    expect((await post(`${c.url}/advance`, {})).statusCode).toBe(200);
    await generateContactList({ db: t.handle.db, campaignId: c.id, userId: t.org.users.marketing1.id });
    const members = await rows<{ customer_id: number; arm: string; excluded_reason: string | null }>(
      sql`select customer_id, arm, excluded_reason from marketing_campaign_members where campaign_id = ${c.id}`,
    );
    const byId = new Map(members.map((m) => [Number(m.customer_id), m]));
    expect(byId.get(customers[0])).toMatchObject({ arm: 'excluded', excluded_reason: 'frequency_cap' });
    expect(byId.get(customers[1])?.arm).toBe('target');
    const results = (await get(`${c.url}/results`)).json();
    expect(results.excluded).toEqual([{ reason: 'frequency_cap', count: 1 }]);
    // A cap of one contact in 30 days would also leave out customer 1; within 7 days neither is "recent".
    const strict = await readyCampaign(segmentId, offer.id, {
      recentContactDays: 7,
      frequencyCapContacts: 1,
      frequencyCapDays: 30,
    });
    await post(`${strict.url}/advance`, {});
    await generateContactList({ db: t.handle.db, campaignId: strict.id, userId: t.org.users.marketing1.id });
    const strictOut = await rows<{ n: number }>(sql`select count(*)::int as n from marketing_campaign_members
      where campaign_id = ${strict.id} and excluded_reason = 'frequency_cap'`);
    expect(Number(strictOut[0].n)).toBe(2);
  });

  it('holds the messages in quiet hours and sends them when the quiet hours end (Asia/Shanghai)', async () => {
    const segmentId = await sixSegment('静默时段测试');
    const offer = (await post('/api/marketing/offers', offerBody())).json();
    const c = await readyCampaign(segmentId, offer.id, {
      recentContactDays: 0,
      quietStart: '21:00',
      quietEnd: '09:00',
      template: '{name}：{offer}',
    });
    expect((await post(`${c.url}/advance`, {})).statusCode).toBe(200);
    const night = new Date('2030-03-04T22:30:00+08:00');
    await generateContactList({
      db: t.handle.db,
      campaignId: c.id,
      userId: t.org.users.marketing1.id,
      now: night,
    });
    const queued = await rows<{ run_at: Date }>(sql`select run_at from jobs where type = 'campaigns.dispatch'
      and (payload->>'campaignId')::int = ${c.id}`);
    expect(queued.map((j) => new Date(j.run_at).toISOString())).toEqual([
      new Date('2030-03-05T09:00:00+08:00').toISOString(),
    ]);
    // Run early anyway (at 23:00): nothing is sent, the dispatch is queued again for 09:00.
    const outbox = () => simulatedMarketingOutbox().filter((m) => m.campaignId === c.id).length;
    const late = await dispatchCampaign({
      db: t.handle.db,
      campaignId: c.id,
      now: () => new Date('2030-03-04T23:00:00+08:00'),
    });
    expect(late.sent).toBe(0);
    expect(outbox()).toBe(0);
    const morning = await dispatchCampaign({
      db: t.handle.db,
      campaignId: c.id,
      now: () => new Date('2030-03-05T09:01:00+08:00'),
    });
    expect(morning.sent).toBe(customers.length);
    expect(outbox()).toBe(customers.length);
    const sentAt = await rows<{ contacted_at: Date }>(sql`select distinct contacted_at from marketing_campaign_members
      where campaign_id = ${c.id} and status = 'sent'`);
    expect(sentAt.map((r) => new Date(r.contacted_at).toISOString())).toEqual([
      new Date('2030-03-05T09:01:00+08:00').toISOString(),
    ]);
  });

  it('sends nothing once the offer has expired', async () => {
    const segmentId = await sixSegment('过期测试');
    const offer = (await post('/api/marketing/offers', offerBody({ validTo: addDays(todayIso(), 2) }))).json();
    const c = await readyCampaign(segmentId, offer.id, { recentContactDays: 0 });
    expect((await post(`${c.url}/advance`, {})).statusCode).toBe(200);
    await generateContactList({ db: t.handle.db, campaignId: c.id, userId: t.org.users.marketing1.id });
    const later = new Date(`${addDays(todayIso(), 5)}T10:00:00+08:00`);
    expect((await dispatchCampaign({ db: t.handle.db, campaignId: c.id, now: () => later })).sent).toBe(0);
    const suppressed = await rows<{ n: number }>(sql`select count(*)::int as n from marketing_campaign_members
      where campaign_id = ${c.id} and status = 'suppressed'`);
    expect(Number(suppressed[0].n)).toBe(customers.length);
  });
});

describe('plan validation', () => {
  it('refuses a frequency cap out of range naming the field', async () => {
    const segmentId = await sixSegment('校验');
    const c = await post('/api/marketing/campaigns', { name: '校验', segmentId });
    const res = await patch(`/api/marketing/campaigns/${c.json().id}`, { plan: { frequencyCapContacts: -1 } });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('frequencyCapContacts');
  });
});
