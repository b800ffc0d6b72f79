// Churn learners' training time on N rows x 40 features (synthetic, seeded), with scikit-learn's
// HistGradientBoostingClassifier and LogisticRegression on the same data when python3 + sklearn are importable.
// Usage: npx tsx bench/churn/run.ts [--rows 1000000]   (run it at --rows 50000 on a shared machine)
// Not done yet: scoring N customers end to end on PostgreSQL (features, score, reasons, write).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureMatrix, MatrixColumn } from '../../apps/server/src/modules/churn/churn.dataset.models';
import { predictModel, trainModel } from '../../apps/server/src/modules/churn/churn.evaluate.models';
import { rocAuc } from '../../apps/server/src/modules/churn/churn.metrics.models';
import { createRng } from '../../apps/server/src/modules/churn/churn.sampling.models';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const rows = arg('rows', 1_000_000);
const cols = 40;
const rng = createRng(11);
const data = new Float64Array(rows * cols);
const labels = new Uint8Array(rows);
for (let r = 0; r < rows; r++) {
  let z = -2;
  for (let c = 0; c < cols; c++) {
    const x = rng() * 2 - 1;
    data[r * cols + c] = x;
    if (c < 8) z += (c % 2 ? -1 : 1) * x * (1 + c / 4);
  }
  z += data[r * cols] * data[r * cols + 1] * 2;
  labels[r] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
}
const columns: MatrixColumn[] = Array.from({ length: cols }, (_, c) => ({
  name: `f${c}`,
  feature: `f${c}`,
  kind: 'numeric',
}));
const m: FeatureMatrix = { rows, cols, data, columns };
console.log(`churn learners: ${rows} rows x ${cols} features, ${labels.reduce((s, y) => s + y, 0)} positives`);
const sklearnOnly = process.argv.includes('--sklearn-only');
for (const name of sklearnOnly ? [] : (['logistic', 'gbdt'] as const)) {
  const t0 = performance.now();
  const model = trainModel(name, m, labels);
  const s = (performance.now() - t0) / 1000;
  console.log(
    `  ${name.padEnd(9)} train ${s.toFixed(1)} s, training AUC ${rocAuc(labels, predictModel(model, m)).toFixed(4)}`,
  );
}
// PYTHON=/usr/bin/python3 when a pyenv shim hides Debian's python3-sklearn (as bench/churn/e2e.ts).
const python = process.env.PYTHON ?? 'python3';
try {
  execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
  const dir = path.join('.tmp', 'bench');
  mkdirSync(dir, { recursive: true });
  // The matrix as raw float64 / uint8 files (a 1M x 40 CSV is larger than a JavaScript string may be).
  const xFile = path.join(dir, 'churn-x.f64');
  const yFile = path.join(dir, 'churn-y.u8');
  writeFileSync(xFile, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  writeFileSync(yFile, labels);
  const py = `
import time, numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
X = np.fromfile('${xFile}', dtype=np.float64).reshape(-1, ${cols}); y = np.fromfile('${yFile}', dtype=np.uint8)
for name, m in [('sklearn logistic', LogisticRegression(max_iter=200)), ('sklearn hgb', HistGradientBoostingClassifier())]:
    t = time.time(); m.fit(X, y); s = time.time() - t
    print(f'  {name:17s} train {s:.1f} s, training AUC {roc_auc_score(y, m.predict_proba(X)[:, 1]):.4f}')
`;
  process.stdout.write(execFileSync(python, ['-c', py], { encoding: 'utf8', maxBuffer: 1 << 20 }));
} catch (err) {
  console.log(`  no scikit-learn comparison: ${(err as Error).message.split('\n')[0]}`);
}
