// Quotes on solution-option items go through discount authority (优惠权限): a quote within the AM's 5% applies at
// once; a 20% quote is a pending discount request (with the AM's own limit and why it went up) and the item's price
// changes only when a 20%+ approver approves; a new option priced beyond authority cannot be chosen while its quote
// is pending (a rejection restores the list price); a price review agreeing a lower price goes through the same authority.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount } from '../../test/customer-helpers';
import type { TestApp } from '../../test/test-app';
import { addDays, todayIso } from '../ka-common/ka-common.models';
import { type DiscountWorld, setUpDiscountWorld, yuan } from './discounts.test-helpers';

let w: DiscountWorld;
let t: TestApp;
let s: DiscountWorld['s'];
let customerId: number;
let oppId: number;
let lineOfferingId: number;
const LIST = 300_000; // 数字专线100M list price: 3,000 yuan a month

const call: DiscountWorld['call'] = (...args) => w.call(...args);
type Item = { id: number; monthlyFen: number };
type Option = { id: number; name: string; items: Item[] };
const optionsOf = async () => (await call(s.am1, 'GET', `/api/ka/opportunities/${oppId}`)).body.options as Option[];

beforeAll(async () => {
  w = await setUpDiscountWorld('苏州某制造企业');
  ({ t, s, customerId } = w);
  lineOfferingId = w.offerings.find((o) => o.family === 'dedicated_line')!.id;
  const opp = await call(s.am1, 'POST', '/api/ka/opportunities', {
    customerId,
    title: '厂区专线',
    estMonthlyFen: LIST * 2,
    expectedClose: addDays(todayIso(), 30),
  });
  expect(opp.status, JSON.stringify(opp.body)).toBe(201);
  oppId = opp.body.id;
});
afterAll(() => t.close());

const addOption = (name: string, monthlyFen: number, quantity = 2) =>
  call(s.am1, 'POST', `/api/ka/opportunities/${oppId}/options`, {
    name,
    termMonths: 36,
    investmentFen: yuan(50_000),
    items: [{ offeringId: lineOfferingId, quantity, oneTimeFen: 0, monthlyFen }],
  });

describe('quotes on solution-option items through discount authority', () => {
  let optionId: number;
  let itemId: number;

  it('keeps list and within-authority prices of a new option as given', async () => {
    const r = await addOption('方案A：一条专线', LIST - LIST * 0.04, 1);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const option = (await optionsOf()).find((o) => o.name === '方案A：一条专线')!;
    expect(option.items[0].monthlyFen).toBe(LIST * 0.96);
    optionId = option.id;
    itemId = option.items[0].id;
  });

  it('applies a quote within the AM authority (5%) at once', async () => {
    const r = await call(s.am1, 'POST', `/api/ka/opportunities/${oppId}/options/${optionId}/items/${itemId}/quote`, {
      monthlyFen: LIST * 0.95,
      reason: '首年优惠',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'approved', discountBp: 500, solutionOptionItemId: itemId, escalation: [] });
    expect((await optionsOf()).find((o) => o.id === optionId)!.items[0].monthlyFen).toBe(LIST * 0.95);
  });

  it('keeps a 20% quote pending with the AM limit and the reason it went up; the price changes only on approval', async () => {
    const r = await call(s.am1, 'POST', `/api/ka/opportunities/${oppId}/options/${optionId}/items/${itemId}/quote`, {
      monthlyFen: LIST * 0.8,
      reason: '竞争对手报价低 20%',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      status: 'pending',
      discountBp: 2_000,
      discountMonthlyFen: LIST * 0.2,
      source: 'quote',
      opportunityId: oppId,
      solutionOptionId: optionId,
      subjectZh: '数字专线100M',
      requesterLimit: { maxDiscountBp: 500, maxMonthlyFen: yuan(2_000) },
      escalation: ['over_percent'],
      approverName: '省公司经理',
    });
    expect((await optionsOf()).find((o) => o.id === optionId)!.items[0].monthlyFen).toBe(LIST * 0.95);

    const city = await call(s.manager1, 'POST', `/api/discount-requests/${r.body.id}/decision`, {
      decision: 'approve',
    });
    expect(city.status).toBe(403);
    expect(city.body.error.code).toBe('discounts.over_authority');
    expect((await optionsOf()).find((o) => o.id === optionId)!.items[0].monthlyFen).toBe(LIST * 0.95);

    const ok = await call(s.province1, 'POST', `/api/discount-requests/${r.body.id}/decision`, {
      decision: 'approve',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await optionsOf()).find((o) => o.id === optionId)!.items[0].monthlyFen).toBe(LIST * 0.8);
  });

  it('quotes a new option priced beyond authority: it cannot be chosen while pending, a rejection restores list price', async () => {
    const r = await addOption('方案B：大额优惠', LIST * 0.7, 3);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const option = (await optionsOf()).find((o) => o.name === '方案B：大额优惠')!;
    expect(option.items[0].monthlyFen).toBe(LIST * 0.7);
    const pending = await call(s.province1, 'GET', '/api/discount-requests?mine=to_approve&status=pending');
    const req = pending.body.items.find((i: { solutionOptionId: number }) => i.solutionOptionId === option.id);
    expect(req).toMatchObject({ discountBp: 3_000, discountMonthlyFen: LIST * 0.3 * 3, status: 'pending' });
    expect(req.escalation).toEqual(['over_percent', 'over_amount']);

    const choose = await call(s.am1, 'POST', `/api/ka/opportunities/${oppId}/options/${option.id}/choose`);
    expect(choose.status).toBe(409);
    expect(choose.body.error.code).toBe('opportunities.quote_pending');

    const no = await call(s.province1, 'POST', `/api/discount-requests/${req.id}/decision`, {
      decision: 'reject',
      reason: '幅度过大',
    });
    expect(no.status, JSON.stringify(no.body)).toBe(200);
    expect((await optionsOf()).find((o) => o.id === option.id)!.items[0].monthlyFen).toBe(LIST);
  });

  it('refuses a quote that is no discount, or on an item of another option, naming the field', async () => {
    const none = await call(s.am1, 'POST', `/api/ka/opportunities/${oppId}/options/${optionId}/items/${itemId}/quote`, {
      monthlyFen: LIST,
      reason: '原价',
    });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('monthlyFen');
    const missing = await call(s.am1, 'POST', `/api/ka/opportunities/${oppId}/options/${optionId}/items/999999/quote`, {
      monthlyFen: LIST * 0.9,
      reason: 'x',
    });
    expect(missing.status).toBe(404);
    const bad = await call(s.am1, 'POST', `/api/ka/opportunities/${oppId}/options/${optionId}/items/${itemId}/quote`, {
      monthlyFen: -1,
      reason: 'x',
    });
    expect(bad.status).toBe(400);
  });

  it('sends a price review agreeing a lower price beyond authority up the chain; the price stays until approved', async () => {
    const account = await seedAccount(t.handle, customerId, 'FACTORY-1');
    const p = await call(s.am1, 'POST', `/api/customers/${customerId}/products`, {
      offeringId: lineOfferingId,
      accountId: account.id,
      serviceNumber: 'MSTP-9001',
      startDate: '2025-01-01',
      monthlyFen: yuan(10_000),
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const review = await call(s.am1, 'POST', `/api/ka/customers/${customerId}/price-reviews`, {
      productInstanceId: p.body.id,
      nextReviewDate: todayIso(),
      intervalMonths: 12,
    });
    expect(review.status, JSON.stringify(review.body)).toBeLessThan(300);
    const reviewId = (review.body as { id: number; productInstanceId: number }[]).find(
      (r) => r.productInstanceId === p.body.id,
    )!.id;
    const done = await call(s.am1, 'POST', `/api/ka/price-reviews/${reviewId}/done`, {
      reviewedOn: todayIso(),
      newMonthlyFen: yuan(8_000),
      note: '竞争对手报价 8,000 元',
    });
    expect(done.status, JSON.stringify(done.body)).toBeLessThan(300);
    const price = async () =>
      (
        (await call(s.am1, 'GET', `/api/customers/${customerId}`)).body.products as { id: number; monthlyFen: number }[]
      ).find((x) => x.id === p.body.id)?.monthlyFen;
    expect(await price()).toBe(yuan(10_000));
    const mine = await call(s.am1, 'GET', '/api/discount-requests?mine=requested&status=pending');
    const req = mine.body.items.find((i: { productInstanceId: number }) => i.productInstanceId === p.body.id);
    expect(req).toMatchObject({ source: 'price_review', discountBp: 2_000, reason: '竞争对手报价 8,000 元' });
    const ok = await call(s.province1, 'POST', `/api/discount-requests/${req.id}/decision`, { decision: 'approve' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await price()).toBe(yuan(8_000));
  });
});
