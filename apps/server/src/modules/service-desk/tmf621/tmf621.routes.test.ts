import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { ctxFor, makeCustomer } from '../service-desk.test-helpers';

let t: TestApp;
let s: Record<'admin' | 'agent1' | 'manager1' | 'manager2', Session>;
let customerId: number;
const base = '/tmf-api/troubleTicket/v4/troubleTicket';

const call = (
  who: Session | null,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => t.app.inject({ method, url, headers: { ...(who?.headers ?? {}), ...headers }, payload: payload as object });

const create = (who: Session, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  call(
    who,
    'POST',
    base,
    {
      name: '宽带无法上网',
      description: '家中宽带自昨晚起无法连接',
      severity: 'Major',
      ticketType: 'incident',
      relatedParty: [{ id: String(customerId), role: 'customer', '@referredType': 'Customer' }],
      ...extra,
    },
    headers,
  );

beforeAll(async () => {
  process.env.KA_FILES_DIR = mkdtempSync(path.join(tmpdir(), 'tmf621-files-'));
  t = await createTestApp();
  const admin = await ctxFor(t.handle.db, t.org.users.admin);
  customerId = (await makeCustomer(admin, { name: '孙七', category: 'public', orgUnitId: t.org.org.cityA.id })).id;
  s = {} as typeof s;
  for (const u of ['admin', 'agent1', 'manager1', 'manager2'] as const) s[u] = await loginAs(t.app, u);
});
afterAll(() => t.close());

describe('TMF621 Trouble Ticket API', () => {
  let id: string;

  it('creates a trouble ticket (201, Location, our first-contact owner and SLA) and replays it by Idempotency-Key', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');
    const extra = {
      externalId: 'CRM-EXT-42',
      channel: { id: 'selfservice', name: 'self service' },
      note: [{ text: '请尽快上门' }],
      attachment: [
        { name: '账单', url: 'https://docs.example.com/bill/3534555', mimeType: 'application/pdf' },
        { name: '光猫.png', mimeType: 'image/png', content: png, description: '指示灯' },
      ],
    };
    const res = await create(s.agent1, extra, { 'idempotency-key': 'tmf-create-1' });
    expect(res.statusCode, res.body).toBe(201);
    const tt = res.json();
    id = tt.id;
    expect(res.headers.location).toBe(`${base}/${id}`);
    expect(tt).toMatchObject({
      href: `${base}/${id}`,
      '@type': 'TroubleTicket',
      name: '宽带无法上网',
      ticketType: 'incident',
      severity: 'Major',
      status: 'acknowledged',
      externalId: 'CRM-EXT-42',
      channel: { id: 'web' },
      relatedParty: [
        { id: String(customerId), role: 'customer', name: '孙七', '@referredType': 'Customer' },
        { role: 'firstContactOwner', name: 'agent1' },
      ],
      note: [{ author: 'agent1', text: '请尽快上门' }],
      statusChange: [{ status: 'acknowledged' }],
    });
    expect(tt.expectedResolutionDate).toBeDefined();
    expect(tt.characteristic).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'internalTicketType', value: 'fault_report' }),
        expect.objectContaining({ name: 'internalSeverity', value: 'major' }),
      ]),
    );
    expect(tt.attachment).toEqual([
      expect.objectContaining({ name: '账单', url: 'https://docs.example.com/bill/3534555' }),
      expect.objectContaining({
        name: '光猫.png',
        href: `/api/service-desk/tickets/${id}/attachments/${tt.attachment[1].id}`,
        size: { amount: 8, units: 'bytes' },
      }),
    ]);
    const file = await call(s.agent1, 'GET', tt.attachment[1].href);
    expect(file.statusCode).toBe(200);

    const again = await create(s.agent1, extra, { 'idempotency-key': 'tmf-create-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(id);
    // The native API sees the same ticket.
    const native = await call(s.agent1, 'GET', `/api/service-desk/tickets/${id}`);
    expect(native.json()).toMatchObject({ ownerName: 'agent1', type: 'fault_report', channel: 'web' });
  });

  it('lists visible tickets with X-Total-Count, fields, offset and limit, and filters', async () => {
    await create(s.agent1, { ticketType: 'complaint', severity: 'minor', name: '营业员态度差' });
    const all = await call(s.agent1, 'GET', `${base}?limit=1&offset=0`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.headers['x-total-count']).toBe('2');
    expect(all.headers['x-result-count']).toBe('1');
    const page2 = await call(s.agent1, 'GET', `${base}?limit=1&offset=1&fields=name,status`);
    expect(page2.json()).toHaveLength(1);
    expect(Object.keys(page2.json()[0]).sort()).toEqual(['@type', 'href', 'id', 'name', 'status']);
    const complaints = await call(s.agent1, 'GET', `${base}?ticketType=complaint`);
    expect(complaints.json().map((x: { name: string }) => x.name)).toEqual(['营业员态度差']);
    const unknownType = await call(s.agent1, 'GET', `${base}?ticketType=teleportation`);
    expect(unknownType.statusCode).toBe(200);
    expect(unknownType.json()).toEqual([]);
    const ext = await call(s.agent1, 'GET', `${base}?externalId=CRM-EXT-42&fields=externalId`);
    expect(ext.json()).toEqual([{ id, href: `${base}/${id}`, '@type': 'TroubleTicket', externalId: 'CRM-EXT-42' }]);
    const other = await call(s.manager2, 'GET', base);
    expect(other.headers['x-total-count']).toBe('0');
    const one = await call(s.agent1, 'GET', `${base}/${id}?fields=status`);
    expect(one.json()).toEqual({ id, href: `${base}/${id}`, '@type': 'TroubleTicket', status: 'acknowledged' });
  });

  it('answers TM Forum errors: 404 out of scope, 400 invalid, 401 signed out', async () => {
    const hidden = await call(s.manager2, 'GET', `${base}/${id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ code: 'tickets.not_found', reason: 'Ticket not found', status: '404' });
    for (const unknown of ['abc', '123456789012', '99999999', '0'])
      expect((await call(s.agent1, 'GET', `${base}/${unknown}`)).statusCode).toBe(404);
    const badCustomer = await create(s.agent1, { relatedParty: [{ id: 'C-1', role: 'customer' }] });
    expect(badCustomer.json().details[0].path).toBe('relatedParty');
    const missing = await create(s.agent1, { description: '' });
    expect(missing.statusCode).toBe(400);
    const foreignCustomer = await create(s.manager2);
    expect(foreignCustomer.statusCode).toBe(400);
    const anon = await call(null, 'GET', base);
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({ code: 'auth.unauthenticated', '@type': 'Error' });
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: base,
      headers: { cookie: s.agent1.cookie },
      payload: {},
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('patches simple fields and moves the status along the TMF621 life cycle (merge patch)', async () => {
    const patch = (who: Session, body: unknown) =>
      call(who, 'PATCH', `${base}/${id}`, JSON.stringify(body), { 'content-type': 'application/merge-patch+json' });
    const res = await patch(s.agent1, {
      name: '宽带无法上网（光猫故障）',
      status: 'inProgress',
      note: [{ text: '已联系客户' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '宽带无法上网（光猫故障）', status: 'inProgress' });
    expect(res.json().note.map((n: { text: string }) => n.text)).toEqual(['请尽快上门', '已联系客户']);
    expect(res.json().statusChange.map((c: { status: string }) => c.status)).toEqual(['acknowledged', 'inProgress']);
    // Repeating the same PATCH changes nothing more.
    const same = await patch(s.agent1, { status: 'inProgress' });
    expect(same.json().statusChange).toHaveLength(2);

    // TMF621 clients give no reason: the status is recorded as the reason.
    const held = await patch(s.agent1, { status: 'held' });
    expect(held.json()).toMatchObject({ status: 'held', statusChangeReason: 'held (TMF621)' });
    expect((await patch(s.agent1, { status: 'inProgress', statusChangeReason: '光猫已到' })).statusCode).toBe(200);
    const illegal = await patch(s.agent1, { status: 'closed' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ code: 'tickets.invalid_transition', status: '409' });
    const renamed = await patch(s.agent1, { severity: 'Critical', ticketType: 'Outage' });
    expect(renamed.json()).toMatchObject({ severity: 'Critical', ticketType: 'Outage' });
    expect(renamed.json().characteristic).toContainEqual(
      expect.objectContaining({ name: 'internalSeverity', value: 'major' }),
    );
    const readOnly = await patch(s.agent1, { priority: '1' });
    expect(readOnly.statusCode).toBe(400);
    // Only the first-contact owner or their manager moves the ticket.
    expect((await patch(s.admin, { status: 'resolved' })).statusCode).toBe(200);
    const closeUnconfirmed = await patch(s.manager1, { status: 'closed', customerConfirmed: false });
    expect(closeUnconfirmed.json().code).toBe('tickets.confirmation_required');
    // Closing a resolved ticket through TMF621 is the client accepting the resolution.
    const closed = await patch(s.manager1, { status: 'closed', statusChangeReason: '客户确认' });
    expect(closed.json()).toMatchObject({ status: 'closed', statusChangeReason: '客户确认' });
    expect(closed.json().resolutionDate).toBeDefined();
    expect((await patch(s.manager2, { name: 'x' })).statusCode).toBe(404);

    const audit = await call(s.admin, 'GET', `/api/audit?entity=ticket&entityId=${id}`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'transition', 'note']),
    );
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/tmf-api/troubleTicket/v4/troubleTicket',
        '/tmf-api/troubleTicket/v4/troubleTicket/{id}',
      ]),
    );
    expect(Object.keys(doc.paths['/tmf-api/troubleTicket/v4/troubleTicket/{id}'])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
  });
});
