// Operator CLI: `npm run cli -- <command>`. Opens DATABASE_URL or the embedded database like the server does.
//
//   import <customers|contacts|accounts|products|bills> <file> [--dry-run] [--encoding auto|utf8|gbk|gb18030]
//          [--map "file header=field,..."] [--lang zh|en] [--as <username>]
//   export <customers|bills> --out <file> [--format xlsx|csv] [--lang zh|en] [--as <username>] [--<filter> value ...]
//   churn evaluate|survival ... (no database: see ./churn.ts)
//
// Stop the server first when it runs on the embedded database (DATA_DIR): PGlite is single-process, and two processes
// writing one data directory corrupt it.
//
// Exit codes: 0 done, 1 failure, 2 the dry run found errors (report written next to the file as <file>.errors.csv).
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import {
  billExportQuery,
  customerExportQuery,
  type ImportEntity,
  type ImportRun,
  importEncodings,
  importEntities,
  importFields,
  importReasonZh,
} from '@crm/contracts';
import { ZodError, type z } from 'zod';
import { loadConfig } from '../config';
import { type DbHandle, openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { exportBills, exportCustomers } from '../modules/exports/exports.service';
import { runCommit, runValidation, settleRun } from '../modules/imports/imports.jobs';
import {
  actorContext,
  errorReport,
  getImport,
  importLimits,
  listImportErrors,
  requestCommit,
  requestDryRun,
  uploadImport,
} from '../modules/imports/imports.service';
import type { RequestCtx } from '../platform/context';
import { AppError } from '../platform/errors';
import { CHURN_USAGE, ChurnCliError, churnCommand } from './churn';
import { progressBar } from './progress';
import { runSurveysCli, SurveyCliError } from './surveys';

/** Export filters: the query parameters of GET /api/customers/export and /api/bills/export, as `--name value`. */
const filterKeys = (schema: z.ZodObject) => Object.keys(schema.shape).filter((k) => k !== 'format' && k !== 'lang');
const exportFilters = { customers: filterKeys(customerExportQuery), bills: filterKeys(billExportQuery) };

const USAGE = `usage:
  npm run cli -- import <${importEntities.join('|')}> <file> [--dry-run] [--encoding ${importEncodings.join('|')}] [--map "header=field,..."] [--lang zh|en] [--as <username>]
  npm run cli -- export <customers|bills> --out <file> [--format xlsx|csv] [--lang zh|en] [--as <username>] [filters]
    customer filters: ${exportFilters.customers.map((k) => `--${k}`).join(' ')}
    bill filters:     ${exportFilters.bills.map((k) => `--${k}`).join(' ')}
${CHURN_USAGE}
  npm run cli -- surveys <pls|nps> ... (survey analytics on a CSV file; see src/cli/surveys.ts)
exit codes: 0 done, 1 failure, 2 the dry run found errors (row report written next to the file)`;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const rate = (rows: number, ms: number) => Math.round(rows / Math.max(0.001, ms / 1000));

function printCounts(run: ImportRun) {
  const c = run.counts;
  console.log(
    `rows ${c.rows}: ${c.inserts} to insert, ${c.updates} to update, ${c.unchanged} unchanged, ${c.errors} with errors`,
  );
}

/** Imports a file through the same service and job code as the web UI (COPY on PostgreSQL). */
export async function importCommand(opts: {
  handle: DbHandle;
  ctx: RequestCtx;
  entity: ImportEntity;
  file: string;
  dryRun: boolean;
  encoding: (typeof importEncodings)[number];
  mapping?: Record<string, string | null>;
  quiet?: boolean;
  /** Language of the row report and of the reasons printed in the terminal (default zh). */
  lang?: 'zh' | 'en';
}): Promise<{ run: ImportRun; validateMs: number; commitMs: number }> {
  const { handle, ctx } = opts;
  const limits = importLimits(loadConfig());
  const size = await fileSize(opts.file);
  if (size > limits.maxBytes) throw new CliError(`file larger than IMPORT_MAX_MB (${limits.maxBytes} bytes)`);
  let run = await uploadImport({
    ctx,
    limits,
    entity: opts.entity,
    fileName: path.basename(opts.file),
    stream: createReadStream(opts.file),
  });
  if (!opts.quiet) {
    const encoding = run.format === 'csv' ? `, ${run.detectedEncoding}` : '';
    console.log(`import #${run.id}: ${run.fileName} (${run.format}${encoding})`);
  }
  try {
    await requestDryRun({ ctx, id: run.id, input: { encoding: opts.encoding, mapping: opts.mapping }, enqueue: false });
  } catch (e) {
    if (e instanceof AppError && e.code === 'imports.bad_mapping') throw new CliError(mappingHelp(run, e.message));
    throw e;
  }
  const t0 = Date.now();
  const b1 = opts.quiet ? null : progressBar('dry run');
  try {
    // As in the job: a failure marks the run failed instead of leaving it "validating".
    const timing = await settleRun(handle, run.id, true, () =>
      runValidation({ handle, runId: run.id, progress: b1?.progress ?? (async () => {}) }),
    );
    if (process.env.CRM_IMPORT_TIMING) console.log('\n', timing);
  } finally {
    b1?.stop();
  }
  const validateMs = Date.now() - t0;
  run = await getImport({ ctx, id: run.id });
  if (!opts.quiet) printCounts(run);
  if (run.status !== 'validated') {
    if (run.status === 'invalid') {
      const out = `${opts.file}.errors.csv`;
      const report = await errorReport({ ctx, id: run.id, lang: opts.lang ?? 'zh' });
      const ws = createWriteStream(out);
      for await (const chunk of report.chunks) ws.write(chunk);
      ws.end();
      await finished(ws);
      if (!opts.quiet) await printErrors(ctx, run, opts.lang ?? 'zh');
      throw new CliError(`${run.counts.errors} rows have errors, nothing was imported; report: ${out}`, 2);
    }
    throw new CliError(`dry run ${run.status}: ${run.error ?? ''}`);
  }
  if (opts.dryRun) {
    if (!opts.quiet)
      console.log(`dry run only: nothing was imported (import #${run.id} can be committed in the web UI)`);
    return { run, validateMs, commitMs: 0 };
  }
  await requestCommit({ ctx, id: run.id, enqueue: false });
  const t1 = Date.now();
  const b2 = opts.quiet ? null : progressBar('commit');
  let committed = false;
  try {
    await settleRun(handle, run.id, true, () =>
      runCommit({ handle, runId: run.id, progress: b2?.progress ?? (async () => {}) }),
    );
    committed = true;
  } finally {
    // Customers, contacts, accounts and products commit in one transaction: show the bar complete at the end.
    b2?.stop(committed ? run.counts.rows : undefined);
  }
  const commitMs = Date.now() - t1;
  run = await getImport({ ctx, id: run.id });
  if (run.status !== 'committed') throw new CliError(`commit ${run.status}: ${run.error ?? ''}`);
  if (!opts.quiet)
    console.log(
      `committed ${run.committedRows} rows (dry run ${rate(run.counts.rows, validateMs)} rows/s, commit ${rate(run.committedRows, commitMs)} rows/s)`,
    );
  return { run, validateMs, commitMs };
}

async function fileSize(file: string): Promise<number> {
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new CliError(`not a file: ${file}`);
    return st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The rejected mapping, the file's columns and the fields they can be mapped to (`--map "header=field,..."`). */
function mappingHelp(run: ImportRun, problem: string): string {
  const mapped = Object.entries(run.mapping).map(([h, k]) => `  ${h} -> ${k ?? '(ignored)'}`);
  const fields = importFields[run.entity].map((f) => `${f.key}${f.required ? '*' : ''} (${f.zh})`);
  return [
    `column mapping not usable: ${problem}`,
    'columns of the file and their automatic mapping:',
    ...mapped,
    `fields (* required): ${fields.join(', ')}`,
    'map columns with --map "file header=field,other header=field"',
  ].join('\n');
}

/** The first rows with errors, in the terminal (the full report is written next to the file). */
async function printErrors(ctx: RequestCtx, run: ImportRun, lang: 'zh' | 'en', limit = 10) {
  const { items, total } = await listImportErrors({ ctx, id: run.id, limit, offset: 0 });
  const reason = lang === 'zh' ? importReasonZh : (r: string) => r;
  for (const e of items) console.log(`  row ${e.rowNo}, ${e.column ?? '-'} = "${e.value ?? ''}": ${reason(e.reason)}`);
  if (total > items.length) console.log(`  ... ${total - items.length} more in the report`);
}

function parseMapping(text: string | undefined): Record<string, string | null> | undefined {
  if (!text) return undefined;
  const out: Record<string, string | null> = {};
  for (const pair of text.split(',')) {
    const [header, field] = pair.split('=');
    if (header) out[header.trim()] = field?.trim() || null;
  }
  return out;
}

const baseOptions = {
  'dry-run': { type: 'boolean' },
  encoding: { type: 'string' },
  map: { type: 'string' },
  as: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean' },
} as const;
const filterOptions = Object.fromEntries(
  [...new Set([...exportFilters.customers, ...exportFilters.bills])].map((k) => [k, { type: 'string' as const }]),
);

export function parseCli(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...baseOptions, ...filterOptions },
    });
  } catch (e) {
    // Unknown options, or an option without its value (node:util answers ERR_PARSE_ARGS_*).
    throw new CliError(`${(e as Error).message}\n${USAGE}`);
  }
}

/** The export query from the command line; a filter of the other entity or an invalid value is an error. */
export function exportQuery<S extends typeof customerExportQuery | typeof billExportQuery>(
  entity: 'customers' | 'bills',
  schema: S,
  values: Record<string, unknown>,
): z.output<S> {
  const { as: _as, out: _out, 'dry-run': _d, encoding: _e, map: _m, help: _h, ...given } = values;
  const wrong = Object.keys(given).filter((k) => k !== 'format' && k !== 'lang' && !exportFilters[entity].includes(k));
  if (wrong.length) throw new CliError(`not a filter of ${entity} exports: ${wrong.map((k) => `--${k}`).join(', ')}`);
  try {
    return schema.parse(given) as z.output<S>;
  } catch (e) {
    if (e instanceof ZodError)
      throw new CliError(e.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
    throw e;
  }
}

/** Opens the output file (a missing folder or no permission is reported before anything is exported). */
async function openOutput(file: string): Promise<WriteStream> {
  const out = createWriteStream(file);
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', (e: NodeJS.ErrnoException) =>
      reject(new CliError(`cannot write ${file}: ${e.code ?? e.message}`)),
    );
  });
  return out;
}

async function exportCommand(opts: {
  ctx: RequestCtx;
  entity: 'customers' | 'bills';
  values: Record<string, unknown>;
}): Promise<void> {
  const { ctx, entity, values } = opts;
  const file = String(values.out);
  const query =
    entity === 'customers'
      ? exportQuery(entity, customerExportQuery, values)
      : exportQuery(entity, billExportQuery, values);
  const out = await openOutput(file);
  const t0 = Date.now();
  try {
    if (entity === 'customers')
      await exportCustomers({ ctx, query: query as z.output<typeof customerExportQuery>, out });
    else await exportBills({ ctx, query: query as z.output<typeof billExportQuery>, out });
    await finished(out);
  } catch (e) {
    out.destroy();
    await rm(file, { force: true });
    throw e;
  }
  const bytes = (await stat(file)).size;
  const size = bytes < 1048576 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
  console.log(`wrote ${file} (${size}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'surveys') {
    try {
      console.log(runSurveysCli(argv.slice(1)).output);
      return 0;
    } catch (e) {
      if (e instanceof SurveyCliError) throw new CliError(e.message);
      throw e;
    }
  }
  if (argv[0] === 'churn') {
    try {
      return await churnCommand(argv.slice(1));
    } catch (e) {
      throw e instanceof ChurnCliError ? new CliError(e.message) : e;
    }
  }
  const { values, positionals } = parseCli(argv);
  const [command, entity, file] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  if (positionals.length > 3 || (command === 'export' && positionals.length > 2))
    throw new CliError(`unexpected argument: ${positionals.slice(command === 'export' ? 2 : 3).join(' ')}\n${USAGE}`);
  const encoding = String(values.encoding ?? 'auto') as (typeof importEncodings)[number];
  if (command === 'import') {
    if (!importEntities.includes(entity as ImportEntity) || !file) throw new CliError(USAGE);
    if (!importEncodings.includes(encoding)) throw new CliError(`--encoding: one of ${importEncodings.join(', ')}`);
    if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en')
      throw new CliError('--lang: zh or en');
    await fileSize(file);
  } else if (command === 'export') {
    if (!values.out || (entity !== 'customers' && entity !== 'bills')) throw new CliError(USAGE);
  } else throw new CliError(USAGE);
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(handle);
    const ctx = await actorContext({ db: handle.db, username: String(values.as ?? 'admin') });
    if (command === 'import') {
      if (!ctx.can('data.import')) throw new CliError(`${ctx.user.username} may not import data`);
      await importCommand({
        handle,
        ctx,
        entity: entity as ImportEntity,
        file,
        dryRun: Boolean(values['dry-run']),
        encoding,
        mapping: parseMapping(values.map as string | undefined),
        lang: values.lang as 'zh' | 'en' | undefined,
      });
      return 0;
    }
    if (!ctx.can('data.export')) throw new CliError(`${ctx.user.username} may not export data`);
    await exportCommand({ ctx, entity: entity as 'customers' | 'bills', values });
    return 0;
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('cli', 'index.ts'))) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err) => {
      console.error(err instanceof CliError || err instanceof AppError ? err.message : err);
      process.exit(err instanceof CliError ? err.exitCode : 1);
    });
}
