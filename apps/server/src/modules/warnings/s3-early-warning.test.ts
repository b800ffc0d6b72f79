import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSpend } from '../../test/grading-fixtures';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { runDueJobs } from '../jobs/jobs.service';
import { addContract, addKa, addProduct, http, seedKaOfferings } from '../ka-common/ka.test-helpers';
import { addDays, todayIso } from '../ka-common/ka-common.models';
import { registerWarningJobs } from './warnings.jobs';
import { enqueueWarningEvaluation, evaluateWarnings } from './warnings-engine.service';

// S3 (DOMAIN.md 6): a hotel on a dedicated metro-Ethernet line whose price was never reviewed while market prices
// fell signed with a competitor. The system should have warned: price review overdue, spend dropping.

let t: TestApp;
let am1: Session;
let am2: Session;
let manager1: Session;
let admin: Session;
let h: ReturnType<typeof http>;
let hotel: number;
beforeAll(async () => {
  t = await createTestApp();
  registerWarningJobs();
  [am1, am2, manager1, admin] = await Promise.all(['am1', 'am2', 'manager1', 'admin'].map((u) => loginAs(t.app, u)));
  h = http(t);
  const off = await seedKaOfferings(t.handle);
  hotel = await addKa(t.handle.db, {
    orgUnitId: t.org.org.cityA.id,
    accountManagerId: t.org.users.am1.id,
    name: '金陵国际大酒店',
    industry: 'tourism_hotel',
    sinceDate: '2019-05-01',
  });
  const line = await addProduct(t.handle.db, hotel, off.metro.id, 'MSTP-NJ-0088', 800_000);
  // The line's price review was due four months ago; a competitor offered 5,000 yuan/month.
  const review = await h.send(am1, 'POST', `/api/ka/customers/${hotel}/price-reviews`, {
    productInstanceId: line,
    nextReviewDate: addDays(todayIso(), -120),
    competitorOfferFen: 500_000,
  });
  expect(review.statusCode, review.body).toBe(200);
  await addContract(t.handle.db, hotel, { no: 'HT-S3', start: '2023-07-01', end: addDays(todayIso(), 45), months: 36 });
  // Spend falls three months in a row, the last one by far more than 20% of the 3-month average.
  await setSpend(t.handle.db, hotel, { '2026-01': 12_000, '2026-02': 11_500, '2026-03': 11_000, '2026-04': 7_000 });
});
afterAll(() => t.close());

const open = async (s: Session) => (await h.get(s, `/api/ka/warnings?customerId=${hotel}&open=true&limit=50`)).json();

describe('S3: early warnings before the customer churns', () => {
  it('warns on the overdue price review, the spend drop, the decline and the expiring contract after a bill import', async () => {
    await enqueueWarningEvaluation({ db: t.handle.db, period: '2026-04', sourceKey: 'import-1' });
    await runDueJobs({ handle: t.handle });
    const body = await open(am1);
    const rules = body.items.map((w: { ruleCode: string }) => w.ruleCode).sort();
    expect(rules).toEqual([
      'consecutive_decline',
      'contract_expiring',
      'no_contact',
      'price_review_overdue',
      'spend_drop',
    ]);
    const price = body.items.find((w: { ruleCode: string }) => w.ruleCode === 'price_review_overdue');
    expect(price).toMatchObject({ severity: 'high', assignee: { id: t.org.users.am1.id }, status: 'open' });
    expect(price.facts).toMatchObject({ daysOverdue: 120, competitorOfferFen: 500_000 });
    const drop = body.items.find((w: { ruleCode: string }) => w.ruleCode === 'spend_drop');
    expect(drop.facts).toMatchObject({ period: '2026-04', currentFen: 700_000, baselineFen: 1_150_000 });
  });

  it('never raises the same cause twice', async () => {
    const again = await evaluateWarnings({ db: t.handle.db, period: '2026-04' });
    expect(again.created).toBe(0);
    await enqueueWarningEvaluation({ db: t.handle.db, period: '2026-04', sourceKey: 'import-2' });
    await runDueJobs({ handle: t.handle });
    expect((await open(am1)).total).toBe(5);
  });

  it('puts the price review on the AM calendar', async () => {
    const cal = (await h.get(am1, `/api/ka/calendar?from=${todayIso()}&to=${addDays(todayIso(), 30)}`)).json();
    expect(cal.find((e: { kind: string }) => e.kind === 'price_review')).toMatchObject({
      customerId: hotel,
      subject: 'MSTP-NJ-0088',
      date: todayIso(),
    });
    expect(cal.find((e: { kind: string }) => e.kind === 'contract_expiry')).toMatchObject({
      detail: { daysBefore: 30 },
    });
  });

  it('lets the AM acknowledge, make a task of and close a warning with a note', async () => {
    const body = await open(am1);
    const price = body.items.find((w: { ruleCode: string }) => w.ruleCode === 'price_review_overdue');
    const ack = await h.send(am1, 'POST', `/api/ka/warnings/${price.id}/acknowledge`);
    expect(ack.json().status).toBe('acknowledged');
    const past = await h.send(am1, 'POST', `/api/ka/warnings/${price.id}/task`, { dueDate: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0].path).toBe('dueDate');
    const due = new Date(Date.now() + 8 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10);
    const task = await h.send(am1, 'POST', `/api/ka/warnings/${price.id}/task`, { dueDate: due });
    expect(task.statusCode).toBe(201);
    expect(task.json()).toMatchObject({ source: 'warning', sourceKey: `warning:${price.id}`, customerId: hotel });
    // Titled in words, not with the rule code; due when asked.
    expect(task.json().title).toContain('价格复核逾期');
    expect(task.json().title).not.toContain('price_review_overdue');
    expect(task.json().dueDate).toBe(due);
    expect((await h.send(am1, 'POST', `/api/ka/warnings/${price.id}/close`, {})).statusCode).toBe(400);
    const closed = await h.send(am1, 'POST', `/api/ka/warnings/${price.id}/close`, {
      note: '已按市场价下调至5000元/月并续约',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', closeNote: '已按市场价下调至5000元/月并续约' });
    expect((await h.send(am1, 'POST', `/api/ka/warnings/${price.id}/close`, { note: 'x' })).statusCode).toBe(409);
  });

  it('hides the warnings from another AM on every path', async () => {
    expect((await open(am2)).total).toBe(0);
    const [w] = (await open(am1)).items;
    expect((await h.send(am2, 'POST', `/api/ka/warnings/${w.id}/acknowledge`)).statusCode).toBe(404);
    expect((await h.send(am2, 'POST', `/api/ka/warnings/${w.id}/close`, { note: 'x' })).statusCode).toBe(404);
    const other = await h.send(am2, 'POST', `/api/ka/warnings/${w.id}/task`);
    expect(other.statusCode, other.body).toBe(404);
    expect((await h.get(am2, `/api/ka/customers/${hotel}/price-reviews`)).statusCode).toBe(404);
    expect(
      (await h.get(am2, `/api/ka/calendar?from=${todayIso()}&to=${todayIso()}&amId=${t.org.users.am1.id}`)).statusCode,
    ).toBe(404);
    expect((await open(manager1)).total).toBe(4);
  });

  it('configures thresholds and switches rules off per org unit', async () => {
    const other = await addKa(t.handle.db, {
      orgUnitId: t.org.org.cityA.id,
      accountManagerId: t.org.users.am1.id,
      sinceDate: '2020-01-01',
    });
    await setSpend(t.handle.db, other, { '2026-01': 10_000, '2026-02': 10_000, '2026-03': 10_000, '2026-04': 8_600 });
    const bad = await h.send(manager1, 'POST', '/api/ka/warning-rules', {
      ruleCode: 'spend_drop',
      orgUnitId: t.org.org.cityA.id,
      enabled: true,
      params: { nonsense: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await h.send(manager1, 'POST', '/api/ka/warning-rules', {
          ruleCode: 'no_contact',
          orgUnitId: null,
          enabled: false,
        })
      ).statusCode,
    ).toBe(403);
    const set = await h.send(manager1, 'POST', '/api/ka/warning-rules', {
      ruleCode: 'spend_drop',
      orgUnitId: t.org.org.cityA.id,
      enabled: true,
      params: { dropPct: 10 },
    });
    expect(set.json().find((s: { ruleCode: string }) => s.ruleCode === 'spend_drop')).toMatchObject({
      params: { dropPct: 10 },
      source: 'org_unit',
    });
    await h.send(admin, 'POST', '/api/ka/warning-rules', {
      ruleCode: 'no_contact',
      orgUnitId: t.org.org.cityA.id,
      enabled: false,
    });
    await evaluateWarnings({ db: t.handle.db, period: '2026-04', customerIds: [other] });
    const mine = (await h.get(am1, `/api/ka/warnings?customerId=${other}`)).json();
    expect(mine.items.map((w: { ruleCode: string }) => w.ruleCode)).toEqual(['spend_drop']);
    expect((await h.get(am2, `/api/ka/warning-rules?orgUnitId=${t.org.org.cityB.id}`)).statusCode).toBe(200);
    expect((await h.get(manager1, `/api/ka/warning-rules?orgUnitId=${t.org.org.cityB.id}`)).statusCode).toBe(404);
  });
});
