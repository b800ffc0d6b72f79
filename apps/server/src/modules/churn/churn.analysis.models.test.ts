import { describe, expect, it } from 'vitest';
import {
  type ChurnFactRow,
  churnByMonth,
  churnBySegment,
  churnDirections,
  churnReasons,
  churnTotals,
  completedMonths,
  contractTypeOf,
  survivalBySegment,
} from './churn.analysis.models';

const row = (over: Partial<ChurnFactRow> & { customerId: number }): ChurnFactRow => ({
  category: 'key_account',
  startDate: '2026-01-01',
  churnDate: null,
  reasonCode: null,
  competitorId: null,
  portedOut: false,
  linesLost: 0,
  monthlyValueFen: 0,
  tier: null,
  productFamily: null,
  termMonths: null,
  ...over,
});

// Five customers since January 2026; three leave (two in March, one in May); one joins in April. Today 2026-06-30.
const rows: ChurnFactRow[] = [
  row({
    customerId: 1,
    churnDate: '2026-03-01',
    reasonCode: 'price',
    competitorId: 7,
    monthlyValueFen: 1000,
    tier: 'gold',
  }),
  row({
    customerId: 2,
    churnDate: '2026-03-15',
    reasonCode: 'competitor_offer',
    competitorId: 8,
    portedOut: true,
    linesLost: 3,
    monthlyValueFen: 2000,
    tier: 'gold',
    termMonths: 24,
  }),
  row({
    customerId: 3,
    churnDate: '2026-05-01',
    reasonCode: 'price',
    competitorId: null,
    monthlyValueFen: 500,
    category: 'business',
  }),
  row({ customerId: 4, tier: 'gold', termMonths: 36 }),
  row({ customerId: 5, startDate: '2026-04-01', category: 'business', termMonths: 12 }),
];

describe('churn analysis by hand', () => {
  it('counts tenure in completed calendar months', () => {
    expect(completedMonths('2026-01-01', '2026-03-01')).toBe(2);
    expect(completedMonths('2026-01-15', '2026-03-14')).toBe(1);
    expect(completedMonths('2026-01-31', '2026-02-28')).toBe(0);
    expect(completedMonths('2026-05-01', '2026-04-01')).toBe(0);
  });

  it('gives the churn rate by month over the customers exposed in it, with the value lost over the horizon', () => {
    const months = churnByMonth(rows, ['2026-03', '2026-04', '2026-05'], 12);
    expect(months).toEqual([
      // March: 1-4 exposed (5 starts in April); 1 and 2 leave.
      { period: '2026-03', atRisk: 4, churned: 2, rate: 0.5, monthlyValueLostFen: 3000, valueLostFen: 36_000 },
      // April: 3, 4 and the newcomer 5.
      { period: '2026-04', atRisk: 3, churned: 0, rate: 0, monthlyValueLostFen: 0, valueLostFen: 0 },
      { period: '2026-05', atRisk: 3, churned: 1, rate: 1 / 3, monthlyValueLostFen: 500, valueLostFen: 6000 },
    ]);
    expect(churnTotals(rows, '2026-03-01', '2026-05-31', 12)).toEqual({
      customers: 5,
      churned: 3,
      rate: 0.6,
      valueLostFen: 42_000,
    });
  });

  it('splits churn by tier, category and contract type', () => {
    const seg = churnBySegment(rows, '2026-01-01', '2026-06-30', 1);
    const of = (d: string) => seg.filter((s) => s.dimension === d).map(({ dimension: _d, ...r }) => r);
    expect(of('tier')).toEqual([
      { segment: 'gold', customers: 3, churned: 2, rate: 2 / 3, valueLostFen: 3000 },
      { segment: 'none', customers: 2, churned: 1, rate: 0.5, valueLostFen: 500 },
    ]);
    expect(of('category')).toEqual([
      { segment: 'key_account', customers: 3, churned: 2, rate: 2 / 3, valueLostFen: 3000 },
      { segment: 'business', customers: 2, churned: 1, rate: 0.5, valueLostFen: 500 },
    ]);
    expect(of('contract_type').map((s) => [s.segment, s.customers, s.churned])).toEqual([
      ['none', 2, 2],
      ['term_12', 1, 0],
      ['term_24', 1, 1],
      ['term_36', 1, 0],
    ]);
    expect([contractTypeOf(null), contractTypeOf(6), contractTypeOf(24), contractTypeOf(60)]).toEqual([
      'none',
      'term_12',
      'term_24',
      'term_36',
    ]);
  });

  it('lists the reasons and the competitors the customers left for', () => {
    expect(churnReasons(rows, '2026-01-01', '2026-06-30', 12)).toEqual([
      { reasonCode: 'price', count: 2, valueLostFen: 18_000 },
      { reasonCode: 'competitor_offer', count: 1, valueLostFen: 24_000 },
    ]);
    expect(churnDirections(rows, '2026-01-01', '2026-06-30', 12)).toEqual([
      { competitorId: 7, count: 1, portedOut: 0, linesLost: 0, valueLostFen: 12_000 },
      { competitorId: 8, count: 1, portedOut: 1, linesLost: 3, valueLostFen: 24_000 },
      { competitorId: null, count: 1, portedOut: 0, linesLost: 0, valueLostFen: 6000 },
    ]);
    // Only the window's leavers count.
    expect(churnReasons(rows, '2026-04-01', '2026-06-30', 12)).toEqual([
      { reasonCode: 'price', count: 1, valueLostFen: 6000 },
    ]);
  });

  it('draws Kaplan-Meier survival over tenure with Greenwood bands, median and RMST', () => {
    const [all, ...bySegment] = survivalBySegment(rows, 'tier', '2026-06-30', 6);
    // Tenures: 2 (event), 2 (event), 4 (event), 5 (censored), 2 (censored: since April).
    expect(all.segment).toBe('all');
    expect(all.n).toBe(5);
    expect(all.events).toBe(3);
    expect(all.times).toEqual([2, 4, 5]);
    expect(all.survival[0]).toBeCloseTo(0.6, 12);
    expect(all.survival[1]).toBeCloseTo(0.3, 12);
    expect(all.survival[2]).toBeCloseTo(0.3, 12);
    const z = 1.959963984540054;
    const se2 = Math.sqrt(2 / (5 * 3));
    expect(all.lower[0]).toBeCloseTo(0.6 * Math.exp(-z * se2), 9);
    expect(all.upper[0]).toBeCloseTo(Math.min(1, 0.6 * Math.exp(z * se2)), 9);
    const se4 = Math.sqrt(2 / (5 * 3) + 1 / (2 * 1));
    expect(all.lower[1]).toBeCloseTo(0.3 * Math.exp(-z * se4), 9);
    expect(all.medianMonths).toBe(4);
    // RMST to 6 months: 1 x 2 + 0.6 x 2 + 0.3 x 2.
    expect(all.rmstMonths).toBeCloseTo(3.8, 12);
    expect(bySegment.map((c) => [c.segment, c.n, c.events])).toEqual([
      ['gold', 3, 2],
      ['none', 2, 1],
    ]);
    // Gold: tenures 2, 2 (events), 5 (censored): S(2) = 1/3, never below 0.5 before 2 -> median 2.
    expect(bySegment[0].survival[0]).toBeCloseTo(1 / 3, 12);
    expect(bySegment[0].medianMonths).toBe(2);
  });
});
