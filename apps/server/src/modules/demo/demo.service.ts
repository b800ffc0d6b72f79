// Loads the deterministic demo operator: organisation, staff, product catalogue and N customers with 24 months of
// bills. Same seed and date -> identical data. Streams batches, so memory stays flat for a million customers.
import cliProgress from 'cli-progress';
import type { DbHandle } from '../../db/client';
import { hashPassword } from '../auth/auth.password';
import { type Batch, insertOrder } from './demo.batch';
import { type OfferingCode, offeringDefs } from './demo.catalogue';
import { generateBatches } from './demo.generator';
import { seedInvestmentDemo } from './demo.investments';
import { periodsBefore, seasonCurve, shanghaiDate } from './demo.models';
import { createOrganisation } from './demo.org';
import {
  advanceSequences,
  analyze,
  type BillWindow,
  bulkTables,
  countRows,
  dropSecondaryIndexes,
  insertBills,
  insertColumns,
  insertOfferings,
  maxIds,
  nonEmptyTables,
  openSession,
  recreateIndexes,
  type Session,
  skipForeignKeyChecks,
  truncateAll,
} from './demo.repository';
import type { DemoPlan } from './demo.state';

export { demoStoryCustomers } from './demo.stories';

export const DEMO_PASSWORD = 'demo1234';

/** Logins that every demo operator has (password demo1234). More account managers (am3 ...) and city managers exist. */
export const demoLogins = [
  { username: 'admin', description: 'group administrator (sees everything)' },
  { username: 'gmanager1', description: 'group manager (all provinces)' },
  { username: 'pmanager1', description: 'province manager, 江苏省' },
  { username: 'manager1', description: 'city manager, 南京市 (the city of am1 and am2)' },
  { username: 'manager2', description: 'city manager, 苏州市' },
  { username: 'am1', description: 'account manager, 南京市: key-account portfolio incl. stories S1, S2' },
  { username: 'am2', description: 'account manager, 南京市: key-account portfolio incl. story S3' },
  { username: 'agent1', description: 'hotline agent (10000), 江苏省: owns the demo tickets' },
  { username: 'agent2', description: 'hotline agent (10000), 浙江省' },
  { username: 'backoffice1', description: 'back-office department, 南京市: work orders, fulfilment steps' },
  { username: 'quality1', description: 'quality supervision, 江苏省' },
  { username: 'marketing1', description: 'marketing analyst (group-wide)' },
  { username: 'finance1', description: 'finance, 南京市' },
];

export type DemoProgress = (done: number, total: number) => void;

export type LoadDemoOptions = {
  handle: DbHandle;
  customers: number;
  /** true: a progress bar on the terminal; a function: called after every batch. */
  progress: boolean | DemoProgress;
  /** Months of bills, ending with the last complete month (default 24). */
  months?: number;
  seed?: number;
  /** "Now" (default: the current time); bills end with the month before it, in Asia/Shanghai. */
  now?: Date;
  /** Customers per batch (default 2,000 on PGlite, 10,000 on PostgreSQL). */
  batchSize?: number;
  /** false: keep indexes and foreign-key checks during the load (for comparison). */
  fast?: boolean;
};

export type DemoLoadResult = { counts: Record<string, number>; durationMs: number };

function progressReporter(progress: boolean | DemoProgress, total: number): { tick: DemoProgress; stop: () => void } {
  if (typeof progress === 'function') return { tick: progress, stop: () => {} };
  if (!progress) return { tick: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: '  customers [{bar}] {percentage}% | {value}/{total} | {duration_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: (done) => bar.update(done), stop: () => bar.stop() };
}

async function insertBatch(s: Session, batch: Batch, window: BillWindow): Promise<void> {
  for (const table of insertOrder) await insertColumns(s, table, batch[table]);
  await insertBills(s, batch.bill_params, window);
}

/** The billing window: periods, their seasonal factor and the issue time of each bill (the 1st of the next month). */
function billWindow(periods: DemoPlan['periods'], seed: number): BillWindow {
  return {
    periods: periods.map((p) => p.period),
    season: periods.map((p) => seasonCurve[p.monthOfYear - 1]),
    issuedAt: periods.map((p) => {
      const [y, m] = p.period.split('-').map(Number);
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      return `${next}-01T02:00:00+08:00`;
    }),
    seed,
  };
}

/**
 * Loads the demo operator into an empty database, in one transaction (a failed or interrupted load leaves nothing
 * behind), then runs ANALYZE. Throws when the database already holds data.
 */
export async function loadDemoOperator(opts: LoadDemoOptions): Promise<DemoLoadResult> {
  const started = Date.now();
  const seed = opts.seed ?? 1;
  const months = opts.months ?? 24;
  if (!Number.isInteger(opts.customers) || opts.customers < 10) throw new Error('customers must be an integer >= 10');
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new Error('months must be 1..120');
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? (opts.handle.kind === 'postgres' ? 10_000 : 2_000);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const s = await openSession(opts.handle);
  const reporter = progressReporter(opts.progress, opts.customers);
  try {
    const existing = await nonEmptyTables(s);
    if (existing.length) {
      throw new Error(`the database is not empty (rows in ${existing.join(', ')})`);
    }
    await s.query('BEGIN');
    if (opts.fast !== false) await skipForeignKeyChecks(s, bulkTables);
    const indexes = opts.fast !== false ? await dropSecondaryIndexes(s, bulkTables) : [];
    const base = await maxIds(s);
    const org = await createOrganisation(s, { customers: opts.customers, seed, passwordHash });
    const offeringRows = await insertOfferings(
      s,
      offeringDefs.map((o) => ({ ...o, monthlyFen: o.monthlyYuan * 100 })),
    );
    const offerings = {} as DemoPlan['offerings'];
    for (const o of offeringDefs) {
      const row = offeringRows.find((r) => r.code === o.code);
      if (!row) throw new Error(`offering ${o.code} missing`);
      offerings[o.code as OfferingCode] = { id: row.id, fen: o.monthlyYuan * 100 };
    }
    const periods = periodsBefore(now, months);
    const plan: DemoPlan = {
      seed,
      customers: opts.customers,
      months,
      today: shanghaiDate(now),
      periods,
      cities: org.cities,
      agentIds: org.agentIds,
      offerings,
      users: org.users,
      base: { party: base.parties, customer: base.customers, account: base.billing_accounts, contract: base.contracts },
    };
    const window = billWindow(periods, seed);
    let done = 0;
    let pending: Promise<void> | null = null;
    // While the database inserts one batch, the next one is generated (on PostgreSQL the two run in parallel).
    for (const batch of generateBatches(plan, batchSize)) {
      if (pending) await pending;
      pending = insertBatch(s, batch, window).then(() => {
        done += batch.customerCount;
        reporter.tick(done, opts.customers);
      });
      pending.catch(() => {});
    }
    if (pending) await pending;
    await seedInvestmentDemo(s, { users: org.users, now });
    await recreateIndexes(s, indexes);
    await advanceSequences(s);
    await s.query('COMMIT');
    reporter.stop();
    await analyze(s);
    const counts = await countRows(s);
    return { counts, durationMs: Date.now() - started };
  } catch (err) {
    reporter.stop();
    await s.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await s.release();
  }
}

/** Empties every application table (the seed CLI's --reset). */
export async function resetDatabase(handle: DbHandle): Promise<void> {
  const s = await openSession(handle);
  try {
    await truncateAll(s);
  } finally {
    await s.release();
  }
}

/** Names of the core tables (org units, users, customers, bills ...) that hold rows. */
export async function nonEmptyDemoTables(handle: DbHandle): Promise<string[]> {
  const s = await openSession(handle);
  try {
    return await nonEmptyTables(s);
  } finally {
    await s.release();
  }
}
