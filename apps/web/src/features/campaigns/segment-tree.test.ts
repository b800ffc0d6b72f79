import { describe, expect, it } from 'vitest';
import { funnelStages, offerPriceFen, upliftSignificant } from './offers-logic';
import { canNest, depthOf, fromDefinition, newGroup, newRow, toDefinition, updateNode } from './segment-tree';

describe('segment builder tree', () => {
  it('turns nested groups into the definition, leaving out incomplete rows and the groups they empty', () => {
    const intl = { ...newRow('internationalSpend'), num: 500 };
    const risk = { ...newRow('churnRisk'), op: 'gte' as const, num: 60 };
    const csat = { ...newRow('satisfaction'), op: 'lte' as const, num: 2 };
    const inner = newGroup('or', [risk, csat]);
    const root = newGroup('and', [
      newRow('category', 'key_account'),
      newGroup('and', [intl, inner]),
      newGroup('or', [newRow('tier')]),
    ]);
    expect(toDefinition(root)).toEqual({
      op: 'and',
      children: [
        { field: 'category', values: ['key_account'] },
        {
          op: 'and',
          children: [
            { field: 'internationalSpend', op: 'gte', valueFen: 50_000, months: 3 },
            {
              op: 'or',
              children: [
                { field: 'churnRisk', op: 'gte', pct: 60 },
                { field: 'satisfaction', measure: 'csat', op: 'lte', value: 2, months: 12 },
              ],
            },
          ],
        },
      ],
    });
    expect(depthOf(root)).toBe(3);
  });

  it('allows groups inside groups down to the third level only', () => {
    expect([1, 2, 3].map(canNest)).toEqual([true, true, false]);
  });

  it('reads a saved definition back into the same definition', () => {
    const def = {
      op: 'or' as const,
      children: [
        { field: 'holdsProduct' as const, holds: false, values: ['PHS_GROUP', 'INTL_VIP'] },
        {
          op: 'and' as const,
          children: [{ field: 'monthlySpend' as const, op: 'lte' as const, valueFen: 12_345, months: 3 }],
        },
      ],
    };
    expect(toDefinition(fromDefinition(def))).toEqual(def);
  });

  it('edits and removes nodes by key without touching the others', () => {
    const a = newRow('category', 'business');
    const b = newRow('industry', 'finance');
    const g = newGroup('or', [b]);
    const root = newGroup('and', [a, g]);
    const removed = updateNode(root, b.key, () => null);
    expect(toDefinition(removed)).toEqual({ op: 'and', children: [{ field: 'category', values: ['business'] }] });
    const switched = updateNode(root, g.key, (n) => ({ ...n, op: 'and' }) as typeof n);
    expect((switched.children[1] as typeof g).op).toBe('and');
    expect((root.children[1] as typeof g).op).toBe('or');
  });
});

describe('offers and results', () => {
  it('prices the offer after its discount, in whole fen', () => {
    expect(offerPriceFen({ monthlyPriceFen: 10_000, discountPct: 20 })).toBe(8_000);
    expect(offerPriceFen({ monthlyPriceFen: 999, discountPct: 15 })).toBe(849);
  });

  it('builds the funnel from the segment down to conversions (responses beside it), with shares of the segment', () => {
    const stages = funnelStages({
      segmentSize: 100,
      excluded: [{ count: 5 }, { count: 5 }],
      control: 9,
      target: 81,
      contacted: 70,
      convertedTarget: 10,
    });
    expect(stages.map((s) => s.value)).toEqual([100, 90, 81, 70, 10]);
    expect(stages[4].share).toBeCloseTo(0.1);
  });

  it('calls an uplift measured only when its interval excludes zero', () => {
    expect(upliftSignificant({ upliftLow: 0.01, upliftHigh: 0.12 })).toBe(true);
    expect(upliftSignificant({ upliftLow: -0.02, upliftHigh: 0.1 })).toBe(false);
  });
});
