// Which database answers an analytics read when a streaming replica is configured (REPLICA_DATABASE_URL): pure
// rules, so that they are tested without a replica. Positions are PostgreSQL WAL positions (LSN, `X/Y` in hex).

/** An LSN as one number (bigint): `16/B374D848` -> 0x16_B374D848. Null for anything that is not an LSN. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text ?? '');
  if (!m) return null;
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

/** The later of two LSNs (either may be missing). */
export function laterLsn(a: string | null | undefined, b: string | null | undefined): string | null {
  const pa = parseLsn(a);
  const pb = parseLsn(b);
  if (pa === null) return pb === null ? null : (b as string);
  if (pb === null) return a as string;
  return pa >= pb ? (a as string) : (b as string);
}

/** What the replica reported, and the primary's write position sampled at the same moment. */
export type ReplicaSample = {
  /** `pg_last_wal_replay_lsn()` on the replica. */
  replayLsn: string;
  /** `pg_current_wal_lsn()` on the primary. */
  primaryLsn: string;
  /** `pg_last_xact_replay_timestamp()` on the replica: commit time of the last transaction it applied. */
  lastReplayAt: Date | null;
  sampledAt: Date;
};

export type ReadDecision = { source: 'primary' | 'replica'; reason: string };

/**
 * How stale the replica may be, in ms: 0 when it has replayed everything the primary had written when sampled;
 * otherwise it lacks the commits made after the last one it applied, so it is stale by at most the time since then.
 */
export function replicaStalenessMs(sample: ReplicaSample, now: Date): number {
  const replay = parseLsn(sample.replayLsn);
  const primary = parseLsn(sample.primaryLsn);
  if (replay !== null && primary !== null && replay >= primary) return 0;
  if (!sample.lastReplayAt) return Number.POSITIVE_INFINITY;
  return Math.max(0, now.getTime() - sample.lastReplayAt.getTime());
}

/**
 * The bounded-staleness rule: the replica answers unless (1) it is unreachable, (2) it has not yet replayed the
 * caller's own last write (read-your-writes: `requiredLsn`), or (3) it may be staler than `maxLagMs`.
 */
export function decideReadSource(opts: {
  sample: ReplicaSample | null;
  requiredLsn: string | null;
  maxLagMs: number;
  now: Date;
}): ReadDecision {
  const { sample, requiredLsn } = opts;
  if (!sample) return { source: 'primary', reason: 'replica unavailable' };
  const replay = parseLsn(sample.replayLsn);
  const required = parseLsn(requiredLsn);
  if (replay === null) return { source: 'primary', reason: 'replica position unknown' };
  if (required !== null && replay < required) return { source: 'primary', reason: 'own write not replayed yet' };
  if (replicaStalenessMs(sample, opts.now) > opts.maxLagMs) return { source: 'primary', reason: 'replica lag' };
  return { source: 'replica', reason: 'within staleness bound' };
}
