import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { autoPrepareStatements } from './auto-prepare';
import { openReadRouter, type ReadRouter } from './read-routing';
import * as schema from './schema';
import { logSlowQueryToStderr, type SlowQueryWatch, watchSlowQueries } from './slow-query';

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
  /** Slow-query reporting of the node-postgres pool (its `log` can be pointed at the application's logger). */
  slowQueries?: SlowQueryWatch;
  /** With REPLICA_DATABASE_URL: routes analytics reads to the streaming replica (bounded staleness). */
  reads?: ReadRouter;
};

// Money and counts come back from PostgreSQL as strings for bigint/numeric; parse int8 as a JS number (safe < 2^53).
pg.types.setTypeParser(20, (v) => Number(v));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The embedded database belongs to one process: two processes writing the same data directory corrupt it. A lock
 * file (`<dataDir>.lock`) holding the owner's pid is created exclusively; a lock left by a process that no longer
 * runs is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  // Beside the directory, not in it: PGlite initialises a new database only in an empty directory.
  const file = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && alive(owner))
        throw new Error(
          `The embedded database at ${dataDir} is in use by process ${owner} (a running server or CLI). Stop it first, or use DATABASE_URL.`,
        );
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database at ${dataDir}`);
}

export async function openPglite(dataDir?: string): Promise<DbHandle> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } }).catch((e) => {
    release();
    throw e;
  });
  await client.exec("SET TIME ZONE 'Asia/Shanghai'");
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (sql) => {
      await client.exec(sql);
    },
    close: async () => {
      await client.close();
      release();
    },
    pglite: client,
  };
}

export function openPostgres(url: string, max = 10, opts: { slowQueryMs?: number } = {}): DbHandle {
  // Business time is Asia/Shanghai: set it as a connection option so date functions in SQL agree with the UI.
  const pool = new pg.Pool({ connectionString: url, max, options: '-c TimeZone=Asia/Shanghai' });
  // Only servers ask for slow-query reports (main.ts); tests, benchmarks and the CLI run unwatched.
  const slowQueries: SlowQueryWatch | undefined =
    opts.slowQueryMs === undefined ? undefined : { thresholdMs: opts.slowQueryMs, log: logSlowQueryToStderr };
  if (slowQueries) watchSlowQueries(pool, slowQueries);
  // Repeated statements are planned once per connection (PG_AUTO_PREPARE=false turns it off).
  if (process.env.PG_AUTO_PREPARE !== 'false') autoPrepareStatements(pool);
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
    slowQueries,
  };
}

export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  slowQueryMs?: number;
  /** A streaming replica of `databaseUrl` for analytics reads (PostgreSQL only). */
  replicaUrl?: string;
  replicaMaxLagMs?: number;
}): Promise<DbHandle> {
  if (!opts.databaseUrl) return openPglite(opts.dataDir);
  const handle = openPostgres(opts.databaseUrl, 10, { slowQueryMs: opts.slowQueryMs });
  if (opts.replicaUrl) attachReplica(handle, opts.replicaUrl, opts.replicaMaxLagMs ?? 10_000);
  return handle;
}

/** Adds read routing to a replica to a PostgreSQL handle; closing the handle closes the replica's pool too. */
export function attachReplica(handle: DbHandle, replicaUrl: string, maxLagMs: number, sampleMs?: number): void {
  if (!handle.pool) throw new Error('a read replica needs DATABASE_URL (PostgreSQL), not the embedded database');
  const reads = openReadRouter({
    primary: handle.pool,
    replicaUrl,
    maxLagMs,
    sampleMs,
    log: (msg) => console.error(msg),
  });
  const close = handle.close;
  handle.reads = reads;
  handle.close = async () => {
    await reads.close();
    await close();
  };
}
