// SLA clocks of tickets: started from the matched policy, paused and resumed by the life cycle, and the scan job that
// records warnings, breaches and escalations (owner -> supervisor -> manager) exactly once.

import type { SlaClock } from '@crm/contracts';
import type { Db, DbOrTx } from '../../../db/client';
import { systemActor } from '../../../platform/context';
import { countSlaBreach } from '../../../platform/metrics';
import { recordAudit } from '../../audit/audit.service';
import { notifyUsers } from '../../notifications/notifications.service';
import { managementChain } from '../desk.queries';
import type { ClockAction } from '../tickets/tickets.models';
import * as ticketsRepo from '../tickets/tickets.repository';
import {
  addWorkingMs,
  type ClockState,
  calendar247,
  clockHealth,
  consumedAt,
  dueSlaSteps,
  matchPolicy,
  type PolicyFacts,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type WorkCalendar,
} from './sla.models';
import * as repo from './sla.repository';
import { activePolicies, ensureServiceDeskDefaults, workCalendar } from './sla-admin.service';

const MINUTE = 60_000;

export const stateOf = (c: repo.ClockRow): ClockState => ({
  state: c.state,
  targetMinutes: c.targetMinutes,
  warnPercent: c.warnPercent,
  startedAt: c.startedAt,
  runningSince: c.runningSince,
  consumedMs: c.consumedMs,
  dueAt: c.dueAt,
  warnAt: c.warnAt,
  stoppedAt: c.stoppedAt,
});

export const columnsOf = (s: ClockState) => ({
  state: s.state,
  runningSince: s.runningSince,
  consumedMs: s.consumedMs,
  dueAt: s.dueAt,
  warnAt: s.warnAt,
  stoppedAt: s.stoppedAt,
});

/**
 * When the customer is next due an update: `minutes` of working time of the ticket's SLA calendar after `from` (the
 * policy's calendar; 7x24 when the ticket has none). Null when the policy sets no update interval.
 */
export async function updateDueAt(opts: {
  db: DbOrTx;
  policyId: number | null;
  from: Date;
  minutes: number | null;
}): Promise<Date | null> {
  if (!opts.minutes) return null;
  const policy = opts.policyId ? await repo.findPolicy(opts.db, opts.policyId) : undefined;
  const cal = policy ? await workCalendar(opts.db, policy.calendarId) : calendar247;
  return addWorkingMs(cal, opts.from, opts.minutes * MINUTE);
}

/** The active policy for a ticket's facts (defaults are seeded on first use). */
export async function policyFor(opts: { db: DbOrTx; facts: PolicyFacts }) {
  await ensureServiceDeskDefaults({ db: opts.db });
  return matchPolicy(await activePolicies(opts.db), opts.facts);
}

/** The calendar and target of each clock of a ticket under a policy. */
export type ClockTarget = { calendarId: number; cal: WorkCalendar; minutes: number };

/**
 * The targets of a ticket's clocks under a policy, for clocks started at `at`. A committed repair limit from the
 * entitlements (`capMinutes`) shortens the resolution target. A requested resolution date (e.g. a service order due
 * before the billing cut-off) that comes before the policy's due time is a wall-clock commitment: the resolution
 * clock then runs 7x24 and is due exactly then.
 */
export async function clockTargets(opts: {
  db: DbOrTx;
  policy: repo.PolicyRow;
  at: Date;
  requestedResolutionAt: Date | null;
  capMinutes?: number | null;
}): Promise<{ response: ClockTarget; resolution: ClockTarget }> {
  const { policy, at } = opts;
  const cal = await workCalendar(opts.db, policy.calendarId);
  let resolution: ClockTarget = {
    calendarId: policy.calendarId,
    cal,
    minutes: Math.min(policy.resolutionMinutes, opts.capMinutes ?? Number.POSITIVE_INFINITY),
  };
  const requested = opts.requestedResolutionAt;
  if (requested && requested.getTime() < addWorkingMs(cal, at, resolution.minutes * MINUTE).getTime()) {
    const allDay = (await repo.listCalendars(opts.db)).find((c) => c.kind === '24x7');
    if (allDay)
      resolution = {
        calendarId: allDay.id,
        cal: calendar247,
        minutes: Math.max(1, Math.floor((requested.getTime() - at.getTime()) / MINUTE)),
      };
  }
  return { response: { calendarId: policy.calendarId, cal, minutes: policy.responseMinutes }, resolution };
}

/** Starts the response and resolution clocks of a new ticket (targets as `clockTargets` derives them). */
export async function startTicketClocks(opts: {
  tx: DbOrTx;
  ticketId: number;
  policy: repo.PolicyRow;
  at: Date;
  requestedResolutionAt: Date | null;
  /** A committed repair limit from the customer's entitlements, when shorter than the policy's target. */
  resolutionCapMinutes?: number | null;
}) {
  const { tx, ticketId, policy, at } = opts;
  const capMinutes = opts.resolutionCapMinutes ?? null;
  const targets = await clockTargets({
    db: tx,
    policy,
    at,
    requestedResolutionAt: opts.requestedResolutionAt,
    capMinutes,
  });
  const out: repo.ClockRow[] = [];
  for (const metric of ['response', 'resolution'] as const) {
    const c = targets[metric];
    const s = startClock(c.cal, { at, targetMinutes: c.minutes, warnPercent: policy.warnPercent });
    out.push(
      await repo.insertClock(tx, {
        ticketId,
        metric,
        calendarId: c.calendarId,
        targetMinutes: c.minutes,
        capMinutes: metric === 'resolution' ? capMinutes : null,
        warnPercent: policy.warnPercent,
        startedAt: at,
        ...columnsOf(s),
      }),
    );
  }
  return out;
}

/** Applies the life-cycle effects of a transition to the ticket's clocks. */
export async function applyClockEffects(opts: {
  tx: DbOrTx;
  ticketId: number;
  effects: { response: ClockAction; resolution: ClockAction };
  at: Date;
}) {
  for (const clock of await repo.listClocks(opts.tx, opts.ticketId)) {
    const action = opts.effects[clock.metric];
    if (!action) continue;
    const cal = await workCalendar(opts.tx, clock.calendarId);
    const s = stateOf(clock);
    const next =
      action === 'stop'
        ? stopClock(cal, s, opts.at)
        : action === 'pause'
          ? pauseClock(cal, s, opts.at)
          : resumeClock(cal, s, opts.at);
    if (next !== s) await repo.updateClock(opts.tx, clock.id, columnsOf(next));
  }
}

/** The clocks of a ticket as the UI shows them (health at `now`). */
export async function clockViews(opts: { db: DbOrTx; ticketId: number; now?: Date }): Promise<SlaClock[]> {
  const now = opts.now ?? new Date();
  const out: SlaClock[] = [];
  for (const c of await repo.listClocks(opts.db, opts.ticketId)) {
    const cal = await workCalendar(opts.db, c.calendarId);
    const s = stateOf(c);
    const consumed = consumedAt(cal, s, now);
    out.push({
      metric: c.metric,
      targetMinutes: c.targetMinutes,
      state: c.state,
      startedAt: c.startedAt.toISOString(),
      dueAt: c.dueAt?.toISOString() ?? null,
      warnAt: c.warnAt?.toISOString() ?? null,
      consumedMinutes: Math.round((consumed / MINUTE) * 10) / 10,
      warnedAt: c.warnedAt?.toISOString() ?? null,
      breachedAt: c.breachedAt?.toISOString() ?? null,
      stoppedAt: c.stoppedAt?.toISOString() ?? null,
      escalationLevel: c.escalationLevel,
      health: clockHealth(cal, { ...s, breachedAt: c.breachedAt }, now),
    });
  }
  return out;
}

const metricZh = { response: '响应', resolution: '解决' } as const;

/**
 * One pass of the SLA scan: for every running clock whose warning or due time has passed, records the warning
 * (owner alerted), the breach with the first escalation (owner and supervisor alerted) and, when the ticket is still
 * open after half the target again, the second escalation (manager alerted). Each step is recorded once, whatever
 * the number of scans. Also reminds owners whose customer update is due.
 */
export async function scanSlaClocks(opts: { db: Db; now?: Date; limit?: number }) {
  const now = opts.now ?? new Date();
  const actor = systemActor('sla-scan');
  let warnings = 0;
  let breaches = 0;
  let escalations = 0;
  for (const clock of await repo.listClocksToScan(opts.db, now, opts.limit ?? 500)) {
    const cal = await workCalendar(opts.db, clock.calendarId);
    const steps = dueSlaSteps(cal, { ...stateOf(clock), ...clock }, now);
    if (steps.length === 0) continue;
    await opts.db.transaction(async (tx) => {
      const ticket = await ticketsRepo.findTicketRow(tx, clock.ticketId);
      if (!ticket) return;
      const chain = await managementChain(tx, ticket.ownerId);
      const supervisor = chain[0]?.id;
      const manager = chain.find((m) => m.id !== supervisor)?.id ?? supervisor;
      const link = `/service-desk/tickets/${ticket.id}`;
      const data = {
        ticketId: ticket.id,
        ticketNo: ticket.ticketNo,
        metric: clock.metric,
        dueAt: clock.dueAt?.toISOString() ?? null,
      };
      const before = { warnedAt: clock.warnedAt, breachedAt: clock.breachedAt, escalationLevel: clock.escalationLevel };
      const changes: Partial<repo.ClockRow> = {};
      const record = async (
        kind: 'warning' | 'breach' | 'escalation',
        level: number,
        userIds: number[],
        title: string,
      ) => {
        if (!(await repo.recordSlaEvent(tx, { clockId: clock.id, ticketId: ticket.id, kind, level, at: now }, userIds)))
          return false;
        await notifyUsers({
          tx,
          userIds,
          alert: {
            kind: `sla.${kind}`,
            title,
            link,
            data: { ...data, level },
            dedupeKey: `sla:${clock.id}:${kind}:${level}`,
          },
        });
        await ticketsRepo.insertEvent(tx, {
          ticketId: ticket.id,
          at: now,
          kind: `sla_${kind}`,
          actorName: actor.name,
          text: title,
          data: { metric: clock.metric, level, notifiedUserIds: userIds },
        });
        return true;
      };
      if (steps.includes('warning')) {
        changes.warnedAt = now;
        if (
          await record('warning', 0, [ticket.ownerId], `工单 ${ticket.ticketNo} ${metricZh[clock.metric]}时限即将到期`)
        )
          warnings++;
      }
      if (steps.includes('breach')) {
        changes.breachedAt = now;
        changes.escalationLevel = Math.max(clock.escalationLevel, 1);
        const users = [ticket.ownerId, ...(supervisor ? [supervisor] : [])];
        if (await record('breach', 1, users, `工单 ${ticket.ticketNo} ${metricZh[clock.metric]}超时，已升级至主管`)) {
          breaches++;
          escalations++;
          countSlaBreach(clock.metric);
        }
      }
      if (steps.includes('escalate')) {
        changes.escalationLevel = 2;
        if (manager && (await record('escalation', 2, [manager], `工单 ${ticket.ticketNo} 严重超时，已升级至经理`)))
          escalations++;
      }
      const after = await repo.updateClock(tx, clock.id, changes);
      await recordAudit({
        tx,
        actor,
        action: 'sla_scan',
        entity: 'sla_clock',
        entityId: clock.id,
        customerId: ticket.customerId,
        before,
        after: { warnedAt: after.warnedAt, breachedAt: after.breachedAt, escalationLevel: after.escalationLevel },
      });
    });
  }
  const reminders = await remindUpdatesDue(opts.db, now);
  const overdueWorkOrders = await alertOverdueWorkOrders(opts.db, now);
  return { warnings, breaches, escalations, reminders, overdueWorkOrders };
}

/** Tells the department (assignee or head) and the ticket owner once that a work order is past its due time. */
async function alertOverdueWorkOrders(db: Db, now: Date): Promise<number> {
  let sent = 0;
  for (const w of await ticketsRepo.listOverdueWorkOrders(db, now, 500)) {
    const users = await notifyUsers({
      tx: db,
      userIds: [w.ownerId, ...[w.assigneeId ?? w.headUserId].filter((u): u is number => typeof u === 'number')],
      alert: {
        kind: 'work_order.overdue',
        title: `工单 ${w.ticketNo} 的${w.departmentName}任务已超期`,
        link: `/service-desk/tickets/${w.ticketId}`,
        data: {
          workOrderId: w.id,
          ticketNo: w.ticketNo,
          department: w.departmentName,
          departmentEn: w.departmentNameEn,
          dueAt: w.dueAt?.toISOString() ?? null,
        },
        dedupeKey: `wo:${w.id}:overdue:${w.dueAt?.toISOString()}`,
      },
    });
    sent += users.length;
  }
  return sent;
}

/**
 * Tells owners that the customer is due an update (once per due time), and moves the next reminder one interval on,
 * so an owner who still gives no update is reminded every interval.
 */
async function remindUpdatesDue(db: Db, now: Date): Promise<number> {
  let sent = 0;
  for (const t of await ticketsRepo.listUpdateOverdue(db, now, 500)) {
    const due = t.nextUpdateDueAt!.toISOString();
    const next = await updateDueAt({ db, policyId: t.slaPolicyId, from: now, minutes: t.updateIntervalMinutes ?? 60 });
    await ticketsRepo.updateTicket(db, t.id, { nextUpdateDueAt: next });
    const users = await notifyUsers({
      tx: db,
      userIds: [t.ownerId],
      alert: {
        kind: 'sla.update_due',
        title: `工单 ${t.ticketNo} 需要向客户通报进展`,
        link: `/service-desk/tickets/${t.id}`,
        data: { ticketId: t.id, ticketNo: t.ticketNo, dueAt: due },
        dedupeKey: `update:${t.id}:${due}`,
      },
    });
    sent += users.length;
  }
  return sent;
}
