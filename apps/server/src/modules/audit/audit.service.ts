import type { AuditEntry } from '@crm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/context';
import { markKeyCommitted } from '../idempotency/idempotency.service';
import { diffChanges } from './audit.models';
import { type AuditFilter, insertAudit, listAudit } from './audit.repository';

/**
 * Records one mutation inside the caller's transaction: who, what, which record, and before/after of the changed
 * fields. An update that changed nothing records nothing. A request holding an Idempotency-Key also marks it
 * committed here, in the same transaction (ADR 0010).
 */
export async function recordAudit(opts: {
  tx: DbOrTx;
  actor: Actor;
  action: string;
  entity: string;
  entityId: string | number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  customerId?: number | null;
}): Promise<void> {
  const changes = diffChanges(opts.before, opts.after);
  if (opts.before && opts.after && Object.keys(changes).length === 0) return;
  await insertAudit(opts.tx, {
    actorUserId: opts.actor.userId,
    actorName: opts.actor.name,
    action: opts.action,
    entity: opts.entity,
    entityId: String(opts.entityId),
    changes,
    customerId: opts.customerId ?? null,
    requestId: opts.actor.requestId,
  });
  const claim = opts.actor.idempotency;
  if (claim) {
    await markKeyCommitted({
      tx: opts.tx,
      claim,
      action: opts.action,
      entity: opts.entity,
      entityId: String(opts.entityId),
    });
  }
}

export async function listAuditEntries(opts: { db: DbOrTx; filter: AuditFilter }): Promise<{
  items: AuditEntry[];
  total: number;
}> {
  const { items, total } = await listAudit(opts.db, opts.filter);
  return { items: items.map((r) => ({ ...r, at: r.at.toISOString() })), total };
}
