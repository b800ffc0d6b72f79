import type { SlaPolicy } from '@crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestCtx } from '../../../platform/context';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { listAuditEntries } from '../../audit/audit.service';
import { listJobs, runDueJobs } from '../../jobs/jobs.service';
import { registerServiceDeskJobs } from '../service-desk.jobs';
import { ctxFor, makeCustomer, sh } from '../service-desk.test-helpers';
import { createTicket, getTicket, transitionTicket } from '../tickets/tickets.service';
import { updatePolicy } from './sla.repository';
import { listPolicies, SLA_RECOMPUTE_JOB, savePolicy } from './sla-admin.service';
import { recomputePolicyClocks } from './sla-recompute.service';

let t: TestApp;
let admin: RequestCtx;
let agent: RequestCtx;
let customerId: number;
let policy: SlaPolicy;

const T0 = sh('2025-11-10T10:00:00');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const clock = (ticket: Awaited<ReturnType<typeof getTicket>>, metric: 'response' | 'resolution') =>
  ticket.clocks.find((c) => c.metric === metric)!;

const open = (requestedResolutionAt?: Date) =>
  createTicket({
    ctx: agent,
    now: T0,
    input: {
      type: 'fault_report',
      channel: 'phone',
      customerId,
      severity: 'minor',
      title: '宽带断线',
      description: '',
      attachments: [],
      requestedResolutionAt: requestedResolutionAt?.toISOString(),
    },
  });

const inputOf = (p: SlaPolicy, change: Partial<SlaPolicy>) => {
  const v = { ...p, ...change };
  return {
    name: v.name,
    ticketType: v.ticketType,
    customerCategory: v.customerCategory,
    responseMinutes: v.responseMinutes,
    resolutionMinutes: v.resolutionMinutes,
    updateIntervalMinutes: v.updateIntervalMinutes,
    calendarId: v.calendarId,
    warnPercent: v.warnPercent,
    active: v.active,
  };
};

beforeAll(async () => {
  t = await createTestApp();
  registerServiceDeskJobs();
  admin = await ctxFor(t.handle.db, t.org.users.admin);
  agent = await ctxFor(t.handle.db, t.org.users.agent1);
  customerId = (await makeCustomer(admin, { name: '王五', category: 'public', orgUnitId: t.org.org.cityA.id })).id;
  policy = (await listPolicies({ db: t.handle.db })).find((p) => p.name === '公众故障修复')!;
  expect(policy).toMatchObject({ responseMinutes: 30, resolutionMinutes: 2880, updateIntervalMinutes: 480 });
});
afterAll(() => t.close());

describe('a changed SLA policy reaches the open tickets on it', () => {
  let running: number;
  let paused: number;
  let requested: number;
  let resolved: number;

  it('recomputes running and paused clocks in batches, audited, and only once', async () => {
    running = (await open()).id;
    paused = (await open()).id;
    await transitionTicket({ ctx: agent, id: paused, input: { status: 'inProgress' }, now: at(5) });
    await transitionTicket({ ctx: agent, id: paused, input: { status: 'pending', reason: '等客户' }, now: at(8) });
    // Asked for by T0 + 30 h, before the policy's 48 h: the resolution clock runs to that wall-clock time.
    requested = (await open(at(30 * 60))).id;
    expect(clock(await getTicket({ ctx: agent, id: requested, now: at(1) }), 'resolution').targetMinutes).toBe(1800);
    resolved = (await open()).id;
    await transitionTicket({ ctx: agent, id: resolved, input: { status: 'inProgress' }, now: at(2) });
    await transitionTicket({ ctx: agent, id: resolved, input: { status: 'resolved' }, now: at(3) });

    // The policy is tightened (in the table; the job queued by savePolicy is the next test): 20 min response, 24 h resolution, updates every 2 h.
    await updatePolicy(t.handle.db, policy.id, {
      responseMinutes: 20,
      resolutionMinutes: 1440,
      updateIntervalMinutes: 120,
    });
    const result = await recomputePolicyClocks({ db: t.handle.db, policyId: policy.id, now: at(10), batchSize: 1 });
    expect(result).toEqual({ tickets: 3, changes: 8 });

    const a = await getTicket({ ctx: agent, id: running, now: at(10) });
    expect(clock(a, 'response')).toMatchObject({ targetMinutes: 20, dueAt: at(20).toISOString(), state: 'running' });
    expect(clock(a, 'resolution')).toMatchObject({ targetMinutes: 1440, dueAt: at(1440).toISOString() });
    expect(a.nextUpdateDueAt).toBe(at(130).toISOString());
    expect(a.events.at(-1)).toMatchObject({ kind: 'sla_recomputed', actorName: 'sla-policy-change' });

    const b = await getTicket({ ctx: agent, id: paused, now: at(10) });
    expect(clock(b, 'response')).toMatchObject({ targetMinutes: 30, state: 'stopped' });
    expect(clock(b, 'resolution')).toMatchObject({ targetMinutes: 1440, state: 'paused', dueAt: null });
    const resumed = await transitionTicket({ ctx: agent, id: paused, input: { status: 'inProgress' }, now: at(15) });
    expect(clock(resumed, 'resolution').dueAt).toBe(at(15 + 1440 - 8).toISOString());

    // The policy's 24 h now come before the requested 30 h: the policy's target applies again.
    const c = await getTicket({ ctx: agent, id: requested, now: at(10) });
    expect(clock(c, 'resolution')).toMatchObject({ targetMinutes: 1440, dueAt: at(1440).toISOString() });

    const d = await getTicket({ ctx: agent, id: resolved, now: at(10) });
    expect(clock(d, 'resolution')).toMatchObject({ targetMinutes: 2880, state: 'stopped' });
    expect(d.events.some((e) => e.kind === 'sla_recomputed')).toBe(false);

    const audit = await listAuditEntries({ db: t.handle.db, filter: { entity: 'sla_clock', limit: 50, offset: 0 } });
    const recomputed = audit.items.filter((e) => e.action === 'sla_recompute');
    expect(recomputed).toHaveLength(5);
    expect(recomputed.find((e) => e.changes.targetMinutes?.before === 1800)?.changes.targetMinutes?.after).toBe(1440);

    // Idempotent: a second run (a job retried after a crash) finds nothing left to change.
    expect(await recomputePolicyClocks({ db: t.handle.db, policyId: policy.id, now: at(11) })).toEqual({
      tickets: 0,
      changes: 0,
    });
  });

  it('queues the recompute with the policy change (durable job) only when targets change', async () => {
    const before = await listJobs({ db: t.handle.db, type: SLA_RECOMPUTE_JOB, limit: 10, offset: 0 });
    const current = (await listPolicies({ db: t.handle.db })).find((p) => p.id === policy.id)!;
    await savePolicy({ ctx: admin, id: policy.id, input: inputOf(current, { name: `${current.name} (2025)` }) });
    expect(await listJobs({ db: t.handle.db, type: SLA_RECOMPUTE_JOB, limit: 10, offset: 0 })).toHaveLength(
      before.length,
    );
    await savePolicy({ ctx: admin, id: policy.id, input: inputOf(current, { resolutionMinutes: 720 }) });
    const jobs = await listJobs({ db: t.handle.db, type: SLA_RECOMPUTE_JOB, limit: 10, offset: 0 });
    expect(jobs).toHaveLength(before.length + 1);
    expect(jobs[0]).toMatchObject({ status: 'queued', payload: { policyId: policy.id } });
    await runDueJobs({ handle: t.handle });
    const [job] = await listJobs({ db: t.handle.db, type: SLA_RECOMPUTE_JOB, limit: 1, offset: 0 });
    expect(job.status).toBe('succeeded');
    const a = await getTicket({ ctx: agent, id: running });
    expect(clock(a, 'resolution').targetMinutes).toBe(720);
    expect(clock(await getTicket({ ctx: agent, id: resolved }), 'resolution').targetMinutes).toBe(2880);
  });
});
