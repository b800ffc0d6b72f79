import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/demo.random';
import type { Question } from '../waves/questionnaire.models';
import { ImportanceInputError, plsImportance, regressionImportance } from './importance.models';
import { fitPls } from './pls.models';
import { bankData, bankModel, present, readCsv } from './pls.test-helpers';
import { derivedImportance } from './surveys.analytics.models';

// Derived importance against the published R plspm results on the bank satisfaction data (centroid, unscaled).
describe.skipIf(!present)('derived importance against R plspm (bank satisfaction)', () => {
  const fit = present ? fitPls(bankData(), bankModel, { scheme: 'centroid', scaled: false }) : undefined;

  it('gives each indicator its outer weight times the total effect of its block on satisfaction, to 1e-4', () => {
    const total = Object.fromEntries(
      readCsv('satisfaction.effects.csv')
        .filter((r) => r.to === 'SAT')
        .map((r) => [r.from, Number(r.total)]),
    );
    total.SAT = 1;
    for (const row of readCsv('satisfaction.outer-model.csv')) {
      if (row.block === 'LOY') {
        expect(plsImportance(fit!, 'LOY', row.name)).toBe(0);
        continue;
      }
      expect(plsImportance(fit!, row.block, row.name), row.name).toBeCloseTo(Number(row.weight) * total[row.block], 4);
    }
    expect(plsImportance(fit!, 'QUAL', 'not_an_item')).toBeUndefined();
  });

  it('regression effects on the published scores equal the published path coefficients, to 1e-4', () => {
    const scores = readCsv('satisfaction.scores.csv');
    const col = (lv: string) => scores.map((r) => Number(r[lv]));
    const sat = regressionImportance(col('SAT'), ['IMAG', 'EXPE', 'QUAL', 'VAL'].map(col));
    readCsv('satisfaction.inner-model.csv').forEach((row, i) => {
      expect(sat[i], row['']).toBeCloseTo(Number(row.Estimate), 4);
    });
    const direct = (from: string) =>
      Number(readCsv('satisfaction.effects.csv').find((r) => r.from === from && r.to === 'LOY')!.direct);
    const loy = regressionImportance(col('LOY'), [col('IMAG'), col('SAT')]);
    expect(loy[0]).toBeCloseTo(direct('IMAG'), 4);
    expect(loy[1]).toBeCloseTo(direct('SAT'), 4);
  });
});

describe('derived importance of attributes outside the PLS model', () => {
  const attribute = (code: string, construct?: string): Question => ({
    code,
    type: 'attribute',
    attribute: code,
    zh: code,
    en: code,
    ...(construct ? { construct } : {}),
  });
  const rng = new Rng(5);
  // Overall satisfaction driven by speed (strongly) and price (weakly); decor plays no part.
  const sheets = Array.from({ length: 300 }, () => {
    const speed = rng.int(1, 10);
    const price = rng.int(1, 10);
    const decor = rng.int(1, 10);
    const overall = Math.max(1, Math.min(5, Math.round(1 + 0.35 * speed + 0.1 * price + rng.normal() * 0.4)));
    return {
      overall,
      speed: { importance: 5, performance: speed },
      price: { importance: 5, performance: price },
      decor: { importance: 5, performance: decor },
    };
  });
  const questions: Question[] = [
    { code: 'overall', type: 'csat', zh: '总体', en: 'Overall' },
    attribute('speed'),
    attribute('price'),
    attribute('decor'),
  ];

  it('without a model, ranks the attributes by their regression effect on the overall satisfaction answer', () => {
    const imp = derivedImportance(questions, sheets, null);
    expect(imp.get('speed')!).toBeGreaterThan(imp.get('price')!);
    expect(imp.get('price')!).toBeGreaterThan(Math.abs(imp.get('decor')!));
    expect(Math.abs(imp.get('decor')!)).toBeLessThan(0.1);
  });

  it('refuses to guess when there is nothing to derive from, or too few respondents', () => {
    expect(() => derivedImportance(questions.slice(1), sheets, null)).toThrow(ImportanceInputError);
    expect(() => derivedImportance(questions, sheets.slice(0, 4), null)).toThrow(ImportanceInputError);
  });
});
