// The demo operator carries story S5's two evaluations (rejected, then approved) and quotes waiting for approval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { createTestDb } from '../../test/test-db';
import { loadDemoOperator } from './demo.service';

let db: DbHandle;
type Row = Record<string, unknown>;
async function rows(handle: DbHandle, text: string): Promise<Row[]> {
  if (handle.pool) return (await handle.pool.query(text)).rows;
  if (handle.pglite) return (await handle.pglite.query<Row>(text)).rows;
  return [];
}

beforeAll(async () => {
  db = await createTestDb();
  await loadDemoOperator({ handle: db, customers: 300, progress: false, now: new Date('2025-06-15T04:00:00Z') });
}, 120_000);
afterAll(() => db.close());

describe('demo investments', () => {
  it('has S5 evaluated twice: version 1 rejected, version 2 approved with about 100,000 yuan surplus', async () => {
    const evals = await rows(
      db,
      'select version, status, surplus_fen::int as surplus, rule_passes from investment_evaluations order by version',
    );
    expect(evals.map((e) => [e.version, e.status, e.rule_passes])).toEqual([
      [1, 'rejected', false],
      [2, 'approved', true],
    ]);
    expect(Math.abs(Number(evals[1].surplus) - 10_090_000)).toBeLessThan(100_000);
  });

  it('has 20% quotes of am1 waiting for the province manager', async () => {
    const pending = await rows(
      db,
      `select d.discount_bp, u.username from discount_requests d join users u on u.id = d.approver_id where d.status = 'pending' and d.solution_option_item_id is null`,
    );
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((p) => p.discount_bp === 2000 && p.username === 'pmanager1')).toBe(true);
  });
});
