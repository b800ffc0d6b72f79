// The TMF629 Customer facade: every call goes through the customers module's service functions (and the billing,
// products and grading read services), so row scope (404 outside it), validation, PII masking and audit are exactly
// those of /api/customers. The facade maps; it never touches tables.
import { customerCreate, customerUpdate } from '@crm/contracts';
import type { RequestCtx } from '../../../platform/context';
import { accountsOfCustomer } from '../../billing/billing.service';
import { deleteCustomer } from '../../customers/customer-delete.service';
import { createCustomer, getCustomer, listCustomerDetails, updateCustomer } from '../../customers/customers.service';
import { getCurrentGrade } from '../../grading/grading.service';
import { contractsOfCustomer } from '../../products/products.service';
import { tmfNotFound } from '../common/tmf.http';
import { projectFields, resourceIdOf, type TmfQuery } from '../common/tmf.query';
import { parseMapped } from '../common/tmf.schemas';
import {
  type CustomerCreateIn,
  type CustomerExtras,
  type CustomerPatchIn,
  customerCreateOf,
  customerFieldPaths,
  customerFilterOf,
  customerUpdateOf,
  toCustomer,
} from './tmf629.models';

/** Accounts, agreements (contracts) and the current grade of one customer. */
async function extrasOf(ctx: RequestCtx, customerId: number): Promise<CustomerExtras> {
  const [accounts, contracts, grade] = await Promise.all([
    accountsOfCustomer({ db: ctx.db, customerId }),
    contractsOfCustomer({ db: ctx.db, customerId }),
    getCurrentGrade({ db: ctx.db, customerId }),
  ]);
  return { accounts, contracts, grade };
}

/** The visible customer's id from a path id of any shape, or a TMF 404. */
async function requireCustomer(ctx: RequestCtx, rawId: string) {
  const id = resourceIdOf(rawId);
  if (id === null) throw tmfNotFound('Customer');
  return getCustomer({ ctx, id });
}

/**
 * A page of customers filtered, sorted and paged in SQL. Account and agreement references come with a single
 * customer (GET by id); the list carries the customer's own attributes.
 */
export async function listTmfCustomers(opts: { ctx: RequestCtx; query: TmfQuery; origin: string }) {
  const { ctx, query, origin } = opts;
  const { items, total } = await listCustomerDetails({ ctx, filter: customerFilterOf(query) });
  return { items: items.map((c) => projectFields(toCustomer(c, null, origin), query.fields)), total };
}

export async function getTmfCustomer(opts: { ctx: RequestCtx; id: string; origin: string; fields: string[] | null }) {
  const customer = await requireCustomer(opts.ctx, opts.id);
  const extras = await extrasOf(opts.ctx, customer.id);
  return projectFields(toCustomer(customer, extras, opts.origin), opts.fields);
}

export async function createTmfCustomer(opts: { ctx: RequestCtx; input: CustomerCreateIn; origin: string }) {
  const input = parseMapped(customerCreate, customerCreateOf(opts.input), customerFieldPaths);
  const created = await createCustomer({ ctx: opts.ctx, input });
  return toCustomer(created, await extrasOf(opts.ctx, created.id), opts.origin);
}

export async function patchTmfCustomer(opts: { ctx: RequestCtx; id: string; input: CustomerPatchIn; origin: string }) {
  const current = await requireCustomer(opts.ctx, opts.id);
  const input = parseMapped(customerUpdate, customerUpdateOf(opts.input), customerFieldPaths);
  const updated = await updateCustomer({ ctx: opts.ctx, id: current.id, input });
  return toCustomer(updated, await extrasOf(opts.ctx, updated.id), opts.origin);
}

export async function deleteTmfCustomer(opts: { ctx: RequestCtx; id: string }) {
  const current = await requireCustomer(opts.ctx, opts.id);
  await deleteCustomer({ ctx: opts.ctx, id: current.id });
}
