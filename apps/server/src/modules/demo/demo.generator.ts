// The streaming generator: yields batches of about `batchSize` customers with everything that belongs to them.
// Only the current batch is in memory, so a million customers need no more memory than twenty thousand.
import { type Batch, newBatch } from './demo.batch';
import { addKeyAccount, type PendingBranch } from './demo.customers';
import { goldenQuantile, Rng } from './demo.random';
import { addBusiness, addPublic } from './demo.retail';
import { type DemoPlan, GenState } from './demo.state';
import { addStoryCustomers } from './demo.stories';

/**
 * Category draw per customer. Key-account groups add branch customers (half key accounts, half business), so the
 * draw is a little below the targets of 2% key accounts and 20% business customers.
 */
export const KEY_ACCOUNT_DRAW = 0.0174;
export const BUSINESS_DRAW = 0.1968;

export function* generateBatches(plan: DemoPlan, batchSize: number): Generator<Batch> {
  const st = new GenState(new Rng(plan.seed), plan);
  let b = newBatch();
  addStoryCustomers(st, b);
  const pending: PendingBranch[] = [];
  while (st.n.customer < plan.customers) {
    if (b.customerCount >= batchSize) {
      yield b;
      b = newBatch();
    }
    const branch = pending.shift();
    if (branch) {
      if (st.rng.chance(0.5)) {
        addKeyAccount(st, b, {
          city: plan.cities[branch.cityIndex],
          parent: { id: branch.parentId, name: branch.name, industry: branch.industry, orgType: branch.orgType },
        });
      } else addBusiness(st, b, branch);
      continue;
    }
    // Low-discrepancy draw: the category shares hold closely even for a few thousand customers.
    const u = goldenQuantile(st.n.customer, 0.5 + (plan.seed % 89) / 178);
    if (u < KEY_ACCOUNT_DRAW) pending.push(...addKeyAccount(st, b));
    else if (u < KEY_ACCOUNT_DRAW + BUSINESS_DRAW) addBusiness(st, b);
    else addPublic(st, b);
  }
  if (b.customerCount) yield b;
}
