import { describe, expect, it } from 'vitest';
import { uplift, wilsonInterval } from './churn.retention.models';

describe('the uplift of retention actions (treated saved rate vs control)', () => {
  it("reproduces Newcombe's (1998) example: 56/70 vs 48/80, hybrid score interval 0.0524 to 0.3339", () => {
    const u = uplift({ customers: 70, saved: 56 }, { customers: 80, saved: 48 });
    expect(u.treated.rate).toBeCloseTo(0.8, 12);
    expect(u.control.rate).toBeCloseTo(0.6, 12);
    expect(u.uplift).toBeCloseTo(0.2, 12);
    expect(u.lower).toBeCloseTo(0.0524, 4);
    expect(u.upper).toBeCloseTo(0.3339, 4);
    expect(u.significant).toBe(true);
  });

  it("reproduces Newcombe's boundary example: 10/10 vs 0/10 has an interval inside [-1, 1]", () => {
    const u = uplift({ customers: 10, saved: 10 }, { customers: 10, saved: 0 });
    expect(u.uplift).toBe(1);
    expect(u.lower).toBeCloseTo(0.6075, 4);
    expect(u.upper).toBeCloseTo(1, 4);
  });

  it('calls no effect when the saved rates are equal', () => {
    const u = uplift({ customers: 50, saved: 40 }, { customers: 200, saved: 160 });
    expect(u.uplift).toBeCloseTo(0, 12);
    expect(u.lower).toBeLessThan(0);
    expect(u.upper).toBeGreaterThan(0);
    expect(u.significant).toBe(false);
  });

  it('gives the Wilson interval of one rate (hand computation for 8/10 at 95%)', () => {
    const w = wilsonInterval(8, 10);
    // z = 1.959964: centre (0.8 + 0.192073) / 1.384146, half 0.318808... -> 0.4902, 0.9433
    expect(w.lower).toBeCloseTo(0.4902, 4);
    expect(w.upper).toBeCloseTo(0.9433, 4);
  });

  it('refuses empty groups and impossible counts', () => {
    expect(() => uplift({ customers: 0, saved: 0 }, { customers: 5, saved: 1 })).toThrow(/treated/);
    expect(() => uplift({ customers: 5, saved: 6 }, { customers: 5, saved: 1 })).toThrow(/saved/);
    expect(() => uplift({ customers: 5, saved: 1 }, { customers: 5, saved: 1 }, 1)).toThrow(/level/);
  });
});
