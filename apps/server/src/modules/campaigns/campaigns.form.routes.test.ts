import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { todayIso } from '../ka-common/ka-common.models';

// What the campaign form of the board sends: a campaign with its whole plan created once per Idempotency-Key, a
// draft's plan edited until launch, field errors by path, and an offer waiting for approval marked as such wherever
// the campaign is shown (and its approval alert carrying the offer's name and a link to it).

let t: TestApp;
let mk: Session;
let admin: Session;
let segmentId: number;
let approvedOfferId: number;
const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.handle.db.execute(q)) as unknown as { rows: T[] }).rows;
const post = (url: string, payload: unknown, s: Session = mk, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...headers }, payload: payload as object });
const patch = (url: string, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url, headers: mk.headers, payload: payload as object });
const get = (url: string, s: Session = mk) => t.app.inject({ method: 'GET', url, headers: s.headers });

let code = 0;
const newOffer = async (discountPct: number) => {
  const res = await post('/api/marketing/offers', {
    code: `FORM-${++code}`,
    name: `表单优惠${code}`,
    offeringCode: 'FORM_BUNDLE',
    monthlyPriceFen: 10_000,
    discountPct,
    validFrom: todayIso(),
    validTo: '2099-12-31',
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; name: string; approvalStatus: string };
};

/** The whole plan as the form fills it in. */
const fullPlan = {
  controlPct: 15,
  recentContactDays: 14,
  excludeOpenComplaints: false,
  frequencyCapContacts: 3,
  frequencyCapDays: 30,
  channels: ['sms', 'am_visit'],
  agentIds: [],
  startAt: '2030-01-02T09:00:00+08:00',
  quietStart: '22:00',
  quietEnd: '08:30',
  template: '{name}您好，{offer}仅需{price}元/月',
  conversionWindowDays: 45,
  costPerContactFen: 10,
  fixedCostFen: 500_000,
  valueMonths: 24,
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  mk = await loginAs(t.app, 'marketing1');
  await t.handle.db.execute(sql`insert into product_offerings (code, name_zh, name_en, family, default_monthly_fen)
    values ('FORM_BUNDLE', '集团融合套餐', 'Group bundle', 'value_added', 10000)`);
  const seg = await post('/api/marketing/segments', {
    name: '表单测试细分',
    definition: { op: 'and', children: [{ field: 'category', values: ['key_account'] }] },
  });
  segmentId = seg.json().id;
  approvedOfferId = (await newOffer(0)).id;
});
afterAll(async () => {
  await t.close();
});

describe('the campaign form', () => {
  it('creates a campaign with its whole plan once, however often the same Idempotency-Key is sent', async () => {
    const body = { name: '集团融合推广', segmentId, offerId: approvedOfferId, plan: fullPlan };
    const headers = { 'idempotency-key': 'campaign-form-create-1' };
    const first = await post('/api/marketing/campaigns', body, mk, headers);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      name: '集团融合推广',
      stage: 'insight',
      segmentName: '表单测试细分',
      offerApprovalStatus: 'approved',
      plan: fullPlan,
    });
    const retry = await post('/api/marketing/campaigns', body, mk, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    const stored = await rows<{ n: number }>(
      sql`select count(*)::int as n from marketing_campaigns where name = '集团融合推广'`,
    );
    expect(stored[0].n).toBe(1);
    const audit = await rows<{ action: string }>(
      sql`select action from audit_log where entity = 'marketing_campaign' and entity_id = ${String(first.json().id)}`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('names each invalid plan field by its path so the form can show it next to the field', async () => {
    const res = await post('/api/marketing/campaigns', {
      name: '',
      segmentId,
      plan: { controlPct: 60, quietStart: '25:00', channels: ['fax'] },
    });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['name', 'plan.channels.0', 'plan.controlPct', 'plan.quietStart']);
  });

  it('edits the plan of a draft campaign, keeping the fields it does not send, until the campaign launches', async () => {
    const c = (await post('/api/marketing/campaigns', { name: '草稿', segmentId, offerId: approvedOfferId })).json();
    const url = `/api/marketing/campaigns/${c.id}`;
    const edited = await patch(url, { name: '草稿（改）', plan: { controlPct: 20, channels: ['sms'] } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: '草稿（改）', plan: { controlPct: 20, channels: ['sms'] } });
    expect(edited.json().plan.quietStart).toBe('21:00');
    const cleared = await patch(url, { offerId: null });
    expect(cleared.json()).toMatchObject({ offerId: null, offerName: null, offerApprovalStatus: null });
    await patch(url, { offerId: approvedOfferId });
    for (const _ of [1, 2, 3, 4]) expect((await post(`${url}/advance`, {})).statusCode).toBe(200);
    const late = await patch(url, { plan: { controlPct: 5 } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('campaigns.wrong_stage');
  });
});

describe('an offer waiting for approval', () => {
  it('is marked pending on the campaign until it is approved', async () => {
    const pending = await newOffer(20);
    expect(pending.approvalStatus).toBe('pending');
    const c = (await post('/api/marketing/campaigns', { name: '待批优惠活动', segmentId, offerId: pending.id })).json();
    expect(c.offerApprovalStatus).toBe('pending');
    const listed = (await get('/api/marketing/campaigns')).json().items as {
      id: number;
      offerApprovalStatus: string;
    }[];
    expect(listed.find((x) => x.id === c.id)?.offerApprovalStatus).toBe('pending');
    await post(`/api/marketing/offers/${pending.id}/decision`, { decision: 'approve' }, admin);
    expect((await get(`/api/marketing/campaigns/${c.id}`)).json().offerApprovalStatus).toBe('approved');
  });

  it('alerts the approver and then the creator with the offer name and a link to the offer', async () => {
    const pending = await newOffer(25);
    const asked = (await get('/api/notifications', admin)).json().items as {
      kind: string;
      link: string;
      data: Record<string, unknown>;
    }[];
    expect(asked.find((n) => n.data.offerId === pending.id)).toMatchObject({
      kind: 'campaigns.offer_approval',
      link: `/marketing/offers?offer=${pending.id}`,
      data: { offerName: pending.name, discountPct: 25 },
    });
    await post(`/api/marketing/offers/${pending.id}/decision`, { decision: 'reject', reason: '超出预算' }, admin);
    const told = (await get('/api/notifications')).json().items as { data: Record<string, unknown> }[];
    expect(told.find((n) => n.data.offerId === pending.id)).toMatchObject({
      kind: 'campaigns.offer_decided',
      link: `/marketing/offers?offer=${pending.id}`,
      data: { offerName: pending.name, decision: 'reject' },
    });
  });
});
