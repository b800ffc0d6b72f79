import { describe, expect, it } from 'vitest';
import { compareOptions, stageChangeError } from './opportunities.models';

describe('opportunity stages', () => {
  it('moves open stages freely, needs a reason for lost and a chosen option for won', () => {
    expect(stageChangeError('lead', 'qualifying', { hasChosenOption: false })).toBeNull();
    expect(stageChangeError('proposal', 'solution', { hasChosenOption: false })).toBeNull();
    expect(stageChangeError('negotiation', 'lost', { hasChosenOption: false })?.path).toBe('lostReason');
    expect(stageChangeError('negotiation', 'lost', { hasChosenOption: false, lostReason: 'price' })).toBeNull();
    expect(stageChangeError('negotiation', 'won', { hasChosenOption: false })?.path).toBe('stage');
    expect(stageChangeError('won', 'lead', { hasChosenOption: true })?.path).toBe('stage');
    expect(stageChangeError('lost', 'qualifying', { hasChosenOption: false })).toBeNull();
  });
});

describe('solution option comparison (S1)', () => {
  const options = [
    { id: 1, termMonths: 36, investmentFen: 0, items: [{ quantity: 80, oneTimeFen: 20_000, monthlyFen: 2_000 }] },
    {
      id: 2,
      termMonths: 36,
      investmentFen: 3_000_000,
      items: [{ quantity: 1, oneTimeFen: 500_000, monthlyFen: 180_000 }],
    },
    {
      id: 3,
      termMonths: 36,
      investmentFen: 5_000_000,
      items: [
        { quantity: 1, oneTimeFen: 0, monthlyFen: 40_000 },
        { quantity: 1, oneTimeFen: 800_000, monthlyFen: 255_000 },
      ],
    },
  ];
  it('totals unit charges by quantity and computes term revenue, surplus and payback', () => {
    const c = compareOptions(options);
    expect(c.get(1)).toMatchObject({
      oneTimeFen: 1_600_000,
      monthlyFen: 160_000,
      termRevenueFen: 7_360_000,
      paybackMonths: 0,
    });
    expect(c.get(3)).toMatchObject({
      monthlyFen: 295_000,
      oneTimeFen: 800_000,
      paybackMonths: 15,
      surplusFen: 6_420_000,
    });
    expect(c.get(1)?.lowestMonthly).toBe(true);
    expect(c.get(3)?.lowestMonthly).toBe(false);
    expect(c.get(1)?.fastestPayback).toBe(true);
  });
});
