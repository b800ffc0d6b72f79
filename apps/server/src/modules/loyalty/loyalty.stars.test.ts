import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flat, setSpend } from '../../test/grading-fixtures';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { enqueueAfterGrading, registerEntitlementJobs } from '../entitlements/entitlements.jobs';
import { runGradingNow } from '../grading/grading.service';
import { runDueJobs } from '../jobs/jobs.service';
import { http } from '../ka-common/ka.test-helpers';
import { registerLoyaltyJobs } from './loyalty.jobs';
import { addBill, addMember } from './loyalty.test-helpers';

// 星级服务: the stars grading computes for mass-market customers (DOMAIN §3: spend above 300 / 500 / 800 yuan in each
// of 6 consecutive months -> 3 / 4 / 5 stars) bind entitlements through the same machinery as key-account tiers.

let t: TestApp;
let h: ReturnType<typeof http>;
let agent: Session;
let marketing: Session;
let starCustomer: number;
const mobile = '13912345678';
const half = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];

beforeAll(async () => {
  t = await createTestApp();
  registerEntitlementJobs();
  registerLoyaltyJobs();
  h = http(t);
  [agent, marketing] = await Promise.all(['agent1', 'marketing1'].map((u) => loginAs(t.app, u)));
  // Not a club member: its points come from the star level's multiplier alone.
  starCustomer = await addMember(t.handle.db, { orgUnitId: t.org.org.cityA.id, name: '赵星级', card: null });
  await t.handle.db.execute(
    sql`update parties set mobile = ${mobile} where id = (select party_id from customers where id = ${starCustomer})`,
  );
});
afterAll(() => t.close());

const grade = async (period: string) => {
  const run = await runGradingNow({ db: t.handle.db, period });
  await enqueueAfterGrading({ db: t.handle.db, period, runId: run.runId });
  await runDueJobs({ handle: t.handle });
};
const grants = async (id = starCustomer) =>
  (await h.get(marketing, `/api/ka/customers/${id}/entitlements`)).json() as {
    tier: string | null;
    items: { code: string; allowance: number | null; value: number | null; tier: string }[];
  };
const grant = async (code: string, id = starCustomer) => (await grants(id)).items.find((i) => i.code === code);

describe('grading computes the stars the brief defines', () => {
  it('gives 0 stars below 300 yuan in one month of six, 3 / 4 / 5 stars above 300 / 500 / 800 in all six', async () => {
    const db = t.handle.db;
    const cases: [Record<string, number>, number][] = [
      [{ ...flat(half, 400), '2026-01': 299 }, 0],
      [flat(half, 300), 3],
      [{ ...flat(half, 900), '2025-12': 520 }, 4],
      [flat(half, 800), 5],
    ];
    const ids: number[] = [];
    for (const [spend] of cases) {
      const id = await addMember(db, { orgUnitId: t.org.org.cityA.id, card: null });
      await setSpend(db, id, spend);
      ids.push(id);
    }
    await runGradingNow({ db, period: '2026-03' });
    const rows = (await db.execute(
      sql`select customer_id, stars from customer_grades where period = '2026-03' and customer_id in ${sql.raw(`(${ids.join(',')})`)}`,
    )) as unknown as { rows: { customer_id: number; stars: number | null }[] };
    const starsOf = new Map(rows.rows.map((r) => [Number(r.customer_id), Number(r.stars ?? 0)]));
    expect(ids.map((id) => starsOf.get(id))).toEqual(cases.map(([, stars]) => stars));
  });
});

describe('star levels bind entitlements', () => {
  it('binds the priority hotline, free services and a points multiplier to a 5-star customer after grading', async () => {
    await setSpend(t.handle.db, starCustomer, flat(half, 850));
    await grade('2026-03');
    const g = await grants();
    expect(g.tier).toBe('star5');
    expect(g.items.map((i) => i.code)).toEqual(
      expect.arrayContaining(['priority_hotline', 'star_free_services', 'points_multiplier']),
    );
    expect(await grant('star_free_services')).toMatchObject({ allowance: 6, tier: 'star5' });
    expect(await grant('points_multiplier')).toMatchObject({ value: 200 });
  });

  it('earns points at the star multiplier without a club card', async () => {
    await addBill(t.handle.db, starCustomer, '2026-03', 850);
    await h.send(marketing, 'POST', '/api/loyalty/earn', { period: '2026-03' });
    await runDueJobs({ handle: t.handle });
    const s = (await h.get(agent, `/api/customers/${starCustomer}/loyalty`)).json();
    expect(s.items[0]).toMatchObject({ kind: 'earn_bill', points: 1_700, multiplierPct: 200 });
  });

  it('shows the stars and their privileges on the caller card, with the priority hotline', async () => {
    const card = (await h.get(agent, `/api/service-desk/caller?phone=${mobile}`)).json();
    expect(card.grading.stars).toBe(5);
    expect(card.priorityHotline).toBe(true);
    expect(card.privileges.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining(['priority_hotline', 'star_free_services', 'points_multiplier']),
    );
    expect(card.privileges.every((p: { tier: string }) => p.tier === 'star5')).toBe(true);
  });

  it('re-binds after the next grading run when the stars change (5 -> 3)', async () => {
    await setSpend(t.handle.db, starCustomer, { '2026-04': 320 });
    await grade('2026-04');
    const g = await grants();
    expect(g.tier).toBe('star3');
    expect(await grant('star_free_services')).toMatchObject({ allowance: 2 });
    expect(await grant('points_multiplier')).toMatchObject({ value: 120 });
    const card = (await h.get(agent, `/api/service-desk/caller?phone=${mobile}`)).json();
    expect(card.grading.stars).toBe(3);
  });

  it('drops every star privilege when a grading run gives no stars', async () => {
    await setSpend(t.handle.db, starCustomer, { '2026-05': 120 });
    await grade('2026-05');
    const g = await grants();
    expect(g.items).toEqual([]);
    const card = (await h.get(agent, `/api/service-desk/caller?phone=${mobile}`)).json();
    expect(card.priorityHotline).toBe(false);
    expect(card.privileges).toEqual([]);
  });
});

describe('star columns in the entitlement catalogue', () => {
  it('shows what each star level gets next to the tiers', async () => {
    const catalog = (await h.get(marketing, '/api/ka/entitlements/catalog')).json();
    const multiplier = catalog.find((c: { code: string }) => c.code === 'points_multiplier');
    expect(multiplier.stars).toEqual([
      { tier: 'star3', allowance: null, value: 120, enabled: true },
      { tier: 'star4', allowance: null, value: 150, enabled: true },
      { tier: 'star5', allowance: null, value: 200, enabled: true },
    ]);
    expect(multiplier.tiers).toHaveLength(6);
    const consultation = catalog.find((c: { code: string }) => c.code === 'onsite_consultation');
    expect(consultation.stars).toEqual([]);
  });

  it('lets the catalogue owner change a star grant and re-binds that star level', async () => {
    const three = await addMember(t.handle.db, { orgUnitId: t.org.org.cityA.id, card: null });
    await setSpend(t.handle.db, three, flat(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'], 400));
    await grade('2026-05');
    expect((await grants(three)).tier).toBe('star3');
    const catalog = (await h.get(marketing, '/api/ka/entitlements/catalog')).json();
    const free = catalog.find((c: { code: string }) => c.code === 'star_free_services');
    const url = `/api/ka/entitlements/catalog/${free.id}/tiers/star3`;
    expect((await h.send(agent, 'PATCH', url, { allowance: 3 })).statusCode).toBe(403);
    const res = await h.send(marketing, 'PATCH', url, { allowance: 3 });
    expect(res.statusCode).toBe(200);
    expect(res.json().find((c: { code: string }) => c.code === 'star_free_services').stars[0]).toMatchObject({
      tier: 'star3',
      allowance: 3,
    });
    await runDueJobs({ handle: t.handle });
    expect(await grant('star_free_services', three)).toMatchObject({ allowance: 3 });
    const bad = await h.send(marketing, 'PATCH', `/api/ka/entitlements/catalog/${free.id}/tiers/star9`, {
      allowance: 3,
    });
    expect(bad.statusCode).toBe(400);
  });
});
