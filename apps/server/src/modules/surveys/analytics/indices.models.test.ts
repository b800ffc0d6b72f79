import { describe, expect, it } from 'vitest';
import {
  analyseImportancePerformance,
  classifyLoyalty,
  computeCsat,
  computeNps,
  responseRate,
  satisfactionRatio,
} from './indices.models';

describe('NPS', () => {
  it('is the share of 9-10 minus the share of 0-6, in points', () => {
    // 4 promoters, 3 passives, 3 detractors of 10: 40% - 30% = +10
    const r = computeNps([10, 9, 9, 10, 7, 8, 8, 0, 6, 5]);
    expect(r).toMatchObject({ n: 10, promoters: 0.4, detractors: 0.3, outOfRange: 0 });
    expect(r.nps).toBeCloseTo(10, 10);
    expect(r.passives).toBeCloseTo(0.3, 10);
  });

  it('leaves missing answers out and is 0 for no answers', () => {
    expect(computeNps([Number.NaN, 10]).n).toBe(1);
    expect(computeNps([]).nps).toBe(0);
  });
});

describe('CSAT', () => {
  it('counts 4 and 5 of 5 as the top two boxes', () => {
    expect(computeCsat([5, 4, 3, 2, 1, 5])).toEqual({ n: 6, mean: 20 / 6, topTwoBox: 0.5 });
  });
  it('ignores answers off the scale', () => {
    expect(computeCsat([0, 6, 5]).n).toBe(1);
  });
  it('gives the response rate as answered over sent', () => {
    expect(responseRate(200, 50)).toBe(0.25);
    expect(responseRate(0, 0)).toBe(0);
  });
});

describe('satisfaction ratio', () => {
  it('classifies perceived / expected with the default 0.95-1.05 band', () => {
    expect(satisfactionRatio(7, 8).level).toBe('dissatisfied');
    expect(satisfactionRatio(8, 8)).toEqual({ ratio: 1, level: 'satisfied' });
    expect(satisfactionRatio(8.4, 8).level).toBe('satisfied');
    expect(satisfactionRatio(9, 8).level).toBe('highly_satisfied');
  });
  it('takes a configured band', () => {
    expect(satisfactionRatio(9, 8, { low: 0.9, high: 1.2 }).level).toBe('satisfied');
  });
});

describe('importance-performance analysis', () => {
  it('splits at the grand means and ranks "fix first" by the largest gap', () => {
    const r = analyseImportancePerformance([
      { attribute: 'repair time', importance: 9, performance: 5 },
      { attribute: 'billing accuracy', importance: 8, performance: 6 },
      { attribute: 'network quality', importance: 9, performance: 9 },
      { attribute: 'hall decoration', importance: 3, performance: 9 },
      { attribute: 'magazine', importance: 2, performance: 4 },
    ]);
    expect(r.importanceMean).toBeCloseTo(6.2);
    expect(r.performanceMean).toBeCloseTo(6.6);
    const q = Object.fromEntries(r.items.map((i) => [i.attribute, i.quadrant]));
    expect(q).toEqual({
      'repair time': 'fix_first',
      'billing accuracy': 'fix_first',
      'network quality': 'keep_up',
      'hall decoration': 'possible_overkill',
      magazine: 'low_priority',
    });
    expect(r.items[0]).toMatchObject({ attribute: 'repair time', rank: 1 });
  });
});

describe('loyalty types (relative attitude x repeat patronage)', () => {
  it('separates true, latent, spurious and no loyalty', () => {
    expect(classifyLoyalty({ behavioural: 0.9, attitudinal: 0.8, emotional: 0.9 }).type).toBe('true');
    expect(classifyLoyalty({ behavioural: 0.2, attitudinal: 0.8, emotional: 0.7 }).type).toBe('latent');
    expect(classifyLoyalty({ behavioural: 0.9, attitudinal: 0.2, emotional: 0.3 }).type).toBe('spurious');
    expect(classifyLoyalty({ behavioural: 0.1, attitudinal: 0.2, emotional: 0.1 }).type).toBe('none');
  });
});
