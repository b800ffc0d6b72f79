// The hotline waiting queue: calls are identified on arrival and answered by priority (key accounts first, then
// tier / importance / type / severity), then by waiting time.
import type { CallerCard, QueuedCall } from '@crm/contracts';
import type { RequestCtx } from '../../../platform/context';
import { AppError, conflict, notFound } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import { lookupCustomer } from '../../customers/customers.service';
import { hasEntitlement } from '../../entitlements/entitlements.service';
import { getCallerCard, normaliseCallerPhone } from '../caller.service';
import { callPriority } from '../desk.models';
import { customerFacts, maskedPhone } from '../desk.service';
import * as repo from './queue.repository';

const toCall = (ctx: RequestCtx, c: repo.CallRow, now: Date): QueuedCall => ({
  id: c.id,
  phone: maskedPhone(ctx, c.phone)!,
  customerId: c.customerId,
  customerName: c.customerName,
  category: c.category,
  tier: c.tier,
  importance: c.importance,
  intent: c.intent,
  severity: c.severity,
  priority: c.priority,
  status: c.status,
  arrivedAt: c.arrivedAt.toISOString(),
  waitingSeconds: Math.max(0, Math.round(((c.answeredAt ?? now).getTime() - c.arrivedAt.getTime()) / 1000)),
  answeredBy: c.answeredBy,
});

/** A call arrives (from the CTI / IVR integration or typed by an agent): identified and queued by priority. */
export async function enqueueCall(opts: {
  ctx: RequestCtx;
  input: { phone: string; intent: QueuedCall['intent']; severity: QueuedCall['severity']; arrivedAt?: string };
  now?: Date;
}): Promise<QueuedCall> {
  const { ctx, input } = opts;
  const now = opts.now ?? new Date();
  const phone = normaliseCallerPhone(input.phone);
  let hit: Awaited<ReturnType<typeof lookupCustomer>> | null = null;
  try {
    hit = await lookupCustomer({ ctx, phone });
  } catch (err) {
    if (!(err instanceof AppError && err.statusCode === 404)) throw err;
  }
  const facts = hit ? await customerFacts({ db: ctx.db, ctx, customerId: hit.id }) : null;
  const priority = callPriority({
    category: facts?.category ?? null,
    tier: facts?.tier ?? null,
    importance: facts?.importance ?? null,
    intent: input.intent,
    severity: input.severity,
    priorityHotline:
      facts?.category === 'public' && (facts.stars ?? 0) > 0
        ? await hasEntitlement({ db: ctx.db, customerId: facts.customerId, code: 'priority_hotline' })
        : false,
  });
  const row = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertCall(tx, {
      phone,
      customerId: hit?.id ?? null,
      customerName: hit?.name ?? null,
      category: facts?.category ?? null,
      tier: facts?.tier ?? null,
      importance: facts?.importance ?? null,
      intent: input.intent,
      severity: input.severity,
      priority,
      arrivedAt: input.arrivedAt ? new Date(input.arrivedAt) : now,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'hotline_call',
      entityId: created.id,
      customerId: created.customerId,
      before: null,
      after: created,
    });
    return created;
  });
  return toCall(ctx, row, now);
}

export async function listQueue(opts: { ctx: RequestCtx; limit?: number; now?: Date }): Promise<QueuedCall[]> {
  const now = opts.now ?? new Date();
  return (await repo.listWaiting(opts.ctx.db, opts.limit ?? 100)).map((c) => toCall(opts.ctx, c, now));
}

/** The agent takes the next call: the highest priority, longest waiting one; returns it with the caller card. */
export async function answerNextCall(opts: {
  ctx: RequestCtx;
  now?: Date;
}): Promise<{ call: QueuedCall; card: CallerCard } | null> {
  const { ctx } = opts;
  const now = opts.now ?? new Date();
  const row = await ctx.db.transaction(async (tx) => {
    const claimed = await repo.claimNext(tx, ctx.user.id, now);
    if (!claimed) return null;
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'answer',
      entity: 'hotline_call',
      entityId: claimed.id,
      customerId: claimed.customerId,
      before: { status: 'waiting', answeredBy: null },
      after: { status: 'answered', answeredBy: ctx.user.id },
    });
    return claimed;
  });
  if (!row) return null;
  return { call: toCall(ctx, row, now), card: await getCallerCard({ ctx, phone: row.phone }) };
}

/** The caller hung up before being answered. */
export async function abandonCall(opts: { ctx: RequestCtx; id: number }): Promise<QueuedCall> {
  const { ctx, id } = opts;
  const row = await ctx.db.transaction(async (tx) => {
    const before = await repo.findCall(tx, id, true);
    if (!before) throw notFound('queue.call_not_found', 'Call not found');
    if (before.status !== 'waiting') throw conflict('queue.not_waiting', 'The call is no longer waiting');
    const after = await repo.updateCall(tx, id, { status: 'abandoned' });
    await recordAudit({ tx, actor: ctx.actor, action: 'abandon', entity: 'hotline_call', entityId: id, before, after });
    return after;
  });
  return toCall(ctx, row, new Date());
}
