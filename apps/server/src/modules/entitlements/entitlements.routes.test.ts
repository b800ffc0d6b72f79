import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSpend } from '../../test/grading-fixtures';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { runGradingNow } from '../grading/grading.service';
import { runDueJobs } from '../jobs/jobs.service';
import { addKa, http } from '../ka-common/ka.test-helpers';
import { todayIso } from '../ka-common/ka-common.models';
import { enqueueAfterGrading, registerEntitlementJobs } from './entitlements.jobs';

let t: TestApp;
let am1: Session;
let am2: Session;
let marketing: Session;
let manager1: Session;
let manager2: Session;
let h: ReturnType<typeof http>;
let customerId: number;
beforeAll(async () => {
  t = await createTestApp();
  registerEntitlementJobs();
  [am1, am2, marketing, manager1, manager2] = await Promise.all(
    ['am1', 'am2', 'marketing1', 'manager1', 'manager2'].map((u) => loginAs(t.app, u)),
  );
  h = http(t);
  customerId = await addKa(t.handle.db, {
    orgUnitId: t.org.org.cityA.id,
    accountManagerId: t.org.users.am1.id,
    name: '金陵饭店',
  });
});
afterAll(() => t.close());

const codes = (body: { items: { code: string }[] }) => body.items.map((i) => i.code);

describe('entitlements bound from the grading', () => {
  it('binds the gold entitlements after the first grading', async () => {
    await setSpend(t.handle.db, customerId, { '2026-01': 20_000, '2026-02': 20_000, '2026-03': 20_000 });
    const run = await runGradingNow({ db: t.handle.db, period: '2026-03' });
    await enqueueAfterGrading({ db: t.handle.db, period: '2026-03', runId: run.runId });
    await runDueJobs({ handle: t.handle });
    const body = (await h.get(am1, `/api/ka/customers/${customerId}/entitlements`)).json();
    expect(body.tier).toBe('gold');
    expect(codes(body)).toEqual(
      expect.arrayContaining(['onsite_consultation', 'priority_hotline', 'repair_time_limit', 'training_invitation']),
    );
    expect(codes(body)).not.toContain('onsite_training');
    expect(body.items.find((i: { code: string }) => i.code === 'repair_time_limit').value).toBe(6);
  });

  it('re-binds the same day when the tier changes from gold to platinum', async () => {
    await setSpend(t.handle.db, customerId, { '2026-04': 220_000 });
    const run = await runGradingNow({ db: t.handle.db, period: '2026-04' });
    await enqueueAfterGrading({ db: t.handle.db, period: '2026-04', runId: run.runId });
    await runDueJobs({ handle: t.handle });
    const body = (await h.get(am1, `/api/ka/customers/${customerId}/entitlements`)).json();
    expect(body.tier).toBe('platinum');
    expect(codes(body)).toContain('onsite_training');
    expect(codes(body)).not.toContain('training_invitation');
    expect(body.items.every((i: { validFrom: string }) => i.validFrom === todayIso())).toBe(true);
    expect(body.items.find((i: { code: string }) => i.code === 'repair_time_limit').value).toBe(4);
  });

  it('records usage, shows the remaining allowance, and flags use beyond it', async () => {
    const use = (quantity: number) =>
      h.send(am1, 'POST', `/api/ka/customers/${customerId}/entitlement-usages`, {
        code: 'onsite_training',
        usedOn: todayIso(),
        quantity,
        usedBy: '人力资源部 李经理',
      });
    const first = await use(1);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ overAllowance: false, allowance: 2, remaining: 1 });
    expect((await use(1)).json()).toMatchObject({ overAllowance: false, remaining: 0 });
    const third = await use(1);
    expect(third.json()).toMatchObject({ overAllowance: true, remaining: 0 });
    const body = (await h.get(am1, `/api/ka/customers/${customerId}/entitlements`)).json();
    expect(body.items.find((i: { code: string }) => i.code === 'onsite_training')).toMatchObject({
      used: 3,
      remaining: 0,
      over: true,
    });
    expect(body.usages[0]).toMatchObject({ code: 'onsite_training', usedBy: '人力资源部 李经理', overAllowance: true });
  });

  it('refuses a use of something the customer is not entitled to', async () => {
    const res = await h.send(am1, 'POST', `/api/ka/customers/${customerId}/entitlement-usages`, {
      code: 'resident_am',
      usedOn: todayIso(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('code');
  });

  it('opens the airport VIP lounge with a gold club card, which only the club managers hand out', async () => {
    expect((await h.send(am1, 'POST', `/api/ka/customers/${customerId}/club`, { card: 'diamond' })).statusCode).toBe(
      403,
    );
    const res = await h.send(manager1, 'POST', `/api/ka/customers/${customerId}/club`, {
      card: 'gold',
      cardNo: 'GC-0001',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().clubCard).toBe('gold');
    expect(codes(res.json())).toContain('airport_vip_lounge');
    const off = await h.send(manager1, 'POST', `/api/ka/customers/${customerId}/club`, { card: null });
    expect(codes(off.json())).not.toContain('airport_vip_lounge');
  });

  it('lets the catalogue owner change an allowance, and re-binds the tier', async () => {
    const catalog = (await h.get(am1, '/api/ka/entitlements/catalog')).json();
    const training = catalog.find((c: { code: string }) => c.code === 'onsite_training');
    expect(
      (await h.send(am1, 'PATCH', `/api/ka/entitlements/catalog/${training.id}/tiers/platinum`, { allowance: 5 }))
        .statusCode,
    ).toBe(403);
    const res = await h.send(marketing, 'PATCH', `/api/ka/entitlements/catalog/${training.id}/tiers/platinum`, {
      allowance: 5,
    });
    expect(res.statusCode).toBe(200);
    await runDueJobs({ handle: t.handle });
    const body = (await h.get(am1, `/api/ka/customers/${customerId}/entitlements`)).json();
    expect(body.items.find((i: { code: string }) => i.code === 'onsite_training')).toMatchObject({
      allowance: 5,
      remaining: 2,
      over: false,
    });
  });

  it('answers 404 to another AM on every path', async () => {
    expect((await h.get(am2, `/api/ka/customers/${customerId}/entitlements`)).statusCode).toBe(404);
    expect((await h.send(am2, 'POST', `/api/ka/customers/${customerId}/entitlements/rebind`)).statusCode).toBe(404);
    const use = await h.send(am2, 'POST', `/api/ka/customers/${customerId}/entitlement-usages`, {
      code: 'onsite_consultation',
      usedOn: todayIso(),
    });
    expect(use.statusCode).toBe(404);
    const club = await h.send(manager2, 'POST', `/api/ka/customers/${customerId}/club`, { card: 'diamond' });
    expect(club.statusCode).toBe(404);
  });
});
