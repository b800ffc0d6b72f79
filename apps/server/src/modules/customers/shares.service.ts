import type { CustomerShare } from '@crm/contracts';
import type { RequestCtx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { findUserForReference } from '../org/org.service';
import { alreadyShared, shareNotFound } from './customers.errors';
import * as repo from './customers.repository';
import { requireVisibleCustomer } from './customers.service';

const toShare = (r: Awaited<ReturnType<typeof repo.listShares>>[number]): CustomerShare => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

/** The account managers a customer is shared with. */
export async function listShares(opts: { ctx: RequestCtx; id: number }): Promise<CustomerShare[]> {
  const { ctx, id } = opts;
  await requireVisibleCustomer({ db: ctx.db, scope: ctx.scope, id });
  return (await repo.listShares(ctx.db, id)).map(toShare);
}

/**
 * Shares a customer with another account manager (e.g. a backup AM), who then sees it in their portfolio. Only
 * account managers have portfolios; the user must be inside the sharer's organisation.
 */
export async function shareCustomer(opts: { ctx: RequestCtx; id: number; userId: number }): Promise<CustomerShare> {
  const { ctx, id, userId } = opts;
  return ctx.db.transaction(async (tx) => {
    const { customer } = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const user = await findUserForReference({ db: tx, id: userId });
    const inOrg = ctx.scope.kind !== 'org' || (user && ctx.scope.orgUnitIds.includes(user.orgUnitId));
    if (!user || !inOrg) throw invalidField('userId', 'user not found');
    if (!user.active || user.role !== 'account_manager')
      throw invalidField('userId', 'only an active account manager can be given a customer');
    if (customer.accountManagerId === userId) throw invalidField('userId', "already the customer's account manager");
    const row = await repo.insertShare(tx, id, userId);
    if (!row) throw alreadyShared();
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'share',
      entity: 'customer_share',
      entityId: `${id}:${userId}`,
      customerId: id,
      before: null,
      after: { customerId: id, userId, username: user.username },
    });
    const shares = await repo.listShares(tx, id);
    return toShare(shares.find((s) => s.userId === userId)!);
  });
}

export async function unshareCustomer(opts: { ctx: RequestCtx; id: number; userId: number }): Promise<void> {
  const { ctx, id, userId } = opts;
  await ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const row = await repo.deleteShare(tx, id, userId);
    if (!row) throw shareNotFound();
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'unshare',
      entity: 'customer_share',
      entityId: `${id}:${userId}`,
      customerId: id,
      before: { customerId: id, userId },
      after: null,
    });
  });
}
