// Quarterly key-account survey waves, pure: the sample (all key accounts, or a stratified sample by tier), the round
// robin assignment to quality staff, call outcomes and the wave's response figures.
import { createHash } from 'node:crypto';

export type Population = { customerId: number; tier: string | null }[];

/** A quarter as YYYY-Qn (e.g. 2026-Q3). */
export const quarterPattern = /^(20\d\d)-Q([1-4])$/;

/** The quarter (YYYY-Qn) of a moment, in Asia/Shanghai. */
export function quarterOf(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

/** A stable pseudo-random order key: the same seed and customer always draw the same place. */
const drawKey = (seed: string, customerId: number) =>
  createHash('sha256').update(`${seed}:${customerId}`).digest().readUInt32BE(0);

/**
 * The customers of a wave. `all` takes everyone; `stratified` takes, in each tier (no tier is its own stratum),
 * round(pct% of the stratum), at least one, drawn in a reproducible order from `seed`.
 */
export function sampleMembers(
  population: Population,
  opts: { sampling: 'all' | 'stratified'; samplePct?: number | null; seed: string },
): Population {
  const sorted = [...population].sort((a, b) => a.customerId - b.customerId);
  if (opts.sampling === 'all') return sorted;
  const pct = opts.samplePct ?? 100;
  const strata = new Map<string, Population>();
  for (const m of sorted) {
    const key = m.tier ?? '';
    strata.set(key, [...(strata.get(key) ?? []), m]);
  }
  const out: Population = [];
  for (const [, members] of [...strata].sort(([a], [b]) => a.localeCompare(b))) {
    const take = Math.min(members.length, Math.max(1, Math.round((members.length * pct) / 100)));
    const drawn = [...members].sort(
      (a, b) => drawKey(opts.seed, a.customerId) - drawKey(opts.seed, b.customerId) || a.customerId - b.customerId,
    );
    out.push(...drawn.slice(0, take));
  }
  return out.sort((a, b) => a.customerId - b.customerId);
}

/**
 * Round robin over the staff, stratum by stratum (tier order), so each caller gets a like share of every tier.
 * Returns the assignee of each member in the order given.
 */
export function assignRoundRobin<T extends { tier: string | null }>(members: T[], staffIds: number[]): number[] {
  if (staffIds.length === 0) throw new Error('at least one caller');
  const order = members
    .map((m, i) => ({ i, tier: m.tier ?? '' }))
    .sort((a, b) => a.tier.localeCompare(b.tier) || a.i - b.i);
  const out = new Array<number>(members.length);
  order.forEach((o, k) => {
    out[o.i] = staffIds[k % staffIds.length];
  });
  return out;
}

export type CallOutcome = 'no_answer' | 'busy' | 'refused' | 'answered';
export type MemberStatus = 'pending' | 'answered' | 'refused' | 'non_response';

/** A member's status after a call: a refusal ends the calls; no answer / busy keep it pending for another try. */
export function statusAfterCall(current: MemberStatus, outcome: CallOutcome): MemberStatus {
  if (current !== 'pending') return current;
  if (outcome === 'refused') return 'refused';
  if (outcome === 'answered') return 'answered';
  return 'pending';
}

export type WaveFigures = {
  members: number;
  answered: number;
  refused: number;
  nonResponse: number;
  pending: number;
  attempts: number;
  /** answered / members (0 for an empty wave). */
  responseRate: number;
};

export function waveFigures(rows: { status: MemberStatus; n: number; attempts: number }[]): WaveFigures {
  const n = (s: MemberStatus) => rows.filter((r) => r.status === s).reduce((a, r) => a + r.n, 0);
  const members = rows.reduce((a, r) => a + r.n, 0);
  const answered = n('answered');
  return {
    members,
    answered,
    refused: n('refused'),
    nonResponse: n('non_response'),
    pending: n('pending'),
    attempts: rows.reduce((a, r) => a + r.attempts, 0),
    responseRate: members ? answered / members : 0,
  };
}
