// Bootstrap confidence intervals for a PLS path model: respondents resampled with replacement (seeded), the model
// refitted on each sample, and percentile intervals of weights, loadings, path coefficients, R² and the CSI.

import { fitPls, type PlsFit, type PlsModelSpec, type PlsOptions } from './pls.models';
import { type Column, quantile, sampleSd, seededRandom } from './stats.models';

export type BootstrapStat = { original: number; mean: number; stdError: number; lower: number; upper: number };

export type PlsBootstrap = {
  samples: number;
  failed: number;
  level: number;
  outerWeights: Record<string, BootstrapStat>;
  loadings: Record<string, BootstrapStat>;
  paths: ({ from: string; to: string } & BootstrapStat)[];
  r2: Record<string, BootstrapStat>;
  csi: BootstrapStat;
};

function statOf(original: number, values: number[], level: number): BootstrapStat {
  const alpha = (1 - level) / 2;
  return {
    original,
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    stdError: values.length > 1 ? sampleSd(values) : 0,
    lower: quantile(values, alpha),
    upper: quantile(values, 1 - alpha),
  };
}

/** Resamples `samples` times (a sample whose fit does not converge is skipped and counted in `failed`). */
export function bootstrapPls(
  data: Record<string, Column>,
  spec: PlsModelSpec,
  fit: PlsFit,
  opts: PlsOptions & { samples: number; seed?: number; level?: number },
): PlsBootstrap {
  const level = opts.level ?? 0.95;
  const random = seededRandom(opts.seed ?? 20261204);
  const columns = fit.indicators.map((name) => Float64Array.from(data[name]));
  const n = columns[0].length;
  const weights: Record<string, number[]> = Object.fromEntries(fit.indicators.map((i) => [i, []]));
  const loadings: Record<string, number[]> = Object.fromEntries(fit.indicators.map((i) => [i, []]));
  const paths = fit.paths.map(() => [] as number[]);
  const r2: Record<string, number[]> = Object.fromEntries(fit.lvs.map((lv) => [lv, []]));
  const csi: number[] = [];
  let failed = 0;
  const sample: Record<string, Float64Array> = {};
  for (const name of fit.indicators) sample[name] = new Float64Array(n);
  for (let b = 0; b < opts.samples; b++) {
    for (let i = 0; i < n; i++) {
      const r = Math.floor(random() * n);
      for (let c = 0; c < columns.length; c++) sample[fit.indicators[c]][i] = columns[c][r];
    }
    let refit: PlsFit;
    try {
      refit = fitPls(sample, spec, { ...opts, lean: true });
    } catch {
      failed++;
      continue;
    }
    for (const name of fit.indicators) {
      weights[name].push(refit.outerWeights[name]);
      loadings[name].push(refit.loadings[name]);
    }
    refit.paths.forEach((p, a) => {
      paths[a].push(p.coef);
    });
    for (const lv of fit.lvs) r2[lv].push(refit.r2[lv]);
    csi.push(refit.csi);
  }
  const map = (values: Record<string, number[]>, original: Record<string, number>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, statOf(original[k], v, level)]));
  return {
    samples: opts.samples - failed,
    failed,
    level,
    outerWeights: map(weights, fit.outerWeights),
    loadings: map(loadings, fit.loadings),
    paths: fit.paths.map((p, a) => ({ from: p.from, to: p.to, ...statOf(p.coef, paths[a], level) })),
    r2: map(r2, fit.r2),
    csi: statOf(fit.csi, csi, level),
  };
}
