import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import type { Actor } from '../../platform/context';
import { createTestDb } from '../../test/test-db';
import { recordAudit } from '../audit/audit.service';
import { enqueueJob, getJob, runDueJobs } from '../jobs/jobs.service';
import { IDEMPOTENCY_PURGE_JOB, registerIdempotencyJobs } from './idempotency.jobs';
import { findKey } from './idempotency.repository';
import { claimIdempotencyKey } from './idempotency.service';
import { idempotencyKeys } from './idempotency.table';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  registerIdempotencyJobs();
});
afterAll(() => handle.close());

const request = { userId: 1, method: 'POST', path: '/api/things', requestHash: 'h1', leaseMs: 60_000 };
const claimOf = async (key: string, now?: Date) => {
  const r = await claimIdempotencyKey({ db: handle.db, ...request, key, now });
  if (!('claim' in r)) throw new Error(`not claimed: ${r.outcome.kind}`);
  return r.claim;
};
const actorWith = (claim: Actor['idempotency']): Actor => ({
  userId: 1,
  name: 'u',
  requestId: 'r',
  idempotency: claim,
});
const auditCount = async () =>
  (await handle.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as { rows: { n: number }[] };

describe('the lease of a pending Idempotency-Key', () => {
  it('lets a retry after the lease take the key over, and the presumed-dead attempt can no longer commit', async () => {
    const dead = await claimOf('slow-1');
    const later = new Date(Date.now() + 61_000);
    const retry = await claimOf('slow-1', later);
    expect(retry.token).not.toBe(dead.token);

    const before = (await auditCount()).rows[0].n;
    const slowCommit = handle.db.transaction((tx) =>
      recordAudit({
        tx,
        actor: actorWith(dead),
        action: 'create',
        entity: 'thing',
        entityId: 1,
        before: null,
        after: { a: 1 },
      }),
    );
    await expect(slowCommit).rejects.toMatchObject({ code: 'idempotency.lease_lost', statusCode: 409 });
    expect((await auditCount()).rows[0].n).toBe(before);

    await handle.db.transaction((tx) =>
      recordAudit({
        tx,
        actor: actorWith(retry),
        action: 'create',
        entity: 'thing',
        entityId: 2,
        before: null,
        after: { a: 1 },
      }),
    );
    expect(await findKey(handle.db, 1, 'slow-1')).toMatchObject({ committed: true, entity: 'thing', entityId: '2' });
  });

  it('refuses to take over a key whose attempt committed, however old', async () => {
    const first = await claimOf('committed-1');
    await handle.db.transaction(async (tx) => {
      await recordAudit({
        tx,
        actor: actorWith(first),
        action: 'update',
        entity: 'account',
        entityId: 5,
        before: { a: 1 },
        after: { a: 2 },
      });
      await recordAudit({
        tx,
        actor: actorWith(first),
        action: 'create',
        entity: 'thing',
        entityId: 9,
        before: null,
        after: { a: 1 },
      });
      await recordAudit({
        tx,
        actor: actorWith(first),
        action: 'create',
        entity: 'note',
        entityId: 3,
        before: null,
        after: { a: 1 },
      });
    });
    const r = await claimIdempotencyKey({
      db: handle.db,
      ...request,
      key: 'committed-1',
      now: new Date(Date.now() + 3_600_000),
    });
    expect(r).toEqual({ outcome: { kind: 'rebuild', entity: 'thing', entityId: '9' } });
  });

  it('keeps a key uncommitted when the writing transaction rolls back', async () => {
    const claim = await claimOf('rolled-back-1');
    await expect(
      handle.db.transaction(async (tx) => {
        await recordAudit({
          tx,
          actor: actorWith(claim),
          action: 'create',
          entity: 'thing',
          entityId: 4,
          before: null,
          after: { a: 1 },
        });
        throw new Error('business rule failed after the insert');
      }),
    ).rejects.toThrow('business rule');
    expect(await findKey(handle.db, 1, 'rolled-back-1')).toMatchObject({ committed: false, entity: null });
  });
});

describe('the purge of expired Idempotency-Keys', () => {
  it('deletes keys older than 24 hours as a durable job and keeps younger ones', async () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
    await handle.db.insert(idempotencyKeys).values(
      [25, 30, 23, 1].map((h) => ({
        userId: 2,
        key: `purge-${h}h`,
        method: 'POST',
        path: '/api/things',
        requestHash: 'h',
        statusCode: 201,
        createdAt: at(h),
      })),
    );
    const job = await enqueueJob({ db: handle.db, type: IDEMPOTENCY_PURGE_JOB, payload: { now: now.toISOString() } });
    await runDueJobs({ handle });
    expect(await getJob({ db: handle.db, id: job.id })).toMatchObject({ status: 'succeeded', result: { purged: 2 } });
    const left = await handle.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(sql`user_id = 2`);
    expect(left.map((r) => r.key).sort()).toEqual(['purge-1h', 'purge-23h']);
  });
});
