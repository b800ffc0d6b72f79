// Operator CLI: `npm run cli -- <command>`. Opens DATABASE_URL or the embedded database like the server does.
//
//   import <customers|contacts|accounts|products|bills> <file> [--dry-run] [--encoding auto|utf8|gbk|gb18030]
//          [--map "file header=field,..."] [--as <username>]
//   export <customers|bills> --out <file> [--format xlsx|csv] [--lang zh|en] [--as <username>] [--<filter> value ...]
//
// Exit codes: 0 done, 1 failure, 2 the dry run found errors (report written next to the file as <file>.errors.csv).
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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
} from '@crm/contracts';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config';
import { type DbHandle, openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { exportBills, exportCustomers } from '../modules/exports/exports.service';
import { runCommit, runValidation } from '../modules/imports/imports.jobs';
import {
  actorContext,
  errorReport,
  getImport,
  importLimits,
  requestCommit,
  requestDryRun,
  uploadImport,
} from '../modules/imports/imports.service';
import type { RequestCtx } from '../platform/context';
import { AppError } from '../platform/errors';

const USAGE = `usage:
  npm run cli -- import <${importEntities.join('|')}> <file> [--dry-run] [--encoding ${importEncodings.join('|')}] [--map "header=field,..."] [--as <username>]
  npm run cli -- export <customers|bills> --out <file> [--format xlsx|csv] [--lang zh|en] [--as <username>] [--category ...] [--status ...] [--search ...]`;

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function bar(label: string) {
  const b = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | {duration_formatted}`,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    progress: async (done: number, total?: number) => {
      const t = total ?? Math.max(done, 1);
      const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
      if (!running) {
        b.start(t, done, { rate });
        running = true;
      } else b.setTotal(t);
      b.update(done, { rate });
    },
    stop: () => {
      if (running) b.stop();
    },
  };
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
}): Promise<{ run: ImportRun; validateMs: number; commitMs: number }> {
  const { handle, ctx } = opts;
  const limits = importLimits(loadConfig());
  const size = (await stat(opts.file)).size;
  if (size > limits.maxBytes) throw new CliError(`file larger than IMPORT_MAX_MB (${limits.maxBytes} bytes)`);
  let run = await uploadImport({
    ctx,
    limits,
    entity: opts.entity,
    fileName: path.basename(opts.file),
    stream: createReadStream(opts.file),
  });
  if (!opts.quiet) console.log(`import #${run.id}: ${run.fileName} (${run.format}, ${run.detectedEncoding ?? 'xlsx'})`);
  await requestDryRun({ ctx, id: run.id, input: { encoding: opts.encoding, mapping: opts.mapping }, enqueue: false });
  const t0 = Date.now();
  const b1 = opts.quiet ? null : bar('dry run');
  try {
    const timing = await runValidation({ handle, runId: run.id, progress: b1?.progress ?? (async () => {}) });
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
      const report = await errorReport({ ctx, id: run.id, lang: 'zh' });
      const ws = createWriteStream(out);
      for await (const chunk of report.chunks) ws.write(chunk);
      ws.end();
      await finished(ws);
      throw new CliError(`${run.counts.errors} rows have errors; report: ${out}`, 2);
    }
    throw new CliError(`dry run ${run.status}: ${run.error ?? ''}`);
  }
  if (opts.dryRun) return { run, validateMs, commitMs: 0 };
  await requestCommit({ ctx, id: run.id, enqueue: false });
  const t1 = Date.now();
  const b2 = opts.quiet ? null : bar('commit');
  try {
    await runCommit({ handle, runId: run.id, progress: b2?.progress ?? (async () => {}) });
  } finally {
    b2?.stop();
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

function parseMapping(text: string | undefined): Record<string, string | null> | undefined {
  if (!text) return undefined;
  const out: Record<string, string | null> = {};
  for (const pair of text.split(',')) {
    const [header, field] = pair.split('=');
    if (header) out[header.trim()] = field?.trim() || null;
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      'dry-run': { type: 'boolean' },
      encoding: { type: 'string' },
      map: { type: 'string' },
      as: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [command, entity, file] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(handle);
    const ctx = await actorContext({ db: handle.db, username: String(values.as ?? 'admin') });
    if (command === 'import') {
      if (!importEntities.includes(entity as ImportEntity) || !file) throw new CliError(USAGE);
      const encoding = String(values.encoding ?? 'auto') as (typeof importEncodings)[number];
      if (!importEncodings.includes(encoding)) throw new CliError(`--encoding: one of ${importEncodings.join(', ')}`);
      if (!ctx.can('data.import')) throw new CliError(`${ctx.user.username} may not import data`);
      await importCommand({
        handle,
        ctx,
        entity: entity as ImportEntity,
        file,
        dryRun: Boolean(values['dry-run']),
        encoding,
        mapping: parseMapping(values.map as string | undefined),
      });
      return 0;
    }
    if (command === 'export') {
      if (!values.out || (entity !== 'customers' && entity !== 'bills')) throw new CliError(USAGE);
      if (!ctx.can('data.export')) throw new CliError(`${ctx.user.username} may not export data`);
      const { as: _as, out: _out, 'dry-run': _d, encoding: _e, map: _m, help: _h, ...filters } = values;
      const out = createWriteStream(String(values.out));
      const t0 = Date.now();
      if (entity === 'customers') await exportCustomers({ ctx, query: customerExportQuery.parse(filters), out });
      else await exportBills({ ctx, query: billExportQuery.parse(filters), out });
      await finished(out);
      console.log(`wrote ${values.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return 0;
    }
    throw new CliError(USAGE);
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
