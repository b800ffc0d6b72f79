import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerVia } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { scanOverdueSteps } from '../fulfilment/fulfilment-steps.service';
import { http, type KaOfferings, seedKaOfferings, useScratchFilesDir } from '../ka-common/ka.test-helpers';
import { addDays, todayIso } from '../ka-common/ka-common.models';
import { listAlertsByKey } from '../notifications/notifications.service';

// S1 (DOMAIN.md 6): a Fortune-500 KA wants 80 more office phones with internal short numbers. The AM offers three
// options, the customer picks the digital circuit, network builds and tests, the customer confirms in writing,
// billing starts: 400 yuan/month number occupation fee + 2,550 yuan/month digital circuit rent.

let t: TestApp;
let am1: Session;
let am2: Session;
let back: Session;
let manager1: Session;
let off: KaOfferings;
let h: ReturnType<typeof http>;
beforeAll(async () => {
  useScratchFilesDir();
  t = await createTestApp();
  [am1, am2, back, manager1] = await Promise.all(
    ['am1', 'am2', 'backoffice1', 'manager1'].map((u) => loginAs(t.app, u)),
  );
  off = await seedKaOfferings(t.handle);
  h = http(t);
});
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.4\n% signed completion confirmation\n').toString('base64');

describe('S1: solution options to billing', () => {
  let customerId: number;
  let oppId: number;
  let orderId: number;
  let options: { id: number; name: string }[];

  it('designs three solution options and compares them side by side', async () => {
    customerId = (await createCustomerVia(t.app, am1, { name: '杜邦（中国）有限公司', organizationType: 'fortune500' }))
      .id;
    const created = await h.send(am1, 'POST', '/api/ka/opportunities', {
      customerId,
      title: '新增80部办公电话（内部短号）',
      estMonthlyFen: 300_000,
      expectedClose: addDays(todayIso(), 30),
      competitor: '联通',
    });
    expect(created.statusCode).toBe(201);
    oppId = created.json().id;
    expect(created.json()).toMatchObject({ stage: 'lead', owner: { id: t.org.users.am1.id } });

    const designs = [
      {
        name: '汇线通（Centrex）接入',
        termMonths: 36,
        investmentFen: 0,
        items: [{ offeringId: off.centrex.id, quantity: 80, oneTimeFen: 10_000, monthlyFen: 3_000 }],
      },
      {
        name: '模拟中继',
        termMonths: 36,
        investmentFen: 1_500_000,
        items: [{ offeringId: off.trunk.id, quantity: 12, oneTimeFen: 50_000, monthlyFen: 15_000 }],
      },
      {
        name: '数字电路',
        termMonths: 36,
        investmentFen: 3_000_000,
        items: [
          { offeringId: off.numbers.id, description: '80个号码占用费', quantity: 1, monthlyFen: 40_000 },
          {
            offeringId: off.circuit.id,
            description: '2M数字电路月租',
            quantity: 1,
            oneTimeFen: 200_000,
            monthlyFen: 255_000,
          },
        ],
      },
    ];
    for (const d of designs) {
      const res = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/options`, d);
      expect(res.statusCode, res.body).toBe(200);
    }
    const detail = (await h.get(am1, `/api/ka/opportunities/${oppId}`)).json();
    expect(detail.stage).toBe('solution');
    options = detail.options;
    expect(detail.options.map((o: { name: string }) => o.name)).toEqual(designs.map((d) => d.name));
    const digital = detail.options[2];
    expect(digital.comparison).toMatchObject({ monthlyFen: 295_000, oneTimeFen: 200_000, termRevenueFen: 10_820_000 });
    expect(detail.options[0].comparison).toMatchObject({ monthlyFen: 240_000, lowestMonthly: false });
    expect(detail.options[1].comparison.lowestMonthly).toBe(true);
  });

  it('refuses an option with an unknown product, and keeps the opportunity away from other AMs', async () => {
    const bad = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/options`, {
      name: 'x',
      termMonths: 12,
      items: [{ offeringId: 999_999, quantity: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('items.0.offeringId');
    expect((await h.get(am2, `/api/ka/opportunities/${oppId}`)).statusCode).toBe(404);
    expect(
      (await h.send(am2, 'POST', `/api/ka/opportunities/${oppId}/options/${options[2].id}/choose`)).statusCode,
    ).toBe(404);
    const list = (await h.get(am2, '/api/ka/opportunities')).json();
    expect(list.items.map((o: { id: number }) => o.id)).not.toContain(oppId);
  });

  it('turns the chosen option into a service order with five fulfilment steps', async () => {
    const res = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/options/${options[2].id}/choose`);
    expect(res.statusCode, res.body).toBe(200);
    orderId = res.json().orderId;
    const opp = (await h.get(am1, `/api/ka/opportunities/${oppId}`)).json();
    expect(opp).toMatchObject({ stage: 'won', chosenOptionId: options[2].id, orderId, estMonthlyFen: 295_000 });
    expect(opp.options.filter((o: { chosen: boolean }) => o.chosen)).toHaveLength(1);
    const order = (await h.get(am1, `/api/ka/orders/${orderId}`)).json();
    expect(order.steps.map((s: { kind: string; department: string }) => `${s.kind}/${s.department}`)).toEqual([
      'accept/business',
      'network_build/network',
      'test/network',
      'customer_confirmation/account_management',
      'billing_start/billing',
    ]);
    expect(order.steps[3].assignee.id).toBe(t.org.users.am1.id);
    expect(order).toMatchObject({ status: 'in_progress', currentStep: 'accept', monthlyFen: 295_000 });
    expect(
      (await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/options/${options[0].id}/choose`)).statusCode,
    ).toBe(409);
  });

  it('alerts the AM and the department head once when a step is overdue', async () => {
    const order = (await h.get(am1, `/api/ka/orders/${orderId}`)).json();
    const accept = order.steps[0];
    const moved = await h.send(manager1, 'PATCH', `/api/ka/orders/${orderId}/steps/${accept.id}`, {
      dueDate: addDays(todayIso(), -2),
    });
    expect(moved.json().steps[0].overdue).toBe(true);
    expect((await scanOverdueSteps({ db: t.handle.db })).alerted).toBe(1);
    expect((await scanOverdueSteps({ db: t.handle.db })).alerted).toBe(0);
    const told = await listAlertsByKey({ db: t.handle.db, dedupeKey: `fulfilment.step_overdue:${accept.id}` });
    expect(told.map((n: { userId: number }) => n.userId)).toContain(t.org.users.am1.id);
    expect(told.length).toBeGreaterThanOrEqual(2);
  });

  it('lets back-office users complete their steps in order, and the AM record the written confirmation', async () => {
    const mine = (await h.get(back, '/api/ka/my-steps')).json();
    expect(mine.map((s: { orderId: number; kind: string }) => `${s.orderId}/${s.kind}`)).toContain(`${orderId}/accept`);
    expect((await h.get(am2, '/api/ka/my-steps')).json()).toEqual([]);
    const order = (await h.get(back, `/api/ka/orders/${orderId}`)).json();
    const [accept, build, test, confirm, billing] = order.steps;

    const early = await h.send(back, 'POST', `/api/ka/orders/${orderId}/steps/${build.id}/complete`, {});
    expect(early.statusCode).toBe(409);
    expect(
      (await h.send(back, 'POST', `/api/ka/orders/${orderId}/steps/${accept.id}/complete`, { note: '已受理' }))
        .statusCode,
    ).toBe(200);
    expect((await h.send(am1, 'POST', `/api/ka/orders/${orderId}/steps/${build.id}/complete`, {})).statusCode).toBe(
      403,
    );
    const built = await h.send(back, 'POST', `/api/ka/orders/${orderId}/steps/${build.id}/complete`, {
      note: '电路已开通',
      serviceNumbers: order.items.map((i: { id: number }, n: number) => ({
        itemId: i.id,
        serviceNumber: `NJ-DC-2M-0${n + 1}`,
      })),
    });
    expect(built.statusCode, built.body).toBe(200);
    expect(
      (await h.send(back, 'POST', `/api/ka/orders/${orderId}/steps/${test.id}/complete`, { note: '测试通过' }))
        .statusCode,
    ).toBe(200);

    expect((await h.send(back, 'POST', `/api/ka/orders/${orderId}/steps/${confirm.id}/complete`, {})).statusCode).toBe(
      403,
    );
    const noDoc = await h.send(am1, 'POST', `/api/ka/orders/${orderId}/steps/${confirm.id}/complete`, {
      confirmation: { kind: 'document', signer: '王经理', signedOn: todayIso() },
    });
    expect(noDoc.statusCode).toBe(400);
    const confirmed = await h.send(am1, 'POST', `/api/ka/orders/${orderId}/steps/${confirm.id}/complete`, {
      confirmation: {
        kind: 'document',
        signer: '王经理',
        signedOn: todayIso(),
        document: { fileName: '竣工确认书.pdf', contentType: 'application/pdf', contentBase64: pdf },
      },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const evidence = confirmed.json().steps[3].evidence;
    expect(evidence).toMatchObject({ kind: 'document', signer: '王经理', document: { fileName: '竣工确认书.pdf' } });
    expect(evidence.document).not.toHaveProperty('storageKey');
    const doc = await h.get(am1, `/api/ka/orders/${orderId}/steps/${confirm.id}/document`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-disposition']).toContain('attachment');
    expect(doc.rawPayload.toString()).toContain('%PDF');
    expect((await h.get(am2, `/api/ka/orders/${orderId}/steps/${confirm.id}/document`)).statusCode).toBe(404);

    const start = addDays(todayIso(), 1);
    const billed = await h.send(back, 'POST', `/api/ka/orders/${orderId}/steps/${billing.id}/complete`, {
      billingStartDate: start,
    });
    expect(billed.statusCode, billed.body).toBe(200);
    expect(billed.json()).toMatchObject({ status: 'completed', billingStartDate: start, currentStep: null });
  });

  it('creates the products with the S1 charges and the billing start date', async () => {
    const c360 = (await h.get(am1, `/api/customers/${customerId}`)).json();
    const products = c360.products.map(
      (p: { offeringId: number; monthlyFen: number; startDate: string; serviceNumber: string }) => ({
        offeringId: p.offeringId,
        monthlyFen: p.monthlyFen,
        startDate: p.startDate,
        serviceNumber: p.serviceNumber,
      }),
    );
    const start = addDays(todayIso(), 1);
    expect(products).toEqual(
      expect.arrayContaining([
        { offeringId: off.numbers.id, monthlyFen: 40_000, startDate: start, serviceNumber: 'NJ-DC-2M-01' },
        { offeringId: off.circuit.id, monthlyFen: 255_000, startDate: start, serviceNumber: 'NJ-DC-2M-02' },
      ]),
    );
    const order = (await h.get(am1, `/api/ka/orders/${orderId}`)).json();
    expect(order.items.every((i: { productInstanceId: number | null }) => i.productInstanceId)).toBe(true);
  });

  it('hides the order from another AM on every path', async () => {
    expect((await h.get(am2, `/api/ka/orders/${orderId}`)).statusCode).toBe(404);
    const list = (await h.get(am2, '/api/ka/orders')).json();
    expect(list.items.map((o: { id: number }) => o.id)).not.toContain(orderId);
    const order = (await h.get(am1, `/api/ka/orders/${orderId}`)).json();
    const patch = await h.send(am2, 'PATCH', `/api/ka/orders/${orderId}/steps/${order.steps[0].id}`, {
      dueDate: todayIso(),
    });
    expect(patch.statusCode).toBe(404);
  });
});
