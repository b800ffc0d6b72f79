import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChurnCliError, parseChurnArgs, runChurnEvaluate, runChurnSurvival } from './churn';

// The public churn data sets live next to the repository (../shared/data/churn), not in it.
const dataDir = path.resolve(import.meta.dirname, '../../../../../shared/data/churn');
const haveData = existsSync(path.join(dataDir, 'mlc-churn5000.csv'));
const args = (...argv: string[]) => parseChurnArgs(argv).values;
const tmp = mkdtempSync(path.join(tmpdir(), 'churn-cli-'));
const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
};

describe.skipIf(!haveData)('churn evaluate on the public telecom churn data sets (reference: scikit-learn)', () => {
  it('reaches AUC 0.927 on BigML 80/20', async () => {
    const report = await runChurnEvaluate(
      args(
        'evaluate',
        '--file',
        path.join(dataDir, 'churn-bigml-80.csv'),
        '--test',
        path.join(dataDir, 'churn-bigml-20.csv'),
        '--target',
        'Churn',
      ),
    );
    expect(report).toMatchObject({ rows: 667, positives: 95 });
    expect(report.learners.map((l) => l.name)).toEqual(['logistic', 'gbdt']);
    const gbdt = report.learners[1];
    console.log('BigML 80/20', JSON.stringify(report));
    expect(gbdt.auc).toBeGreaterThanOrEqual(0.927);
    expect(report.learners[0].auc).toBeGreaterThan(0.78);
  });

  it('reaches AUC 0.932 on MLC (rows 1-3333 train, 3334-5000 test)', async () => {
    const report = await runChurnEvaluate(
      args(
        'evaluate',
        '--file',
        path.join(dataDir, 'mlc-churn5000.csv'),
        '--headerless',
        '--target',
        '21',
        '--split-at',
        '3333',
      ),
    );
    expect(report).toMatchObject({ rows: 1667, positives: 224 });
    console.log('MLC 3333/1667', JSON.stringify(report));
    expect(report.learners[1].auc).toBeGreaterThanOrEqual(0.932);
  });
});

if (!haveData) console.warn(`churn data sets not found in ${dataDir}: the AUC checks are skipped`);

describe('churn CLI', () => {
  const rows = Array.from(
    { length: 60 },
    (_, i) => `${i % 2 ? 'gold' : 'basic'},${(i * 7) % 13},${i % 3 === 0 ? 'yes' : 'no'}`,
  );
  const good = write('good.csv', `plan,calls,left\n${rows.join('\n')}\n`);

  it('evaluates both learners by cross-validation and reports the JSON shape', async () => {
    const report = await runChurnEvaluate(args('evaluate', '--file', good, '--target', 'left', '--folds', '3'));
    expect(Object.keys(report)).toEqual(['rows', 'positives', 'learners']);
    expect(report).toMatchObject({ rows: 60, positives: 20 });
    for (const l of report.learners) expect(Object.keys(l)).toEqual(['name', 'auc', 'prAuc', 'lift10', 'seconds']);
  });

  it('names the problem of a bad file or bad options', async () => {
    const run = (...argv: string[]) => runChurnEvaluate(args('evaluate', ...argv));
    await expect(run('--file', write('empty.csv', ''), '--target', 'left')).rejects.toThrow('empty file');
    await expect(run('--file', good, '--target', 'churn')).rejects.toThrow('target column "churn" not found');
    const constant = write('constant.csv', 'a,left\n1,no\n2,no\n');
    await expect(run('--file', constant, '--target', 'left')).rejects.toThrow('target column "left" is constant');
    await expect(run('--file', good, '--target', 'left', '--numeric', 'plan')).rejects.toThrow(
      'column "plan" is numeric but data row 1 has text "basic"',
    );
    await expect(run('--file', path.join(tmp, 'missing.csv'), '--target', 'left')).rejects.toThrow('ENOENT');
    await expect(run('--file', good, '--target', 'left', '--folds', '1')).rejects.toThrow('--folds');
    await expect(run('--file', good, '--target', 'left', '--folds', '3', '--split-at', '9')).rejects.toThrow(
      'one of --test, --folds or --split-at',
    );
    await expect(run('--file', good, '--target', 'left')).resolves.toBeDefined();
    expect(() => parseChurnArgs(['evaluate', '--fold', '3'])).toThrow(ChurnCliError);
  });

  it('prints the Kaplan-Meier curve of tenure until churn', async () => {
    const file = write('tenure.csv', 'months,status\n1,churned\n2,churned\n3,active\n4,churned\n');
    const s = await runChurnSurvival(
      args(
        'survival',
        '--file',
        file,
        '--time',
        'months',
        '--event',
        'status',
        '--event-value',
        'churned',
        '--tau',
        '4',
      ),
    );
    expect(s).toMatchObject({ n: 4, events: 3, times: [1, 2, 3, 4], survival: [0.75, 0.5, 0.5, 0], median: 3 });
    expect(s.rmst).toBeCloseTo(1 + 0.75 + 0.5 + 0.5, 12);
    await expect(
      runChurnSurvival(
        args('survival', '--file', file, '--time', 'status', '--event', 'status', '--event-value', 'churned'),
      ),
    ).rejects.toThrow('column "status" is a time but row 1 has "churned"');
  });
});
