import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import type { IdempotencyClaim } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { type KeyOutcome, outcomeOfKey, PENDING } from './idempotency.models';
import * as repo from './idempotency.repository';

/** Default lease of a pending key: after it, an attempt that never committed is presumed dead. */
export const DEFAULT_LEASE_MS = 60_000;

export const inProgress = () =>
  new AppError('idempotency.in_progress', 409, 'A request with this Idempotency-Key is in progress');
const leaseLost = () =>
  new AppError(
    'idempotency.lease_lost',
    409,
    'This request outlived its Idempotency-Key lease and was retried meanwhile; it was rolled back',
  );

/**
 * Claims a key for this attempt, or says what to do with the attempt that holds it. A pending key past its lease
 * whose attempt never committed is taken over: the dead attempt can no longer commit (see markKeyCommitted).
 */
export async function claimIdempotencyKey(opts: {
  db: DbOrTx;
  userId: number;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  leaseMs: number;
  now?: Date;
}): Promise<{ claim: IdempotencyClaim } | { outcome: Exclude<KeyOutcome, { kind: 'take_over' }> }> {
  const { db, userId, key } = opts;
  const token = randomUUID();
  const claimed = await repo.claimKey(db, {
    userId,
    key,
    method: opts.method,
    path: opts.path,
    requestHash: opts.requestHash,
    statusCode: PENDING,
    claimToken: token,
  });
  if (claimed) return { claim: { userId, key, token } };
  const row = await repo.findKey(db, userId, key);
  if (!row) return { outcome: { kind: 'in_progress' } };
  const outcome = outcomeOfKey(row, opts.requestHash, { now: opts.now ?? new Date(), leaseMs: opts.leaseMs });
  if (outcome.kind !== 'take_over') return { outcome };
  const taken = await repo.takeOverKey(db, { userId, key, seenToken: row.claimToken, newToken: token });
  return taken ? { claim: { userId, key, token } } : { outcome: { kind: 'in_progress' } };
}

/** Per claim, the transactions that already marked it, and whether a created record was named. */
const marks = new WeakMap<IdempotencyClaim, { txs: WeakSet<object>; created: boolean }>();

/**
 * Called by recordAudit inside the writing transaction: marks the request's key committed, naming the first record
 * the request created (or, failing that, the first it touched). Throws (rolling the transaction back) when the
 * claim was taken over by a retry after the lease, so an attempt presumed dead can never commit twice.
 */
export async function markKeyCommitted(opts: {
  tx: DbOrTx;
  claim: IdempotencyClaim;
  action: string;
  entity: string;
  entityId: string;
}): Promise<void> {
  const { tx, claim } = opts;
  const state = marks.get(claim) ?? { txs: new WeakSet<object>(), created: false };
  marks.set(claim, state);
  const namesCreated = opts.action === 'create' && !state.created;
  if (state.txs.has(tx) && !namesCreated) return;
  const held = await repo.markCommitted(tx, {
    ...claim,
    entity: opts.entity,
    entityId: opts.entityId,
    overwrite: namesCreated,
  });
  if (!held) throw leaseLost();
  state.txs.add(tx);
  if (namesCreated) state.created = true;
}

/** Stores the response of the attempt holding the claim (2xx), or frees the key of an attempt that committed nothing. */
export async function finishIdempotencyKey(opts: {
  db: DbOrTx;
  claim: IdempotencyClaim;
  statusCode: number;
  body: unknown;
}): Promise<void> {
  const { db, claim } = opts;
  if (opts.statusCode >= 200 && opts.statusCode < 300) {
    await repo.completeKey(db, { ...claim, statusCode: opts.statusCode, body: opts.body });
  } else {
    await repo.releaseKey(db, claim);
  }
}

/** Stores a response rebuilt for a committed key whose attempt died before storing its own. */
export async function storeRebuiltResponse(opts: {
  db: DbOrTx;
  userId: number;
  key: string;
  statusCode: number;
  body: unknown;
}): Promise<void> {
  await repo.completeKey(opts.db, {
    userId: opts.userId,
    key: opts.key,
    token: null,
    statusCode: opts.statusCode,
    body: opts.body,
  });
}

/** Deletes keys created before `before`, in batches; returns how many were deleted. */
export async function purgeIdempotencyKeys(opts: { db: DbOrTx; before: Date; batch?: number }): Promise<number> {
  const batch = opts.batch ?? 5_000;
  let total = 0;
  for (;;) {
    const n = await repo.purgeKeysBefore(opts.db, opts.before, batch);
    total += n;
    if (n < batch) return total;
  }
}
