import { describe, expect, it } from 'vitest';
import {
  coefficientOf,
  DEFAULT_SETTINGS,
  emptyRaw,
  periodBounds,
  scheduledKpiPeriod,
  scoreCard,
  settingsFor,
  settingsProblems,
} from './kpi.models';
import { ranksOf } from './kpi.service';

describe('KPI scoring', () => {
  it('gives an AM with no activity full marks only for the figures without evidence', () => {
    const card = scoreCard(emptyRaw(), DEFAULT_SETTINGS);
    // New services and visits (targets > 0) earn 0; spend without a baseline, satisfaction, commitments and
    // completeness without evidence count as attained; no complaint: full.
    expect(card.score).toBe(30 + 15 + 10 + 10 + 10);
  });
  it('caps volume figures at 120% and subtracts penalties, never below 0', () => {
    const raw = { ...emptyRaw(), spendFen: 1_000_000, baselineSumFen: 300_000, penaltyPoints: 200 };
    const card = scoreCard(raw, DEFAULT_SETTINGS);
    expect(card.figures[0].ratio).toBe(1.2);
    expect(card.score).toBe(0);
  });
  it('maps scores to the bonus band with the highest reached minimum', () => {
    expect(coefficientOf(59.99, DEFAULT_SETTINGS.bonusTable)).toBe(0.5);
    expect(coefficientOf(75, DEFAULT_SETTINGS.bonusTable)).toBe(1);
    expect(coefficientOf(104, DEFAULT_SETTINGS.bonusTable)).toBe(1.5);
    expect(coefficientOf(10, [{ minScore: 20, coefficient: 1 }])).toBe(0);
  });
  it('refuses weights that do not add up to 100', () => {
    expect(settingsProblems({ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, spend: 31 } })[0].path).toBe(
      'weights',
    );
    expect(settingsProblems(DEFAULT_SETTINGS)).toEqual([]);
  });
  it('uses the settings with the latest effective month not after the period', () => {
    const rows = [{ effectiveFrom: '2000-01' }, { effectiveFrom: '2026-03' }];
    expect(settingsFor(rows, '2026-02')?.effectiveFrom).toBe('2000-01');
    expect(settingsFor(rows, '2026-07')?.effectiveFrom).toBe('2026-03');
  });
  it('bounds a month in Shanghai time and schedules the previous month', () => {
    expect(periodBounds('2026-12').to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(scheduledKpiPeriod(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12');
    expect(scheduledKpiPeriod(new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
  });
  it('ranks ties equally', () => {
    expect(ranksOf([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
  });
});
