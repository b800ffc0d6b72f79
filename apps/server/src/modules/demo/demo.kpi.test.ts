import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { seedDemoKpi } from './demo.kpi';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('seeds a year of scorecards for every AM, all but the last month confirmed, and some inspections', async () => {
  const res = await seedDemoKpi({ db: t.handle.db });
  expect(res.inspections).toBe(9);
  const rows = (
    (await t.handle.db.execute(
      sql`select status, count(*)::int as n from kpi_scorecards group by status order by status`,
    )) as unknown as { rows: { status: string; n: number }[] }
  ).rows;
  expect(rows).toEqual([
    { status: 'computed', n: 3 },
    { status: 'confirmed', n: 33 },
  ]);
});
