import { describe, expect, it } from 'vitest';
import { decideReadSource, laterLsn, parseLsn, type ReplicaSample, replicaStalenessMs } from './read-routing.models';

const now = new Date('2026-12-04T10:00:00Z');
const sample = (over: Partial<ReplicaSample> = {}): ReplicaSample => ({
  replayLsn: '0/3000100',
  primaryLsn: '0/3000100',
  lastReplayAt: new Date(now.getTime() - 60_000),
  sampledAt: now,
  ...over,
});

describe('WAL positions', () => {
  it('orders LSNs by their high word first, then the low word', () => {
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(parseLsn('not an lsn')).toBeNull();
    expect(parseLsn(undefined)).toBeNull();
  });
  it('keeps the later of two positions, ignoring a missing one', () => {
    expect(laterLsn('0/10', '0/F')).toBe('0/10');
    expect(laterLsn('1/0', '0/FFFFFFFF')).toBe('1/0');
    expect(laterLsn(null, '0/F')).toBe('0/F');
    expect(laterLsn('junk', null)).toBeNull();
  });
});

describe('bounded-staleness routing of analytics reads', () => {
  it('a caught-up replica is not stale, however long ago its last replayed commit was (an idle primary)', () => {
    expect(replicaStalenessMs(sample(), now)).toBe(0);
    expect(decideReadSource({ sample: sample(), requiredLsn: null, maxLagMs: 5_000, now }).source).toBe('replica');
  });
  it('a replica behind the primary is stale by the time since the last commit it applied', () => {
    const behind = sample({ replayLsn: '0/3000000', lastReplayAt: new Date(now.getTime() - 2_000) });
    expect(replicaStalenessMs(behind, now)).toBe(2_000);
    expect(decideReadSource({ sample: behind, requiredLsn: null, maxLagMs: 5_000, now }).source).toBe('replica');
    expect(decideReadSource({ sample: behind, requiredLsn: null, maxLagMs: 1_000, now })).toEqual({
      source: 'primary',
      reason: 'replica lag',
    });
  });
  it('sends a user who just wrote to the primary until the replica has replayed that write', () => {
    const s = sample({ replayLsn: '0/3000100', primaryLsn: '0/3000200', lastReplayAt: now });
    expect(decideReadSource({ sample: s, requiredLsn: '0/3000180', maxLagMs: 5_000, now })).toEqual({
      source: 'primary',
      reason: 'own write not replayed yet',
    });
    expect(decideReadSource({ sample: s, requiredLsn: '0/3000100', maxLagMs: 5_000, now }).source).toBe('replica');
  });
  it('falls back to the primary when the replica cannot be asked or reports no position', () => {
    expect(decideReadSource({ sample: null, requiredLsn: null, maxLagMs: 5_000, now }).source).toBe('primary');
    expect(
      decideReadSource({ sample: sample({ replayLsn: '' }), requiredLsn: null, maxLagMs: 5_000, now }).source,
    ).toBe('primary');
    const neverReplayed = sample({ replayLsn: '0/1', lastReplayAt: null });
    expect(decideReadSource({ sample: neverReplayed, requiredLsn: null, maxLagMs: 5_000, now }).source).toBe('primary');
  });
});
