// Satisfaction analytics benchmark: a PLS path model (ECSI structure, 7 latent variables, 30 indicators) fitted on
// synthetic survey answers with a known structure, then bootstrapped. Prints the fit time, the bootstrap time and
// the time per bootstrap sample. Pure Node.js: no database.
//
//   npx tsx bench/satisfaction/run.ts [--respondents 10000] [--bootstrap 1000] [--seed 1]
import { parseArgs } from 'node:util';
import { fitPls, type PlsModelSpec } from '../../apps/server/src/modules/surveys/pls.models';
import { bootstrapPls } from '../../apps/server/src/modules/surveys/pls-bootstrap.models';
import { seededRandom } from '../../apps/server/src/modules/surveys/stats.models';

const { values } = parseArgs({
  options: {
    respondents: { type: 'string', default: '10000' },
    bootstrap: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
  },
});
const n = Number(values.respondents);
const samples = Number(values.bootstrap);
const random = seededRandom(Number(values.seed));
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

// ECSI: image -> expectation -> quality -> value -> satisfaction -> complaints / loyalty (30 indicators in all).
const sizes: Record<string, number> = {
  Image: 5,
  Expectation: 4,
  Quality: 6,
  Value: 3,
  Satisfaction: 4,
  Complaints: 3,
  Loyalty: 5,
};
const spec: PlsModelSpec = {
  blocks: Object.fromEntries(
    Object.entries(sizes).map(([lv, k]) => [lv, Array.from({ length: k }, (_, i) => `${lv.slice(0, 4)}${i + 1}`)]),
  ),
  paths: [
    ['Image', 'Expectation'],
    ['Image', 'Satisfaction'],
    ['Image', 'Loyalty'],
    ['Expectation', 'Quality'],
    ['Expectation', 'Value'],
    ['Quality', 'Value'],
    ['Quality', 'Satisfaction'],
    ['Value', 'Satisfaction'],
    ['Satisfaction', 'Complaints'],
    ['Satisfaction', 'Loyalty'],
    ['Complaints', 'Loyalty'],
  ],
  csi: 'Satisfaction',
};

function synthesise(): Record<string, Float64Array> {
  const lv: Record<string, Float64Array> = {};
  const order = Object.keys(sizes);
  for (const name of order) {
    const preds = spec.paths.filter(([, to]) => to === name).map(([from]) => from);
    lv[name] = Float64Array.from({ length: n }, (_, i) => preds.reduce((s, p) => s + 0.5 * lv[p][i], 0) + normal());
  }
  const data: Record<string, Float64Array> = {};
  for (const [name, items] of Object.entries(spec.blocks))
    for (const item of items)
      data[item] = Float64Array.from({ length: n }, (_, i) =>
        Math.min(10, Math.max(1, Math.round(6 + 1.2 * lv[name][i] + normal()))),
      );
  return data;
}

const data = synthesise();
const t0 = performance.now();
const fit = fitPls(data, spec, { scheme: 'path', scaleMin: 1, scaleMax: 10 });
const fitMs = performance.now() - t0;
const t1 = performance.now();
const boot = bootstrapPls(data, spec, fit, { scheme: 'path', scaleMin: 1, scaleMax: 10, samples, seed: 1 });
const bootMs = performance.now() - t1;
console.log(`PLS path model: ${n} respondents x 30 indicators, 7 latent variables, ${fit.iterations} iterations`);
console.log(`  one fit:      ${fitMs.toFixed(0)} ms`);
console.log(
  `  bootstrap:    ${samples} samples in ${(bootMs / 1000).toFixed(1)} s (${(bootMs / samples).toFixed(1)} ms per sample, ${boot.failed} failed)`,
);
console.log(`  CSI:          ${fit.csi.toFixed(2)} [${boot.csi.lower.toFixed(2)}, ${boot.csi.upper.toFixed(2)}]`);
