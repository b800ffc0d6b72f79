import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from './client';
import { decideReadSource, laterLsn, type ReadDecision, type ReplicaSample } from './read-routing.models';
import * as schema from './schema';

/**
 * Routes analytics reads (dashboards, reports, exports) to a PostgreSQL streaming replica under the
 * bounded-staleness rule of `read-routing.models.ts`. The replica's position is sampled at most every `sampleMs`
 * (one query on each server), so a dashboard request costs no extra round trip most of the time.
 */
export type ReadRouter = {
  replicaDb: Db;
  maxLagMs: number;
  /** The primary's current WAL position: what a reader must wait for to see a write just committed. */
  currentWriteLsn: () => Promise<string | null>;
  /** Remembers a user's last write position (API-token clients carry no cookie). */
  noteWrite: (userId: number, lsn: string) => void;
  /** Where a read by `userId` (who may carry `requiredLsn` from a cookie or a job payload) should go. */
  decide: (opts: { userId?: number | null; requiredLsn?: string | null }) => Promise<ReadDecision>;
  close: () => Promise<void>;
};

export function openReadRouter(opts: {
  primary: pg.Pool;
  replicaUrl: string;
  maxLagMs: number;
  sampleMs?: number;
  log?: (msg: string) => void;
}): ReadRouter {
  const replica = new pg.Pool({ connectionString: opts.replicaUrl, max: 5, options: '-c TimeZone=Asia/Shanghai' });
  replica.on('error', (err) => opts.log?.(`replica connection lost: ${err.message}`));
  const replicaDb = drizzleNodePg(replica, { schema }) as unknown as Db;
  const sampleMs = opts.sampleMs ?? 200;
  const lastWrites = new Map<number, string>();
  let cached: { at: number; sample: Promise<ReplicaSample | null> } | null = null;
  let warned = false;

  const takeSample = async (): Promise<ReplicaSample | null> => {
    try {
      const [r, p] = await Promise.all([
        replica.query<{ lsn: string | null; at: Date | null }>(
          'select pg_last_wal_replay_lsn()::text as lsn, pg_last_xact_replay_timestamp() as at',
        ),
        opts.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'),
      ]);
      warned = false;
      return {
        replayLsn: r.rows[0]?.lsn ?? '',
        primaryLsn: p.rows[0]?.lsn ?? '',
        lastReplayAt: r.rows[0]?.at ?? null,
        sampledAt: new Date(),
      };
    } catch (err) {
      if (!warned) opts.log?.(`replica unavailable, reading from the primary: ${(err as Error).message}`);
      warned = true;
      return null;
    }
  };
  const sample = () => {
    const now = Date.now();
    if (!cached || now - cached.at >= sampleMs) cached = { at: now, sample: takeSample() };
    return cached.sample;
  };

  return {
    replicaDb,
    maxLagMs: opts.maxLagMs,
    currentWriteLsn: async () =>
      (await opts.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]?.lsn ?? null,
    noteWrite: (userId, lsn) => {
      lastWrites.set(userId, laterLsn(lastWrites.get(userId), lsn) ?? lsn);
    },
    decide: async ({ userId, requiredLsn }) => {
      const required = laterLsn(requiredLsn, userId ? lastWrites.get(userId) : null);
      let decision = decideReadSource({
        sample: await sample(),
        requiredLsn: required,
        maxLagMs: opts.maxLagMs,
        now: new Date(),
      });
      // The cached sample may predate a write the replica has replayed since: look once more before giving up.
      if (decision.reason === 'own write not replayed yet') {
        cached = null;
        decision = decideReadSource({
          sample: await sample(),
          requiredLsn: required,
          maxLagMs: opts.maxLagMs,
          now: new Date(),
        });
      }
      return decision;
    },
    close: () => replica.end(),
  };
}
