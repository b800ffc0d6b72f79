import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankModel } from '../modules/surveys/analytics/pls.test-helpers';
import { runSurveysCli, SurveyCliError } from './surveys';

const shared = path.resolve(__dirname, '../../../../../shared/data/survey');
const bank = path.join(shared, 'bank-plspm/satisfaction.csv');
const airline = path.join(shared, 'airline/airlinesat.csv');
const tmp = mkdtempSync(path.join(tmpdir(), 'surveys-cli-'));
const modelFile = path.join(tmp, 'model.json');
writeFileSync(modelFile, JSON.stringify(bankModel));

describe.skipIf(!existsSync(airline))('surveys nps on the airline data', () => {
  it('gives NPS +12.8 on 1,065 passengers', () => {
    const out = JSON.parse(runSurveysCli(['nps', '--file', airline, '--column', 'nps', '--json']).output);
    expect(out.n).toBe(1065);
    expect(out.nps).toBeCloseTo(12.8, 1);
    expect(out.promoters).toBeCloseTo(0.399, 3);
    expect(out.detractors).toBeCloseTo(0.271, 3);
  });
});

describe.skipIf(!existsSync(bank))('surveys pls on the bank data', () => {
  it('prints weights, loadings, paths, R² and the CSI as JSON', () => {
    const args = ['pls', '--file', bank, '--model', modelFile, '--scheme', 'centroid', '--scaled', 'false', '--json'];
    const out = JSON.parse(runSurveysCli(args).output);
    expect(out.outerWeights.imag1).toBeCloseTo(0.0982418501741741, 6);
    expect(out.loadings.sat1).toBeCloseTo(0.919797990928334, 6);
    expect(out.paths.find((p: { from: string; to: string }) => p.from === 'VAL' && p.to === 'SAT').coef).toBeCloseTo(
      0.589330650016017,
      6,
    );
    expect(out.r2.LOY).toBeCloseTo(0.509922562050087, 6);
    expect(out.csi).toBeGreaterThan(0);
  });

  it('adds seeded bootstrap intervals that contain the estimate and repeat for the same seed', () => {
    const args = ['pls', '--file', bank, '--model', modelFile, '--bootstrap', '30', '--seed', '7', '--json'];
    const a = JSON.parse(runSurveysCli(args).output);
    const b = JSON.parse(runSurveysCli(args).output);
    expect(a.bootstrap).toEqual(b.bootstrap);
    expect(a.bootstrap.samples).toBe(30);
    const sat = a.bootstrap.paths.find((p: { from: string; to: string }) => p.from === 'VAL' && p.to === 'SAT');
    expect(sat.lower).toBeLessThan(sat.original);
    expect(sat.upper).toBeGreaterThan(sat.original);
  });
});

describe('surveys CLI errors', () => {
  it('names the problem', () => {
    const csv = path.join(tmp, 'small.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    expect(() => runSurveysCli(['nps', '--file', csv, '--column', 'zz'])).toThrow(/zz is not a column/);
    expect(() => runSurveysCli(['pls', '--file', csv])).toThrow(/--model is required/);
    expect(() => runSurveysCli(['nps', '--file', path.join(tmp, 'missing.csv'), '--column', 'a'])).toThrow(
      SurveyCliError,
    );
    writeFileSync(path.join(tmp, 'empty.csv'), 'a,b\n');
    expect(() => runSurveysCli(['nps', '--file', path.join(tmp, 'empty.csv'), '--column', 'a'])).toThrow(
      /no data rows/,
    );
    expect(() => runSurveysCli(['pls', '--file', csv, '--model', modelFile])).toThrow(/imag1 is not a column/);
  });
});
