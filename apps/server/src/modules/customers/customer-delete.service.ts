import type { RequestCtx } from '../../platform/context';
import type { ErrorDetail } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { countAccountsOfCustomer } from '../billing/billing.service';
import { countProductsAndContracts } from '../products/products.service';
import { notifyCustomerChange } from './customer-changes.service';
import { customerHasDependents } from './customers.errors';
import * as repo from './customers.repository';
import { customerAuditRecord, requireVisibleCustomer } from './customers.service';

/**
 * DELETE /api/customers/{id}: removes a customer entered by mistake. A customer with business history (billing
 * accounts, products, contracts) or group branches is refused with 409 `customers.has_dependents`; such a customer is
 * ended by setting its status to `churned` instead. Contacts, interactions and shares go with the customer; customers
 * it referred keep existing with the reference cleared; the audit log keeps the deleted values.
 */
export async function deleteCustomer(opts: { ctx: RequestCtx; id: number }): Promise<void> {
  const { ctx, id } = opts;
  await ctx.db.transaction(async (tx) => {
    const current = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id, lock: true });
    const accounts = await countAccountsOfCustomer({ db: tx, customerId: id });
    const { products, contracts } = await countProductsAndContracts({ db: tx, customerId: id });
    const children = await repo.countChildren(tx, id);
    const blocking: ErrorDetail[] = [];
    if (accounts) blocking.push({ path: 'accounts', message: `${accounts} billing account(s)` });
    if (products) blocking.push({ path: 'products', message: `${products} product(s)` });
    if (contracts) blocking.push({ path: 'contracts', message: `${contracts} contract(s)` });
    if (children) blocking.push({ path: 'children', message: `${children} branch customer(s)` });
    if (blocking.length) throw customerHasDependents(blocking);

    for (const referral of await repo.listReferrals(tx, id)) {
      await repo.updateCustomer(tx, referral.id, { referredByCustomerId: null });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'update',
        entity: 'customer',
        entityId: referral.id,
        customerId: referral.id,
        before: { referredByCustomerId: id },
        after: { referredByCustomerId: null },
      });
    }
    await notifyCustomerChange({
      ctx,
      tx,
      change: { customerId: id, partyType: current.party.partyType, kind: 'deleted' },
    });
    await repo.deleteCustomer(tx, id);
    await repo.deletePartyIfUnused(tx, current.party.id);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'delete',
      entity: 'customer',
      entityId: id,
      customerId: id,
      before: customerAuditRecord(current.party, current.customer),
      after: null,
    });
  });
}
