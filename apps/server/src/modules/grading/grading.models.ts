import {
  type AbcClass,
  abcClasses,
  type GradeImportance,
  type GradeLayer,
  type GradeReason,
  type GradeTier,
  gradeImportances,
  gradeLayers,
  gradeReasons,
  gradeTiers,
  period,
  type RuleSetConfig,
  type RuleSetStatus,
  ruleSetConfig,
  ruleSetStatuses,
} from '@crm/contracts';

export type { AbcClass, GradeReason, RuleSetConfig, RuleSetStatus };
// The enums and the rule-set configuration schema are API contracts (packages/contracts/src/grading.ts); the
// server-side names stay as they were.
export { abcClasses, gradeReasons, ruleSetConfig, ruleSetStatuses };
/** KA value tiers (DOMAIN.md section 3), lowest first. */
export const tiers = gradeTiers;
export type Tier = GradeTier;
/** Value-pyramid layers, top first: the KA tiers, then the business and public customer bases. */
export const layers = gradeLayers;
export type Layer = GradeLayer;
/** KA importance: important organisations, else general KA split by monthly spend. */
export const importances = gradeImportances;
export type Importance = GradeImportance;
export const periodSchema = period;

const yuan = (y: number) => y * 100;

/** The defaults of DOMAIN.md section 3. */
export const defaultRuleSetConfig: RuleSetConfig = {
  measure: { months: 3, missingMonths: 'skip' },
  tiers: {
    categories: ['key_account'],
    minFen: {
      crystal: 0,
      gold: yuan(10_000),
      gem: yuan(30_000),
      platinum: yuan(80_000),
      jade: yuan(200_000),
      diamond: yuan(500_000),
    },
  },
  hysteresis: { downgradeAfter: 2 },
  importance: {
    importantOrgTypes: ['government', 'public_security', 'fortune500', 'education'],
    ordinaryMinFen: yuan(3_000),
    extraLargeMinFen: yuan(10_000),
  },
  stars: { categories: ['public'], months: 6, minMonthlyFen: { three: yuan(300), four: yuan(500), five: yuan(800) } },
  abc: { aShare: 0.8, bShare: 0.15, partitionByCategory: false },
};

// ---------------------------------------------------------------- periods

/** `YYYY-MM` shifted by `delta` months. */
export function addMonths(period: string, delta: number): string {
  const [y, m] = period.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Periods from `from` to `to` inclusive (at most 120). */
export function periodRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 120; p = addMonths(p, 1)) out.push(p);
  return out;
}

/** The calendar period of an instant in business time (Asia/Shanghai, UTC+8 without daylight saving). */
export function periodOf(now: Date): { period: string; day: number } {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const period = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
  return { period, day: local.getUTCDate() };
}

/** The monthly schedule grades the previous month from the 2nd day of a month on (bills close on the 1st). */
export function scheduledPeriod(now: Date): string | null {
  const { period, day } = periodOf(now);
  return day >= 2 ? addMonths(period, -1) : null;
}

/** The window of periods a grading of `period` reads: enough for the measure and the star rule. */
export const windowSpan = (config: RuleSetConfig) => Math.max(config.measure.months, config.stars.months);

export function windowOf(period: string, config: RuleSetConfig) {
  const span = windowSpan(config);
  return {
    first: addMonths(period, -(span - 1)),
    measureFrom: addMonths(period, -(config.measure.months - 1)),
    starsFrom: addMonths(period, -(config.stars.months - 1)),
    previous: addMonths(period, -1),
  };
}

// ---------------------------------------------------------------- rules (the SQL of a run implements the same)

export const tierRank = (t: Tier) => tiers.indexOf(t);

/** Divisor of the average: billed months (`skip`, at least 1) or the full window (`zero`). */
export function measureDivisor(monthsUsed: number, config: RuleSetConfig): number {
  return config.measure.missingMonths === 'skip' ? Math.max(monthsUsed, 1) : config.measure.months;
}

/** The tier whose bound the spend reaches: `sumFen / divisor >= bound`, compared exactly as `sumFen >= bound * divisor`. */
export function tierFor(sumFen: number, divisor: number, config: RuleSetConfig): Tier {
  for (let i = tiers.length - 1; i > 0; i--) {
    if (sumFen >= config.tiers.minFen[tiers[i]] * divisor) return tiers[i];
  }
  return 'crystal';
}

/** Bounds of a tier: [lower, upper) in fen, upper null for the top tier. */
export function tierBounds(tier: Tier, config: RuleSetConfig): { lowerFen: number; upperFen: number | null } {
  const i = tierRank(tier);
  return {
    lowerFen: config.tiers.minFen[tier],
    upperFen: i < tiers.length - 1 ? config.tiers.minFen[tiers[i + 1]] : null,
  };
}

export type HysteresisResult = { tier: Tier; belowCount: number; held: boolean; reason: GradeReason };

/**
 * Upgrades apply at once; a downgrade only after `downgradeAfter` consecutive periods below the current tier.
 * `previous` is the tier in effect last period (null: first grading, no hold).
 */
export function applyHysteresis(
  raw: Tier,
  previous: { tier: Tier; belowCount: number } | null,
  config: RuleSetConfig,
): HysteresisResult {
  if (!previous || tierRank(raw) >= tierRank(previous.tier))
    return { tier: raw, belowCount: 0, held: false, reason: 'threshold' };
  const belowCount = previous.belowCount + 1;
  if (belowCount >= config.hysteresis.downgradeAfter)
    return { tier: raw, belowCount: 0, held: false, reason: 'downgraded' };
  return { tier: previous.tier, belowCount, held: true, reason: 'held' };
}

/**
 * Star level of an individual customer: the highest bar that every one of the last `months` consecutive periods
 * reaches. `monthly` maps period -> spend (fen); a missing month breaks the run (0 stars).
 */
export function starsFor(monthly: ReadonlyMap<string, number>, period: string, config: RuleSetConfig): number {
  let min = Number.POSITIVE_INFINITY;
  for (let k = 0; k < config.stars.months; k++) {
    const spend = monthly.get(addMonths(period, -k));
    if (spend === undefined) return 0;
    min = Math.min(min, spend);
  }
  const bars = config.stars.minMonthlyFen;
  return min >= bars.five ? 5 : min >= bars.four ? 4 : min >= bars.three ? 3 : 0;
}

/** KA importance: important organisation types regardless of spend; general KA by average monthly spend. */
export function importanceFor(
  organizationType: string | null,
  sumFen: number,
  divisor: number,
  config: RuleSetConfig,
): Importance {
  const c = config.importance;
  if (organizationType && (c.importantOrgTypes as string[]).includes(organizationType)) return 'important';
  if (sumFen >= c.extraLargeMinFen * divisor) return 'extra_large';
  if (sumFen >= c.ordinaryMinFen * divisor) return 'ordinary';
  return 'below_threshold';
}

/**
 * ABC classes by cumulative revenue share: customers sorted by value (descending, then id), a customer is A while the
 * revenue of the customers before it is below `aShare` of the total, B below `aShare + bShare`, else C.
 * Customers without revenue are C.
 */
export function abcClassesFor(
  values: ReadonlyArray<{ id: number; valueFen: number }>,
  config: RuleSetConfig,
): Map<number, AbcClass> {
  const sorted = [...values].sort((a, b) => b.valueFen - a.valueFen || a.id - b.id);
  const total = sorted.reduce((s, v) => s + v.valueFen, 0);
  const out = new Map<number, AbcClass>();
  let before = 0;
  for (const v of sorted) {
    const cls: AbcClass =
      v.valueFen <= 0
        ? 'C'
        : before < config.abc.aShare * total
          ? 'A'
          : before < (config.abc.aShare + config.abc.bShare) * total
            ? 'B'
            : 'C';
    out.set(v.id, cls);
    before += v.valueFen;
  }
  return out;
}

/** The layer of the value pyramid a grade falls in. */
export const layerOf = (tier: string | null, category: string): Layer => (tier ?? category) as Layer;
export const layerRank = (layer: string | null): number =>
  layer === null ? -1 : layers.length - 1 - layers.indexOf(layer as Layer);
