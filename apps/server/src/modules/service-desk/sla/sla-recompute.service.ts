// A changed SLA policy reaches the tickets already running on it: the durable job queued with the change recomputes
// the targets and due times of the running and paused clocks of every open ticket on the policy, in batches (one
// transaction each), audited, and idempotent (a clock already on the policy's targets is left alone, so a job that
// runs again after a crash changes nothing twice).
import type { Db, DbOrTx } from '../../../db/client';
import { systemActor } from '../../../platform/context';
import { recordAudit } from '../../audit/audit.service';
import { isOpen } from '../tickets/tickets.models';
import * as ticketsRepo from '../tickets/tickets.repository';
import { pauseClock, resumeClock } from './sla.models';
import * as repo from './sla.repository';
import { clockTargets, columnsOf, stateOf, updateDueAt } from './sla.service';
import { workCalendar } from './sla-admin.service';

const iso = (d: Date | null) => d?.toISOString() ?? null;

const clockAudit = (c: repo.ClockRow) => ({
  calendarId: c.calendarId,
  targetMinutes: c.targetMinutes,
  warnPercent: c.warnPercent,
  dueAt: iso(c.dueAt),
  warnAt: iso(c.warnAt),
});

/**
 * Brings one open ticket's clocks and update interval to the policy's current targets, at `now`. A running clock keeps
 * the working time it consumed under its old calendar and is rescheduled from now on the new target and calendar; a
 * paused clock gets the new target (it is rescheduled when it resumes). Warnings and breaches already recorded stay
 * recorded. Returns the number of clocks changed.
 */
async function recomputeTicket(opts: { tx: DbOrTx; policy: repo.PolicyRow; ticketId: number; now: Date }) {
  const { tx, policy, now } = opts;
  const actor = systemActor('sla-policy-change');
  const ticket = await ticketsRepo.findTicketRow(tx, opts.ticketId, true);
  if (!ticket || ticket.slaPolicyId !== policy.id || !isOpen(ticket.status)) return 0;
  const changes: Record<string, unknown>[] = [];
  for (const clock of await repo.listClocks(tx, ticket.id)) {
    if (clock.state === 'stopped') continue;
    const target = (
      await clockTargets({
        db: tx,
        policy,
        at: clock.startedAt,
        requestedResolutionAt: ticket.requestedResolutionAt,
        capMinutes: clock.capMinutes,
      })
    )[clock.metric];
    if (
      target.calendarId === clock.calendarId &&
      target.minutes === clock.targetMinutes &&
      policy.warnPercent === clock.warnPercent
    )
      continue;
    const retargeted = { targetMinutes: target.minutes, warnPercent: policy.warnPercent };
    let next = { ...stateOf(clock), ...retargeted };
    if (clock.state === 'running') {
      const paused = pauseClock(await workCalendar(tx, clock.calendarId), stateOf(clock), now);
      next = resumeClock(target.cal, { ...paused, ...retargeted }, now);
    }
    const after = await repo.updateClock(tx, clock.id, {
      calendarId: target.calendarId,
      ...retargeted,
      ...columnsOf(next),
    });
    await recordAudit({
      tx,
      actor,
      action: 'sla_recompute',
      entity: 'sla_clock',
      entityId: clock.id,
      customerId: ticket.customerId,
      before: clockAudit(clock),
      after: clockAudit(after),
    });
    changes.push({
      metric: clock.metric,
      fromMinutes: clock.targetMinutes,
      toMinutes: target.minutes,
      dueAt: iso(after.dueAt),
    });
  }
  // The update interval: a shorter one applies from now on, a longer one from the next update.
  const interval = policy.updateIntervalMinutes;
  if (interval !== ticket.updateIntervalMinutes) {
    const candidate = await updateDueAt({ db: tx, policyId: policy.id, from: now, minutes: interval });
    const current = ticket.nextUpdateDueAt;
    const nextUpdateDueAt = candidate && current && current < candidate ? current : candidate;
    const after = await ticketsRepo.updateTicket(tx, ticket.id, { updateIntervalMinutes: interval, nextUpdateDueAt });
    await recordAudit({
      tx,
      actor,
      action: 'sla_recompute',
      entity: 'ticket',
      entityId: ticket.id,
      customerId: ticket.customerId,
      before: { updateIntervalMinutes: ticket.updateIntervalMinutes, nextUpdateDueAt: iso(current) },
      after: { updateIntervalMinutes: after.updateIntervalMinutes, nextUpdateDueAt: iso(after.nextUpdateDueAt) },
    });
    changes.push({ metric: 'update', fromMinutes: ticket.updateIntervalMinutes, toMinutes: interval });
  }
  if (changes.length > 0)
    await ticketsRepo.insertEvent(tx, {
      ticketId: ticket.id,
      at: now,
      kind: 'sla_recomputed',
      actorName: actor.name,
      text: policy.name,
      data: { policyId: policy.id, changes },
    });
  return changes.length;
}

/**
 * Recomputes the open tickets of a policy in batches of `batchSize` tickets, each batch in one transaction under the
 * policy's current targets. Safe to run again: tickets already on those targets are skipped.
 */
export async function recomputePolicyClocks(opts: {
  db: Db;
  policyId: number;
  now?: Date;
  batchSize?: number;
  progress?: (done: number) => Promise<void>;
}): Promise<{ tickets: number; changes: number }> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 200;
  let afterId = 0;
  let tickets = 0;
  let changes = 0;
  for (;;) {
    const batch = await ticketsRepo.listOpenTicketIdsOnPolicy(opts.db, opts.policyId, afterId, batchSize);
    if (batch.length === 0) break;
    await opts.db.transaction(async (tx) => {
      const policy = await repo.findPolicy(tx, opts.policyId);
      if (!policy) return;
      for (const { id } of batch) {
        const n = await recomputeTicket({ tx, policy, ticketId: id, now });
        if (n > 0) tickets++;
        changes += n;
      }
    });
    afterId = batch[batch.length - 1].id;
    await opts.progress?.(afterId);
  }
  return { tickets, changes };
}
