import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client';

type Session = {
  prepareQuery: (
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: string | undefined,
    arrayMode: boolean,
  ) => { execute: () => Promise<unknown> };
};
type Internals = { session: Session; dialect: { sqlToQuery: (q: SQL) => { sql: string; params: unknown[] } } };

/** Statement names by SQL text (hashing the text on every call would cost more than the lookup in the map). */
const names = new Map<string, string>();
const nameFor = (text: string) => {
  let name = names.get(text);
  if (!name) {
    name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size > 1_000) names.clear();
    names.set(text, name);
  }
  return name;
};

/**
 * Runs a hot-path statement (the hotline lookup) as a named prepared statement: on PostgreSQL each pooled connection
 * parses and plans it once and then reuses the plan, which for an indexed lookup costs several times less than
 * planning it on every call. The name is derived from the SQL text, so statements whose text differs (another scope
 * kind) get their own name. On PGlite the name is ignored and the statement runs as usual. Returns the rows.
 */
export async function executePrepared<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const { session, dialect } = db as unknown as Internals;
  const built = dialect.sqlToQuery(query);
  const result = await session.prepareQuery(built, undefined, nameFor(built.sql), false).execute();
  return (result as { rows: T[] }).rows;
}
