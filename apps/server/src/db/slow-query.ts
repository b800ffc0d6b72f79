import type pg from 'pg';

export type SlowQuery = { sql: string; durationMs: number; failed: boolean };
/** Where slow queries go; `log` may be replaced once the application's logger exists. */
export type SlowQueryWatch = { thresholdMs: number; log: (entry: SlowQuery) => void };

const MAX_SQL_CHARS = 2_000;
const watched = new WeakSet<pg.PoolClient>();

/**
 * Times every query of the pool's connections (also inside transactions) and reports those slower than the
 * threshold with their SQL text only: parameters are left out, they may carry personal data. Streams (COPY,
 * cursors) pass through untimed.
 */
export function watchSlowQueries(pool: pg.Pool, watch: SlowQueryWatch): void {
  pool.on('connect', (client) => {
    if (watched.has(client)) return;
    watched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as { text?: unknown; submit?: unknown } | string;
      if (typeof first === 'object' && first !== null && typeof first.submit === 'function') return query(...args);
      const text = typeof first === 'string' ? first : String(first?.text ?? '');
      const started = performance.now();
      const report = (failed: boolean) => {
        const durationMs = performance.now() - started;
        if (durationMs >= watch.thresholdMs)
          watch.log({ sql: text.slice(0, MAX_SQL_CHARS), durationMs: Math.round(durationMs), failed });
      };
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === 'function') {
        args[last] = (err: unknown, res: unknown) => {
          report(Boolean(err));
          return callback(err, res);
        };
        return query(...args);
      }
      const result = query(...args) as Promise<unknown>;
      result.then(
        () => report(false),
        () => report(true),
      );
      return result;
    };
  });
}

/** The default sink before the application's logger exists: one JSON line on stderr. */
export const logSlowQueryToStderr = (entry: SlowQuery) =>
  console.warn(JSON.stringify({ level: 40, time: Date.now(), msg: 'slow query', ...entry }));
