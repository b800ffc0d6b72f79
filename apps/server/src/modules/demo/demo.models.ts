// Pure distributions of the demo operator: spend levels, revenue mix, trends and seasonality.
import type { Industry } from './demo.dictionaries';
import { clamp, type Rng } from './demo.random';

export const demoTiers = ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'] as const;
export type DemoTier = (typeof demoTiers)[number];

/** KA value tiers of DOMAIN.md section 3 (yuan per month) and the share of key accounts drawn in each band. */
export const tierBands: ReadonlyArray<{ tier: DemoTier; minYuan: number; maxYuan: number; share: number }> = [
  { tier: 'crystal', minYuan: 2_500, maxYuan: 10_000, share: 0.657 },
  { tier: 'gold', minYuan: 10_000, maxYuan: 30_000, share: 0.245 },
  { tier: 'gem', minYuan: 30_000, maxYuan: 80_000, share: 0.065 },
  { tier: 'platinum', minYuan: 80_000, maxYuan: 200_000, share: 0.018 },
  { tier: 'jade', minYuan: 200_000, maxYuan: 500_000, share: 0.008 },
  { tier: 'diamond', minYuan: 500_000, maxYuan: 720_000, share: 0.007 },
];

export function tierOfYuan(yuanPerMonth: number): DemoTier {
  for (let i = tierBands.length - 1; i > 0; i--) if (yuanPerMonth >= tierBands[i].minYuan) return tierBands[i].tier;
  return 'crystal';
}

/**
 * Monthly spend (yuan) of a key account at quantile `u` of the KA base: the band by cumulative share, then
 * log-uniform inside the band (position `v`). The bands are kept a little inside their bounds so that the noise of
 * single months does not put a customer on the edge.
 */
export function kaSpendYuan(u: number, v: number): number {
  let acc = 0;
  for (const band of tierBands) {
    acc += band.share;
    if (u < acc || band.tier === 'diamond') {
      const lo = band.minYuan * 1.04;
      const hi = band.maxYuan * 0.96;
      return lo * (hi / lo) ** v;
    }
  }
  return tierBands[0].minYuan;
}

/** Business customers (SMEs): below 3,000 yuan a month, median about 700. */
export const businessSpendYuan = (rng: Rng) => clamp(rng.lognormal(700, 0.75), 80, 2_850);

/**
 * Public customers: mostly 30-300 yuan a month, a tail above 300 / 500 / 800 so that star levels exist
 * (about 1% are high-end users around 600 yuan).
 */
export function publicSpendYuan(rng: Rng, subtype: 'residential' | 'mobile'): number {
  if (rng.chance(0.012)) return clamp(rng.lognormal(620, 0.35), 320, 2_500);
  const median = subtype === 'residential' ? 130 : 110;
  return clamp(rng.lognormal(median, 0.72), 18, 1_500);
}

export type Segment = 'key_account' | 'business' | 'residential' | 'mobile';

/** Usage revenue mix (local voice, long distance, international, data, value-added) in per mille. */
const baseMix: Record<Segment, readonly number[]> = {
  key_account: [200, 190, 50, 420, 140],
  business: [330, 210, 20, 330, 110],
  residential: [380, 160, 10, 350, 100],
  mobile: [430, 150, 10, 320, 90],
};

/** A customer's own usage mix: the segment mix jittered per category and renormalised to 1000. */
export function usageShares(rng: Rng, segment: Segment, internationalHeavy = false): number[] {
  const raw = baseMix[segment].map((s, i) => s * (0.55 + rng.next() * 0.9) * (i === 2 && internationalHeavy ? 4 : 1));
  const total = raw.reduce((a, b) => a + b, 0);
  const shares = raw.map((s) => Math.floor((s / total) * 1000));
  shares[3] += 1000 - shares.reduce((a, b) => a + b, 0);
  return shares;
}

/** Share of an account's spend that is monthly rental (the rest is usage). */
export function rentalShare(rng: Rng, segment: Segment): number {
  if (segment === 'key_account') return 0.3 + rng.next() * 0.15;
  if (segment === 'business') return 0.25 + rng.next() * 0.15;
  return 0.3 + rng.next() * 0.15;
}

/** Seasonal deviation per month of year (per mille, January first): Spring Festival dip, summer and year-end peaks. */
export const seasonCurve = [30, -90, -10, 0, 10, 20, 40, 40, 0, 30, 0, 60];

/** How strongly a customer follows the season (per mille of the curve). */
export function seasonAmplitude(rng: Rng, industry: Industry | null): number {
  if (industry === 'tourism_hotel' || industry === 'retail_catering') return 1_500 + rng.int(0, 1_000);
  if (industry === 'education_health') return 800 + rng.int(0, 600);
  return 300 + rng.int(0, 700);
}

export type Trend = {
  /** Linear growth in per mille of the final level per month (negative: decline). */
  growthPm: number;
  /** First month index (0 = oldest) of a steep drop, or the month count when there is none. */
  dropFrom: number;
  /** Drop per month from `dropFrom` on, in per mille of the level. */
  dropPm: number;
};

/**
 * Trend of a customer's spend over `months`: most are stable with some drift, some grow, some decline and a few key
 * accounts drop steeply in the last months (churn early-warning material).
 */
export function trendOf(rng: Rng, segment: Segment, months: number): Trend {
  const none = { dropFrom: months, dropPm: 0 };
  const u = rng.next();
  if (segment === 'key_account' && u < 0.06) {
    return { growthPm: rng.int(-5, 5), dropFrom: months - rng.int(3, 4), dropPm: rng.int(140, 220) };
  }
  if (u < 0.18) return { growthPm: rng.int(12, 30), ...none };
  if (u < 0.3) return { growthPm: -rng.int(8, 18), ...none };
  return { growthPm: Math.round(rng.normal() * 5), ...none };
}

/** Random noise amplitude per month (per mille): individuals vary more than organisations. */
export const noiseAmplitude = (segment: Segment) =>
  segment === 'key_account' ? 70 : segment === 'business' ? 110 : 160;

/** Periods ("YYYY-MM") of the `months` complete months before `asOf` (Asia/Shanghai), oldest first. */
export function periodsBefore(asOf: Date, months: number): { period: string; monthOfYear: number; start: string }[] {
  const local = new Date(asOf.getTime() + 8 * 3_600_000);
  const current = local.getUTCFullYear() * 12 + local.getUTCMonth();
  const out: { period: string; monthOfYear: number; start: string }[] = [];
  for (let i = months; i >= 1; i--) {
    const index = current - i;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const period = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ period, monthOfYear: m, start: `${period}-01` });
  }
  return out;
}

/** The business date ("YYYY-MM-DD", Asia/Shanghai) of an instant. */
export const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Adds days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Adds months to an ISO date (day clamped to the month's length). */
export function addMonthsToDate(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole months from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function monthsBetween(fromIso: string, toIso: string): number {
  const [y1, m1] = fromIso.split('-').map(Number);
  const [y2, m2] = toIso.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1);
}
