import type { Interaction, interactionCreate } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { enqueueJob } from '../jobs/jobs.service';
import { occurredInFuture } from './interactions.errors';
import { occurredAtOf } from './interactions.models';
import * as repo from './interactions.repository';

/** The customer's latest interactions, newest first (the caller has checked the customer's scope). */
export async function recentInteractions(opts: {
  db: DbOrTx;
  customerId: number;
  limit: number;
}): Promise<Interaction[]> {
  const rows = await repo.listRecent(opts.db, opts.customerId, opts.limit);
  return rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() }));
}

/** Records a contact with the customer by the signed-in user. */
export async function createInteraction(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof interactionCreate>;
}): Promise<Interaction> {
  const { ctx, id, input } = opts;
  const occurredAt = occurredAtOf(input.occurredAt, new Date());
  if (occurredAt === 'future') throw occurredInFuture();
  return ctx.db.transaction(async (tx) => {
    const visible = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const row = await repo.insertInteraction(tx, {
      customerId: id,
      channel: input.channel,
      direction: input.direction,
      summary: input.summary,
      userId: ctx.user.id,
      occurredAt,
    });
    const { createdAt: _c, ...after } = row;
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'interaction',
      entityId: row.id,
      customerId: id,
      before: null,
      after,
    });
    if (row.channel === 'counter')
      // The callback survey (回访) of a counter transaction, queued in the same transaction (surveys module's job).
      await enqueueJob({
        db: tx,
        type: 'surveys.counter-callback',
        payload: { interactionId: row.id, customerId: id, ownerId: ctx.user.id, phone: visible.party.mobile },
        dedupeKey: `survey:counter:${row.id}`,
      });
    return { ...after, userName: ctx.user.displayName, occurredAt: row.occurredAt.toISOString() };
  });
}

/**
 * Records contacts made by a system process (campaign sends) on the customers' 360 pages, in the caller's
 * transaction, in one statement; the caller audits the batch.
 */
export async function recordSystemInteractions(opts: {
  tx: DbOrTx;
  rows: {
    customerId: number;
    channel: 'sms' | 'email' | 'wechat' | 'phone' | 'visit';
    summary: string;
    occurredAt: Date;
  }[];
}): Promise<void> {
  await repo.insertInteractions(
    opts.tx,
    opts.rows.map((r) => ({ ...r, direction: 'outbound' as const, userId: null })),
  );
}
