import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type DbHandle, openPglite, openPostgres } from '../db/client';
import { migrateDatabase, migrationsFolder } from '../db/migrate';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a scratch database on the
 * PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close).
 */
export async function createTestDb(): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openPglite();
    await migrateDatabase(handle);
    return handle;
  }
  const name = `crm_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 5);
  await migrateDatabase(handle);
  const close = handle.close;
  return {
    ...handle,
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Migrates `h` up to, but not including, the migration tagged `tag`: a database as an earlier release left it, for
 * tests of a data-fixing migration. Throws if the tag is not in the journal.
 */
export async function migrateUpTo(h: DbHandle, tag: string): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'crm-migrations-'));
  try {
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalPath = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag === tag);
    if (at <= 0) throw new Error(`migration ${tag} is not in the journal (or is the first)`);
    journal.entries = journal.entries.slice(0, at);
    writeFileSync(journalPath, JSON.stringify(journal));
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's migrator is typed per driver
    await migrate(h.db as any, { migrationsFolder: folder });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
