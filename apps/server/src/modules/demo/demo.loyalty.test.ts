import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { createTestDb } from '../../test/test-db';
import { runGradingNow } from '../grading/grading.service';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { seedDemoLoyalty } from './demo.loyalty';
import { loadDemoOperator } from './demo.service';

// The demo loyalty club: card holders and star customers with point balances and a history, seeded once, cheaply.

let db: DbHandle;
let result: Awaited<ReturnType<typeof seedDemoLoyalty>>;
let ms = 0;
const rows = async <T>(q: ReturnType<typeof sql>) => ((await db.db.execute(q)) as unknown as { rows: T[] }).rows;
const h = () => rows<{ code: string; valid_to: string | null }>(sql`select code, valid_to::text from loyalty_rewards`);

beforeAll(async () => {
  db = await createTestDb();
  await loadDemoOperator({ handle: db, customers: 600, progress: false });
  await runGradingNow({ db: db.db, period: shiftPeriod(periodOf(todayIso()), -1) });
  const started = Date.now();
  result = await seedDemoLoyalty({ db: db.db, members: 40 });
  ms = Date.now() - started;
}, 180_000);
afterAll(async () => {
  await db?.close();
});

describe('demo loyalty club', () => {
  it('gives card holders and star customers a points history, quickly', async () => {
    expect(result).not.toBeNull();
    expect(result!.clubCards).toBeGreaterThan(0);
    expect(result!.movements).toBeGreaterThan(result!.members);
    expect(result!.redemptions).toBeGreaterThan(0);
    expect(ms).toBeLessThan(10_000);
    const kinds = await rows<{ kind: string }>(sql`select distinct kind from loyalty_ledger order by kind`);
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['adjust', 'earn_bill', 'expire', 'redeem']));
    const dated = (await h()).filter((r) => r.valid_to !== null);
    expect(dated).toHaveLength(2);
  });

  it('keeps every balance consistent with its ledger, never negative, with one audit record per movement', async () => {
    const bad = await rows<{ n: number }>(sql`select count(*)::int as n from loyalty_accounts a
      where a.balance <> coalesce((select sum(points) from loyalty_ledger l where l.customer_id = a.customer_id), 0)
         or a.balance < 0`);
    expect(bad[0].n).toBe(0);
    const negative = await rows<{ n: number }>(
      sql`select count(*)::int as n from loyalty_ledger where balance_after < 0`,
    );
    expect(negative[0].n).toBe(0);
    const running = await rows<{ n: number }>(sql`select count(*)::int as n from (
      select balance_after, sum(points) over (partition by customer_id order by id) as s from loyalty_ledger) x
      where x.s <> x.balance_after`);
    expect(running[0].n).toBe(0);
    const audited = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where entity = 'loyalty_points'`,
    );
    expect(audited[0].n).toBe(result!.movements);
    const linked = await rows<{ n: number }>(
      sql`select count(*)::int as n from loyalty_redemptions where ledger_id is null`,
    );
    expect(linked[0].n).toBe(0);
  });

  it('earns once per bill and seeds only once', async () => {
    const dup = await rows<{ n: number }>(sql`select count(*)::int as n from (
      select bill_id from loyalty_ledger where bill_id is not null group by bill_id having count(*) > 1) x`);
    expect(dup[0].n).toBe(0);
    expect(await seedDemoLoyalty({ db: db.db })).toBeNull();
  });
});
