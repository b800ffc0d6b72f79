import { describe, expect, it } from 'vitest';
import { averagePrecision, brierScore, calibrationTable, confusionAt, liftAt, rocAuc } from './churn.metrics.models';

// Five customers, three churned; two share the score 0.8 (one churned, one stayed).
const labels = [1, 0, 1, 0, 1];
const scores = [0.9, 0.8, 0.8, 0.3, 0.1];

describe('churn score metrics (hand-computed)', () => {
  it('ROC AUC counts a tie between a churner and a stayer as one half', () => {
    // Pairs churner > stayer: (0.9,0.8) (0.9,0.3) (0.8,0.3) = 3, the tie (0.8,0.8) = 0.5, of 3 x 2 = 6.
    expect(rocAuc(labels, scores)).toBeCloseTo(3.5 / 6, 12);
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1])).toBe(1);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it('average precision sums recall gains times precision at each distinct score', () => {
    // 0.9: recall 1/3, precision 1; 0.8: recall 2/3, precision 2/3; 0.3: no gain; 0.1: recall 1, precision 3/5.
    expect(averagePrecision(labels, scores)).toBeCloseTo(1 / 3 + 2 / 9 + 1 / 5, 12);
    expect(averagePrecision([0, 1, 1], [0.1, 0.9, 0.8])).toBe(1);
  });

  it('lift at 10% compares the churn rate of the top decile with the overall rate', () => {
    // Top ceil(0.5) = 1 customer, a churner: 1 / (3/5).
    expect(liftAt(labels, scores, 0.1)).toBeCloseTo(5 / 3, 12);
    const many = Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : i % 10 === 0 ? 1 : 0));
    const ranked = Array.from({ length: 100 }, (_, i) => 1 - i / 100);
    // The top 10 are all churners; overall 19 of 100.
    expect(liftAt(many, ranked, 0.1)).toBeCloseTo(1 / 0.19, 12);
  });

  it('Brier score is the mean squared error of the probabilities', () => {
    expect(brierScore(labels, scores)).toBeCloseTo((0.01 + 0.64 + 0.04 + 0.09 + 0.81) / 5, 12);
  });

  it('calibration table groups customers by probability rank', () => {
    const table = calibrationTable(labels, scores, 2);
    expect(table).toHaveLength(2);
    expect(table[0]).toMatchObject({ bin: 1, count: 2, observedRate: 0.5 });
    expect(table[0].meanScore).toBeCloseTo(0.2, 12);
    expect(table[1]).toMatchObject({ bin: 2, count: 3 });
    expect(table[1].meanScore).toBeCloseTo(2.5 / 3, 12);
    expect(table[1].observedRate).toBeCloseTo(2 / 3, 12);
    expect(calibrationTable(labels, scores)).toHaveLength(5); // deciles of 5 rows: empty groups left out
  });

  it('confusion at a threshold counts a probability at the threshold as churn', () => {
    expect(confusionAt(labels, scores, 0.5)).toEqual({
      threshold: 0.5,
      tp: 2,
      fp: 1,
      tn: 1,
      fn: 1,
      precision: 2 / 3,
      recall: 2 / 3,
      accuracy: 3 / 5,
    });
    expect(confusionAt(labels, scores, 0.8)).toMatchObject({ tp: 2, fp: 1 });
    expect(confusionAt(labels, scores, 0.95)).toMatchObject({ tp: 0, fp: 0, precision: 0, recall: 0 });
  });

  it('rejects mismatched or empty inputs', () => {
    expect(() => rocAuc([1, 0], [0.5])).toThrow('differ in length');
    expect(() => brierScore([], [])).toThrow('no rows');
  });
});
