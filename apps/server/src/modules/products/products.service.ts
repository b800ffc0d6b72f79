import type {
  Contract,
  contractCreate,
  contractUpdate,
  ProductInstance,
  ProductOffering,
  productInstanceCreate,
  productInstanceUpdate,
} from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { invalidField, pgErrorOf } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { accountOfCustomer } from '../billing/billing.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { contractNotFound, duplicateContractNo, productNotFound, serviceNumberInUse } from './products.errors';
import { contractEndDate, contractTerm, duplicatesOf, productEdit, todayInShanghai } from './products.models';
import * as repo from './products.repository';

// Functions taking `{ db, customerId }` serve other modules' use cases that have already checked the customer's scope.

export const listOfferings = (opts: { db: DbOrTx; family?: ProductOffering['family'] }): Promise<ProductOffering[]> =>
  repo.listActiveOfferings(opts.db, opts.family);

export const productsOfCustomer = (opts: { db: DbOrTx; customerId: number }): Promise<ProductInstance[]> =>
  repo.listProducts(opts.db, opts.customerId);

/** The customer's contracts with their products: two set-based queries. */
export async function contractsOfCustomer(opts: { db: DbOrTx; customerId: number }): Promise<Contract[]> {
  const rows = await repo.listContracts(opts.db, opts.customerId);
  const lines = await repo.listContractProducts(
    opts.db,
    rows.map((c) => c.id),
  );
  return rows.map((c) => toContract(c, lines));
}

function toContract(c: repo.ContractRow, lines: Awaited<ReturnType<typeof repo.listContractProducts>>): Contract {
  return {
    id: c.id,
    customerId: c.customerId,
    contractNo: c.contractNo,
    title: c.title,
    startDate: c.startDate,
    termMonths: c.termMonths,
    endDate: c.endDate,
    committedMonthlyFen: c.committedMonthlyFen,
    status: c.status,
    products: lines
      .filter((l) => l.contractId === c.id)
      .map(({ offeringId, nameZh, nameEn, quantity }) => ({ offeringId, nameZh, nameEn, quantity })),
  };
}

export async function countProductsAndContracts(opts: { db: DbOrTx; customerId: number }) {
  const products = await repo.countProducts(opts.db, opts.customerId);
  const contracts = await repo.countContracts(opts.db, opts.customerId);
  return { products, contracts };
}

async function activeOffering(db: DbOrTx, id: number, field: string) {
  const [offering] = await repo.findOfferings(db, [id]);
  if (!offering?.active) throw invalidField(field, 'product offering not found');
  return offering;
}

export async function createProduct(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof productInstanceCreate>;
}): Promise<ProductInstance> {
  const { ctx, id, input } = opts;
  return ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const offering = await activeOffering(tx, input.offeringId, 'offeringId');
    const account = await accountOfCustomer({ db: tx, customerId: id, accountId: input.accountId });
    if (!account) throw invalidField('accountId', 'not an account of this customer');
    if (account.status === 'closed') throw invalidField('accountId', 'the account is closed');
    if (input.endDate && input.endDate < input.startDate) throw invalidField('endDate', 'before startDate');
    if (input.status !== 'terminated' && (await repo.findLiveServiceNumber(tx, input.serviceNumber)))
      throw serviceNumberInUse();
    const row = await repo.insertProduct(tx, {
      customerId: id,
      accountId: account.id,
      offeringId: offering.id,
      serviceNumber: input.serviceNumber,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      monthlyFen: input.monthlyFen ?? offering.defaultMonthlyFen,
      status: input.status,
    });
    const { createdAt: _c, updatedAt: _u, ...after } = row;
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'product_instance',
      entityId: row.id,
      customerId: id,
      before: null,
      after,
    });
    return (await repo.findProduct(tx, row.id))!;
  });
}

export async function createContract(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof contractCreate>;
}): Promise<Contract> {
  const { ctx, id, input } = opts;
  try {
    return await ctx.db.transaction(async (tx) => {
      await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
      const repeated = duplicatesOf(input.offeringIds);
      if (repeated.length) throw invalidField('offeringIds', `listed more than once: ${repeated.join(', ')}`);
      const offerings = await repo.findOfferings(tx, input.offeringIds);
      const unknown = input.offeringIds.filter((o) => !offerings.some((f) => f.id === o && f.active));
      if (unknown.length) throw invalidField('offeringIds', `product offerings not found: ${unknown.join(', ')}`);
      if (input.contractNo && (await repo.findContractByNo(tx, input.contractNo))) throw duplicateContractNo();
      const row = await repo.insertContract(tx, {
        customerId: id,
        contractNo: input.contractNo,
        title: input.title,
        startDate: input.startDate,
        termMonths: input.termMonths,
        endDate: contractEndDate(input.startDate, input.termMonths),
        committedMonthlyFen: input.committedMonthlyFen,
        status: 'active',
      });
      await repo.insertContractProducts(tx, row.id, input.offeringIds);
      const { createdAt: _c, updatedAt: _u, ...after } = row;
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'contract',
        entityId: row.id,
        customerId: id,
        before: null,
        after: { ...after, offeringIds: input.offeringIds },
      });
      return toContract(row, await repo.listContractProducts(tx, [row.id]));
    });
  } catch (e) {
    if (pgErrorOf(e)?.constraint === 'contracts_no_uq') throw duplicateContractNo();
    throw e;
  }
}

const auditFields = <T extends { createdAt: Date; updatedAt: Date }>(row: T) => {
  const { createdAt: _c, updatedAt: _u, ...fields } = row;
  return fields;
};

/**
 * PATCH /api/customers/{id}/products/{productId}: status, end date, monthly fee or service number of a product of a
 * visible customer. Terminating without an end date ends the product today (Asia/Shanghai).
 */
export async function updateProduct(opts: {
  ctx: RequestCtx;
  id: number;
  productId: number;
  input: z.infer<typeof productInstanceUpdate>;
  today?: string;
}): Promise<ProductInstance> {
  const { ctx, id, productId, input } = opts;
  return ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const before = await repo.lockProduct(tx, id, productId);
    if (!before) throw productNotFound();
    const edit = productEdit(before, input, opts.today ?? todayInShanghai());
    if ('path' in edit) throw invalidField(edit.path, edit.message);
    const serviceNumber = input.serviceNumber ?? before.serviceNumber;
    if (
      edit.status !== 'terminated' &&
      (serviceNumber !== before.serviceNumber || before.status === 'terminated') &&
      (await repo.findLiveServiceNumber(tx, serviceNumber, productId))
    )
      throw serviceNumberInUse();
    const after = await repo.updateProduct(tx, productId, {
      serviceNumber,
      endDate: edit.endDate,
      monthlyFen: input.monthlyFen ?? before.monthlyFen,
      status: edit.status,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'product_instance',
      entityId: productId,
      customerId: id,
      before: auditFields(before),
      after: auditFields(after),
    });
    return (await repo.findProduct(tx, productId))!;
  });
}

/**
 * PATCH /api/customers/{id}/contracts/{contractId}: title, term, committed amount or status of a contract of a
 * visible customer. A new start date or term recomputes the end date unless one is given.
 */
export async function updateContract(opts: {
  ctx: RequestCtx;
  id: number;
  contractId: number;
  input: z.infer<typeof contractUpdate>;
}): Promise<Contract> {
  const { ctx, id, contractId, input } = opts;
  return ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id });
    const before = await repo.lockContract(tx, id, contractId);
    if (!before) throw contractNotFound();
    const term = contractTerm(before, input);
    if ('path' in term) throw invalidField(term.path, term.message);
    const after = await repo.updateContract(tx, contractId, {
      ...term,
      title: input.title ?? before.title,
      committedMonthlyFen: input.committedMonthlyFen ?? before.committedMonthlyFen,
      status: input.status ?? before.status,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'contract',
      entityId: contractId,
      customerId: id,
      before: auditFields(before),
      after: auditFields(after),
    });
    return toContract(after, await repo.listContractProducts(tx, [contractId]));
  });
}
