import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerVia } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { http, seedKaOfferings, useScratchFilesDir } from '../ka-common/ka.test-helpers';
import { addDays, todayIso } from '../ka-common/ka-common.models';

// PATCH /api/ka/orders/:id/steps/:stepId: reassigning an open step or moving its due date; done steps and closed
// orders are history and stay as they were.

let t: TestApp;
let am1: Session;
let am2: Session;
let back: Session;
let manager1: Session;
let admin: Session;
let h: ReturnType<typeof http>;
let orderId: number;
type Step = { id: number; kind: string; dueDate: string; doneAt: string | null; assignee: { id: number } | null };
let steps: Step[];

beforeAll(async () => {
  useScratchFilesDir();
  t = await createTestApp();
  [am1, am2, back, manager1, admin] = await Promise.all(
    ['am1', 'am2', 'backoffice1', 'manager1', 'admin'].map((u) => loginAs(t.app, u)),
  );
  h = http(t);
  const off = await seedKaOfferings(t.handle);
  const customerId = (await createCustomerVia(t.app, am1, { name: '南京银行鼓楼支行' })).id;
  const opp = await h.send(am1, 'POST', '/api/ka/opportunities', {
    customerId,
    title: '营业网点专线',
    estMonthlyFen: 1,
  });
  const oppId = opp.json().id;
  const withOption = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/options`, {
    name: '城域以太网',
    termMonths: 36,
    items: [{ offeringId: off.metro.id, quantity: 1, monthlyFen: 800_000 }],
  });
  const chosen = await h.send(
    am1,
    'POST',
    `/api/ka/opportunities/${oppId}/options/${withOption.json().options[0].id}/choose`,
  );
  orderId = chosen.json().orderId;
  steps = (await h.get(am1, `/api/ka/orders/${orderId}`)).json().steps;
});
afterAll(() => t.close());

describe('adjusting fulfilment steps', () => {
  it('reassigns an open step, moves its due date, and hands it back to the department queue', async () => {
    const build = steps[1];
    const due = addDays(todayIso(), 10);
    const res = await h.send(manager1, 'PATCH', `/api/ka/orders/${orderId}/steps/${build.id}`, {
      assigneeId: t.org.users.backoffice1.id,
      dueDate: due,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().steps[1]).toMatchObject({ assignee: { id: t.org.users.backoffice1.id }, dueDate: due });
    const history = (await h.get(admin, `/api/audit?entity=service_order_step&entityId=${build.id}`)).json();
    expect(JSON.stringify(history)).toContain(due);

    const back2queue = await h.send(back, 'PATCH', `/api/ka/orders/${orderId}/steps/${build.id}`, { assigneeId: null });
    expect(back2queue.statusCode, back2queue.body).toBe(200);
    expect(back2queue.json().steps[1]).toMatchObject({ assignee: null, dueDate: due });
  });

  it("refuses an assignee outside the customer's branch and hides the order from other AMs", async () => {
    const far = await h.send(manager1, 'PATCH', `/api/ka/orders/${orderId}/steps/${steps[1].id}`, {
      assigneeId: t.org.users.am3.id,
    });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details[0].path).toBe('assigneeId');
    const notBackOffice = await h.send(manager1, 'PATCH', `/api/ka/orders/${orderId}/steps/${steps[1].id}`, {
      assigneeId: t.org.users.agent1.id,
    });
    expect(notBackOffice.statusCode).toBe(400);
    expect(notBackOffice.json().error.details[0].message).toContain('back_office');
    const other = await h.send(am2, 'PATCH', `/api/ka/orders/${orderId}/steps/${steps[1].id}`, { dueDate: todayIso() });
    expect(other.statusCode).toBe(404);
  });

  it('keeps a done step as it was', async () => {
    const accept = steps[0];
    expect(
      (await h.send(back, 'POST', `/api/ka/orders/${orderId}/steps/${accept.id}/complete`, { note: '已受理' }))
        .statusCode,
    ).toBe(200);
    const moved = await h.send(manager1, 'PATCH', `/api/ka/orders/${orderId}/steps/${accept.id}`, {
      dueDate: addDays(todayIso(), 30),
    });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error.code).toBe('fulfilment.step_done');
    const reassigned = await h.send(manager1, 'PATCH', `/api/ka/orders/${orderId}/steps/${accept.id}`, {
      assigneeId: t.org.users.backoffice1.id,
    });
    expect(reassigned.statusCode).toBe(409);
    const order = (await h.get(am1, `/api/ka/orders/${orderId}`)).json();
    expect(order.steps[0]).toMatchObject({ dueDate: accept.dueDate, assignee: accept.assignee });
  });

  it('keeps the steps of a closed order as they were', async () => {
    await t.handle.db.execute(sql`update service_orders set status = 'cancelled' where id = ${orderId}`);
    const res = await h.send(manager1, 'PATCH', `/api/ka/orders/${orderId}/steps/${steps[2].id}`, {
      dueDate: addDays(todayIso(), 5),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('fulfilment.order_closed');
  });
});
