// The demo operator's day-to-day activity, seeded after the bulk load through the modules' own services (scope
// checks, transactions, audit records and alerts as in real use): the key-account pipeline and care, and the service
// desk. Deterministic for a given demo (fixed scripts, customers chosen by customer number); dates follow "now".
import { opportunityQuery } from '@crm/contracts';
import type { Db } from '../../db/client';
import { todayIso } from '../ka-common/ka-common.models';
import { listOpportunities } from '../opportunities/opportunities.service';
import { demoCtx, loadDemoWorld } from './demo.actors';
import { seedCampaigns } from './demo.campaigns';
import { seedAccountPlans, seedClub, seedPriceReviews } from './demo.care';
import { seedServiceDesk } from './demo.desk';
import { seedKnowledgeBase } from './demo.kb';
import { seedPipeline } from './demo.pipeline';

export type DemoActivitySummary = {
  opportunities: number;
  priceReviews: number;
  clubEvents: number;
  accountPlans: number;
  kbArticles: number;
  tickets: number;
  workOrders: number;
  commitments: number;
};

/**
 * Seeds the activity of a freshly loaded demo operator (needs its story customers and staff). Every step is one use
 * case of a module, in its own transaction, as in real use. Does nothing (returns null) when the operator already has
 * opportunities, so a second call never duplicates it.
 */
export async function seedDemoActivity(opts: { db: Db; now?: Date }): Promise<DemoActivitySummary | null> {
  const { db } = opts;
  const now = opts.now ?? new Date();
  const admin = await demoCtx(db, 'admin');
  const count = async () =>
    (await listOpportunities({ ctx: admin, query: opportunityQuery.parse({ limit: 1 }) })).total;
  if ((await count()) > 0) return null;
  const w = await loadDemoWorld(db, now, todayIso(now));
  const pipeline = await seedPipeline(w);
  const priceReviews = await seedPriceReviews(w);
  const clubEvents = await seedClub(w, pipeline);
  const accountPlans = await seedAccountPlans(w);
  const kbArticles = await seedKnowledgeBase({ ctx: w.staff.quality1, today: w.today });
  const desk = await seedServiceDesk(w, pipeline);
  await seedCampaigns({ db, now, today: w.today });
  return { opportunities: await count(), priceReviews, clubEvents, accountPlans, kbArticles, ...desk };
}
