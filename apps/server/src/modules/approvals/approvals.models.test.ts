import { describe, expect, it } from 'vitest';
import { coversAmount, formatYuan, isOwnProposal, type LimitRule, limitOf, nextApprover } from './approvals.models';

const rules: LimitRule[] = [
  { kind: 'compensation', role: 'manager', orgLevel: 'city', maxAmountFen: 500_000 },
  { kind: 'compensation', role: 'manager', orgLevel: 'province', maxAmountFen: 5_000_000 },
  { kind: 'compensation', role: 'manager', orgLevel: 'any', maxAmountFen: 100_000 },
  { kind: 'compensation', role: 'admin', orgLevel: 'any', maxAmountFen: null },
];

describe('approval authority', () => {
  it('takes the limit of the exact org level, else of any level', () => {
    expect(limitOf(rules, 'compensation', { role: 'manager', level: 'city' })?.maxAmountFen).toBe(500_000);
    expect(limitOf(rules, 'compensation', { role: 'manager', level: 'district' })?.maxAmountFen).toBe(100_000);
    expect(limitOf(rules, 'commitment', { role: 'manager', level: 'city' })).toBeUndefined();
  });

  it('covers no amount without a rule, any amount when unlimited, and amounts up to the maximum', () => {
    expect(coversAmount(undefined, 1)).toBe(false);
    expect(coversAmount(undefined, null)).toBe(true);
    expect(coversAmount({ maxAmountFen: null }, 1e12)).toBe(true);
    expect(coversAmount({ maxAmountFen: 500_000 }, 500_000)).toBe(true);
    expect(coversAmount({ maxAmountFen: 500_000 }, 500_001)).toBe(false);
  });

  it('asks the nearest approver up the chain whose limit covers the amount, else the top', () => {
    const chain = [
      { id: 1, role: 'manager', level: 'city' },
      { id: 2, role: 'manager', level: 'province' },
      { id: 3, role: 'admin', level: 'group' },
    ];
    expect(nextApprover(rules, 'compensation', chain, 400_000)?.id).toBe(1);
    expect(nextApprover(rules, 'compensation', chain, 1_000_000)?.id).toBe(2);
    expect(nextApprover(rules, 'compensation', chain, 100_000_000)?.id).toBe(3);
    expect(nextApprover(rules, 'compensation', chain.slice(0, 2), 100_000_000)?.id).toBe(2);
    expect(nextApprover(rules, 'compensation', [], 1)).toBeUndefined();
  });

  it('recognises an own proposal and formats yuan', () => {
    expect(isOwnProposal(5, [7, 5])).toBe(true);
    expect(isOwnProposal(5, [null, 7])).toBe(false);
    expect(formatYuan(100_000_000)).toBe('1,000,000.00');
    expect(formatYuan(123_456)).toBe('1,234.56');
  });
});
