import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { addContract, addKa, http } from '../ka-common/ka.test-helpers';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';

let t: TestApp;
let h: ReturnType<typeof http>;
let admin: Session;
let am1: Session;
let am2: Session;
let manager2: Session;
let marketing: Session;
const ids: Record<string, number> = {};
let competitors: { id: number; code: string }[];

const rows = async <T>(q: ReturnType<typeof sql>) => (await t.handle.db.execute(q)) as unknown as { rows: T[] };
const thisMonth = periodOf(todayIso());
const lastMonth = shiftPeriod(thisMonth, -1);

beforeAll(async () => {
  t = await createTestApp();
  h = http(t);
  [admin, am1, am2, manager2, marketing] = await Promise.all(
    ['admin', 'am1', 'am2', 'manager2', 'marketing1'].map((u) => loginAs(t.app, u)),
  );
  const am = t.org.users.am1.id;
  for (const name of ['A', 'B', 'C', 'D', 'E'])
    ids[name] = await addKa(t.handle.db, {
      orgUnitId: t.org.org.cityA.id,
      accountManagerId: am,
      name: `客户${name}`,
      sinceDate: '2020-01-15',
    });
  await addContract(t.handle.db, ids.A, { no: 'HT-A', start: '2024-01-01', end: '2025-12-31', months: 24 });
  competitors = (await h.get(am1, '/api/churn/competitors')).json();
});
afterAll(() => t.close());

const cid = (code: string) => competitors.find((c) => c.code === code)!.id;

describe('recording a termination', () => {
  it('starts the competitor list with the defaults', () => {
    expect(competitors.map((c) => c.code)).toEqual([
      'china_mobile',
      'china_unicom',
      'china_broadnet',
      'local_isp',
      'cloud_provider',
    ]);
  });

  it('sets the customer churned through the customers module, and audits both', async () => {
    const res = await h.send(am1, 'POST', `/api/customers/${ids.A}/termination`, {
      terminationDate: `${lastMonth}-01`,
      reasonCode: 'price',
      competitorId: cid('china_mobile'),
      monthlyValueLostFen: 10_000,
      note: '对手报价低 30%',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      customerId: ids.A,
      reasonCode: 'price',
      competitor: { nameZh: '中国移动' },
      recordedBy: { id: t.org.users.am1.id },
    });
    const customer = (await h.get(am1, `/api/customers/${ids.A}`)).json();
    expect(customer.customer.status).toBe('churned');
    const audit = await rows<{
      entity: string;
      action: string;
      changes: Record<string, { before: unknown; after: unknown }>;
    }>(sql`select entity, action, changes from audit_log where customer_id = ${ids.A} order by id`);
    expect(audit.rows.find((a) => a.entity === 'customer')?.changes.status).toEqual({
      before: 'active',
      after: 'churned',
    });
    expect(audit.rows.find((a) => a.entity === 'churn_termination')?.action).toBe('create');
  });

  it('refuses a second termination of a churned customer (409)', async () => {
    const res = await h.send(am1, 'POST', `/api/customers/${ids.A}/termination`, {
      terminationDate: todayIso(),
      reasonCode: 'other',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('churn.already_terminated');
  });

  it('names the field of bad input and writes nothing', async () => {
    const future = await h.send(am1, 'POST', `/api/customers/${ids.E}/termination`, {
      terminationDate: '2999-01-01',
      reasonCode: 'price',
    });
    expect(future.statusCode).toBe(400);
    expect(JSON.stringify(future.json())).toContain('terminationDate');
    const competitor = await h.send(am1, 'POST', `/api/customers/${ids.E}/termination`, {
      terminationDate: todayIso(),
      reasonCode: 'price',
      competitorId: 999_999,
    });
    expect(competitor.statusCode).toBe(400);
    expect(competitor.json().error.details[0].path).toBe('competitorId');
    const portOut = await h.send(am1, 'POST', `/api/customers/${ids.E}/termination`, {
      terminationDate: todayIso(),
      reasonCode: 'price',
      portedOut: true,
    });
    expect(portOut.statusCode).toBe(400);
    expect(JSON.stringify(portOut.json())).toContain('linesLost');
    const reason = await h.send(am1, 'POST', `/api/customers/${ids.E}/termination`, {
      terminationDate: todayIso(),
      reasonCode: 'bored',
    });
    expect(reason.statusCode).toBe(400);
    const left = await rows<{ n: number }>(
      sql`select count(*)::int as n from churn_terminations where customer_id = ${ids.E}`,
    );
    expect(left.rows[0].n).toBe(0);
    expect((await h.get(am1, `/api/customers/${ids.E}`)).json().customer.status).toBe('active');
  });

  it('keeps other portfolios and other cities out (404), and roles without the permission (403)', async () => {
    const body = { terminationDate: todayIso(), reasonCode: 'price' };
    expect((await h.send(am2, 'POST', `/api/customers/${ids.E}/termination`, body)).statusCode).toBe(404);
    expect((await h.send(manager2, 'POST', `/api/customers/${ids.E}/termination`, body)).statusCode).toBe(404);
    expect((await h.send(marketing, 'POST', `/api/customers/${ids.E}/termination`, body)).statusCode).toBe(403);
  });

  it('replays a termination with the same Idempotency-Key', async () => {
    const payload = {
      terminationDate: `${thisMonth}-01`,
      reasonCode: 'competitor_offer',
      competitorId: cid('china_unicom'),
      portedOut: true,
      linesLost: 3,
      monthlyValueLostFen: 20_000,
    };
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/customers/${ids.B}/termination`,
        headers: { ...am1.headers, 'idempotency-key': 'term-B' },
        payload,
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect((await h.get(am1, `/api/churn/terminations?customerId=${ids.B}`)).json().total).toBe(1);
  });
});

describe('the competitor list', () => {
  it('is kept by administrators (audited), read by everyone, refused to others', async () => {
    const created = await h.send(admin, 'POST', '/api/churn/competitors', {
      code: 'tietong',
      nameZh: '铁通',
      nameEn: 'China Tietong',
    });
    expect(created.statusCode).toBe(201);
    const dup = await h.send(admin, 'POST', '/api/churn/competitors', { code: 'tietong', nameZh: '铁通', nameEn: 'x' });
    expect(dup.statusCode).toBe(409);
    const off = await h.send(admin, 'PATCH', `/api/churn/competitors/${created.json().id}`, { active: false });
    expect(off.json().active).toBe(false);
    const active = (await h.get(am1, '/api/churn/competitors?active=true')).json();
    expect(active.map((c: { code: string }) => c.code)).not.toContain('tietong');
    expect(
      (await h.send(am1, 'POST', '/api/churn/competitors', { code: 'x1', nameZh: 'x', nameEn: 'x' })).statusCode,
    ).toBe(403);
    const audit = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where entity = 'churn_competitor' and entity_id = ${String(created.json().id)}`,
    );
    expect(audit.rows[0].n).toBe(2);
  });
});

describe('the churn analysis', () => {
  it('counts the last two months by hand: rates, value lost, reasons, direction, segments, survival', async () => {
    const res = await h.get(am1, '/api/churn/analysis?months=2&horizonMonths=12&dimension=contract_type');
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect([a.from, a.to]).toEqual([lastMonth, thisMonth]);
    // Five customers; A leaves on the 1st of last month, B on the 1st of this one.
    expect(a.months).toEqual([
      { period: lastMonth, atRisk: 5, churned: 1, rate: 0.2, monthlyValueLostFen: 10_000, valueLostFen: 120_000 },
      { period: thisMonth, atRisk: 4, churned: 1, rate: 0.25, monthlyValueLostFen: 20_000, valueLostFen: 240_000 },
    ]);
    expect(a.totals).toEqual({ customers: 5, churned: 2, rate: 0.4, valueLostFen: 360_000 });
    expect(a.reasons).toEqual([
      { reasonCode: 'competitor_offer', count: 1, valueLostFen: 240_000 },
      { reasonCode: 'price', count: 1, valueLostFen: 120_000 },
    ]);
    expect(a.directions).toEqual([
      {
        competitorId: cid('china_mobile'),
        nameZh: '中国移动',
        nameEn: 'China Mobile',
        count: 1,
        portedOut: 0,
        linesLost: 0,
        valueLostFen: 120_000,
      },
      {
        competitorId: cid('china_unicom'),
        nameZh: '中国联通',
        nameEn: 'China Unicom',
        count: 1,
        portedOut: 1,
        linesLost: 3,
        valueLostFen: 240_000,
      },
    ]);
    const contract = a.segments.filter((s: { dimension: string }) => s.dimension === 'contract_type');
    expect(contract).toEqual([
      { dimension: 'contract_type', segment: 'none', customers: 4, churned: 1, rate: 0.25, valueLostFen: 240_000 },
      { dimension: 'contract_type', segment: 'term_24', customers: 1, churned: 1, rate: 1, valueLostFen: 120_000 },
    ]);
    expect(
      a.survival.curves.map((c: { segment: string; n: number; events: number }) => [c.segment, c.n, c.events]),
    ).toEqual([
      ['all', 5, 2],
      ['none', 4, 1],
      ['term_24', 1, 1],
    ]);
  });

  it('is scoped by the viewer: another city sees none of it; agents may not read it', async () => {
    const other = (await h.get(manager2, '/api/churn/analysis')).json();
    expect(other.totals).toEqual({ customers: 0, churned: 0, rate: 0, valueLostFen: 0 });
    const agent = await loginAs(t.app, 'agent1');
    expect((await h.get(agent, '/api/churn/analysis')).statusCode).toBe(403);
    expect((await h.get(am1, '/api/churn/analysis?months=0')).statusCode).toBe(400);
  });
});

describe('retention actions and their uplift', () => {
  it('records actions with owner, due date and outcome (audited), and lists them', async () => {
    const created = await h.send(am1, 'POST', `/api/customers/${ids.C}/retention-actions`, {
      kind: 'visit',
      dueDate: todayIso(),
      scoringRunId: 42,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'visit',
      outcome: 'pending',
      owner: { id: t.org.users.am1.id },
      scoringRunId: 42,
      completedAt: null,
    });
    const saved = await h.send(am1, 'PATCH', `/api/churn/retention-actions/${created.json().id}`, { outcome: 'saved' });
    expect(saved.json().outcome).toBe('saved');
    expect(saved.json().completedAt).not.toBeNull();
    const list = (await h.get(am1, `/api/churn/retention-actions?customerId=${ids.C}`)).json();
    expect(list.total).toBe(1);
    const audit = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where entity = 'churn_retention_action' and customer_id = ${ids.C}`,
    );
    expect(audit.rows[0].n).toBe(2);
    expect(
      (
        await h.send(am1, 'POST', `/api/customers/${ids.D}/retention-actions`, {
          kind: 'call',
          dueDate: todayIso(),
          ownerId: 999_999,
        })
      ).json().error.details[0].path,
    ).toBe('ownerId');
    expect(
      (await h.send(am1, 'POST', `/api/customers/${ids.A}/retention-actions`, { kind: 'call', dueDate: todayIso() }))
        .statusCode,
    ).toBe(400);
    expect((await h.get(am2, `/api/churn/retention-actions?customerId=${ids.C}`)).json().total).toBe(0);
  });

  it('reports the uplift of the treated customers against a control list', async () => {
    await h.send(am1, 'POST', `/api/customers/${ids.D}/retention-actions`, {
      kind: 'call',
      dueDate: todayIso(),
      scoringRunId: 42,
    });
    // Treated: C and D (both still customers). Control: A and B (churned) and E (still a customer).
    const res = await h.send(am1, 'POST', '/api/churn/uplift', {
      scoringRunId: 42,
      controlCustomerIds: [ids.A, ids.B, ids.E, ids.C],
    });
    expect(res.statusCode).toBe(200);
    const u = res.json();
    expect(u.treated).toEqual({ customers: 2, saved: 2, rate: 1 });
    expect(u.control).toEqual({ customers: 3, saved: 1, rate: 1 / 3 });
    expect(u.uplift).toBeCloseTo(2 / 3, 12);
    expect(u.lower).toBeLessThan(u.uplift);
    const none = await h.send(am1, 'POST', '/api/churn/uplift', { scoringRunId: 7, controlCustomerIds: [ids.E] });
    expect(none.statusCode).toBe(400);
  });
});
