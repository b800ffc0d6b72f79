// `npm run cli -- surveys <pls|nps> ...`: the product's survey analytics on any CSV file, so that results can be
// compared with other tools (R plspm, SmartPLS, a market-research firm's figures). Needs no database.
//
//   surveys pls --file F.csv --model M.json [--scheme path|centroid|factorial] [--scaled true|false]
//               [--bootstrap N] [--seed S] [--json]
//   surveys nps --file F.csv --column COL [--json]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { computeNps } from '../modules/surveys/analytics/indices.models';
import { fitPls, type PlsModelSpec, type PlsScheme } from '../modules/surveys/analytics/pls.models';
import { bootstrapPls } from '../modules/surveys/analytics/pls-bootstrap.models';

export const SURVEYS_USAGE = `usage:
  npm run cli -- surveys pls --file F.csv --model M.json [--scheme path|centroid|factorial] [--scaled true|false] [--bootstrap N] [--seed S] [--json]
    M.json: {"blocks": {"Image": ["IMAG1", ...], ...}, "paths": [["Image", "Expectation"], ...], "csi": "Satisfaction"}
  npm run cli -- surveys nps --file F.csv --column COL [--json]`;

export class SurveyCliError extends Error {}

/** Reads a CSV with a header row into numeric columns (an empty cell or text becomes NaN). */
export function readNumericCsv(file: string): { columns: Record<string, number[]>; rows: number } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SurveyCliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
  if (records.length === 0) throw new SurveyCliError(`${file} has no data rows`);
  const columns: Record<string, number[]> = {};
  for (const key of Object.keys(records[0]))
    columns[key] = records.map((r) => (r[key] === '' || r[key] === 'NA' ? Number.NaN : Number(r[key])));
  return { columns, rows: records.length };
}

function readModel(file: string): PlsModelSpec {
  let model: unknown;
  try {
    model = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SurveyCliError(`cannot read the model ${file}: ${(e as Error).message}`);
  }
  const m = model as PlsModelSpec;
  if (!m || typeof m.blocks !== 'object' || !Array.isArray(m.paths))
    throw new SurveyCliError('the model needs "blocks" (latent variable -> indicators) and "paths" ([from, to] pairs)');
  return m;
}

/** Keeps only respondents who answered every indicator of the model (listwise deletion). */
function completeCases(columns: Record<string, number[]>, names: string[]) {
  for (const name of names)
    if (!columns[name]) throw new SurveyCliError(`indicator ${name} is not a column of the file`);
  const n = columns[names[0]].length;
  const keep = [...Array(n).keys()].filter((i) => names.every((name) => Number.isFinite(columns[name][i])));
  return {
    data: Object.fromEntries(names.map((name) => [name, keep.map((i) => columns[name][i])])),
    dropped: n - keep.length,
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function runSurveysCli(argv: string[]): { output: string } {
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      strict: true,
      options: {
        file: { type: 'string' },
        model: { type: 'string' },
        scheme: { type: 'string' },
        scaled: { type: 'string' },
        bootstrap: { type: 'string' },
        seed: { type: 'string' },
        column: { type: 'string' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    throw new SurveyCliError(`${(e as Error).message}\n${SURVEYS_USAGE}`);
  }
  if (!values.file) throw new SurveyCliError(`--file is required\n${SURVEYS_USAGE}`);
  const { columns, rows } = readNumericCsv(String(values.file));
  if (command === 'nps') {
    const col = String(values.column ?? '');
    if (!columns[col]) throw new SurveyCliError(`--column: ${col || '(missing)'} is not a column of the file`);
    const r = computeNps(columns[col]);
    const out = { n: r.n, promoters: round(r.promoters), detractors: round(r.detractors), nps: round(r.nps) };
    if (r.outOfRange) console.error(`warning: ${r.outOfRange} answers of ${col} lie outside 0-10`);
    return {
      output: values.json
        ? JSON.stringify(out)
        : `n ${out.n} (of ${rows} rows), promoters ${(out.promoters * 100).toFixed(1)}%, detractors ${(out.detractors * 100).toFixed(1)}%, NPS ${out.nps.toFixed(1)}`,
    };
  }
  if (command !== 'pls') throw new SurveyCliError(SURVEYS_USAGE);
  if (!values.model) throw new SurveyCliError(`--model is required\n${SURVEYS_USAGE}`);
  const spec = readModel(String(values.model));
  const scheme = String(values.scheme ?? 'path') as PlsScheme;
  if (!['path', 'centroid', 'factorial'].includes(scheme))
    throw new SurveyCliError('--scheme: path, centroid or factorial');
  if (values.scaled !== undefined && values.scaled !== 'true' && values.scaled !== 'false')
    throw new SurveyCliError('--scaled: true or false');
  const samples = values.bootstrap === undefined ? 0 : Number(values.bootstrap);
  if (!Number.isInteger(samples) || samples < 0) throw new SurveyCliError('--bootstrap: a whole number of samples');
  const names = Object.values(spec.blocks).flat();
  const { data, dropped } = completeCases(columns, names);
  const opts = { scheme, scaled: values.scaled !== 'false' };
  let fit: ReturnType<typeof fitPls>;
  try {
    fit = fitPls(data, spec, opts);
  } catch (e) {
    throw new SurveyCliError((e as Error).message);
  }
  const boot =
    samples > 0 ? bootstrapPls(data, spec, fit, { ...opts, samples, seed: Number(values.seed ?? 1) }) : undefined;
  const out = {
    n: rows - dropped,
    dropped,
    iterations: fit.iterations,
    outerWeights: fit.outerWeights,
    loadings: fit.loadings,
    paths: fit.paths,
    r2: fit.r2,
    ave: fit.ave,
    compositeReliability: fit.compositeReliability,
    gof: fit.gof,
    csiVariable: fit.csiVariable,
    csi: fit.csi,
    indices: fit.indices,
    ...(boot ? { bootstrap: { samples: boot.samples, failed: boot.failed, paths: boot.paths, csi: boot.csi } } : {}),
  };
  if (values.json) return { output: JSON.stringify(out) };
  const lines = [
    `respondents ${out.n}${dropped ? ` (${dropped} incomplete rows left out)` : ''}, ${fit.iterations} iterations, scheme ${scheme}`,
    'paths:',
    ...fit.paths.map((p) => {
      const ci = boot?.paths.find((b) => b.from === p.from && b.to === p.to);
      return `  ${p.from} -> ${p.to}: ${p.coef.toFixed(4)}${ci ? ` [${ci.lower.toFixed(4)}, ${ci.upper.toFixed(4)}]` : ''}`;
    }),
    'R²:',
    ...Object.entries(fit.r2).map(([lv, r]) => `  ${lv}: ${r.toFixed(4)}  AVE ${fit.ave[lv].toFixed(4)}`),
    `CSI (${fit.csiVariable}): ${fit.csi.toFixed(2)}`,
  ];
  return { output: lines.join('\n') };
}
