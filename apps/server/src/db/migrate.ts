import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DbHandle } from './client';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies every committed drizzle-kit migration that has not run yet. Safe to call at every start. */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's migrator is typed per driver
    await migratePglite(handle.db as any, { migrationsFolder });
  } else {
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's migrator is typed per driver
    await migrateNodePg(handle.db as any, { migrationsFolder });
  }
}

/** Key of the advisory lock that serialises start-up work (migrations, first administrator) across processes. */
const STARTUP_LOCK_KEY = 727_001;

/**
 * Runs `work` while holding a PostgreSQL session advisory lock, so that N server processes started at once on M
 * hosts migrate and bootstrap one after another (the later ones find nothing left to do). On PGlite, which belongs
 * to one process, runs `work` directly.
 */
export async function withStartupLock<T>(handle: DbHandle, work: () => Promise<T>): Promise<T> {
  if (!handle.pool) return work();
  const client = await handle.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

let journalCount: number | undefined;
/** Migrations this build ships (entries of drizzle-kit's journal), read once. */
export function expectedMigrationCount(): number {
  journalCount ??= (
    JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  ).entries.length;
  return journalCount;
}

/** Migrations recorded by drizzle's migrator in this database against those this build ships (readiness). */
export async function migrationStatus(handle: DbHandle): Promise<{ applied: number; expected: number }> {
  const expected = expectedMigrationCount();
  const exists = await handle.db.execute(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`,
  );
  if (!(exists as unknown as { rows: { exists: boolean }[] }).rows[0]?.exists) return { applied: 0, expected };
  const result = await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return { applied: (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0, expected };
}
