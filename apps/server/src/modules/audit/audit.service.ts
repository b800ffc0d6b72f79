import { type AuditPage, auditPeopleIds, maskPersonalText } from '@crm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor, RequestCtx } from '../../platform/context';
import { maskForViewer } from '../../platform/pii';
import { markKeyCommitted } from '../idempotency/idempotency.service';
import { displayNamesOf } from '../org/org.service';
import { diffChanges } from './audit.models';
import { customerNamesByIds } from './audit.queries';
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

/**
 * A read of full personal data (e.g. an individual's unmasked resident ID number by a viewer with `pii.read`): one
 * insert, no before/after, and no customer id so the customer's history tab is not filled with reads (the admin audit
 * log finds them by entity and id).
 */
export async function recordPiiRead(opts: {
  db: DbOrTx;
  actor: Actor;
  entity: string;
  entityId: string | number;
}): Promise<void> {
  await insertAudit(opts.db, {
    actorUserId: opts.actor.userId,
    actorName: opts.actor.name,
    action: 'read_pii',
    entity: opts.entity,
    entityId: String(opts.entityId),
    changes: {},
    customerId: null,
    requestId: opts.actor.requestId,
  });
}

/**
 * A data export: who exported which entity with what filter, how many rows, and whether personal data was masked.
 * Search text in the filter is stored with ID and mobile numbers masked.
 */
export async function recordExport(opts: {
  db: DbOrTx;
  actor: Actor;
  entity: string;
  filter: Record<string, unknown>;
  rowCount: number;
  masked: boolean;
}): Promise<void> {
  const filter = Object.fromEntries(
    Object.entries(opts.filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? maskPersonalText(v, false) : v]),
  );
  const added = (after: unknown) => ({ before: null, after });
  await insertAudit(opts.db, {
    actorUserId: opts.actor.userId,
    actorName: opts.actor.name,
    action: 'export',
    entity: opts.entity,
    entityId: '*',
    changes: { filter: added(filter), rowCount: added(opts.rowCount), masked: added(opts.masked) },
    customerId: null,
    requestId: opts.actor.requestId,
  });
}

/**
 * A page of the log with the names the web shows instead of ids: `people` (actors and user-id fields of the changes,
 * see auditUserIdFields) and `customers` (each entry's customer).
 */
export async function listAuditEntries(opts: { db: DbOrTx; filter: AuditFilter }): Promise<AuditPage> {
  const { items, total } = await listAudit(opts.db, opts.filter);
  const names = await displayNamesOf({ db: opts.db, ids: auditPeopleIds(items) });
  const customers = await customerNamesByIds(opts.db, [
    ...new Set(items.map((r) => r.customerId).filter((c): c is number => c != null)),
  ]);
  return {
    items: items.map((r) => ({
      ...r,
      at: r.at.toISOString(),
      actorDisplayName: r.actorUserId != null ? (names.get(r.actorUserId) ?? null) : null,
    })),
    total,
    people: Object.fromEntries([...names].map(([id, name]) => [String(id), name])),
    customers: Object.fromEntries([...customers].map(([id, c]) => [String(id), c])),
  };
}

/** GET /api/audit: the whole log, before/after values of personal fields masked for the viewer. */
export async function listAuditLog(opts: { ctx: RequestCtx; filter: AuditFilter }) {
  return maskForViewer(opts.ctx, await listAuditEntries({ db: opts.ctx.db, filter: opts.filter }));
}
