// SLA clocks of tickets: started from the matched policy, paused and resumed by the life cycle, and the scan job that
// records warnings, breaches and escalations (owner -> supervisor -> manager) exactly once.
import type { SlaClock } from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { systemActor } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { notifyUsers } from '../notifications/notifications.service';
import { managementChain } from './desk.queries';
import {
  type ClockState,
  clockHealth,
  consumedAt,
  dueSlaSteps,
  matchPolicy,
  minutesUntil,
  type PolicyFacts,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
} from './sla.models';
import * as repo from './sla.repository';
import { activePolicies, ensureServiceDeskDefaults, workCalendar } from './sla-admin.service';
import type { ClockAction } from './tickets.models';
import * as ticketsRepo from './tickets.repository';

const MINUTE = 60_000;

const stateOf = (c: repo.ClockRow): ClockState => ({
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

const columnsOf = (s: ClockState) => ({
  state: s.state,
  runningSince: s.runningSince,
  consumedMs: s.consumedMs,
  dueAt: s.dueAt,
  warnAt: s.warnAt,
  stoppedAt: s.stoppedAt,
});

/** The active policy for a ticket's facts (defaults are seeded on first use). */
export async function policyFor(opts: { db: DbOrTx; facts: PolicyFacts }) {
  await ensureServiceDeskDefaults({ db: opts.db });
  return matchPolicy(await activePolicies(opts.db), opts.facts);
}

/**
 * Starts the response and resolution clocks of a new ticket. A requested resolution date earlier than the policy's
 * target becomes the resolution target (a service order due before the billing cut-off).
 */
export async function startTicketClocks(opts: {
  tx: DbOrTx;
  ticketId: number;
  policy: repo.PolicyRow;
  at: Date;
  requestedResolutionAt: Date | null;
}) {
  const { tx, ticketId, policy, at } = opts;
  const cal = await workCalendar(tx, policy.calendarId);
  let resolutionMinutes = policy.resolutionMinutes;
  if (opts.requestedResolutionAt) {
    resolutionMinutes = Math.min(resolutionMinutes, minutesUntil(cal, at, opts.requestedResolutionAt));
  }
  const out: repo.ClockRow[] = [];
  for (const [metric, targetMinutes] of [
    ['response', policy.responseMinutes],
    ['resolution', resolutionMinutes],
  ] as const) {
    const s = startClock(cal, { at, targetMinutes, warnPercent: policy.warnPercent });
    out.push(
      await repo.insertClock(tx, {
        ticketId,
        metric,
        calendarId: policy.calendarId,
        targetMinutes,
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
  return { warnings, breaches, escalations, reminders };
}

/** Tells owners that the customer is due an update (once per due time). */
async function remindUpdatesDue(db: Db, now: Date): Promise<number> {
  let sent = 0;
  for (const t of await ticketsRepo.listUpdateOverdue(db, now, 500)) {
    const due = t.nextUpdateDueAt!.toISOString();
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
