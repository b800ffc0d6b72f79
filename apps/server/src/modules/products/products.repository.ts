import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contractNoFor } from './products.models';
import { contractProducts, contracts, productInstances, productOfferings } from './products.table';

export type OfferingRow = typeof productOfferings.$inferSelect;
export type ContractRow = typeof contracts.$inferSelect;
export type ProductRow = typeof productInstances.$inferSelect;

const offeringColumns = {
  id: productOfferings.id,
  code: productOfferings.code,
  nameZh: productOfferings.nameZh,
  nameEn: productOfferings.nameEn,
  family: productOfferings.family,
  defaultMonthlyFen: productOfferings.defaultMonthlyFen,
};

export const listActiveOfferings = (db: DbOrTx, family?: OfferingRow['family']) =>
  db
    .select(offeringColumns)
    .from(productOfferings)
    .where(and(eq(productOfferings.active, true), family ? eq(productOfferings.family, family) : undefined))
    .orderBy(asc(productOfferings.family), asc(productOfferings.code));

export const findOfferings = (db: DbOrTx, ids: number[]) =>
  ids.length
    ? db.select().from(productOfferings).where(inArray(productOfferings.id, ids))
    : Promise.resolve([] as OfferingRow[]);

const productColumns = {
  id: productInstances.id,
  customerId: productInstances.customerId,
  accountId: productInstances.accountId,
  offeringId: productInstances.offeringId,
  offeringCode: productOfferings.code,
  offeringNameZh: productOfferings.nameZh,
  offeringNameEn: productOfferings.nameEn,
  family: productOfferings.family,
  serviceNumber: productInstances.serviceNumber,
  startDate: productInstances.startDate,
  endDate: productInstances.endDate,
  monthlyFen: productInstances.monthlyFen,
  status: productInstances.status,
};

const selectProducts = (db: DbOrTx) =>
  db
    .select(productColumns)
    .from(productInstances)
    .innerJoin(productOfferings, eq(productOfferings.id, productInstances.offeringId));

export const listProducts = (db: DbOrTx, customerId: number) =>
  selectProducts(db)
    .where(eq(productInstances.customerId, customerId))
    .orderBy(asc(productInstances.status), desc(productInstances.startDate), asc(productInstances.id));

export async function findProduct(db: DbOrTx, id: number) {
  const [row] = await selectProducts(db).where(eq(productInstances.id, id));
  return row;
}

/**
 * A live (not terminated) product with the service number (product_instances_service_number_idx), other than
 * `exceptId` when given.
 */
export async function findLiveServiceNumber(db: DbOrTx, serviceNumber: string, exceptId?: number) {
  const [row] = await db
    .select({ id: productInstances.id })
    .from(productInstances)
    .where(
      and(
        eq(productInstances.serviceNumber, serviceNumber),
        ne(productInstances.status, 'terminated'),
        exceptId ? ne(productInstances.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

/** The customer's product instance row, locked for an update in the caller's transaction. */
export async function lockProduct(db: DbOrTx, customerId: number, productId: number) {
  const [row] = await db
    .select()
    .from(productInstances)
    .where(and(eq(productInstances.id, productId), eq(productInstances.customerId, customerId)))
    .for('update');
  return row;
}

export async function updateProduct(
  db: DbOrTx,
  productId: number,
  values: Partial<Pick<ProductRow, 'serviceNumber' | 'endDate' | 'monthlyFen' | 'status'>>,
): Promise<ProductRow> {
  const [row] = await db
    .update(productInstances)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(productInstances.id, productId))
    .returning();
  return row;
}

export async function insertProduct(db: DbOrTx, values: typeof productInstances.$inferInsert) {
  const [row] = await db.insert(productInstances).values(values).returning();
  return row;
}

export const countProducts = async (db: DbOrTx, customerId: number) =>
  (await db.select({ n: count() }).from(productInstances).where(eq(productInstances.customerId, customerId)))[0].n;

export const listContracts = (db: DbOrTx, customerId: number) =>
  db
    .select()
    .from(contracts)
    .where(eq(contracts.customerId, customerId))
    .orderBy(desc(contracts.startDate), desc(contracts.id));

/** The products of several contracts in one query (contract_products primary key starts with contract_id). */
export const listContractProducts = (db: DbOrTx, contractIds: number[]) =>
  contractIds.length
    ? db
        .select({
          contractId: contractProducts.contractId,
          offeringId: contractProducts.offeringId,
          nameZh: productOfferings.nameZh,
          nameEn: productOfferings.nameEn,
          quantity: contractProducts.quantity,
        })
        .from(contractProducts)
        .innerJoin(productOfferings, eq(productOfferings.id, contractProducts.offeringId))
        .where(inArray(contractProducts.contractId, contractIds))
        .orderBy(asc(contractProducts.contractId), asc(contractProducts.offeringId))
    : Promise.resolve([]);

export async function findContractByNo(db: DbOrTx, contractNo: string) {
  const [row] = await db.select({ id: contracts.id }).from(contracts).where(eq(contracts.contractNo, contractNo));
  return row;
}

/** Inserts a contract; without a contract number it is numbered from its generated id. */
export async function insertContract(
  db: DbOrTx,
  values: Omit<typeof contracts.$inferInsert, 'contractNo'> & { contractNo?: string },
): Promise<ContractRow> {
  const [row] = await db
    .insert(contracts)
    .values({ ...values, contractNo: values.contractNo ?? `tmp-${randomUUID()}` })
    .returning();
  if (values.contractNo) return row;
  const [numbered] = await db
    .update(contracts)
    .set({ contractNo: contractNoFor(row.id) })
    .where(eq(contracts.id, row.id))
    .returning();
  return numbered;
}

/** The customer's contract row, locked for an update in the caller's transaction. */
export async function lockContract(db: DbOrTx, customerId: number, contractId: number) {
  const [row] = await db
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, contractId), eq(contracts.customerId, customerId)))
    .for('update');
  return row;
}

export async function updateContract(
  db: DbOrTx,
  contractId: number,
  values: Partial<
    Pick<ContractRow, 'title' | 'startDate' | 'termMonths' | 'endDate' | 'committedMonthlyFen' | 'status'>
  >,
): Promise<ContractRow> {
  const [row] = await db
    .update(contracts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(contracts.id, contractId))
    .returning();
  return row;
}

export async function insertContractProducts(db: DbOrTx, contractId: number, offeringIds: number[]) {
  if (offeringIds.length)
    await db.insert(contractProducts).values(offeringIds.map((offeringId) => ({ contractId, offeringId })));
}

export const countContracts = async (db: DbOrTx, customerId: number) =>
  (await db.select({ n: count() }).from(contracts).where(eq(contracts.customerId, customerId)))[0].n;
