import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestCtx } from '../../../platform/context';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { rebindEntitlements } from '../../entitlements/entitlements.service';
import { enqueueJob, runDueJobs } from '../../jobs/jobs.service';
import { listAlertsByKey } from '../../notifications/notifications.service';
import { listDepartments } from '../desk.service';
import { registerServiceDeskJobs, SLA_SCAN_JOB } from '../service-desk.jobs';
import { ctxFor, gradeCustomer, makeCustomer, sh } from '../service-desk.test-helpers';
import { listSlaEvents } from '../sla/sla.repository';
import { scanSlaClocks } from '../sla/sla.service';
import { ensureServiceDeskDefaults, putHoliday } from '../sla/sla-admin.service';
import { createTicket, getTicket, transitionTicket } from './tickets.service';
import { createWorkOrder } from './work-orders.service';

let t: TestApp;
let admin: RequestCtx;
let agent: RequestCtx;
let diamondId: number;
let publicId: number;

const shIso = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null;
const due = (ticket: Awaited<ReturnType<typeof createTicket>>, metric: 'response' | 'resolution') =>
  shIso(ticket.clocks.find((c) => c.metric === metric)!.dueAt);

beforeAll(async () => {
  t = await createTestApp();
  registerServiceDeskJobs();
  admin = await ctxFor(t.handle.db, t.org.users.admin);
  agent = await ctxFor(t.handle.db, t.org.users.agent1);
  await ensureServiceDeskDefaults({ db: t.handle.db });
  // 2025 National Day: 1-8 October off (weekend days included), make-up working days 28 September and 11 October.
  for (const date of ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'])
    await putHoliday({ ctx: admin, input: { date, kind: 'holiday', name: '国庆节' } });
  for (const date of ['2025-09-28', '2025-10-11'])
    await putHoliday({ ctx: admin, input: { date, kind: 'workday', name: '国庆调休' } });
  const diamond = await makeCustomer(admin, {
    name: '钻石银行南京分行',
    category: 'key_account',
    orgUnitId: t.org.org.cityA.id,
    organizationType: 'enterprise',
  });
  diamondId = diamond.id;
  await gradeCustomer(t.handle.db, diamondId, { tier: 'diamond', importance: 'extra_large' });
  publicId = (await makeCustomer(admin, { name: '张三', category: 'public', orgUnitId: t.org.org.cityA.id })).id;
});
afterAll(() => t.close());

const open = (input: { customerId: number; type: 'fault_report' | 'consultation' | 'complaint'; now: Date }) =>
  createTicket({
    ctx: agent,
    now: input.now,
    input: {
      type: input.type,
      channel: 'phone',
      customerId: input.customerId,
      severity: 'major',
      title: input.type === 'fault_report' ? '专线中断' : '资费咨询',
      description: '',
      attachments: [],
    },
  });

describe('SLA targets from policies', () => {
  it('gives a diamond KA fault report the KA repair limit (2 h, 7x24, across the weekend)', async () => {
    const ticket = await open({ customerId: diamondId, type: 'fault_report', now: sh('2025-11-15T23:00:00') });
    expect(ticket).toMatchObject({ tier: 'diamond', customerCategory: 'key_account', ownerName: 'agent1' });
    expect(ticket.slaPolicyName).toBe('钻石客户故障修复时限');
    expect(due(ticket, 'resolution')).toBe('2025-11-16 01:00');
    expect(due(ticket, 'response')).toBe('2025-11-15 23:15');
  });

  it("uses the KA's committed repair limit bound by the entitlements module when it is shorter", async () => {
    const jade = await makeCustomer(admin, {
      name: '翡翠证券',
      category: 'key_account',
      orgUnitId: t.org.org.cityA.id,
    });
    await gradeCustomer(t.handle.db, jade.id, { tier: 'jade', importance: 'ordinary' });
    const before = await open({ customerId: jade.id, type: 'fault_report', now: sh('2025-11-17T10:00:00') });
    expect(before.clocks.find((c) => c.metric === 'resolution')!.targetMinutes).toBe(240);
    await rebindEntitlements({ db: t.handle.db, customerId: jade.id, actor: admin.actor });
    const bound = await open({ customerId: jade.id, type: 'fault_report', now: sh('2025-11-17T10:00:00') });
    expect(due(bound, 'resolution')).toBe('2025-11-17 12:00');
  });

  it('gives a public customer consultation the standard target in business hours', async () => {
    const ticket = await open({ customerId: publicId, type: 'consultation', now: sh('2025-11-17T10:00:00') });
    expect(ticket.tier).toBeNull();
    expect(ticket.clocks.find((c) => c.metric === 'resolution')!.targetMinutes).toBe(540);
    expect(due(ticket, 'resolution')).toBe('2025-11-18 10:00');
  });

  it('puts due times right across a weekend, a public holiday and a make-up working day', async () => {
    const weekend = await open({ customerId: publicId, type: 'consultation', now: sh('2025-11-14T16:00:00') });
    expect(due(weekend, 'resolution')).toBe('2025-11-17 16:00');
    const makeUpSunday = await open({ customerId: publicId, type: 'consultation', now: sh('2025-09-26T14:00:00') });
    expect(due(makeUpSunday, 'resolution')).toBe('2025-09-28 14:00');
    const holiday = await open({ customerId: publicId, type: 'consultation', now: sh('2025-09-30T17:00:00') });
    expect(due(holiday, 'resolution')).toBe('2025-10-09 17:00');
    const makeUpSaturday = await open({ customerId: publicId, type: 'consultation', now: sh('2025-10-10T16:00:00') });
    expect(due(makeUpSaturday, 'resolution')).toBe('2025-10-11 16:00');
  });

  it('keeps a requested completion date as a wall-clock deadline, even over a weekend', async () => {
    const order = await createTicket({
      ctx: agent,
      now: sh('2025-11-15T10:00:00'),
      input: {
        type: 'service_order',
        channel: 'phone',
        customerId: publicId,
        severity: 'minor',
        title: '套餐变更',
        description: '',
        attachments: [],
        requestedResolutionAt: sh('2025-11-16T20:00:00').toISOString(),
      },
    });
    expect(due(order, 'resolution')).toBe('2025-11-16 20:00');
    // Without a requested date the business-hours policy would only start counting on Monday.
    const plain = await open({ customerId: publicId, type: 'consultation', now: sh('2025-11-15T10:00:00') });
    expect(due(plain, 'resolution')).toBe('2025-11-17 18:00');
  });

  it('does not count the time the ticket waits on the customer', async () => {
    const ticket = await open({ customerId: publicId, type: 'consultation', now: sh('2025-11-19T10:00:00') });
    const move = (status: 'inProgress' | 'pending', now: string, reason?: string) =>
      transitionTicket({ ctx: agent, id: ticket.id, input: { status, reason }, now: sh(now) });
    await move('inProgress', '2025-11-19T10:05:00');
    const pending = await move('pending', '2025-11-19T11:00:00', '等待客户提供账单截图');
    const resolution = pending.clocks.find((c) => c.metric === 'resolution')!;
    expect(resolution).toMatchObject({ state: 'paused', dueAt: null, consumedMinutes: 60 });
    const resumed = await move('inProgress', '2025-11-21T10:00:00');
    expect(due(resumed, 'resolution')).toBe('2025-11-21 18:00');
    expect(resumed.clocks.find((c) => c.metric === 'response')).toMatchObject({ state: 'stopped', health: 'met' });
    expect(resumed.events.map((e) => e.toStatus).filter(Boolean)).toEqual([
      'acknowledged',
      'inProgress',
      'pending',
      'inProgress',
    ]);
  });
});

describe('breach and escalation job', () => {
  it('records a breach and escalates it exactly once, then one level up once', async () => {
    const ticket = await open({ customerId: diamondId, type: 'fault_report', now: sh('2025-11-20T09:00:00') });
    await transitionTicket({
      ctx: agent,
      id: ticket.id,
      input: { status: 'inProgress' },
      now: sh('2025-11-20T09:05:00'),
    });
    const scan = async (now: string, key: string) => {
      await enqueueJob({
        db: t.handle.db,
        type: SLA_SCAN_JOB,
        payload: { now: sh(now).toISOString() },
        dedupeKey: key,
      });
      await runDueJobs({ handle: t.handle });
    };
    await scan('2025-11-20T10:40:00', 'scan-1');
    await scan('2025-11-20T11:01:00', 'scan-2');
    await scan('2025-11-20T11:02:00', 'scan-3');
    const clock = (await getTicket({ ctx: agent, id: ticket.id })).clocks.find((c) => c.metric === 'resolution')!;
    const clockId = (await listSlaEvents(t.handle.db, ticket.id))[0].clockId;
    expect(clock).toMatchObject({ health: 'breached', escalationLevel: 1 });
    const events = await listSlaEvents(t.handle.db, ticket.id);
    expect(events.filter((e) => e.kind === 'breach')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'warning')).toHaveLength(1);
    const breachAlerts = await listAlertsByKey({ db: t.handle.db, dedupeKey: `sla:${clockId}:breach:1` });
    expect(breachAlerts.map((a) => a.userId).sort()).toEqual([t.org.users.manager1.id, t.org.users.agent1.id].sort());
    await scan('2025-11-20T12:01:00', 'scan-4');
    await scan('2025-11-20T13:00:00', 'scan-5');
    const after = await listSlaEvents(t.handle.db, ticket.id);
    expect(after.filter((e) => e.kind === 'escalation')).toHaveLength(1);
    const escalated = await listAlertsByKey({ db: t.handle.db, dedupeKey: `sla:${clockId}:escalation:2` });
    expect(escalated.map((a) => a.userId)).toEqual([t.org.users.admin.id]);
    const detail = await getTicket({ ctx: agent, id: ticket.id });
    expect(detail.events.filter((e) => e.kind === 'sla_breach')).toHaveLength(1);
    expect(detail.events.filter((e) => e.kind === 'sla_escalation')).toHaveLength(1);
  });

  it('alerts the ticket owner and the department once when a work order is overdue', async () => {
    const ticket = await open({ customerId: publicId, type: 'consultation', now: sh('2025-11-24T09:00:00') });
    const [network] = await listDepartments({ db: t.handle.db });
    const wo = await createWorkOrder({
      ctx: agent,
      ticketId: ticket.id,
      now: sh('2025-11-24T09:10:00'),
      input: {
        departmentId: network.id,
        assigneeId: t.org.users.backoffice1.id,
        instructions: '核查账单',
        dueAt: sh('2025-11-24T12:00:00').toISOString(),
      },
    });
    for (const at of ['2025-11-24T12:30:00', '2025-11-24T12:31:00'])
      await scanSlaClocks({ db: t.handle.db, now: sh(at) });
    const alerts = await listAlertsByKey({ db: t.handle.db, dedupeKey: `wo:${wo.id}:overdue:${wo.dueAt}` });
    expect(alerts.map((a) => a.userId).sort()).toEqual([t.org.users.agent1.id, t.org.users.backoffice1.id].sort());
  });

  it('reminds the owner once per update interval when the customer is due an update', async () => {
    const ticket = await open({ customerId: publicId, type: 'complaint', now: sh('2025-11-25T09:00:00') });
    expect(shIso(ticket.nextUpdateDueAt)).toBe('2025-11-25 18:00');
    await scanSlaClocks({ db: t.handle.db, now: sh('2025-11-25T18:30:00') });
    await scanSlaClocks({ db: t.handle.db, now: sh('2025-11-25T18:31:00') });
    const alerts = await listAlertsByKey({
      db: t.handle.db,
      dedupeKey: `update:${ticket.id}:${ticket.nextUpdateDueAt}`,
    });
    expect(alerts.map((a) => a.userId)).toEqual([t.org.users.agent1.id]);
    // Next reminder one business-hours interval (9 h) after the reminder: Wednesday 18:00.
    expect(shIso((await getTicket({ ctx: agent, id: ticket.id })).nextUpdateDueAt)).toBe('2025-11-26 18:00');
  });
});
