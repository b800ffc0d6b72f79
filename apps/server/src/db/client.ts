import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: repositories accept both. */
export type DbOrTx = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL text (several statements allowed); used by migrations and maintenance. */
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
  /** The node-postgres pool when running on PostgreSQL (COPY, bulk paths). */
  pool?: pg.Pool;
  pglite?: PGlite;
};

// Money and counts come back from PostgreSQL as strings for bigint/numeric; parse int8 as a JS number (safe < 2^53).
pg.types.setTypeParser(20, (v) => Number(v));

export async function openPglite(dataDir?: string): Promise<DbHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  await client.exec("SET TIME ZONE 'Asia/Shanghai'");
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (sql) => {
      await client.exec(sql);
    },
    close: () => client.close(),
    pglite: client,
  };
}

export function openPostgres(url: string, max = 10): DbHandle {
  // Business time is Asia/Shanghai: set it as a connection option so date functions in SQL agree with the UI.
  const pool = new pg.Pool({ connectionString: url, max, options: '-c TimeZone=Asia/Shanghai' });
  // An idle connection dropped by the server (restart, admin command) must not crash the process: the pool
  // discards it and opens a new one on the next query.
  pool.on('error', (err) => {
    console.error(`database connection lost: ${err.message}`);
  });
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
    pool,
  };
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string }): Promise<DbHandle> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
