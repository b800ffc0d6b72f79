// npm run seed -- --customers N --months M [--seed S] [--reset] [--no-grading]
// Loads the deterministic demo operator into DATABASE_URL (PostgreSQL) or the embedded database under ./data.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { gradeDemoOperator } from '../modules/demo/demo.followups';
import {
  DEMO_PASSWORD,
  demoLogins,
  demoStoryCustomers,
  loadDemoOperator,
  nonEmptyDemoTables,
  resetDatabase,
} from '../modules/demo/demo.service';

const usage = `Usage: npm run seed -- [--customers N] [--months M] [--seed S] [--batch-size B] [--reset]
  --customers   number of customers (default 20000)
  --months      months of bills, ending with the last complete month (default 24)
  --seed        PRNG seed: the same seed gives the same data (default 1)
  --batch-size  customers per batch (default 2000 embedded, 10000 PostgreSQL)
  --reset       empty every table first (otherwise a non-empty database is refused)
  --no-grading  skip grading the last 6 months after loading
Target: DATABASE_URL when set, else the embedded database (DATA_DIR, default ./data/pglite).`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
      reset: { type: 'boolean', default: false },
      'no-grading': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const customers = positiveInt('customers', values.customers, 20_000);
  const months = positiveInt('months', values.months, 24);
  const seed = positiveInt('seed', values.seed, 1);
  const batchSize = values['batch-size'] ? positiveInt('batch-size', values['batch-size'], 0) : undefined;

  const config = loadConfig();
  const target = config.databaseUrl
    ? `PostgreSQL ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}`
    : `embedded PGlite at ${config.dataDir}`;
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(handle);
    const existing = await nonEmptyDemoTables(handle);
    if (existing.length) {
      if (!values.reset) {
        console.error(`The database (${target}) is not empty: ${existing.join(', ')} hold rows.`);
        console.error('Run again with --reset to empty every table first.');
        process.exitCode = 1;
        return;
      }
      console.log(`Emptying every table of ${target} ...`);
      await resetDatabase(handle);
    }
    console.log(`Loading the demo operator into ${target}: ${customers} customers, ${months} months, seed ${seed}`);
    const result = await loadDemoOperator({ handle, customers, months, seed, batchSize, progress: true });
    console.log(`\nLoaded in ${(result.durationMs / 1000).toFixed(1)} s:`);
    for (const [table, n] of Object.entries(result.counts))
      console.log(`  ${table.padEnd(18)} ${n.toLocaleString('en')}`);
    if (!values['no-grading']) {
      console.log('\nGrading the last 6 months (value tiers, stars, ABC; skip with --no-grading) ...');
      await gradeDemoOperator({ db: handle.db, log: console.log });
    }
    console.log('\nStory customers:');
    for (const s of demoStoryCustomers) console.log(`  ${s.story} ${s.customerNo} ${s.name} (${s.accountManager})`);
    console.log(`\nLogins (password ${DEMO_PASSWORD}):`);
    for (const l of demoLogins) console.log(`  ${l.username.padEnd(12)} ${l.description}`);
    if (config.databaseUrl)
      console.log('\nThese passwords are public: do not use this data on a reachable production server.');
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
