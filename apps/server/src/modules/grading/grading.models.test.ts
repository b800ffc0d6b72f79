import { describe, expect, it } from 'vitest';
import {
  abcClassesFor,
  addMonths,
  applyHysteresis,
  defaultRuleSetConfig as cfg,
  importanceFor,
  layerRank,
  measureDivisor,
  periodRange,
  ruleSetConfig,
  scheduledPeriod,
  starsFor,
  tierBounds,
  tierFor,
} from './grading.models';

const fen = (yuan: number) => Math.round(yuan * 100);
/** Tier of a customer spending `yuan` in each of the 3 measure months. */
const tierOfMonthly = (yuan: number) => tierFor(fen(yuan) * 3, measureDivisor(3, cfg), cfg);

describe('value tiers (DOMAIN.md section 3 defaults)', () => {
  it('grades the boundaries exactly: lower bound inclusive, upper exclusive', () => {
    expect(tierOfMonthly(0)).toBe('crystal');
    expect(tierOfMonthly(9_999.99)).toBe('crystal');
    expect(tierOfMonthly(10_000)).toBe('gold');
    expect(tierOfMonthly(29_999.99)).toBe('gold');
    expect(tierOfMonthly(30_000)).toBe('gem');
    expect(tierOfMonthly(79_999.99)).toBe('gem');
    expect(tierOfMonthly(80_000)).toBe('platinum');
    expect(tierOfMonthly(199_999.99)).toBe('platinum');
    expect(tierOfMonthly(200_000)).toBe('jade');
    expect(tierOfMonthly(499_999.99)).toBe('jade');
    expect(tierOfMonthly(500_000)).toBe('diamond');
    expect(tierOfMonthly(5_000_000)).toBe('diamond');
  });

  it('compares the average without rounding: 10,000 + 10,000 + 9,999.99 averages below the gold bound', () => {
    expect(tierFor(fen(10_000) * 2 + fen(9_999.99), 3, cfg)).toBe('crystal');
    expect(tierFor(fen(10_000) * 2 + fen(10_000), 3, cfg)).toBe('gold');
  });

  it('averages over billed months by default, over the whole window with missingMonths = zero', () => {
    expect(measureDivisor(1, cfg)).toBe(1);
    expect(measureDivisor(0, cfg)).toBe(1);
    const zero = { ...cfg, measure: { months: 3, missingMonths: 'zero' as const } };
    expect(measureDivisor(1, zero)).toBe(3);
    expect(tierFor(fen(12_000), measureDivisor(1, cfg), cfg)).toBe('gold');
    expect(tierFor(fen(12_000), measureDivisor(1, zero), zero)).toBe('crystal');
  });

  it('gives the bounds of a tier for explanations', () => {
    expect(tierBounds('gold', cfg)).toEqual({ lowerFen: 1_000_000, upperFen: 3_000_000 });
    expect(tierBounds('diamond', cfg)).toEqual({ lowerFen: 50_000_000, upperFen: null });
  });
});

describe('KA importance', () => {
  it('makes government, public security, Fortune-500 and education organisations important regardless of spend', () => {
    for (const t of ['government', 'public_security', 'fortune500', 'education'])
      expect(importanceFor(t, 0, 1, cfg)).toBe('important');
  });

  it('splits general KA by monthly spend: ordinary from 3,000, extra-large from 10,000', () => {
    expect(importanceFor('enterprise', fen(2_999.99), 1, cfg)).toBe('below_threshold');
    expect(importanceFor('enterprise', fen(3_000), 1, cfg)).toBe('ordinary');
    expect(importanceFor(null, fen(9_999.99), 1, cfg)).toBe('ordinary');
    expect(importanceFor('sme', fen(10_000), 1, cfg)).toBe('extra_large');
  });
});

describe('star levels', () => {
  const months = (values: (number | undefined)[], last = '2026-06') => {
    const m = new Map<string, number>();
    values.forEach((v, i) => {
      if (v !== undefined) m.set(addMonths(last, i - values.length + 1), fen(v));
    });
    return m;
  };

  it('needs every one of the last 6 consecutive months to reach the bar; the level is the highest bar all clear', () => {
    expect(starsFor(months([800, 800, 800, 800, 800, 800]), '2026-06', cfg)).toBe(5);
    expect(starsFor(months([900, 800, 799.99, 1000, 800, 800]), '2026-06', cfg)).toBe(4);
    expect(starsFor(months([300, 300, 300, 300, 300, 300]), '2026-06', cfg)).toBe(3);
    expect(starsFor(months([299.99, 5000, 5000, 5000, 5000, 5000]), '2026-06', cfg)).toBe(0);
  });

  it('breaks the run on a missing month, and needs 6 full months', () => {
    expect(starsFor(months([900, 900, undefined, 900, 900, 900]), '2026-06', cfg)).toBe(0);
    expect(starsFor(months([900, 900, 900, 900, 900]), '2026-06', cfg)).toBe(0);
    expect(starsFor(months([900, 900, 900, 900, 900, 900, 900]), '2026-06', cfg)).toBe(5);
  });
});

describe('hysteresis', () => {
  it('upgrades at once and holds a tier until 2 consecutive periods below it', () => {
    expect(applyHysteresis('gem', { tier: 'gold', belowCount: 0 }, cfg)).toMatchObject({ tier: 'gem', held: false });
    const first = applyHysteresis('gold', { tier: 'gem', belowCount: 0 }, cfg);
    expect(first).toEqual({ tier: 'gem', belowCount: 1, held: true, reason: 'held' });
    const second = applyHysteresis('gold', { tier: first.tier, belowCount: first.belowCount }, cfg);
    expect(second).toEqual({ tier: 'gold', belowCount: 0, held: false, reason: 'downgraded' });
  });

  it('resets the counter when the customer is back at its tier', () => {
    expect(applyHysteresis('gem', { tier: 'gem', belowCount: 1 }, cfg)).toMatchObject({ tier: 'gem', belowCount: 0 });
  });

  it('downgrades at once with downgradeAfter = 1, and does not hold a first grading', () => {
    const now = { ...cfg, hysteresis: { downgradeAfter: 1 } };
    expect(applyHysteresis('gold', { tier: 'diamond', belowCount: 0 }, now).tier).toBe('gold');
    expect(applyHysteresis('gold', null, cfg)).toMatchObject({ tier: 'gold', reason: 'threshold' });
  });
});

describe('ABC classes', () => {
  it('puts the customers making the first 80 % of revenue in A, the next 15 % in B, the rest in C', () => {
    const values = [
      { id: 1, valueFen: 5000 },
      { id: 2, valueFen: 3000 },
      { id: 3, valueFen: 1000 },
      { id: 4, valueFen: 600 },
      { id: 5, valueFen: 400 },
      { id: 6, valueFen: 0 },
    ];
    const abc = abcClassesFor(values, cfg);
    // before: 0 (A), 5000 (A: < 8000), 8000 (B: < 9500), 9000 (B), 9600 (C), zero value (C)
    expect([1, 2, 3, 4, 5, 6].map((id) => abc.get(id))).toEqual(['A', 'A', 'B', 'B', 'C', 'C']);
  });

  it('keeps a dominant customer in A', () => {
    const abc = abcClassesFor(
      [
        { id: 1, valueFen: 9_000 },
        { id: 2, valueFen: 1_000 },
      ],
      cfg,
    );
    expect(abc.get(1)).toBe('A');
    // 90 % of revenue comes before it: inside the next 15 %
    expect(abc.get(2)).toBe('B');
  });
});

describe('rule-set validation', () => {
  it('accepts the defaults', () => {
    expect(ruleSetConfig.parse(cfg)).toEqual(cfg);
  });

  it('refuses tier bounds that do not rise, star bars that do not rise and ABC shares summing to 1', () => {
    const bad = structuredClone(cfg);
    bad.tiers.minFen.gem = bad.tiers.minFen.gold;
    bad.stars.minMonthlyFen.four = bad.stars.minMonthlyFen.five;
    bad.abc.bShare = 0.2;
    const result = ruleSetConfig.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['tiers.minFen.gem', 'stars.minMonthlyFen', 'abc.bShare']));
  });

  it('refuses fractional fen and unknown categories', () => {
    const bad = structuredClone(cfg) as unknown as { tiers: { minFen: { gold: number }; categories: string[] } };
    bad.tiers.minFen.gold = 10.5;
    bad.tiers.categories = ['vip'];
    expect(ruleSetConfig.safeParse(bad).success).toBe(false);
  });
});

describe('periods and schedule', () => {
  it('shifts periods across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
    expect(periodRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('grades the previous month from the 2nd day of a month (Asia/Shanghai)', () => {
    expect(scheduledPeriod(new Date('2026-03-01T10:00:00+08:00'))).toBeNull();
    expect(scheduledPeriod(new Date('2026-03-02T00:30:00+08:00'))).toBe('2026-02');
    // 2026-01-01 17:00 UTC is already 2 January in Shanghai.
    expect(scheduledPeriod(new Date('2026-01-01T17:00:00Z'))).toBe('2025-12');
  });

  it('ranks pyramid layers from public (bottom) to diamond (top)', () => {
    expect(layerRank('diamond')).toBeGreaterThan(layerRank('crystal'));
    expect(layerRank('crystal')).toBeGreaterThan(layerRank('business'));
    expect(layerRank('business')).toBeGreaterThan(layerRank('public'));
  });
});
