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

type Built = { sql: string; params: unknown[]; name: string };
/** Statements built once: by the caller's key (which names everything that changes the SQL text). */
const statements = new Map<string, Built>();

/**
 * Runs a hot-path statement (the hotline lookup, the caller card) as a named prepared statement: on PostgreSQL each
 * pooled connection parses and plans it once and then reuses the plan, which for an indexed lookup costs several times
 * less than planning it on every call (on PGlite the name is ignored). The statement is built once per `key` (its SQL
 * text, name and constant parameters stay in memory); a call only fills its placeholders (`sql.placeholder(name)`)
 * from `values`, so nothing is rebuilt, rendered or hashed per call. `key` must name everything the built SQL depends
 * on besides the placeholders (e.g. the viewer's scope kind and org units); every other value in it is a constant of
 * the code and is written into the text.
 */
export async function executeStatement<T>(
  db: DbOrTx,
  key: string,
  build: () => SQL,
  values: Record<string, unknown>,
): Promise<T[]> {
  const { session, dialect } = db as unknown as Internals;
  let built = statements.get(key);
  if (!built) {
    // Constants (limits, status lists) are written into the text, only the placeholders stay parameters: PostgreSQL
    // then finds its generic plan as cheap as a custom one and stops planning the statement on every execution (with
    // a parameterised LIMIT it kept re-planning the caller card, 3-10 ms a call under load, against 0.5-0.8 ms).
    const query = dialect.sqlToQuery(build().inlineParams());
    built = { ...query, name: nameFor(query.sql) };
    if (statements.size > 1_000) statements.clear();
    statements.set(key, built);
  }
  const prepared = session.prepareQuery(built, undefined, built.name, false) as unknown as {
    execute: (values: Record<string, unknown>) => Promise<unknown>;
  };
  const result = await prepared.execute(values);
  return (result as { rows: T[] }).rows;
}
