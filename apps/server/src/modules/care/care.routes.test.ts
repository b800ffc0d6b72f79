import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { addKa, addProduct, http, seedKaOfferings } from '../ka-common/ka.test-helpers';
import { addDays, todayIso } from '../ka-common/ka-common.models';

// Preventive checks of critical dedicated lines (DOMAIN.md 4, e.g. a bank's lines): scheduled per customer, recorded
// as done, the next one due one interval after.

let t: TestApp;
let am1: Session;
let am2: Session;
let admin: Session;
let h: ReturnType<typeof http>;
let bank: number;
let line: number;
let otherLine: number;

beforeAll(async () => {
  t = await createTestApp();
  [am1, am2, admin] = await Promise.all(['am1', 'am2', 'admin'].map((u) => loginAs(t.app, u)));
  h = http(t);
  const off = await seedKaOfferings(t.handle);
  const cityA = t.org.org.cityA.id;
  bank = await addKa(t.handle.db, { orgUnitId: cityA, accountManagerId: t.org.users.am1.id, name: '南京银行' });
  const other = await addKa(t.handle.db, { orgUnitId: cityA, accountManagerId: t.org.users.am2.id, name: '金陵饭店' });
  line = await addProduct(t.handle.db, bank, off.metro.id, 'NJ-MSTP-0001', 800_000);
  otherLine = await addProduct(t.handle.db, other, off.metro.id, 'NJ-MSTP-0002', 800_000);
});
afterAll(() => t.close());

describe('preventive line checks', () => {
  let checkId: number;

  it("schedules a check of one of the customer's lines", async () => {
    const due = addDays(todayIso(), 7);
    const res = await h.send(am1, 'POST', `/api/ka/customers/${bank}/line-checks`, {
      productInstanceId: line,
      description: '营业部专线季度巡检',
      intervalDays: 90,
      nextDueDate: due,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({ productInstanceId: line, intervalDays: 90, nextDueDate: due, lastDoneDate: null }),
    ]);
    checkId = res.json()[0].id;
    const foreign = await h.send(am1, 'POST', `/api/ka/customers/${bank}/line-checks`, {
      productInstanceId: otherLine,
      description: 'x',
      nextDueDate: due,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe('productInstanceId');
  });

  it('records a check as done with its note; the next one is due one interval later', async () => {
    const doneOn = todayIso();
    const res = await h.send(am1, 'POST', `/api/ka/line-checks/${checkId}/done`, { doneOn, note: '光功率正常' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()[0]).toMatchObject({ lastDoneDate: doneOn, nextDueDate: addDays(doneOn, 90) });
    const audit = (await h.get(admin, `/api/audit?entity=line_check&entityId=${checkId}`)).json();
    expect(JSON.stringify(audit)).toContain('光功率正常');
  });

  it("keeps a customer's checks away from other AMs", async () => {
    expect((await h.get(am2, `/api/ka/customers/${bank}/line-checks`)).statusCode).toBe(404);
    expect((await h.send(am2, 'POST', `/api/ka/line-checks/${checkId}/done`, { doneOn: todayIso() })).statusCode).toBe(
      404,
    );
  });

  it('changes a check (audited), refuses an empty change, and stops it', async () => {
    const due = addDays(todayIso(), 30);
    const res = await h.send(am1, 'PATCH', `/api/ka/line-checks/${checkId}`, { intervalDays: 30, nextDueDate: due });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()[0]).toMatchObject({ intervalDays: 30, nextDueDate: due });
    const audit = (await h.get(admin, `/api/audit?entity=line_check&entityId=${checkId}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'update', changes: { intervalDays: { before: 90, after: 30 } } });
    expect((await h.send(am1, 'PATCH', `/api/ka/line-checks/${checkId}`, {})).statusCode).toBe(400);
    expect((await h.send(am2, 'PATCH', `/api/ka/line-checks/${checkId}`, { intervalDays: 7 })).statusCode).toBe(404);
    expect((await h.send(am2, 'DELETE', `/api/ka/line-checks/${checkId}`)).statusCode).toBe(404);
    const stopped = await h.send(am1, 'DELETE', `/api/ka/line-checks/${checkId}`);
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json()).toEqual([]);
    expect((await h.send(am1, 'DELETE', `/api/ka/line-checks/${checkId}`)).statusCode).toBe(404);
  });
});
