import { createHash } from 'node:crypto';
import type pg from 'pg';

// Planning a drizzle-built statement with several joins costs PostgreSQL 1-3 ms, often more than running it: an
// endpoint that issues ten small queries (the hotline's caller card) spent most of the database's CPU planning. Named
// (prepared) statements are parsed and planned once per pooled connection and then reused; PostgreSQL still re-plans
// with the actual parameters when a generic plan would be worse, and after any schema change.

export type AutoPrepareOptions = {
  /** A statement text is prepared from its `minUses`-th execution on (one-off texts are never prepared). */
  minUses?: number;
  /** At most this many distinct texts are ever prepared (bounds each connection's prepared statements). */
  maxStatements?: number;
};

/**
 * Statement names by SQL text: texts with parameters that have run `minUses` times get a stable name derived from
 * the text. Texts beyond `maxStatements` (dynamic SQL) run unnamed, as before.
 */
export function createStatementNamer(opts: AutoPrepareOptions = {}) {
  const minUses = opts.minUses ?? 2;
  const maxStatements = opts.maxStatements ?? 2_000;
  const uses = new Map<string, number>();
  const names = new Map<string, string>();
  return (text: string): string | undefined => {
    const known = names.get(text);
    if (known) return known;
    if (!text.includes('$1') || names.size >= maxStatements) return undefined;
    const n = (uses.get(text) ?? 0) + 1;
    if (n < minUses) {
      // The counting map is bounded too: when it fills with one-off texts, it starts again.
      if (uses.size >= maxStatements * 10) uses.clear();
      uses.set(text, n);
      return undefined;
    }
    uses.delete(text);
    const name = `a_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
    return name;
  };
}

const prepared = new WeakSet<pg.PoolClient>();

/**
 * Makes every pooled connection run repeated parameterised statements as named prepared statements. Streams (COPY,
 * cursors), statements without parameters and statements that already carry a name pass through unchanged.
 */
export function autoPrepareStatements(pool: pg.Pool, opts: AutoPrepareOptions = {}): void {
  const nameFor = createStatementNamer(opts);
  pool.on('connect', (client) => {
    if (prepared.has(client)) return;
    prepared.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as { text?: unknown; name?: unknown; submit?: unknown } | string | null;
      if (first && typeof first === 'object' && typeof first.submit !== 'function' && first.name === undefined) {
        const name = typeof first.text === 'string' ? nameFor(first.text) : undefined;
        if (name) args[0] = { ...first, name };
      }
      return query(...args);
    };
  });
}
