// TMF621 as the specification reads it: any ticketType / severity, an unidentified caller's ticket, every offered
// filter (others 400), the trailing slash, DELETE, and the life cycle of the specification's diagram.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { ctxFor, makeCustomer } from '../service-desk.test-helpers';
import { troubleTicketFilters } from './tmf621.filters';

let t: TestApp;
let s: Record<'admin' | 'agent1' | 'manager2', Session>;
let customerId: number;
const base = '/tmf-api/troubleTicket/v4/troubleTicket';

const call = (who: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, payload: payload as object });
const create = (extra: Record<string, unknown> = {}, url = base) =>
  call(s.agent1, 'POST', url, {
    description: '话费扣款异常',
    severity: 'Urgent',
    ticketType: 'Bill Dispute',
    ...extra,
  });
const patch = (id: string, body: Record<string, unknown>) => call(s.agent1, 'PATCH', `${base}/${id}`, body);
const names = (res: { json: () => { name: string }[] }) =>
  res
    .json()
    .map((x) => x.name)
    .sort();

beforeAll(async () => {
  t = await createTestApp();
  const admin = await ctxFor(t.handle.db, t.org.users.admin);
  customerId = (await makeCustomer(admin, { name: '吴九', category: 'public', orgUnitId: t.org.org.cityA.id })).id;
  s = {
    admin: await loginAs(t.app, 'admin'),
    agent1: await loginAs(t.app, 'agent1'),
    manager2: await loginAs(t.app, 'manager2'),
  };
});
afterAll(() => t.close());

describe('TMF621 as specified', () => {
  it('stores and returns any ticketType and severity, classifying them as characteristics', async () => {
    const res = await create({ name: '账单争议', relatedParty: [{ id: String(customerId), role: 'customer' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ticketType: 'Bill Dispute', severity: 'Urgent' });
    expect(res.json().characteristic).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'internalTicketType', value: 'complaint' }),
        expect.objectContaining({ name: 'internalSeverity', value: 'critical' }),
      ]),
    );
    const odd = await create({ name: '奇怪类型', ticketType: 'Quantum Glitch', severity: 'Whenever' });
    expect(odd.json()).toMatchObject({ ticketType: 'Quantum Glitch', severity: 'Whenever' });
  });

  it("opens an unidentified caller's ticket without relatedParty, through the collection with a trailing slash", async () => {
    const res = await create({ name: '匿名来电' }, `${base}/`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().relatedParty.map((p: { role: string }) => p.role)).toEqual(['firstContactOwner']);
    const native = await call(s.agent1, 'GET', `/api/service-desk/tickets/${res.json().id}`);
    expect(native.json()).toMatchObject({ customerId: null, customerName: null });
    const list = await call(s.agent1, 'GET', `${base}/?name=匿名来电`);
    expect(list.statusCode).toBe(200);
    expect(names(list)).toEqual(['匿名来电']);
    // Outside the opening unit it is invisible.
    expect((await call(s.manager2, 'GET', `${base}/${res.json().id}`)).statusCode).toBe(404);
  });

  it('honours every offered filter (comma = or, date comparisons) and refuses the others', async () => {
    expect(names(await call(s.agent1, 'GET', `${base}?severity=Whenever`))).toEqual(['奇怪类型']);
    expect(names(await call(s.agent1, 'GET', `${base}?severity=Urgent,Whenever&ticketType=Bill%20Dispute`))).toEqual([
      '匿名来电',
      '账单争议',
    ]);
    expect((await call(s.agent1, 'GET', `${base}?ticketType=Nothing`)).json()).toEqual([]);
    expect((await call(s.agent1, 'GET', `${base}?status=acknowledged`)).headers['x-total-count']).toBe('3');
    expect((await call(s.agent1, 'GET', `${base}?status=resolved`)).json()).toEqual([]);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await call(s.agent1, 'GET', `${base}?creationDate.gt=${future}`)).json()).toEqual([]);
    expect((await call(s.agent1, 'GET', `${base}?lastUpdate.lte=${future}`)).headers['x-total-count']).toBe('3');
    const one = (await call(s.agent1, 'GET', `${base}?name=账单争议`)).json()[0];
    expect(names(await call(s.agent1, 'GET', `${base}?id=${one.id}`))).toEqual(['账单争议']);
    expect((await call(s.agent1, 'GET', `${base}?id=123456789012`)).json()).toEqual([]);
    const unsupported = await call(s.agent1, 'GET', `${base}?colour=red`);
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.json()).toMatchObject({ code: 'tmf.unsupported_filter', status: '400' });
    expect(unsupported.json().message).toContain('colour');
    expect((await call(s.agent1, 'GET', `${base}?creationDate.gt=soon`)).statusCode).toBe(400);
    const page = await call(s.agent1, 'GET', `${base}?limit=2&offset=2&fields=name`);
    expect(page.headers).toMatchObject({ 'x-total-count': '3', 'x-result-count': '1' });
  });

  it('sorts and filters on the shared TMF conventions (parties, channel, priority ranges, reasons)', async () => {
    const inOrder = (res: { json: () => { name: string }[] }) => res.json().map((x) => x.name);
    expect(inOrder(await call(s.agent1, 'GET', `${base}?sort=id`))).toEqual(['账单争议', '奇怪类型', '匿名来电']);
    expect(inOrder(await call(s.agent1, 'GET', `${base}?sort=-id&fields=name`))).toEqual([
      '匿名来电',
      '奇怪类型',
      '账单争议',
    ]);
    expect(inOrder(await call(s.agent1, 'GET', `${base}?sort=severity,id`))).toEqual([
      '账单争议',
      '匿名来电',
      '奇怪类型',
    ]);
    expect(inOrder(await call(s.agent1, 'GET', `${base}?sort=-severity&limit=1`))).toEqual(['奇怪类型']);
    expect(names(await call(s.agent1, 'GET', `${base}?relatedParty.id=${customerId}`))).toEqual(['账单争议']);
    expect((await call(s.agent1, 'GET', `${base}?relatedParty.id=not-ours`)).json()).toEqual([]);
    expect((await call(s.agent1, 'GET', `${base}?channel.name=web`)).headers['x-total-count']).toBe('3');
    expect((await call(s.agent1, 'GET', `${base}?channel.id=phone`)).json()).toEqual([]);
    expect((await call(s.agent1, 'GET', `${base}?priority.gte=-1000`)).headers['x-total-count']).toBe('3');
    expect((await call(s.agent1, 'GET', `${base}?priority.lt=-1000`)).json()).toEqual([]);
    expect((await call(s.agent1, 'GET', `${base}?statusChangeReason=重复工单`)).json()).toEqual([]);
    expect((await call(s.agent1, 'GET', `${base}?externalId=A-1,B-2`)).json()).toEqual([]);
    const past = new Date(Date.now() - 86_400_000).toISOString();
    expect((await call(s.agent1, 'GET', `${base}?expectedResolutionDate.gt=${past}`)).statusCode).toBe(200);
    const badSort = await call(s.agent1, 'GET', `${base}?sort=colour`);
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json()).toMatchObject({ code: 'tmf.unsupported_sort', status: '400' });
    expect((await call(s.agent1, 'GET', `${base}?name.gt=a`)).statusCode).toBe(400);
    expect((await call(s.agent1, 'GET', `${base}?priority=high`)).statusCode).toBe(400);
    // Free text with a comma is matched as sent; @type is always TroubleTicket.
    expect((await create({ name: '逗号', description: '断网, 无法上网' })).statusCode).toBe(201);
    const described = await call(s.agent1, 'GET', `${base}?description=${encodeURIComponent('断网, 无法上网')}`);
    expect(names(described)).toEqual(['逗号']);
    expect(names(await call(s.agent1, 'GET', `${base}?%40type=TroubleTicket&name=逗号`))).toEqual(['逗号']);
    expect((await call(s.agent1, 'GET', `${base}?%40type=Customer`)).json()).toEqual([]);
  });

  it('finds a ticket by every filter attribute TMF621 declares, with the value the API returned for it', async () => {
    const tt = (await call(s.agent1, 'GET', `${base}?name=账单争议`)).json()[0];
    const returnedValue = (attribute: string): string | undefined => {
      const [head, sub] = attribute.split('.');
      const v = tt[head];
      if (sub) return (Array.isArray(v) ? v[0]?.[sub] : v?.[sub]) ?? undefined;
      return typeof v === 'string' ? v : undefined;
    };
    const checked: string[] = [];
    for (const attribute of Object.keys(troubleTicketFilters)) {
      const value = returnedValue(attribute);
      if (value === undefined) continue;
      const res = await call(s.agent1, 'GET', `${base}?${encodeURIComponent(attribute)}=${encodeURIComponent(value)}`);
      expect(res.statusCode, `${attribute}: ${res.body}`).toBe(200);
      expect(
        res.json().map((x: { id: string }) => x.id),
        attribute,
      ).toContain(tt.id);
      checked.push(attribute);
    }
    expect(checked).toEqual(
      expect.arrayContaining(['id', 'href', 'name', 'description', 'ticketType', 'severity', 'status', 'priority']),
    );
    expect(checked).toEqual(expect.arrayContaining(['creationDate', 'lastUpdate', 'channel.id', 'relatedParty.id']));
    // Date ranges bracket the returned instant.
    const at = encodeURIComponent(tt.creationDate);
    expect(
      (await call(s.agent1, 'GET', `${base}?creationDate.gte=${at}&creationDate.lte=${at}&name=账单争议`)).json(),
    ).toHaveLength(1);
  });

  it('follows the life cycle of the diagram, with its statusChange history; final states stay final', async () => {
    const id = (await create({ name: '生命周期' })).json().id;
    const path = ['inProgress', 'held', 'inProgress', 'pending', 'inProgress', 'resolved', 'inProgress', 'resolved'];
    for (const status of path) {
      const res = await patch(id, { status });
      expect(res.statusCode, `${status}: ${res.body}`).toBe(200);
    }
    const closed = await patch(id, { status: 'closed', statusChangeReason: '客户认可' });
    expect(closed.json()).toMatchObject({ status: 'closed', statusChangeReason: '客户认可' });
    expect(closed.json().statusChange.map((c: { status: string }) => c.status)).toEqual([
      'acknowledged',
      ...path,
      'closed',
    ]);
    expect((await patch(id, { status: 'inProgress' })).statusCode).toBe(409);

    const rejected = (await create({ name: '驳回' })).json().id;
    expect((await patch(rejected, { status: 'resolved' })).statusCode).toBe(409);
    expect((await patch(rejected, { status: 'rejected', statusChangeReason: '重复工单' })).json().status).toBe(
      'rejected',
    );
    expect((await patch(rejected, { status: 'inProgress' })).statusCode).toBe(409);
    const pending = (await create({ name: '待补充' })).json().id;
    await patch(pending, { status: 'inProgress' });
    await patch(pending, { status: 'pending' });
    expect((await patch(pending, { status: 'cancelled' })).json().status).toBe('cancelled');
    expect((await patch(pending, { status: 'inProgress' })).statusCode).toBe(409);
  });

  it('deletes a ticket (204): it answers 404 everywhere afterwards, and the deletion is audited', async () => {
    const id = (await create({ name: '待删除' })).json().id;
    expect((await call(s.manager2, 'DELETE', `${base}/${id}`)).statusCode).toBe(404);
    expect((await call(s.agent1, 'DELETE', `${base}/${id}`)).statusCode).toBe(204);
    expect((await call(s.agent1, 'GET', `${base}/${id}`)).statusCode).toBe(404);
    expect((await call(s.agent1, 'DELETE', `${base}/${id}`)).statusCode).toBe(404);
    expect((await call(s.agent1, 'GET', `/api/service-desk/tickets/${id}`)).statusCode).toBe(404);
    expect((await call(s.agent1, 'GET', `${base}?name=待删除`)).json()).toEqual([]);
    expect((await call(s.agent1, 'DELETE', `${base}/12345678901`)).statusCode).toBe(404);
    const audit = await call(s.admin, 'GET', `/api/audit?entity=ticket&entityId=${id}`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('delete');
  });
});
