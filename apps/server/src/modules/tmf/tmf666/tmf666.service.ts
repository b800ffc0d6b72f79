// The TMF666 Account facade: every call goes through the billing module's service functions, so row scope (404
// outside it), validation, audit and the change events are exactly those of /api/customers/{id}/accounts. The facade
// maps; it never touches tables.
import { billingAccountCreate, billingAccountUpdate } from '@crm/contracts';
import type { RequestCtx } from '../../../platform/context';
import { AppError, invalidField } from '../../../platform/errors';
import { createAccount, getAccountDetail, listAccountDetails, updateAccount } from '../../billing/billing.service';
import { tmfNotFound } from '../common/tmf.http';
import { projectFields, resourceIdOf, type TmfQuery } from '../common/tmf.query';
import { parseMapped } from '../common/tmf.schemas';
import {
  accountCreateOf,
  accountUpdateOf,
  type BillingAccountIn,
  billingAccountFieldPaths,
  billingAccountFilterOf,
  customerIdOf,
  toBillingAccount,
} from './tmf666.models';

/** The visible account from a path id of any shape, or a TMF 404. */
async function requireAccount(ctx: RequestCtx, rawId: string) {
  const id = resourceIdOf(rawId);
  if (id === null) throw tmfNotFound('BillingAccount');
  try {
    return await getAccountDetail({ db: ctx.db, scope: ctx.scope, id });
  } catch (e) {
    if (e instanceof AppError && e.statusCode === 404) throw tmfNotFound('BillingAccount');
    throw e;
  }
}

/** A page of the accounts of visible customers, filtered, sorted and paged in SQL. */
export async function listTmfBillingAccounts(opts: { ctx: RequestCtx; query: TmfQuery; origin: string }) {
  const { ctx, query, origin } = opts;
  const { items, total } = await listAccountDetails({ ctx, filter: billingAccountFilterOf(query) });
  return { items: items.map((a) => projectFields(toBillingAccount(a, origin), query.fields)), total };
}

export async function getTmfBillingAccount(opts: {
  ctx: RequestCtx;
  id: string;
  origin: string;
  fields: string[] | null;
}) {
  const account = await requireAccount(opts.ctx, opts.id);
  return projectFields(toBillingAccount(account, opts.origin), opts.fields);
}

/** Creates the account of the related customer (visible to the caller, else a 400 naming relatedParty.id). */
export async function createTmfBillingAccount(opts: { ctx: RequestCtx; input: BillingAccountIn; origin: string }) {
  const { ctx } = opts;
  const customerId = customerIdOf(opts.input.relatedParty);
  const input = parseMapped(billingAccountCreate, accountCreateOf(opts.input), billingAccountFieldPaths);
  try {
    const created = await createAccount({ ctx, id: customerId, input });
    return toBillingAccount(await getAccountDetail({ db: ctx.db, scope: ctx.scope, id: created.id }), opts.origin);
  } catch (e) {
    if (e instanceof AppError && e.code === 'customers.not_found')
      throw invalidField('relatedParty.id', 'no such customer');
    throw e;
  }
}

export async function patchTmfBillingAccount(opts: {
  ctx: RequestCtx;
  id: string;
  input: BillingAccountIn;
  origin: string;
}) {
  const { ctx } = opts;
  const current = await requireAccount(ctx, opts.id);
  const mapped = accountUpdateOf(opts.input, current);
  if (Object.keys(mapped).length === 0) return toBillingAccount(current, opts.origin);
  const input = parseMapped(billingAccountUpdate, mapped, billingAccountFieldPaths);
  await updateAccount({ ctx, id: current.customerId, accountId: current.id, input });
  return toBillingAccount(await getAccountDetail({ db: ctx.db, scope: ctx.scope, id: current.id }), opts.origin);
}
