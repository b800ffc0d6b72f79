import type { Bill, BillingAccount, billingAccountCreate, billingAccountUpdate } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { pgErrorOf } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { notifyAccountChange } from './account-changes.service';
import * as details from './account-details.repository';
import { accountNotFound, duplicateAccountNo } from './billing.errors';
import { spendWindow } from './billing.models';
import * as repo from './billing.repository';

// Functions taking `{ db, customerId }` serve other modules' use cases that have already checked the customer's scope.

export const accountsOfCustomer = (opts: { db: DbOrTx; customerId: number }): Promise<BillingAccount[]> =>
  repo.listAccounts(opts.db, opts.customerId);

/** The account when it belongs to the customer (products are billed to one of the customer's own accounts). */
export const accountOfCustomer = (opts: { db: DbOrTx; customerId: number; accountId: number }) =>
  repo.findAccount(opts.db, opts.customerId, opts.accountId);

export const countAccountsOfCustomer = (opts: { db: DbOrTx; customerId: number }) =>
  repo.countAccounts(opts.db, opts.customerId);

export const recentBills = (opts: { db: DbOrTx; customerId: number; limit: number }): Promise<Bill[]> =>
  repo.listBills(opts.db, opts.customerId, opts.limit, 0);

/** Monthly spend over all accounts: `periods` consecutive months ending at the newest bill, oldest first. */
export async function spendOfCustomer(opts: { db: DbOrTx; customerId: number; periods: number }) {
  return spendWindow(await repo.spendByPeriod(opts.db, opts.customerId, opts.periods), opts.periods);
}

/** GET /api/customers/{id}/bills: one page of the customer's bills, newest first. */
export async function listCustomerBills(opts: {
  ctx: RequestCtx;
  id: number;
  page: { limit: number; offset: number };
}): Promise<{ items: Bill[]; total: number }> {
  const { ctx, id, page } = opts;
  await requireVisibleCustomer({ db: ctx.db, scope: ctx.scope, id });
  const [items, total] = await Promise.all([
    repo.listBills(ctx.db, id, page.limit, page.offset),
    repo.countBills(ctx.db, id),
  ]);
  return { items, total };
}

export async function createAccount(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof billingAccountCreate>;
}): Promise<BillingAccount> {
  const { ctx, id, input } = opts;
  try {
    return await ctx.db.transaction(async (tx) => {
      await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
      if (input.accountNo && (await repo.findAccountByNo(tx, input.accountNo))) throw duplicateAccountNo();
      const row = await repo.insertAccount(tx, { customerId: id, ...input });
      const { createdAt: _c, updatedAt: _u, ...account } = row;
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'billing_account',
        entityId: row.id,
        customerId: id,
        before: null,
        after: account,
      });
      await notifyAccountChange({ ctx, tx, change: { accountId: row.id, kind: 'created' } });
      return account;
    });
  } catch (e) {
    if (pgErrorOf(e)?.constraint === 'billing_accounts_no_uq') throw duplicateAccountNo();
    throw e;
  }
}

/** PATCH /api/customers/{id}/accounts/{accountId}: the account of a visible customer; audits the changed fields. */
export async function updateAccount(opts: {
  ctx: RequestCtx;
  id: number;
  accountId: number;
  input: z.infer<typeof billingAccountUpdate>;
}): Promise<BillingAccount> {
  const { ctx, id, accountId, input } = opts;
  return ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const before = await repo.lockAccount(tx, id, accountId);
    if (!before) throw accountNotFound();
    const after = await repo.updateAccount(tx, accountId, input);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'billing_account',
      entityId: accountId,
      customerId: id,
      before,
      after,
    });
    const fields = (Object.keys(input) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
    if (fields.length) {
      const kind = fields.includes('status') ? 'status' : 'updated';
      await notifyAccountChange({ ctx, tx, change: { accountId, kind, fields } });
    }
    return after;
  });
}

export type { AccountDetailFilter, AccountDetailRow } from './account-details.repository';

/**
 * A page of the accounts of visible customers, filtered, sorted and paged in SQL, with each customer's name: the list
 * of integration facades (TM Forum Account API). Customer names are organisation or person names, not masked fields.
 */
export const listAccountDetails = (opts: { ctx: RequestCtx; filter: details.AccountDetailFilter }) =>
  details.listAccountDetails(opts.ctx.db, opts.ctx.scope, opts.filter);

/** One account of a visible customer with the customer's name; 404 when missing or out of scope. */
export async function getAccountDetail(opts: { db: DbOrTx; scope: RequestCtx['scope']; id: number }) {
  const row = await details.findAccountDetail(opts.db, opts.scope, opts.id);
  if (!row) throw accountNotFound();
  return row;
}
