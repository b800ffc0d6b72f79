import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openPostgres } from './client';
import type { SlowQuery } from './slow-query';

// The slow-query watch wraps node-postgres connections: it runs on PostgreSQL only (TEST_DATABASE_URL).
const url = process.env.TEST_DATABASE_URL;
const seen: SlowQuery[] = [];
let handle: DbHandle;
beforeAll(() => {
  if (!url) return;
  handle = openPostgres(url, 2, { slowQueryMs: 20 });
  if (handle.slowQueries) handle.slowQueries.log = (entry) => seen.push(entry);
});
afterAll(async () => {
  await handle?.close();
});

describe.skipIf(!url)('slow-query log on PostgreSQL', () => {
  it('logs a query above the threshold with its SQL text and duration, never its parameters', async () => {
    seen.length = 0;
    await handle.db.execute(sql`select pg_sleep(0.05), ${'13800138000'}::text as phone`);
    await handle.db.execute(sql`select 1`);
    expect(seen).toHaveLength(1);
    expect(seen[0].sql).toContain('pg_sleep(0.05), $1::text');
    expect(seen[0].sql).not.toContain('13800138000');
    expect(seen[0].durationMs).toBeGreaterThanOrEqual(45);
    expect(seen[0].failed).toBe(false);
  });

  it('times queries inside transactions and failed queries too', async () => {
    seen.length = 0;
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_sleep(0.03)`);
    });
    // Division by zero after the sleep (an aggregate, so the planner cannot fail it up front).
    await expect(handle.db.execute(sql`select 1 / (count(*) - 1) from (select pg_sleep(0.03)) s`)).rejects.toThrow();
    expect(seen.map((s) => [s.sql, s.failed])).toEqual([
      ['select pg_sleep(0.03)', false],
      ['select 1 / (count(*) - 1) from (select pg_sleep(0.03)) s', true],
    ]);
  });
});
