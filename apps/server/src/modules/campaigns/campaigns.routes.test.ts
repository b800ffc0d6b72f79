import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerVia, seedAccount } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { runDueJobs } from '../jobs/jobs.service';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { simulatedMarketingOutbox } from './campaigns.channels';
import { registerCampaignJobs } from './campaigns.jobs';
import { measure } from './campaigns.models';

// S7 (DOMAIN.md 6): the international VIP plan for key accounts with heavy international traffic, and the group's
// in-group bundle at 6 yuan/month, run as campaigns with a hold-out; exclusions and measurement checked by hand.

let t: TestApp;
let mk: Session;
let admin: Session;
const rows = async <T>(q: ReturnType<typeof sql>) => (await t.handle.db.execute(q)) as unknown as { rows: T[] };
const lastPeriod = shiftPeriod(periodOf(todayIso()), -1);
const window3 = [shiftPeriod(lastPeriod, -2), shiftPeriod(lastPeriod, -1), lastPeriod];
const offerings: Record<string, number> = {};

async function billsWith(customerId: number, no: string, internationalFen: number) {
  const account = await seedAccount(t.handle, customerId, no);
  for (const period of window3) {
    await t.handle.db.execute(sql`insert into bills (account_id, customer_id, period, international_fen, total_fen)
      values (${account.id}, ${customerId}, ${period}, ${internationalFen}, ${internationalFen + 10_000})`);
  }
}

const post = (url: string, payload: unknown, s: Session = mk) =>
  t.app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });
const get = (url: string, s: Session = mk) => t.app.inject({ method: 'GET', url, headers: s.headers });

const ka: Record<string, number> = {};
let groupHead = 0;
const groupMembers: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  registerCampaignJobs();
  admin = await loginAs(t.app, 'admin');
  mk = await loginAs(t.app, 'marketing1');
  const res = await rows<{
    id: number;
    code: string;
  }>(sql`insert into product_offerings (code, name_zh, name_en, family, default_monthly_fen)
    values ('PHS_GROUP', '小灵通集团群内通话包', 'PHS in-group bundle', 'value_added', 600),
      ('INTL_VIP', '国际长途VIP套餐', 'International VIP plan', 'value_added', 10000) returning id, code`);
  for (const r of res.rows) offerings[r.code] = Number(r.id);
  const city = t.org.org.cityA.id;
  const am = t.org.users.am1.id;
  // Key accounts: international spend per month 600 / 200 / 800 yuan; a business customer with 900 yuan.
  for (const [name, intl, category] of [
    ['heavyA', 60_000, 'key_account'],
    ['light', 20_000, 'key_account'],
    ['heavyC', 80_000, 'key_account'],
    ['business', 90_000, 'business'],
  ] as const) {
    const c = await createCustomerVia(t.app, admin, { category, orgUnitId: city, accountManagerId: am });
    ka[name] = c.id;
    await billsWith(c.id, `ACC-${name}`, intl);
  }
  const head = await createCustomerVia(t.app, admin, { category: 'business', orgUnitId: city, name: '集团总部' });
  groupHead = head.id;
  for (let i = 0; i < 19; i++) {
    const m = await createCustomerVia(t.app, admin, {
      category: 'business',
      orgUnitId: city,
      parentCustomerId: head.id,
    });
    groupMembers.push(m.id);
  }
});
afterAll(async () => {
  await t.close();
});

const vipDefinition = (barFen: number) => ({
  op: 'and',
  children: [
    { field: 'category', values: ['key_account'] },
    { field: 'internationalSpend', op: 'gte', valueFen: barFen, months: 3 },
  ],
});

describe('segments', () => {
  it('the international VIP segment finds exactly the key accounts above the configured international spend', async () => {
    const res = await post('/api/marketing/segments/preview', { definition: vipDefinition(50_000) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.sample.map((s: { id: number }) => s.id).sort()).toEqual([ka.heavyA, ka.heavyC].sort());
    expect(body.count).toBe(2);
    const higher = await post('/api/marketing/segments/preview', { definition: vipDefinition(70_000) });
    expect(higher.json().count).toBe(1);
  });

  it('combines conditions with or, and keeps every version of a saved segment', async () => {
    const either = {
      op: 'or',
      children: [
        { field: 'groupOf', customerId: groupHead },
        { op: 'and', children: vipDefinition(50_000).children },
      ],
    };
    expect((await post('/api/marketing/segments/preview', { definition: either })).json().count).toBe(22);
    const created = await post('/api/marketing/segments', { name: 'VIP', definition: vipDefinition(50_000) });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/marketing/segments/${id}`,
      headers: mk.headers,
      payload: { definition: vipDefinition(70_000) },
    });
    expect(patched.json().version).toBe(2);
    const detail = (await get(`/api/marketing/segments/${id}`)).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuses a malformed condition naming the field, and agents may not build segments', async () => {
    const bad = await post('/api/marketing/segments/preview', {
      definition: { op: 'and', children: [{ field: 'internationalSpend', op: 'gte', valueFen: -1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('valueFen');
    const agent = await loginAs(t.app, 'agent1');
    expect((await post('/api/marketing/segments/preview', { definition: vipDefinition(1) }, agent)).statusCode).toBe(
      403,
    );
  });
});

describe('S7 group bundle campaign', () => {
  let campaignId = 0;

  it('runs the five stages, reaches the group members and never contacts the control group or opted-out customers', async () => {
    const seg = await post('/api/marketing/segments', {
      name: '集团成员',
      definition: { op: 'and', children: [{ field: 'groupOf', customerId: groupHead }] },
    });
    const offer = await post('/api/marketing/offers', {
      code: 'PHS-GROUP-6',
      name: '群内通话6元包月',
      offeringCode: 'PHS_GROUP',
      monthlyPriceFen: 600,
      validFrom: todayIso(),
      validTo: '2099-12-31',
    });
    expect(offer.statusCode).toBe(201);
    const created = await post('/api/marketing/campaigns', { name: '集团群内通话', segmentId: seg.json().id });
    expect(created.statusCode).toBe(201);
    campaignId = created.json().id;
    const url = `/api/marketing/campaigns/${campaignId}`;
    const profile = (await get(`${url}/profile`)).json();
    expect(profile.size).toBe(20);
    // Step 2 needs an offer.
    await post(`${url}/advance`, {});
    const blocked = await post(`${url}/advance`, {});
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.details[0].path).toBe('offerId');
    await t.app.inject({
      method: 'PATCH',
      url,
      headers: mk.headers,
      payload: {
        offerId: offer.json().id,
        plan: {
          controlPct: 25,
          channels: ['sms'],
          quietStart: '00:00',
          quietEnd: '00:00',
          template: '{name}您好，群内通话{price}元/月',
          costPerContactFen: 10,
          fixedCostFen: 1_000,
        },
      },
    });
    // Two opt-outs: one before launch, one after the list is generated (caught at send time).
    const [early, late] = [groupMembers[0], groupMembers[1]];
    expect((await post('/api/marketing/opt-outs', { customerId: early })).statusCode).toBe(200);
    for (const _ of [1, 2, 3]) expect((await post(`${url}/advance`, {})).statusCode).toBe(200);
    expect((await get(url)).json().stage).toBe('execution');
    await runDueJobs({ handle: t.handle, types: ['campaigns.generate'] });
    await post('/api/marketing/opt-outs', { customerId: late });
    await runDueJobs({ handle: t.handle, types: ['campaigns.dispatch'] });

    const members = (
      await rows<{
        customer_id: number;
        arm: string;
        status: string;
        contacted_at: Date | null;
        excluded_reason: string | null;
      }>(
        sql`select customer_id, arm, status, contacted_at, excluded_reason from marketing_campaign_members where campaign_id = ${campaignId}`,
      )
    ).rows;
    expect(members).toHaveLength(20);
    // The audit of the generated list counts the rows written, on PGlite (affectedRows) as on PostgreSQL (rowCount).
    const [generated] = (
      await rows<{ changes: { members?: { after?: number } } }>(
        sql`select changes from audit_log where action = 'generate_contacts' and entity = 'marketing_campaign' and entity_id = ${String(campaignId)}`,
      )
    ).rows;
    expect(generated?.changes.members?.after).toBe(20);
    expect(members.find((m) => m.customer_id === early)?.excluded_reason).toBe('opted_out');
    const control = members.filter((m) => m.arm === 'control');
    expect(control).toHaveLength(Math.round(19 * 0.25));
    expect(control.every((m) => m.contacted_at === null)).toBe(true);
    const sentTo = new Set(
      simulatedMarketingOutbox()
        .filter((m) => m.campaignId === campaignId)
        .map((m) => m.customerId),
    );
    for (const c of control) expect(sentTo.has(c.customer_id)).toBe(false);
    expect(sentTo.has(early)).toBe(false);
    expect(sentTo.has(late)).toBe(false);
    const target = members.filter((m) => m.arm === 'target');
    expect(sentTo.size).toBe(target.filter((m) => m.customer_id !== late).length);
    expect(members.find((m) => m.customer_id === late)?.status).toMatch(/suppressed|none/);
    // Every send is an interaction on the customer's 360 page; control and opted-out customers have none.
    const touched = (
      await rows<{ customer_id: number }>(
        sql`select distinct customer_id from interactions where summary like '营销活动%'`,
      )
    ).rows.map((r) => Number(r.customer_id));
    expect(new Set(touched)).toEqual(sentTo);
    const card = await get(`/api/customers/${[...sentTo][0]}/360`, admin);
    if (card.statusCode === 200) expect(card.body).toContain('营销活动');
    // The simulator rendered the template.
    expect(simulatedMarketingOutbox().find((m) => m.campaignId === campaignId)?.text).toMatch(/群内通话6元\/月$/);
  });

  it('records conversions within the window and measures uplift against the hold-out as computed by hand', async () => {
    const members = (
      await rows<{ customer_id: number; arm: string }>(
        sql`select customer_id, arm from marketing_campaign_members where campaign_id = ${campaignId} and arm <> 'excluded' order by customer_id`,
      )
    ).rows;
    const target = members.filter((m) => m.arm === 'target').map((m) => Number(m.customer_id));
    const control = members.filter((m) => m.arm === 'control').map((m) => Number(m.customer_id));
    const converts = [...target.slice(0, 6), ...control.slice(0, 1)];
    for (const id of converts) {
      await t.handle.db.execute(sql`insert into product_instances (customer_id, offering_id, service_number, start_date, monthly_fen)
        values (${id}, ${offerings.PHS_GROUP}, ${`PHS${id}`}, ${todayIso()}, 600)`);
    }
    // An order of another product does not count.
    await t.handle.db.execute(sql`insert into product_instances (customer_id, offering_id, service_number, start_date)
      values (${target[7]}, ${offerings.INTL_VIP}, 'X1', ${todayIso()})`);
    const advanced = await post(`/api/marketing/campaigns/${campaignId}/advance`, {});
    expect(advanced.json().stage).toBe('completed');
    const r = (await get(`/api/marketing/campaigns/${campaignId}/results`)).json();
    expect(r.convertedTarget).toBe(6);
    expect(r.convertedControl).toBe(1);
    const nT = target.length;
    const nC = control.length;
    const pT = 6 / nT;
    const pC = 1 / nC;
    const se = Math.sqrt((pT * (1 - pT)) / nT + (pC * (1 - pC)) / nC);
    expect(r.uplift).toBeCloseTo(pT - pC, 4);
    expect(r.upliftLow).toBeCloseTo(pT - pC - 1.959964 * se, 3);
    expect(r.upliftHigh).toBeCloseTo(pT - pC + 1.959964 * se, 3);
    expect(r.costFen).toBe(1_000 + 10 * r.contacted);
    expect(r.incrementalRevenueFen).toBe(Math.round((pT - pC) * nT * 600 * 12));
    // Next cycle: a new campaign at step 1 from this one.
    const next = await post(`/api/marketing/campaigns/${campaignId}/next-cycle`, {});
    expect(next.statusCode).toBe(201);
    expect(next.json()).toMatchObject({ stage: 'insight', parentCampaignId: campaignId, name: '集团群内通话 #2' });
  });
});

describe('S7 international VIP plan through AM visits and outbound calls', () => {
  it('gives key accounts to their AM, records the outcome on the 360 page, and refuses a second outcome', async () => {
    const seg = await post('/api/marketing/segments', { name: '国际长途大户', definition: vipDefinition(50_000) });
    const offer = await post('/api/marketing/offers', {
      code: 'INTL-VIP',
      name: '国际长途VIP',
      offeringCode: 'INTL_VIP',
      monthlyPriceFen: 10_000,
      discountPct: 20,
      validFrom: todayIso(),
      validTo: '2099-12-31',
    });
    // 20 % is beyond marketing's discount authority: approved by the administrator above it.
    expect(offer.json().approvalStatus).toBe('pending');
    expect(
      (await post(`/api/marketing/offers/${offer.json().id}/decision`, { decision: 'approve' }, admin)).statusCode,
    ).toBe(200);
    const c = await post('/api/marketing/campaigns', {
      name: '国际VIP',
      segmentId: seg.json().id,
      offerId: offer.json().id,
      plan: { controlPct: 0, channels: ['am_visit', 'outbound_call'], agentIds: [t.org.users.agent1.id] },
    });
    const url = `/api/marketing/campaigns/${c.json().id}`;
    for (const _ of [1, 2, 3, 4]) expect((await post(`${url}/advance`, {})).statusCode).toBe(200);
    await runDueJobs({ handle: t.handle, types: ['campaigns.generate'] });
    const am = await loginAs(t.app, 'am1');
    const tasks = (await get('/api/marketing/tasks', am)).json();
    expect(tasks.map((x: { customerId: number }) => x.customerId).sort()).toEqual([ka.heavyA, ka.heavyC].sort());
    expect(tasks[0].channel).toBe('am_visit');
    const done = await post(`${url}/tasks/${ka.heavyA}/outcome`, { outcome: 'accepted', note: '同意签约' }, am);
    expect(done.statusCode).toBe(200);
    expect(done.json().outcome).toBe('accepted');
    expect((await post(`${url}/tasks/${ka.heavyA}/outcome`, { outcome: 'accepted' }, am)).statusCode).toBe(409);
    const other = await loginAs(t.app, 'am2');
    expect((await post(`${url}/tasks/${ka.heavyC}/outcome`, { outcome: 'accepted' }, other)).statusCode).toBe(404);
    const visits = await rows<{ n: number }>(
      sql`select count(*)::int as n from interactions where customer_id = ${ka.heavyA} and channel = 'visit'`,
    );
    expect(Number(visits.rows[0].n)).toBe(1);
    const r = (await get(`${url}/results`)).json();
    expect(r).toMatchObject({ target: 2, control: 0, contacted: 1, responded: 1 });
  });
});

describe('measurement', () => {
  it('matches a hand computation of uplift, its 95% interval and ROI', () => {
    const m = measure({
      targetN: 15,
      targetConverted: 6,
      controlN: 5,
      controlConverted: 1,
      contacted: 15,
      costPerContactFen: 100,
      fixedCostFen: 500,
      offerMonthlyFen: 600,
      valueMonths: 12,
    });
    // 0.4 - 0.2 = 0.2; se = sqrt(0.4*0.6/15 + 0.2*0.8/5) = sqrt(0.048) = 0.219089
    expect(m.uplift).toBe(0.2);
    expect(m.upliftLow).toBeCloseTo(0.2 - 0.429407, 4);
    expect(m.upliftHigh).toBeCloseTo(0.2 + 0.429407, 4);
    expect(m.incrementalConversions).toBe(3);
    expect(m.costFen).toBe(2_000);
    expect(m.incrementalRevenueFen).toBe(21_600);
    expect(m.roi).toBe(9.8);
  });
});
