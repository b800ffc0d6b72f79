// Discount authority (优惠权限) over HTTP: a 20% discount asked by an AM whose limit is 5% waits until someone with a
// 20%+ limit approves it (the city manager's 15% is refused and the province is asked); the price changes only then.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount } from '../../test/customer-helpers';
import type { TestApp } from '../../test/test-app';
import { type DiscountWorld, setUpDiscountWorld, yuan } from './discounts.test-helpers';

let w: DiscountWorld;
let t: TestApp;
let s: DiscountWorld['s'];
let customerId: number;
let productId: number;

const call: DiscountWorld['call'] = (...args) => w.call(...args);
const priceOf = async () =>
  (
    (await call(s.am1, 'GET', `/api/customers/${customerId}`)).body.products as { id: number; monthlyFen: number }[]
  ).find((p) => p.id === productId)?.monthlyFen;

beforeAll(async () => {
  w = await setUpDiscountWorld('南京某酒店');
  ({ t, s, customerId } = w);
  const account = await seedAccount(t.handle, customerId, 'HOTEL-1');
  const line = w.offerings.find((o) => o.family === 'dedicated_line')!;
  const p = await call(s.am1, 'POST', `/api/customers/${customerId}/products`, {
    offeringId: line.id,
    accountId: account.id,
    serviceNumber: 'MSTP-0001',
    startDate: '2025-01-01',
    monthlyFen: yuan(10_000),
  });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  productId = p.body.id;
});
afterAll(() => t.close());

describe('discount authority', () => {
  it('seeds the default matrix: AM 5% / 2,000 yuan ... province 30%, administrators 100%', async () => {
    const m = await call(s.am1, 'GET', '/api/discount-authority');
    expect(m.status).toBe(200);
    expect(m.body).toContainEqual(
      expect.objectContaining({
        role: 'account_manager',
        orgLevel: 'any',
        maxDiscountBp: 500,
        maxMonthlyFen: yuan(2_000),
      }),
    );
    expect(m.body).toContainEqual(
      expect.objectContaining({ role: 'manager', orgLevel: 'province', maxDiscountBp: 3_000 }),
    );
  });

  it('applies a 5% discount within the AM authority at once', async () => {
    const r = await call(s.am1, 'POST', '/api/discount-requests', {
      customerId,
      productInstanceId: productId,
      requestedMonthlyFen: yuan(9_500),
      reason: '续约优惠',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'approved', discountBp: 500 });
    expect(await priceOf()).toBe(yuan(9_500));
  });

  it('keeps a 20% discount pending until a 20%+ approver approves; the price changes only then', async () => {
    const r = await call(s.am1, 'POST', '/api/discount-requests', {
      customerId,
      productInstanceId: productId,
      source: 'price_review',
      requestedMonthlyFen: yuan(7_600),
      reason: '竞争对手报价 7,500 元',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'pending', discountBp: 2_000, approverName: '省公司经理' });
    expect(await priceOf()).toBe(yuan(9_500));

    const own = await call(s.am1, 'POST', `/api/discount-requests/${r.body.id}/decision`, { decision: 'approve' });
    expect(own.status).toBe(403);

    const city = await call(s.manager1, 'POST', `/api/discount-requests/${r.body.id}/decision`, {
      decision: 'approve',
    });
    expect(city.status).toBe(403);
    expect(city.body.error.code).toBe('discounts.over_authority');
    expect(city.body.error.message).toContain('15.00%');
    expect(await priceOf()).toBe(yuan(9_500));

    const asked = (await call(s.province1, 'GET', '/api/discount-requests?mine=to_approve&status=pending')).body;
    expect(asked.items.map((i: { id: number }) => i.id)).toContain(r.body.id);
    const ok = await call(s.province1, 'POST', `/api/discount-requests/${r.body.id}/decision`, {
      decision: 'approve',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', decidedByName: '省公司经理' });
    expect(await priceOf()).toBe(yuan(7_600));
    const again = await call(s.province1, 'POST', `/api/discount-requests/${r.body.id}/decision`, {
      decision: 'reject',
      reason: 'x',
    });
    expect(again.body.error.code).toBe('discounts.not_pending');
  });

  it('lets administrators change the matrix, versioned, and refuses a price that is no discount', async () => {
    const put = await call(s.admin, 'PUT', '/api/discount-authority', {
      role: 'account_manager',
      orgLevel: 'any',
      productFamily: 'dedicated_line',
      maxDiscountBp: 2_500,
      maxMonthlyFen: null,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await call(s.manager1, 'PUT', '/api/discount-authority', put.body)).status).toBe(403);
    const r = await call(s.am1, 'POST', '/api/discount-requests', {
      customerId,
      productInstanceId: productId,
      requestedMonthlyFen: yuan(6_000),
      reason: '行业优惠',
    });
    expect(r.body.status).toBe('approved');
    const none = await call(s.am1, 'POST', '/api/discount-requests', {
      customerId,
      productInstanceId: productId,
      requestedMonthlyFen: yuan(90_000),
      reason: '涨价',
    });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('requestedMonthlyFen');
  });

  it('records a requester without authority as 0% / 0, and leaves an unrecorded limit unknown', async () => {
    const zero = await call(s.admin, 'PUT', '/api/discount-authority', {
      role: 'account_manager',
      orgLevel: 'any',
      productFamily: 'dedicated_line',
      maxDiscountBp: 0,
      maxMonthlyFen: 0,
    });
    expect(zero.status, JSON.stringify(zero.body)).toBe(200);
    const r = await call(s.am1, 'POST', '/api/discount-requests', {
      customerId,
      productInstanceId: productId,
      requestedMonthlyFen: yuan(5_900),
      reason: '续约优惠',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      status: 'pending',
      requesterLimit: { maxDiscountBp: 0, maxMonthlyFen: 0 },
      escalation: ['no_authority'],
    });
    // A request saved before the requester's limit was recorded: no limit and no reason, not "no authority".
    await t.handle.db.execute(sql`update discount_requests set requester_limit = null where id = ${r.body.id}`);
    const list = await call(s.am1, 'GET', '/api/discount-requests?status=pending');
    const legacy = list.body.items.find((i: { id: number }) => i.id === r.body.id);
    expect(legacy).toMatchObject({ requesterLimit: null, escalation: [] });
  });
});
