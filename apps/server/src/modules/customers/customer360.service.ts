import type { Customer360 } from '@crm/contracts';
import type { RequestCtx } from '../../platform/context';
import { recordPiiRead } from '../audit/audit.service';
import { accountsOfCustomer, recentBills, spendOfCustomer } from '../billing/billing.service';
import { getCurrentGrade } from '../grading/grading.service';
import { recentInteractions } from '../interactions/interactions.service';
import { contractsOfCustomer, productsOfCustomer } from '../products/products.service';
import { contactsOfCustomer } from './contacts.service';
import * as repo from './customers.repository';
import { getCustomer } from './customers.service';

export const BILLS_IN_360 = 24;
export const SPEND_PERIODS = 24;
export const INTERACTIONS_IN_360 = 50;

/**
 * GET /api/customers/{id}: everything the 360 page shows, 404 when the customer is missing or out of scope. One
 * set-based query per section (run concurrently), each on an index by customer id; never one query per row.
 */
export async function getCustomer360(opts: { ctx: RequestCtx; id: number }): Promise<Customer360> {
  const { ctx, id } = opts;
  const customer = await getCustomer({ ctx, id });
  // The viewer receives an individual's full resident ID number: that read is audited.
  if (ctx.can('pii.read') && customer.idNumber)
    await recordPiiRead({ db: ctx.db, actor: ctx.actor, entity: 'customer', entityId: id });
  const db = ctx.db;
  const customerId = id;
  const [children, contacts, accounts, products, contracts, bills, spendByPeriod, interactions, grade] =
    await Promise.all([
      repo.listChildren(db, ctx.scope, id),
      contactsOfCustomer({ db, customerId, canReadPii: ctx.can('pii.read') }),
      accountsOfCustomer({ db, customerId }),
      productsOfCustomer({ db, customerId }),
      contractsOfCustomer({ db, customerId }),
      recentBills({ db, customerId, limit: BILLS_IN_360 }),
      spendOfCustomer({ db, customerId, periods: SPEND_PERIODS }),
      recentInteractions({ db, customerId, limit: INTERACTIONS_IN_360 }),
      getCurrentGrade({ db, customerId }),
    ]);
  const grading = grade && {
    period: grade.period,
    tier: grade.tier,
    stars: grade.stars,
    abcClass: grade.abcClass,
    importance: grade.importance,
    measure: grade.measureFen,
  };
  return { customer, children, contacts, accounts, products, contracts, bills, spendByPeriod, interactions, grading };
}
