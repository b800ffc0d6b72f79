import { describe, expect, it } from 'vitest';
import type { Question } from './questionnaire.models';
import { rowToAnswers } from './wave-imports.models';
import { assignRoundRobin, quarterOf, sampleMembers, statusAfterCall, waveFigures } from './waves.models';

const population = Array.from({ length: 100 }, (_, i) => ({
  customerId: i + 1,
  tier: i < 10 ? 'platinum' : i < 40 ? 'gold' : 'silver',
}));

describe('wave sampling', () => {
  it('takes every key account for a census', () => {
    expect(sampleMembers(population, { sampling: 'all', seed: 's' })).toHaveLength(100);
  });

  it('draws the same share of every tier, reproducibly from the seed, at least one per tier', () => {
    const sample = sampleMembers(population, { sampling: 'stratified', samplePct: 20, seed: 'wave:1' });
    const byTier = (t: string) => sample.filter((m) => m.tier === t).length;
    expect([byTier('platinum'), byTier('gold'), byTier('silver')]).toEqual([2, 6, 12]);
    expect(sampleMembers(population, { sampling: 'stratified', samplePct: 20, seed: 'wave:1' })).toEqual(sample);
    expect(sampleMembers(population, { sampling: 'stratified', samplePct: 20, seed: 'wave:2' })).not.toEqual(sample);
    const tiny = sampleMembers([{ customerId: 7, tier: 'diamond' }], {
      sampling: 'stratified',
      samplePct: 1,
      seed: 'x',
    });
    expect(tiny).toEqual([{ customerId: 7, tier: 'diamond' }]);
  });
});

describe('round robin assignment', () => {
  it('gives each caller a like share of every tier', () => {
    const members = sampleMembers(population, { sampling: 'stratified', samplePct: 20, seed: 'wave:1' });
    const assignees = assignRoundRobin(members, [11, 12]);
    const share = (caller: number, tier: string) =>
      members.filter((m, i) => assignees[i] === caller && m.tier === tier).length;
    expect([share(11, 'gold'), share(12, 'gold')]).toEqual([3, 3]);
    expect([share(11, 'silver'), share(12, 'silver')]).toEqual([6, 6]);
    expect(() => assignRoundRobin(members, [])).toThrow();
  });
});

describe('call outcomes and wave figures', () => {
  it('keeps no answer and busy pending, ends on a refusal or an answer', () => {
    expect(statusAfterCall('pending', 'no_answer')).toBe('pending');
    expect(statusAfterCall('pending', 'busy')).toBe('pending');
    expect(statusAfterCall('pending', 'refused')).toBe('refused');
    expect(statusAfterCall('pending', 'answered')).toBe('answered');
    expect(statusAfterCall('non_response', 'answered')).toBe('non_response');
  });

  it('reports the response rate as answered over members', () => {
    const f = waveFigures([
      { status: 'answered', n: 3, attempts: 5 },
      { status: 'non_response', n: 1, attempts: 3 },
    ]);
    expect(f).toMatchObject({ members: 4, answered: 3, nonResponse: 1, attempts: 8, responseRate: 0.75 });
    expect(waveFigures([]).responseRate).toBe(0);
  });

  it('names quarters in Beijing time', () => {
    expect(quarterOf(new Date('2026-03-31T16:30:00Z'))).toBe('2026-Q2');
    expect(quarterOf(new Date('2026-12-31T15:59:00Z'))).toBe('2026-Q4');
  });
});

describe('an imported row as an answer sheet', () => {
  const questions: Question[] = [
    { code: 'sat', type: 'csat', zh: '满意度', en: 'Satisfaction', required: true },
    { code: 'net', type: 'attribute', zh: '网络', en: 'Network', attribute: 'network' },
    {
      code: 'why',
      type: 'single_choice',
      zh: '原因',
      en: 'Reason',
      options: [
        { code: 'price', zh: '价格', en: 'Price' },
        { code: 'other', zh: '其他', en: 'Other' },
      ],
    },
  ];
  const mapping = { sat: 'A', 'net.importance': 'B', 'net.performance': 'C', why: 'D' };
  const row = (cells: Record<string, string>) => rowToAnswers(questions, mapping, (c) => cells[c] ?? '');

  it('accepts option wording in either language and pairs the attribute columns', () => {
    expect(row({ A: '4', B: '9', C: '6', D: '价格' })).toEqual({
      answers: { sat: 4, net: { importance: 9, performance: 6 }, why: 'price' },
      problems: [],
    });
  });

  it('names each bad value by its column and a missing required answer', () => {
    expect(row({ A: '4.5', B: '11', C: '6', D: 'cheap' }).problems).toEqual([
      { column: 'A', message: 'a whole number 1-5, got "4.5"' },
      { column: 'B', message: 'a whole number 1-10, got "11"' },
      { column: 'D', message: 'not an option of why: "cheap"' },
    ]);
    expect(row({ A: '4', C: '6' }).problems).toEqual([{ column: 'B', message: 'importance missing for net' }]);
    expect(row({}).problems).toEqual([{ column: 'A', message: 'required' }]);
  });
});
