import type { PGlite, Transaction } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Db, DbHandle } from './client';
import * as schema from './schema';

/** What background work waits for before a statement: a turn of the event loop, then (outside a transaction) idle. */
export type BackgroundGate = {
  /** Resolves when no interactive request is in flight (or after the gate's own cap). */
  whenIdle: () => Promise<void>;
};

/** One turn of the event loop: timers, sockets and their request handlers run before the next statement. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The job worker's view of an embedded (PGlite) database: the same database and data, but each statement first
 * yields a turn of the event loop and, outside a transaction, waits while interactive requests are in flight
 * (`gate.whenIdle`). Inside a transaction a statement only yields: requests wait for the transaction anyway (PGlite
 * has one connection), so waiting for them there would only stall both. On PostgreSQL the handle is returned as it
 * is (a pool of connections, the server schedules). Results do not change: only when each statement starts.
 */
export function backgroundHandle(handle: DbHandle, gate: BackgroundGate): DbHandle {
  const client = handle.pglite;
  if (handle.kind !== 'pglite' || !client) return handle;
  const gated = gatedClient(client, gate);
  const db = drizzlePglite(gated as PGlite, { schema }) as unknown as Db;
  return {
    ...handle,
    db,
    exec: async (text) => {
      await gated.exec(text);
    },
  };
}

type Client = Pick<PGlite, 'query' | 'exec' | 'transaction' | 'sql'>;
type Statements = Pick<Transaction, 'query' | 'sql' | 'exec'>;

/** `target`'s three statement methods, each awaiting `before()` first (the client and its transactions alike). */
function statementsAfter(target: Statements, before: () => Promise<void>): Statements {
  return {
    query: (async (...args: Parameters<Statements['query']>) => {
      await before();
      return target.query(...args);
    }) as Statements['query'],
    sql: (async (...args: Parameters<Statements['sql']>) => {
      await before();
      return target.sql(...args);
    }) as Statements['sql'],
    exec: async (...args: Parameters<Statements['exec']>) => {
      await before();
      return target.exec(...args);
    },
  };
}

function gatedClient(client: PGlite, gate: BackgroundGate): Client {
  const turn = async () => {
    await nextTurn();
    await gate.whenIdle();
  };
  return {
    ...(statementsAfter(client, turn) as Pick<PGlite, 'query' | 'sql' | 'exec'>),
    transaction: async <T>(fn: (tx: Transaction) => Promise<T>) => {
      await turn();
      return client.transaction((tx) => fn(yieldingTransaction(tx)));
    },
  };
}

/** A transaction whose statements each start on a new turn of the event loop (sockets are read in between). */
function yieldingTransaction(tx: Transaction): Transaction {
  return {
    ...tx,
    ...statementsAfter(tx, nextTurn),
    rollback: () => tx.rollback(),
    get closed() {
      return tx.closed;
    },
  };
}
