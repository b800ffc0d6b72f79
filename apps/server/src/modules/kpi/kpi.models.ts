// Account-manager KPI (客户经理考核, DOMAIN 5.8): the monthly scorecard of an AM from raw figures, the settings in force
// for a period, and the score -> bonus coefficient table. Pure: no database.
import type { KpiBonusBand, KpiFigure, KpiFigureKey, KpiSettingsInput, KpiTargets, KpiWeights } from '@crm/contracts';
import { kpiFigureKeys } from '@crm/contracts';

/** The most a figure can count (120% of its target) for the volume figures; quality figures stop at 100%. */
export const RATIO_CAP = 1.2;
/** Months of spend before the period whose average is the spend baseline. */
export const BASELINE_MONTHS = 3;

export const DEFAULT_WEIGHTS: KpiWeights = {
  spend: 30,
  newServices: 15,
  satisfaction: 15,
  complaints: 10,
  commitments: 10,
  completeness: 10,
  visits: 10,
};
export const DEFAULT_TARGETS: KpiTargets = {
  spendGrowthPct: 2,
  newServices: 2,
  satisfactionPct: 90,
  complaintsTolerance: 2,
  commitmentsOnTimePct: 95,
  completenessPct: 90,
  visits: 4,
};
export const DEFAULT_BONUS_TABLE: KpiBonusBand[] = [
  { minScore: 0, coefficient: 0.5 },
  { minScore: 60, coefficient: 0.8 },
  { minScore: 75, coefficient: 1 },
  { minScore: 90, coefficient: 1.2 },
  { minScore: 100, coefficient: 1.5 },
];
/** The settings in force when nobody has set any (seeded lazily, effective from the first period). */
export const DEFAULT_SETTINGS: KpiSettingsInput = {
  effectiveFrom: '2000-01',
  weights: DEFAULT_WEIGHTS,
  targets: DEFAULT_TARGETS,
  bonusTable: DEFAULT_BONUS_TABLE,
};

/** What the figures are computed from: counts and sums over the AM's portfolio and own records in the month. */
export type RawFigures = {
  spendFen: number;
  /** Sum of the portfolio's bills in the BASELINE_MONTHS months before the period. */
  baselineSumFen: number;
  newServices: number;
  surveyAnswers: number;
  surveySatisfied: number;
  complaints: number;
  commitmentsDue: number;
  commitmentsOnTime: number;
  fieldsRequired: number;
  fieldsFilled: number;
  visits: number;
  penaltyPoints: number;
  penaltyFen: number;
};

export const emptyRaw = (): RawFigures => ({
  spendFen: 0,
  baselineSumFen: 0,
  newServices: 0,
  surveyAnswers: 0,
  surveySatisfied: 0,
  complaints: 0,
  commitmentsDue: 0,
  commitmentsOnTime: 0,
  fieldsRequired: 0,
  fieldsFilled: 0,
  visits: 0,
  penaltyPoints: 0,
  penaltyFen: 0,
});

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const pct = (part: number, whole: number) => (whole === 0 ? 0 : round((part / whole) * 100, 2));

/** The spend target of a month: the baseline average grown by the target %, in whole fen. */
export const spendTargetFen = (raw: RawFigures, targets: KpiTargets) =>
  Math.round((raw.baselineSumFen / BASELINE_MONTHS) * (1 + targets.spendGrowthPct / 100));

type Measured = { actual: number; target: number; ratio: number; noData: boolean };

/** Actual, target and attainment ratio of one figure. */
export function measure(key: KpiFigureKey, raw: RawFigures, targets: KpiTargets): Measured {
  const volume = (actual: number, target: number): Measured =>
    target <= 0
      ? { actual, target, ratio: 1, noData: true }
      : { actual, target, ratio: clamp(actual / target, 0, RATIO_CAP), noData: false };
  const quality = (part: number, whole: number, targetPct: number): Measured =>
    whole === 0
      ? { actual: 0, target: targetPct, ratio: 1, noData: true }
      : {
          actual: pct(part, whole),
          target: targetPct,
          ratio: clamp(part / whole / (targetPct / 100), 0, 1),
          noData: false,
        };
  switch (key) {
    case 'spend':
      return volume(raw.spendFen, spendTargetFen(raw, targets));
    case 'newServices':
      return volume(raw.newServices, targets.newServices);
    case 'satisfaction':
      return quality(raw.surveySatisfied, raw.surveyAnswers, targets.satisfactionPct);
    case 'complaints':
      return {
        actual: raw.complaints,
        target: targets.complaintsTolerance,
        ratio: clamp(1 - raw.complaints / targets.complaintsTolerance, 0, 1),
        noData: false,
      };
    case 'commitments':
      return quality(raw.commitmentsOnTime, raw.commitmentsDue, targets.commitmentsOnTimePct);
    case 'completeness':
      return quality(raw.fieldsFilled, raw.fieldsRequired, targets.completenessPct);
    case 'visits':
      return volume(raw.visits, targets.visits);
  }
}

/** The bonus coefficient of a score: the band with the highest minimum the score reaches (0 below every band). */
export function coefficientOf(score: number, table: readonly KpiBonusBand[]): number {
  let best: KpiBonusBand | undefined;
  for (const band of table) if (score >= band.minScore && (!best || band.minScore > best.minScore)) best = band;
  return best?.coefficient ?? 0;
}

export type Scored = { figures: KpiFigure[]; penaltyPoints: number; score: number; coefficient: number };

/**
 * The scorecard: each figure earns weight x ratio points (rounded to 0.01), the score is their sum minus the
 * penalty points (never below 0), and the bonus table turns the score into a coefficient.
 */
export function scoreCard(raw: RawFigures, settings: Pick<KpiSettingsInput, 'weights' | 'targets' | 'bonusTable'>) {
  const figures: KpiFigure[] = kpiFigureKeys.map((key) => {
    const m = measure(key, raw, settings.targets);
    const weight = settings.weights[key];
    return { key, ...m, ratio: round(m.ratio, 4), weight, points: round(weight * m.ratio, 2) };
  });
  const earned = figures.reduce((s, f) => s + f.points, 0);
  const score = round(Math.max(0, earned - raw.penaltyPoints), 2);
  return {
    figures,
    penaltyPoints: raw.penaltyPoints,
    score,
    coefficient: coefficientOf(score, settings.bonusTable),
  } satisfies Scored;
}

/** Checks settings beyond their shape: weights add up to 100, bonus bands have distinct minimums. */
export function settingsProblems(
  s: Pick<KpiSettingsInput, 'weights' | 'bonusTable'>,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const total = round(
    kpiFigureKeys.reduce((sum, k) => sum + s.weights[k], 0),
    4,
  );
  if (total !== 100) out.push({ path: 'weights', message: `weights must add up to 100 (they add up to ${total})` });
  const mins = s.bonusTable.map((b) => b.minScore);
  if (new Set(mins).size !== mins.length) out.push({ path: 'bonusTable', message: 'minScore values must be distinct' });
  return out;
}

/** The settings in force for a period: the one with the latest effectiveFrom not after it. */
export function settingsFor<T extends { effectiveFrom: string }>(rows: readonly T[], period: string): T | undefined {
  let best: T | undefined;
  for (const r of rows) if (r.effectiveFrom <= period && (!best || r.effectiveFrom > best.effectiveFrom)) best = r;
  return best;
}

/** The instants bounding a period in business time (Asia/Shanghai, UTC+8): [from, to). */
export function periodBounds(period: string): { from: Date; to: Date; firstDay: string; nextFirstDay: string } {
  const [y, m] = period.split('-').map(Number);
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const firstDay = `${period}-01`;
  const nextFirstDay = `${ny}-${String(nm).padStart(2, '0')}-01`;
  return {
    from: new Date(`${firstDay}T00:00:00+08:00`),
    to: new Date(`${nextFirstDay}T00:00:00+08:00`),
    firstDay,
    nextFirstDay,
  };
}

/** The month scheduled for computing at an instant: the previous month (Asia/Shanghai). */
export function scheduledKpiPeriod(now: Date): string {
  const sh = new Date(now.getTime() + 8 * 3_600_000);
  const y = sh.getUTCFullYear();
  const m = sh.getUTCMonth(); // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}
