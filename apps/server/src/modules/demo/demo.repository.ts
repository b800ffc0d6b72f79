// SQL of the demo-operator loader. It is a bulk loader (like an import), so it writes straight into the tables
// of the org, customers, billing, products and interactions modules, set-based: every batch is a handful of
// `INSERT ... SELECT FROM unnest($1::int[], ...)` statements, and the monthly bills are expanded on the server.
import type pg from 'pg';
import type { DbHandle } from '../../db/client';
import { type Columns, type DemoTable, tableColumns } from './demo.batch';

/** One connection for the whole load (a transaction spans many statements). */
export type Session = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  release(): Promise<void>;
};

export async function openSession(handle: DbHandle): Promise<Session> {
  if (handle.pool) {
    // (The pool sets the session time zone on connect; the loader's SQL names Asia/Shanghai explicitly anyway.)
    const client: pg.PoolClient = await handle.pool.connect();
    return {
      query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
      release: async () => client.release(),
    };
  }
  const db = handle.pglite;
  if (!db) throw new Error('database handle has neither a pool nor PGlite');
  return {
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    release: async () => {},
  };
}

const shanghaiTs = (col: string) => `((${col}) + time '09:00') at time zone 'Asia/Shanghai'`;

/** Columns computed on the server from the unnest columns (audit-style timestamps follow the business dates). */
const derived: Partial<Record<DemoTable, Record<string, string>>> = {
  parties: { created_at: shanghaiTs('u._created'), updated_at: shanghaiTs('u._created') },
  customers: { created_at: shanghaiTs('u._created'), updated_at: shanghaiTs('u._created') },
  contacts: { created_at: shanghaiTs('u._created'), updated_at: shanghaiTs('u._created') },
  billing_accounts: { created_at: shanghaiTs('u._created'), updated_at: shanghaiTs('u._created') },
  product_instances: { created_at: shanghaiTs('u.start_date'), updated_at: shanghaiTs('u.start_date') },
  contracts: { created_at: shanghaiTs('u.start_date'), updated_at: shanghaiTs('u.start_date') },
  interactions: { created_at: 'u.occurred_at' },
};

const insertSqlCache = new Map<DemoTable, string>();

function insertSql(table: DemoTable): string {
  const cached = insertSqlCache.get(table);
  if (cached) return cached;
  const types = tableColumns[table] as Record<string, string>;
  const names = Object.keys(types);
  const real = names.filter((n) => !n.startsWith('_'));
  const extra = derived[table] ?? {};
  const unnest = names.map((n, i) => `$${i + 1}::${types[n]}[]`).join(', ');
  const text =
    `INSERT INTO ${table} (${[...real, ...Object.keys(extra)].join(', ')})` +
    `${'id' in types ? ' OVERRIDING SYSTEM VALUE' : ''} ` +
    `SELECT ${[...real.map((n) => `u.${n}`), ...Object.values(extra)].join(', ')} ` +
    `FROM unnest(${unnest}) AS u(${names.join(', ')})`;
  insertSqlCache.set(table, text);
  return text;
}

/** Inserts one batch of one table (nothing when the batch has no rows of it). */
export async function insertColumns(s: Session, table: DemoTable, cols: Columns<(typeof tableColumns)[DemoTable]>) {
  if (cols.length === 0) return;
  const data = cols.data as Record<string, unknown[]>;
  await s.query(
    insertSql(table),
    Object.keys(tableColumns[table]).map((n) => data[n]),
  );
}

export type BillWindow = {
  periods: string[];
  /** Seasonal deviation (per mille) of each period. */
  season: number[];
  /** When each period's bill was issued. */
  issuedAt: string[];
  seed: number;
};

const billParamNames = Object.keys(tableColumns.bill_params);

/**
 * Expands per-account parameters into monthly bills on the server, with integer arithmetic only and noise from
 * `hashint8extended(account, month, seed)`, so the result is deterministic and identical on PGlite and PostgreSQL:
 * level x trend (linear growth, steep drop) x (season + noise); the usage split into five categories with their own
 * jitter, rental on top; total = sum of the categories; bills from `arrears_from` on unpaid.
 */
// "OFFSET 0" keeps every level a separate subquery: flattened, each reference to a computed column would
// evaluate its whole expression again (the hash and the trend several times per bill).
const billsSql = `
WITH p AS (
  SELECT * FROM unnest(${billParamNames.map((n, i) => `$${i + 1}::${(tableColumns.bill_params as Record<string, string>)[n]}[]`).join(', ')})
    AS p(${billParamNames.join(', ')})
), w AS (
  SELECT (ord - 1)::int AS m, period, season, issued_at
  FROM unnest($19::text[], $20::int[], $21::timestamptz[]) WITH ORDINALITY AS w(period, season, issued_at, ord)
), g AS (
  SELECT p.account_id, p.customer_id, w.m, w.period, w.issued_at, p.arrears_from, p.usage_fen, p.rental_fen,
    p.s_local, p.s_ld, p.s_intl, p.s_data, p.s_va, p.noise_amp, p.gap_pm,
    greatest(200, 1000 + p.growth_pm * (w.m - $23::int))::bigint
      * (CASE WHEN w.m >= p.drop_from THEN greatest(150, 1000 - p.drop_pm * (w.m - p.drop_from + 1)) ELSE 1000 END)
      / 1000 AS fac,
    w.season * p.season_amp / 1000 AS seas,
    hashint8extended(p.account_id::bigint * 1000 + w.m, $22::bigint) AS h
  FROM p JOIN w ON w.m BETWEEN p.start_m AND p.end_m
  OFFSET 0
), x AS (
  SELECT account_id, customer_id, m, period, issued_at, arrears_from, s_local, s_ld, s_intl, s_data, s_va, h,
    usage_fen * fac / 1000 * (1000 + seas + ((h & 2047) - 1024) * noise_amp / 1024) / 1000 AS u,
    rental_fen * fac / 1000 AS rent
  FROM g
  WHERE gap_pm = 0 OR ((h >> 11) & 1023) >= gap_pm
  OFFSET 0
), y AS (
  SELECT account_id, customer_id, period, issued_at, m, arrears_from, rent,
    u * s_local * (872 + ((h >> 21) & 255)) / 1000000 AS lv,
    u * s_ld * (872 + ((h >> 29) & 255)) / 1000000 AS ld,
    u * s_intl * (872 + ((h >> 37) & 255)) / 1000000 AS intl,
    u * s_data * (872 + ((h >> 45) & 255)) / 1000000 AS dat,
    u * s_va * (872 + ((h >> 53) & 255)) / 1000000 AS va
  FROM x
  OFFSET 0
)
INSERT INTO bills (account_id, customer_id, period, local_voice_fen, long_distance_fen, international_fen, data_fen,
  value_added_fen, rental_fen, total_fen, paid_fen, arrears_fen, created_at)
SELECT account_id, customer_id, period, lv, ld, intl, dat, va, rent, lv + ld + intl + dat + va + rent,
  CASE WHEN m >= arrears_from THEN 0 ELSE lv + ld + intl + dat + va + rent END,
  CASE WHEN m >= arrears_from THEN lv + ld + intl + dat + va + rent ELSE 0 END, issued_at
FROM y`;

export async function insertBills(s: Session, params: Columns<typeof tableColumns.bill_params>, w: BillWindow) {
  if (params.length === 0) return;
  const data = params.data as Record<string, unknown[]>;
  await s.query(billsSql, [
    ...billParamNames.map((n) => data[n]),
    w.periods,
    w.season,
    w.issuedAt,
    w.seed,
    w.periods.length - 1,
  ]);
}

/** Inserts an org unit and sets its materialised path ("/1/3/7/") in the same statement. */
export async function insertOrgUnit(
  s: Session,
  u: { parentId: number | null; parentPath: string; level: string; code: string; name: string; nameEn: string },
): Promise<{ id: number; path: string }> {
  const [row] = await s.query<{ id: number; path: string }>(
    `INSERT INTO org_units (id, parent_id, level, code, name, name_en, path) OVERRIDING SYSTEM VALUE
     SELECT n, $1::int, $2, $3, $4, $5, $6::text || n || '/' FROM (SELECT nextval(pg_get_serial_sequence('org_units', 'id'))::int AS n) s
     RETURNING id, path`,
    [u.parentId, u.level, u.code, u.name, u.nameEn, u.parentPath],
  );
  return row;
}

export type UserInsert = { username: string; displayName: string; role: string; orgUnitId: number; phone: string };

export async function insertUsers(s: Session, rows: UserInsert[], passwordHash: string) {
  return s.query<{ id: number; username: string }>(
    `INSERT INTO users (username, display_name, role, org_unit_id, password_hash, phone, email)
     SELECT u.username, u.display_name, u.role, u.org_unit_id, $6, u.phone, u.username || '@demo-telecom.cn'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) AS u(username, display_name, role, org_unit_id, phone)
     RETURNING id, username`,
    [
      rows.map((r) => r.username),
      rows.map((r) => r.displayName),
      rows.map((r) => r.role),
      rows.map((r) => r.orgUnitId),
      rows.map((r) => r.phone),
      passwordHash,
    ],
  );
}

export async function insertOfferings(
  s: Session,
  rows: { code: string; nameZh: string; nameEn: string; family: string; monthlyFen: number }[],
) {
  return s.query<{ id: number; code: string }>(
    `INSERT INTO product_offerings (code, name_zh, name_en, family, default_monthly_fen)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
     ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh
     RETURNING id, code`,
    [
      rows.map((r) => r.code),
      rows.map((r) => r.nameZh),
      rows.map((r) => r.nameEn),
      rows.map((r) => r.family),
      rows.map((r) => r.monthlyFen),
    ],
  );
}

/** Tables whose ids the loader assigns itself (then moves the identity sequence past them). */
const explicitIdTables = ['parties', 'customers', 'billing_accounts', 'contracts'] as const;

export async function maxIds(s: Session) {
  const [row] = await s.query<Record<(typeof explicitIdTables)[number], number>>(
    `SELECT ${explicitIdTables.map((t) => `(SELECT coalesce(max(id), 0)::int FROM ${t}) AS ${t}`).join(', ')}`,
  );
  return row;
}

export async function advanceSequences(s: Session) {
  for (const t of explicitIdTables) {
    await s.query(
      `SELECT setval(pg_get_serial_sequence('${t}', 'id'), greatest((SELECT max(id) FROM ${t}), 1), (SELECT count(*) > 0 FROM ${t}))`,
    );
  }
}

/** Every table of the application schema (not the migrations bookkeeping). */
async function appTables(s: Session): Promise<string[]> {
  const rows = await s.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return rows.map((r) => r.name);
}

/** Tables that must be empty before a load (other tables may hold rows seeded by migrations, e.g. rule sets). */
const coreTables = ['org_units', 'users', 'parties', 'customers', 'billing_accounts', 'bills'];

/** Names of the core tables that hold rows. */
export async function nonEmptyTables(s: Session): Promise<string[]> {
  const out: string[] = [];
  for (const t of coreTables) {
    const [row] = await s.query<{ any: boolean }>(`SELECT exists (SELECT 1 FROM ${t}) AS any`);
    if (row.any) out.push(t);
  }
  return out;
}

export async function truncateAll(s: Session): Promise<void> {
  const tables = await appTables(s);
  if (tables.length) await s.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * Drops the secondary indexes (not primary keys) of the bulk-loaded tables and returns their definitions: building
 * an index once over the loaded rows is much cheaper than maintaining it row by row. Runs inside the load
 * transaction, so a failure restores them; `recreateIndexes` builds them again from the captured definitions.
 */
export async function dropSecondaryIndexes(s: Session, tables: readonly string[]): Promise<string[]> {
  const rows = await s.query<{ name: string; def: string }>(
    `SELECT quote_ident(i.indexname) AS name, i.indexdef AS def
     FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = 'public'::regnamespace)
     ORDER BY i.tablename, i.indexname`,
    [tables],
  );
  for (const r of rows) await s.query(`DROP INDEX ${r.name}`);
  return rows.map((r) => r.def);
}

export async function recreateIndexes(s: Session, defs: string[]): Promise<void> {
  for (const def of defs) await s.query(def);
}

/**
 * Skips foreign-key triggers for this transaction when allowed (superuser, always on embedded PGlite) and when the
 * bulk tables have no triggers of their own (replica mode would skip those too): the loader's references are right
 * by construction, and the row-by-row checks cost a third of the load. Returns whether it did.
 */
export async function skipForeignKeyChecks(s: Session, tables: readonly string[]): Promise<boolean> {
  const [row] = await s.query<{ su: boolean; triggers: number }>(
    `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su,
            (SELECT count(*)::int FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1::text[])) AS triggers`,
    [tables],
  );
  if (!row?.su || row.triggers > 0) return false;
  await s.query("SET LOCAL session_replication_role = 'replica'");
  return true;
}

export async function analyze(s: Session): Promise<void> {
  await s.query('ANALYZE');
}

/** The tables filled in bulk, batch after batch (their secondary indexes are rebuilt at the end). */
export const bulkTables = [
  'parties',
  'customers',
  'customer_shares',
  'contacts',
  'billing_accounts',
  'bills',
  'product_instances',
  'contracts',
  'contract_products',
  'interactions',
] as const;

export const loadedTables = [
  'org_units',
  'users',
  'parties',
  'customers',
  'customer_shares',
  'contacts',
  'billing_accounts',
  'bills',
  'product_offerings',
  'product_instances',
  'contracts',
  'contract_products',
  'interactions',
] as const;

export async function countRows(s: Session): Promise<Record<(typeof loadedTables)[number], number>> {
  const [row] = await s.query<Record<(typeof loadedTables)[number], number>>(
    `SELECT ${loadedTables.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
  );
  return row;
}
