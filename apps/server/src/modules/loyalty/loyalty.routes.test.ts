import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/context';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { runDueJobs } from '../jobs/jobs.service';
import { http } from '../ka-common/ka.test-helpers';
import { registerLoyaltyJobs } from './loyalty.jobs';
import { expirePoints } from './loyalty.service';
import { addBill, addMember } from './loyalty.test-helpers';

let t: TestApp;
let h: ReturnType<typeof http>;
let admin: Session;
let agent: Session;
let marketing: Session;
let finance: Session;
let manager2: Session;
let member: number;
let friend: number;
let outsider: number;

beforeAll(async () => {
  t = await createTestApp();
  registerLoyaltyJobs();
  h = http(t);
  [admin, agent, marketing, finance, manager2] = await Promise.all(
    ['admin', 'agent1', 'marketing1', 'finance1', 'manager2'].map((u) => loginAs(t.app, u)),
  );
  const db = t.handle.db;
  member = await addMember(db, { orgUnitId: t.org.org.cityA.id, name: '王会员', card: 'gold' });
  friend = await addMember(db, { orgUnitId: t.org.org.cityA.id, name: '李朋友', card: null });
  outsider = await addMember(db, { orgUnitId: t.org.org.cityA.id, name: '非会员', card: null });
  await addBill(db, member, '2026-01', 388); // fully paid: 388 points
  await addBill(db, member, '2026-02', 200, 350); // overpaid: earns on the 200 yuan billed
  await addBill(db, member, '2026-03', 500, 100); // part paid: nothing yet
  await addBill(db, outsider, '2026-01', 900); // not a member, no multiplier: nothing
});
afterAll(() => t.close());

const statement = async (s: Session = agent, id = member) => (await h.get(s, `/api/customers/${id}/loyalty`)).json();
const earn = async (period: string) => {
  const res = await h.send(marketing, 'POST', '/api/loyalty/earn', { period });
  expect(res.statusCode).toBe(202);
  await runDueJobs({ handle: t.handle });
};

describe('earning on paid bills', () => {
  it('earns once per fully paid bill, on the billed amount of an overpaid bill, never on a part-paid bill', async () => {
    for (const p of ['2026-01', '2026-02', '2026-03']) await earn(p);
    const s = await statement();
    expect(s).toMatchObject({ member: true, balance: 588, earnedTotal: 588 });
    expect(s.items.map((i: { kind: string; points: number }) => [i.kind, i.points])).toEqual([
      ['earn_bill', 200],
      ['earn_bill', 388],
    ]);
    expect(s.items[0]).toMatchObject({ paidFen: 20_000, multiplierPct: 100, note: '2026-02' });
    expect((await statement(agent, outsider)).balance).toBe(0);
  });

  it('is idempotent per bill: earning the period again changes nothing', async () => {
    await earn('2026-01');
    await earn('2026-02');
    const s = await statement();
    expect(s.balance).toBe(588);
    expect(s.total).toBe(2);
  });

  it('earns a bill once it is fully paid (a late payment)', async () => {
    await addBill(t.handle.db, member, '2026-03', 500, 500);
    await earn('2026-03');
    expect((await statement()).balance).toBe(1_088);
  });

  it('refuses a malformed period naming the field, and staff without club.manage', async () => {
    const bad = await h.send(marketing, 'POST', '/api/loyalty/earn', { period: '2026-13' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('period');
    expect((await h.send(agent, 'POST', '/api/loyalty/earn', { period: '2026-01' })).statusCode).toBe(403);
  });
});

describe('bonuses', () => {
  it('gives a referral bonus once per referred customer', async () => {
    const first = await h.send(marketing, 'POST', `/api/customers/${member}/loyalty/bonus`, {
      kind: 'referral',
      referredCustomerId: friend,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'bonus_referral', points: 500, balanceAfter: 1_588, replayed: false });
    const again = await h.send(marketing, 'POST', `/api/customers/${member}/loyalty/bonus`, {
      kind: 'referral',
      referredCustomerId: friend,
    });
    expect(again.json()).toMatchObject({ replayed: true, balanceAfter: 1_588 });
    expect((await statement()).balance).toBe(1_588);
  });

  it('refuses a self-referral and a club event the customer did not attend', async () => {
    const self = await h.send(marketing, 'POST', `/api/customers/${member}/loyalty/bonus`, {
      kind: 'referral',
      referredCustomerId: member,
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('loyalty.self_referral');
    const event = await h.send(marketing, 'POST', `/api/customers/${member}/loyalty/bonus`, {
      kind: 'event',
      eventId: 999_999,
    });
    expect(event.statusCode).toBe(400);
    expect(event.json().error.details[0].path).toBe('eventId');
  });
});

describe('reward catalogue', () => {
  it('lists rewards a page at a time, cheapest first', async () => {
    const page = (await h.get(agent, '/api/loyalty/rewards?limit=2&offset=0')).json();
    expect(page.total).toBe(5);
    expect(page.items.map((r: { code: string }) => r.code)).toEqual(['club_magazine', 'data_pack_5g']);
    const next = (await h.get(agent, '/api/loyalty/rewards?limit=2&offset=4')).json();
    expect(next.items.map((r: { code: string }) => r.code)).toEqual(['golf_day']);
    expect((await h.get(agent, '/api/loyalty/rewards?q=高尔夫')).json().total).toBe(1);
  });

  it('lets the club managers add a dated reward with stock, and refuses dates in the wrong order', async () => {
    const wrong = await h.send(marketing, 'POST', '/api/loyalty/rewards', {
      code: 'movie_ticket',
      nameZh: '电影票',
      nameEn: 'Movie ticket',
      pointsCost: 300,
      stock: 2,
      validFrom: '2026-12-31',
      validTo: '2026-01-01',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('validTo');
    const res = await h.send(marketing, 'POST', '/api/loyalty/rewards', {
      code: 'movie_ticket',
      nameZh: '电影票',
      nameEn: 'Movie ticket',
      pointsCost: 300,
      stock: 2,
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ stock: 2, validFrom: '2020-01-01', validTo: '2099-12-31', redeemable: true });
    const dup = await h.send(marketing, 'POST', '/api/loyalty/rewards', {
      code: 'movie_ticket',
      nameZh: '电影票',
      nameEn: 'Movie ticket',
      pointsCost: 300,
      stock: 2,
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0].path).toBe('code');
    expect(
      (
        await h.send(agent, 'POST', '/api/loyalty/rewards', {
          code: 'x',
          nameZh: 'x',
          nameEn: 'x',
          pointsCost: 1,
          stock: null,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('redemption at the counter', () => {
  const rewardId = async (code: string) =>
    (await h.get(agent, `/api/loyalty/rewards?q=${code}`)).json().items.find((r: { code: string }) => r.code === code)
      .id as number;
  const redeem = (s: Session, body: object, headers: Record<string, string> = {}, id = member) =>
    t.app.inject({
      method: 'POST',
      url: `/api/customers/${id}/loyalty/redemptions`,
      headers: { ...s.headers, ...headers },
      payload: body,
    });

  it('takes points and stock in one go; the Idempotency-Key replays a retry without a second redemption', async () => {
    const id = await rewardId('movie_ticket');
    const key = { 'idempotency-key': 'redeem-movie-1' };
    const res = await redeem(agent, { rewardId: id, quantity: 1 }, key);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ points: 300, balance: 1_288, stockLeft: 1, rewardNameZh: '电影票' });
    const retry = await redeem(agent, { rewardId: id, quantity: 1 }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(res.json().id);
    expect((await statement()).balance).toBe(1_288);
  });

  it('refuses more than the stock and more points than the balance, naming quantity; the balance stays', async () => {
    const movie = await rewardId('movie_ticket');
    const stock = await redeem(agent, { rewardId: movie, quantity: 2 });
    expect(stock.statusCode).toBe(409);
    expect(stock.json().error).toMatchObject({ code: 'loyalty.out_of_stock', details: [{ path: 'quantity' }] });
    const golf = await redeem(agent, { rewardId: await rewardId('golf_day'), quantity: 1 });
    expect(golf.statusCode).toBe(409);
    expect(golf.json().error).toMatchObject({ code: 'loyalty.insufficient_points', details: [{ path: 'quantity' }] });
    expect((await statement()).balance).toBe(1_288);
  });

  it('refuses a reward past its validity, naming rewardId', async () => {
    const old = await h.send(marketing, 'POST', '/api/loyalty/rewards', {
      code: 'spring_gift',
      nameZh: '春节礼包',
      nameEn: 'Spring festival gift',
      pointsCost: 100,
      stock: 10,
      validFrom: '2020-01-01',
      validTo: '2020-02-29',
    });
    expect(old.json().redeemable).toBe(false);
    const res = await redeem(agent, { rewardId: old.json().id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'loyalty.reward_not_valid', details: [{ path: 'rewardId' }] });
    const list = (await h.get(agent, '/api/loyalty/rewards?status=redeemable&limit=200')).json();
    expect(list.items.map((r: { code: string }) => r.code)).not.toContain('spring_gift');
  });

  it('answers bad input with a 4xx naming the field, never a 500', async () => {
    const q0 = await redeem(agent, { rewardId: 1, quantity: 0 });
    expect(q0.statusCode).toBe(400);
    expect(q0.json().error.details[0].path).toBe('quantity');
    const missing = await redeem(agent, { rewardId: 2_000_000 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('rewardId');
    const text = await redeem(agent, { rewardId: 'golf' });
    expect(text.statusCode).toBe(400);
    const badId = await h.get(agent, '/api/customers/abc/loyalty');
    expect(badId.statusCode).toBe(400);
    const limit = await h.get(agent, `/api/customers/${member}/loyalty?limit=0`);
    expect(limit.statusCode).toBe(400);
  });

  it('is for the roles that redeem at the counter (loyalty.redeem), not finance', async () => {
    expect((await redeem(finance, { rewardId: await rewardId('data_pack_5g') })).statusCode).toBe(403);
  });
});

describe('org scope', () => {
  it('answers 404 to staff of another city on the statement, bonus and redemption', async () => {
    expect((await h.get(manager2, `/api/customers/${member}/loyalty`)).statusCode).toBe(404);
    const r = await h.send(manager2, 'POST', `/api/customers/${member}/loyalty/redemptions`, { rewardId: 1 });
    expect(r.statusCode).toBe(404);
    expect((await statement()).balance).toBe(1_288);
  });
});

describe('audit and expiry', () => {
  it('audits every points movement and the redemption', async () => {
    const log = (await h.get(admin, '/api/audit?entity=loyalty_points&pageSize=50')).json();
    const actions = log.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['earn_bill', 'bonus_referral', 'redeem']));
    expect(actions.filter((a: string) => a === 'earn_bill')).toHaveLength(3);
    const red = (await h.get(admin, '/api/audit?entity=loyalty_redemption')).json();
    expect(red.items[0]).toMatchObject({ action: 'create' });
  });

  it('expires what is left of the points after the end of the second year, once', async () => {
    const first = await expirePoints({ db: t.handle.db, actor: systemActor('loyalty'), today: '2099-01-01' });
    expect(first.expired).toBe(1_288);
    const again = await expirePoints({ db: t.handle.db, actor: systemActor('loyalty'), today: '2099-01-01' });
    expect(again.expired).toBe(0);
    const s = await statement();
    expect(s).toMatchObject({ balance: 0, expiredTotal: 1_288 });
    expect(s.items[0]).toMatchObject({ kind: 'expire', points: -1_288, balanceAfter: 0 });
  });
});
