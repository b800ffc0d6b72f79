import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { createTestDb } from '../../test/test-db';
import { campaignResults, listCampaigns } from '../campaigns/campaigns.service';
import { todayIso } from '../ka-common/ka-common.models';
import { demoCtx } from './demo.actors';
import { seedCampaigns } from './demo.campaigns';
import { loadDemoOperator } from './demo.service';

// The demo's campaigns on a small demo operator: one finished with measured uplift, one running.
let db: DbHandle;
beforeAll(async () => {
  db = await createTestDb();
  await loadDemoOperator({ handle: db, customers: 600, progress: false });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

it('seeds a finished campaign with measured uplift and a running one', async () => {
  const now = new Date();
  await seedCampaigns({ db: db.db, now, today: todayIso(now) });
  const ctx = await demoCtx(db.db, 'marketing1');
  const { items } = await listCampaigns({ ctx, query: { limit: 10, offset: 0 } });
  expect(items.map((c) => c.stage).sort()).toEqual(['completed', 'execution']);
  const finished = items.find((c) => c.stage === 'completed');
  const r = await campaignResults({ ctx, id: finished?.id ?? 0 });
  expect(r.control).toBeGreaterThan(0);
  expect(r.contacted).toBe(r.target);
  expect(r.convertedTarget).toBeGreaterThan(0);
  expect(r.uplift).toBeGreaterThan(0);
});
