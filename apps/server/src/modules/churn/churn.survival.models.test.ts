import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coxExpectedTime, coxRelativeHazard, coxSurvival, fitCox } from './churn.cox.models';
import { kaplanMeier, medianSurvival, normalQuantile, restrictedMean, survivalSummary } from './churn.survival.models';

// Fixtures written by fixtures/make-survival-fixtures.R (R survival: survfit, coxph ties = "efron").
const dir = path.join(import.meta.dirname, 'fixtures');
const r = JSON.parse(readFileSync(path.join(dir, 'survival-fixtures.json'), 'utf8'));
const [header, ...lines] = readFileSync(path.join(dir, 'veteran.csv'), 'utf8').trim().split('\n');
const cols = header.split(',');
const veteran = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
const num = (rows: typeof veteran, c: string) => rows.map((row) => Number(row[c]));

const close = (actual: (number | null)[], expected: (number | null)[], tol = 1e-6) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    if (expected[i] === null) expect(a).toBeNull();
    else expect(Math.abs((a as number) - (expected[i] as number))).toBeLessThan(tol);
  });
};

describe('Kaplan-Meier against R survfit', () => {
  it('matches the curve, Greenwood errors and log confidence bands of the veteran trial', () => {
    const km = kaplanMeier({ time: num(veteran, 'time'), event: num(veteran, 'status') });
    const f = r.kaplanMeier;
    expect(km.times).toEqual(f.time);
    expect(km.nRisk).toEqual(f.nRisk);
    expect(km.nEvent).toEqual(f.nEvent);
    expect(km.nCensor).toEqual(f.nCensor);
    close(km.survival, f.survival);
    close(km.stdErr, f.stdErr);
    close(km.lower, f.lower);
    close(km.upper, f.upper);
    expect(medianSurvival(km)).toBe(f.median);
    expect(restrictedMean(km, f.tau)).toBeCloseTo(f.rmst, 6);
  });

  it('matches a segment curve (squamous cell type) with its median and RMST', () => {
    const sq = veteran.filter((row) => row.celltype === 'squamous');
    const s = survivalSummary({ time: num(sq, 'time'), event: num(sq, 'status') }, 200);
    const f = r.kaplanMeierSquamous;
    expect(s.times).toEqual(f.time);
    close(s.survival, f.survival);
    close(s.lower, f.lower);
    close(s.upper, f.upper);
    expect(s.median).toBe(f.median);
    expect(s.rmst).toBeCloseTo(f.rmst, 6);
  });

  it('takes the middle of a flat stretch at exactly 0.5 as the median, like R', () => {
    // 4 subjects, events at 1 and 2, censored at 3: S = 0.75, 0.5 (at 2) until the next event at 4.
    const km = kaplanMeier({ time: [1, 2, 3, 4], event: [1, 1, 0, 1] });
    expect(km.survival).toEqual([0.75, 0.5, 0.5, 0]);
    expect(medianSurvival(km)).toBe(3);
    expect(medianSurvival(kaplanMeier({ time: [1, 2, 3], event: [0, 0, 1] }))).toBe(3);
    expect(medianSurvival(kaplanMeier({ time: [5, 6], event: [0, 0] }))).toBeNull();
  });

  it('computes the restricted mean as the area under the steps, flat after the last time', () => {
    const km = { times: [2, 4], survival: [0.5, 0.25] };
    expect(restrictedMean(km, 1)).toBe(1);
    expect(restrictedMean(km, 4)).toBe(2 + 0.5 * 2);
    expect(restrictedMean(km, 6)).toBe(3 + 0.25 * 2);
  });

  it('uses the exact normal quantile', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.6448536269514722, 12);
    expect(normalQuantile(0.99)).toBeCloseTo(2.5758293035489004, 12);
  });
});

describe('Cox proportional hazards against R coxph (ties = "efron")', () => {
  const f = r.cox;
  const x = veteran.flatMap((row) => f.covariates.map((c: string) => Number(row[c])));
  const model = fitCox({ time: num(veteran, 'time'), event: num(veteran, 'status'), x, covariates: f.covariates });
  const subject = (i: number) => f.covariates.map((c: string) => Number(veteran[i][c]));

  it('matches coefficients, standard errors, hazard ratios and the log-likelihood', () => {
    close(model.coef, f.coef, 1e-6);
    close(model.se, f.se, 1e-6);
    close(model.hazardRatio, f.hazardRatio, 1e-6);
    close(model.loglik, f.loglik, 1e-6);
  });

  it('matches the baseline cumulative hazard (basehaz, uncentred)', () => {
    expect(model.baseTime).toEqual(f.baseTime);
    close(model.baseCumHazard, f.baseCumHazard, 1e-6);
  });

  it("matches each subject's expected survival curve (survfit with newdata)", () => {
    f.subjects.forEach((i: number, k: number) => {
      close(coxSurvival(model, subject(i)), f.subjectSurvival[k], 1e-6);
    });
  });

  it('gives hazard ratios against the average subject and the expected time within a horizon', () => {
    const avg = coxRelativeHazard(model, model.means);
    expect(avg).toBeCloseTo(1, 12);
    // A better performance status (karno) lowers the hazard and lengthens the expected time.
    const weak = [1, 30, 5, 60, 0];
    const fit = [1, 90, 5, 60, 0];
    expect(coxRelativeHazard(model, weak)).toBeGreaterThan(1);
    expect(coxRelativeHazard(model, fit)).toBeLessThan(1);
    expect(coxExpectedTime(model, fit, 365)).toBeGreaterThan(coxExpectedTime(model, weak, 365));
    expect(coxExpectedTime(model, fit, 365)).toBeLessThanOrEqual(365);
  });
});
