import { describe, expect, it } from 'vitest';
import { fitPls, PlsInputError, type PlsModelSpec } from './pls.models';
import { bankData, bankModel, present, readCsv } from './pls.test-helpers';

// Reference: R plspm on the Spanish bank satisfaction data (centroid scheme, unscaled indicators), read from
// ../shared/data/survey/bank-plspm (see pls.test-helpers).
describe.skipIf(!present)('PLS path model against R plspm (bank satisfaction, centroid, unscaled)', () => {
  const fit = present ? fitPls(bankData(), bankModel, { scheme: 'centroid', scaled: false }) : undefined;

  it('reproduces the outer weights and loadings to 1e-4', () => {
    for (const row of readCsv('satisfaction.outer-model.csv')) {
      expect(fit?.outerWeights[row.name]).toBeCloseTo(Number(row.weight), 4);
      expect(fit?.loadings[row.name]).toBeCloseTo(Number(row.loading), 4);
    }
  });

  it('reproduces the path coefficients, R² and AVE to 1e-4', () => {
    for (const row of readCsv('satisfaction.effects.csv')) {
      const effect = fit?.effects.find((e) => e.from === row.from && e.to === row.to);
      expect(effect?.direct ?? 0).toBeCloseTo(Number(row.direct), 4);
      expect(effect?.total ?? 0).toBeCloseTo(Number(row.total), 4);
    }
    for (const row of readCsv('satisfaction.inner-summary.csv')) {
      const lv = row[''];
      expect(fit?.r2[lv]).toBeCloseTo(Number(row.r_squared), 4);
      expect(fit?.ave[lv]).toBeCloseTo(Number(row.ave), 4);
    }
  });

  it('reproduces the latent variable scores of every respondent to 1e-4', () => {
    const scores = readCsv('satisfaction.scores.csv');
    expect(scores).toHaveLength(250);
    scores.forEach((row, i) => {
      for (const lv of Object.keys(row)) expect(fit?.scores[lv][i]).toBeCloseTo(Number(row[lv]), 4);
    });
  });

  it('puts the satisfaction index on 0-100 from the weighted answers', () => {
    expect(fit?.csiVariable).toBe('SAT');
    expect(fit?.csi).toBeGreaterThan(0);
    expect(fit?.csi).toBeLessThan(100);
  });
});

describe('PLS input checks', () => {
  const data = { a1: [1, 2, 3, 4], a2: [2, 2, 4, 5], b1: [1, 3, 2, 4], b2: [4, 4, 2, 1] };
  const spec: PlsModelSpec = { blocks: { A: ['a1', 'a2'], B: ['b1', 'b2'] }, paths: [['A', 'B']] };

  it('names a missing indicator, a constant one and an unknown latent variable', () => {
    expect(() => fitPls(data, { ...spec, blocks: { A: ['a1', 'zz'], B: ['b1'] } })).toThrow(/zz/);
    expect(() => fitPls({ ...data, a2: [3, 3, 3, 3] }, spec)).toThrow(/a2 is constant/);
    expect(() => fitPls(data, { ...spec, paths: [['A', 'C']] })).toThrow(PlsInputError);
  });
});
