// `npm run cli -- churn evaluate|survival ...`: the churn learners and the Kaplan-Meier curve on any CSV file, without
// a database. `evaluate` is how the learners are compared with scikit-learn on public data sets.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CsvOptions,
  DatasetError,
  parseCsv,
  type SchemaOptions,
  sliceTable,
  type Table,
} from '../modules/churn/churn.dataset.models';
import { type EvaluationReport, evaluateFolds, evaluateHoldout } from '../modules/churn/churn.evaluate.models';
import { survivalSummary } from '../modules/churn/churn.survival.models';

export const CHURN_USAGE = `  npm run cli -- churn evaluate --file F --target COL [--test FILE | --folds K | --split-at N] [--positive V] [--json]
  npm run cli -- churn survival --file F --time COL --event COL --event-value V [--tau T] [--json]
    both: [--headerless] (columns col1, col2, ... or their 1-based numbers) [--sep ","]`;

export class ChurnCliError extends Error {}

const options = {
  file: { type: 'string' },
  target: { type: 'string' },
  test: { type: 'string' },
  folds: { type: 'string' },
  'split-at': { type: 'string' },
  positive: { type: 'string' },
  numeric: { type: 'string' },
  categorical: { type: 'string' },
  ignore: { type: 'string' },
  seed: { type: 'string' },
  time: { type: 'string' },
  event: { type: 'string' },
  'event-value': { type: 'string' },
  tau: { type: 'string' },
  headerless: { type: 'boolean' },
  sep: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseChurnArgs>['values'];

export function parseChurnArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    throw new ChurnCliError(`${(e as Error).message}\nusage:\n${CHURN_USAGE}`);
  }
}

/** Relative paths are taken from where `npm run cli` was typed (npm runs the script inside apps/server). */
const resolveInput = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

async function readTable(file: string, csv: CsvOptions): Promise<Table> {
  let text: string;
  try {
    text = await readFile(resolveInput(file), 'utf8');
  } catch (e) {
    throw new ChurnCliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!text.trim()) throw new ChurnCliError(`${file}: empty file`);
  try {
    return parseCsv(text, csv);
  } catch (e) {
    throw e instanceof DatasetError ? new ChurnCliError(`${file}: ${e.message}`) : e;
  }
}

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()) : undefined);

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new ChurnCliError(`--${name}: a positive whole number, not "${v}"`);
  return n;
}

/** Reads the file(s) and evaluates both learners exactly as `churn evaluate` does. */
export async function runChurnEvaluate(values: Values): Promise<EvaluationReport> {
  if (!values.file || !values.target) throw new ChurnCliError(`--file and --target are required\n${CHURN_USAGE}`);
  const csv: CsvOptions = { header: !values.headerless, separator: values.sep };
  const schema: SchemaOptions = {
    target: values.target,
    positive: values.positive,
    numeric: list(values.numeric),
    categorical: list(values.categorical),
    ignore: list(values.ignore),
  };
  const modes = [values.test, values.folds, values['split-at']].filter((v) => v !== undefined).length;
  if (modes > 1) throw new ChurnCliError('give one of --test, --folds or --split-at');
  const table = await readTable(values.file, csv);
  const seed = positiveInt('seed', values.seed);
  try {
    if (values.test !== undefined)
      return evaluateHoldout({ train: table, test: await readTable(values.test, csv), schema });
    const splitAt = positiveInt('split-at', values['split-at']);
    if (splitAt !== undefined) {
      if (splitAt >= table.rows.length)
        throw new ChurnCliError(`--split-at ${splitAt}: the file has only ${table.rows.length} rows`);
      return evaluateHoldout({ train: sliceTable(table, 0, splitAt), test: sliceTable(table, splitAt), schema });
    }
    const folds = positiveInt('folds', values.folds) ?? 5;
    if (folds < 2) throw new ChurnCliError('--folds: at least 2');
    return evaluateFolds({ table, folds, schema, seed });
  } catch (e) {
    throw e instanceof DatasetError ? new ChurnCliError(e.message) : e;
  }
}

/** Reads the file and computes the Kaplan-Meier summary exactly as `churn survival` does. */
export async function runChurnSurvival(values: Values) {
  if (!values.file || !values.time || !values.event || values['event-value'] === undefined)
    throw new ChurnCliError(`--file, --time, --event and --event-value are required\n${CHURN_USAGE}`);
  const table = await readTable(values.file, { header: !values.headerless, separator: values.sep });
  const col = (name: string) => {
    const i = table.columns.indexOf(name);
    const n = /^\d+$/.test(name) ? Number(name) - 1 : -1;
    if (i >= 0) return i;
    if (n >= 0 && n < table.columns.length) return n;
    throw new ChurnCliError(`column "${name}" not found; columns: ${table.columns.join(', ')}`);
  };
  const t = col(values.time);
  const e = col(values.event);
  const wanted = values['event-value'].trim().replace(/\.$/, '').toLowerCase();
  const time = table.rows.map((r, i) => {
    const v = Number(r[t]);
    if (r[t] === '' || !Number.isFinite(v) || v < 0)
      throw new ChurnCliError(`column "${table.columns[t]}" is a time but row ${i + 1} has "${r[t]}"`);
    return v;
  });
  const event = table.rows.map((r) => (r[e].trim().replace(/\.$/, '').toLowerCase() === wanted ? 1 : 0));
  if (!event.some(Boolean))
    throw new ChurnCliError(`column "${table.columns[e]}" never has the event value "${values['event-value']}"`);
  let tau: number | undefined;
  if (values.tau !== undefined) {
    tau = Number(values.tau);
    if (!Number.isFinite(tau) || tau <= 0) throw new ChurnCliError(`--tau: a positive number, not "${values.tau}"`);
  }
  const s = survivalSummary({ time, event }, tau);
  return { n: s.n, events: s.events, times: s.times, survival: s.survival, median: s.median, rmst: s.rmst, tau: s.tau };
}

const fmt = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '-');

/** Runs `churn <evaluate|survival>`; returns the exit code. */
export async function churnCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseChurnArgs(argv);
  const [sub, extra] = positionals;
  if (extra !== undefined) throw new ChurnCliError(`unexpected argument: ${extra}\nusage:\n${CHURN_USAGE}`);
  if (sub === 'evaluate') {
    const report = await runChurnEvaluate(values);
    if (values.json) console.log(JSON.stringify(report));
    else {
      console.log(`${report.rows} rows scored, ${report.positives} positive`);
      console.log('learner    AUC    PR-AUC  lift@10%  seconds');
      for (const l of report.learners)
        console.log(
          `${l.name.padEnd(9)}  ${fmt(l.auc)}  ${fmt(l.prAuc)}   ${fmt(l.lift10, 2).padStart(6)}  ${fmt(l.seconds, 2).padStart(7)}`,
        );
    }
    return 0;
  }
  if (sub === 'survival') {
    const s = await runChurnSurvival(values);
    if (values.json) {
      const { tau: _tau, ...out } = s;
      console.log(JSON.stringify(out));
    } else {
      console.log(`${s.n} subjects, ${s.events} events`);
      console.log(`median survival ${s.median ?? 'not reached'}; restricted mean up to ${s.tau}: ${fmt(s.rmst)}`);
    }
    return 0;
  }
  throw new ChurnCliError(`usage:\n${CHURN_USAGE}`);
}
