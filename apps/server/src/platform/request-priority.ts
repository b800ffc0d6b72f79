import type { Server } from 'node:http';

/**
 * Interactive requests before background work on the embedded database (ADR 0022). PGlite runs every statement on
 * the event loop, one at a time, and resolves it without a macrotask in between: a job issuing statement after
 * statement keeps the loop in promise callbacks, so sockets are not even read until the job ends. The job worker's
 * database (db/background.ts) therefore waits for a turn of the event loop before each statement and, outside
 * transactions, until no HTTP request is in flight (at most `maxWaitMs`, so jobs never starve).
 */
export type RequestGate = {
  /** HTTP requests being answered that started less than `staleMs` ago (long downloads do not hold jobs back). */
  busy: (now?: number) => boolean;
  /** Resolves once no request is in flight, or after `maxWaitMs`. */
  whenIdle: () => Promise<void>;
  /** Requests counted now (for tests and metrics). */
  inFlight: () => number;
};

export function createRequestGate(opts: { maxWaitMs?: number; staleMs?: number } = {}) {
  const maxWaitMs = opts.maxWaitMs ?? 2_000;
  const staleMs = opts.staleMs ?? 10_000;
  let nextId = 0;
  const open = new Map<number, number>();
  let waiters: (() => void)[] = [];

  const busy = (now = Date.now()) => {
    for (const at of open.values()) if (now - at < staleMs) return true;
    return false;
  };
  const wake = () => {
    if (busy()) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  };

  const gate: RequestGate & {
    /** Counts one request from now until `done` is called (once; later calls are ignored). */
    begin: () => () => void;
    /** Counts the requests of an HTTP server (each until its response closes). */
    attach: (server: Server) => void;
  } = {
    busy,
    inFlight: () => open.size,
    whenIdle: async () => {
      if (!busy()) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }, maxWaitMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        waiters.push(done);
      });
    },
    begin: () => {
      const id = nextId++;
      open.set(id, Date.now());
      return () => {
        if (!open.delete(id)) return;
        wake();
      };
    },
    attach: (server) => {
      server.on('request', (_req, res) => {
        const done = gate.begin();
        res.once('close', done);
      });
    },
  };
  return gate;
}
