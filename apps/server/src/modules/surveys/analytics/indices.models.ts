// Satisfaction indices as pure functions: NPS, CSAT (top-2-box), response rate, the satisfaction ratio
// (perceived / expected) with its tolerance band, importance-performance quadrants and loyalty types.

export type Nps = {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number;
  /** Answers outside 0-10 (counted by the rule all the same: 9 and above promote, 6 and below detract). */
  outOfRange: number;
};

/**
 * Net Promoter Score from 0-10 answers: % promoters (9-10) minus % detractors (0-6); shares as fractions, NPS in
 * points. Missing answers are left out; answers off the scale are counted by the same thresholds and reported.
 */
export function computeNps(scores: readonly number[]): Nps {
  const valid = scores.filter((s) => Number.isFinite(s));
  const n = valid.length;
  const outOfRange = valid.filter((s) => s < 0 || s > 10).length;
  if (n === 0) return { n: 0, promoters: 0, passives: 0, detractors: 0, nps: 0, outOfRange };
  const promoters = valid.filter((s) => s >= 9).length / n;
  const detractors = valid.filter((s) => s <= 6).length / n;
  return {
    n,
    promoters,
    passives: 1 - promoters - detractors,
    detractors,
    nps: (promoters - detractors) * 100,
    outOfRange,
  };
}

export type Csat = { n: number; mean: number; topTwoBox: number };

/** CSAT on a 1-5 scale: mean and the top-2-box share (answers 4 and 5) as a fraction. */
export function computeCsat(scores: readonly number[], scaleMax = 5): Csat {
  const valid = scores.filter((s) => Number.isFinite(s) && s >= 1 && s <= scaleMax);
  const n = valid.length;
  if (n === 0) return { n: 0, mean: 0, topTwoBox: 0 };
  return {
    n,
    mean: valid.reduce((a, b) => a + b, 0) / n,
    topTwoBox: valid.filter((s) => s >= scaleMax - 1).length / n,
  };
}

/** Answered / sent (0 when nothing was sent). */
export const responseRate = (sent: number, answered: number) => (sent > 0 ? answered / sent : 0);

export type ToleranceBand = { low: number; high: number };
export const defaultBand: ToleranceBand = { low: 0.95, high: 1.05 };
export type SatisfactionClass = 'dissatisfied' | 'satisfied' | 'highly_satisfied';

/** Satisfaction = perceived performance / expectation, classified with a tolerance band around 1. */
export function satisfactionRatio(
  perceived: number,
  expected: number,
  band: ToleranceBand = defaultBand,
): { ratio: number; level: SatisfactionClass } {
  if (!(expected > 0)) throw new Error('the expectation must be positive');
  const ratio = perceived / expected;
  const level = ratio < band.low ? 'dissatisfied' : ratio > band.high ? 'highly_satisfied' : 'satisfied';
  return { ratio, level };
}

export type IpaQuadrant = 'fix_first' | 'keep_up' | 'possible_overkill' | 'low_priority';
export type IpaItem = { attribute: string; importance: number; performance: number };

/**
 * Importance-performance analysis: quadrants split at the grand means; the action list puts "fix first"
 * attributes first, the largest importance-performance gap (in standardised units) at the top.
 */
export function analyseImportancePerformance<T extends IpaItem>(items: readonly T[]) {
  if (items.length === 0)
    return {
      importanceMean: 0,
      performanceMean: 0,
      items: [] as (T & { quadrant: IpaQuadrant; gap: number; rank: number })[],
    };
  const im = items.reduce((a, i) => a + i.importance, 0) / items.length;
  const pm = items.reduce((a, i) => a + i.performance, 0) / items.length;
  const spread = (xs: number[], m: number) => Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length) || 1;
  const si = spread(
    items.map((i) => i.importance),
    im,
  );
  const sp = spread(
    items.map((i) => i.performance),
    pm,
  );
  const order: Record<IpaQuadrant, number> = { fix_first: 0, keep_up: 1, low_priority: 2, possible_overkill: 3 };
  const classified = items.map((i) => {
    const high = i.importance >= im;
    const good = i.performance >= pm;
    const quadrant: IpaQuadrant = high ? (good ? 'keep_up' : 'fix_first') : good ? 'possible_overkill' : 'low_priority';
    return { ...i, quadrant, gap: (i.importance - im) / si - (i.performance - pm) / sp };
  });
  classified.sort((a, b) => order[a.quadrant] - order[b.quadrant] || b.gap - a.gap);
  return { importanceMean: im, performanceMean: pm, items: classified.map((c, rank) => ({ ...c, rank: rank + 1 })) };
}

export type LoyaltyType = 'true' | 'latent' | 'spurious' | 'none';

/**
 * Loyalty from three sides, each 0-1: behavioural (tenure, repeat purchases, products held), attitudinal
 * (intention answers) and emotional (recommend score, referrals). Relative attitude (attitudinal and emotional)
 * against repeat patronage (behavioural), each split at `threshold` (Dick & Basu): true, latent, spurious or none.
 */
export function classifyLoyalty(
  sides: { behavioural: number; attitudinal: number; emotional: number },
  threshold = 0.5,
): { attitude: number; patronage: number; type: LoyaltyType } {
  const attitude = (sides.attitudinal + sides.emotional) / 2;
  const patronage = sides.behavioural;
  const highA = attitude >= threshold;
  const highP = patronage >= threshold;
  const type: LoyaltyType = highA ? (highP ? 'true' : 'latent') : highP ? 'spurious' : 'none';
  return { attitude, patronage, type };
}
