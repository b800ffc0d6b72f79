import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { accountNoFor } from './billing.models';
import { billingAccounts, bills } from './billing.table';

export type AccountRow = typeof billingAccounts.$inferSelect;

const accountColumns = {
  id: billingAccounts.id,
  customerId: billingAccounts.customerId,
  accountNo: billingAccounts.accountNo,
  name: billingAccounts.name,
  paymentMethod: billingAccounts.paymentMethod,
  billCycleDay: billingAccounts.billCycleDay,
  status: billingAccounts.status,
};

export const listAccounts = (db: DbOrTx, customerId: number) =>
  db
    .select(accountColumns)
    .from(billingAccounts)
    .where(eq(billingAccounts.customerId, customerId))
    .orderBy(asc(billingAccounts.id));

export async function findAccount(db: DbOrTx, customerId: number, accountId: number) {
  const [row] = await db
    .select(accountColumns)
    .from(billingAccounts)
    .where(and(eq(billingAccounts.id, accountId), eq(billingAccounts.customerId, customerId)));
  return row;
}

/** The customer's account, locked for an update in the caller's transaction. */
export async function lockAccount(db: DbOrTx, customerId: number, accountId: number) {
  const [row] = await db
    .select(accountColumns)
    .from(billingAccounts)
    .where(and(eq(billingAccounts.id, accountId), eq(billingAccounts.customerId, customerId)))
    .for('update');
  return row;
}

export async function updateAccount(
  db: DbOrTx,
  accountId: number,
  values: Partial<Pick<AccountRow, 'name' | 'paymentMethod' | 'billCycleDay' | 'status'>>,
) {
  const [row] = await db
    .update(billingAccounts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(billingAccounts.id, accountId))
    .returning(accountColumns);
  return row;
}

export async function findAccountByNo(db: DbOrTx, accountNo: string) {
  const [row] = await db
    .select({ id: billingAccounts.id })
    .from(billingAccounts)
    .where(eq(billingAccounts.accountNo, accountNo));
  return row;
}

/** Inserts an account; without an account number it is numbered from its generated id. */
export async function insertAccount(
  db: DbOrTx,
  values: Omit<typeof billingAccounts.$inferInsert, 'accountNo'> & { accountNo?: string },
): Promise<AccountRow> {
  const [row] = await db
    .insert(billingAccounts)
    .values({ ...values, accountNo: values.accountNo ?? `tmp-${randomUUID()}` })
    .returning();
  if (values.accountNo) return row;
  const [numbered] = await db
    .update(billingAccounts)
    .set({ accountNo: accountNoFor(row.id) })
    .where(eq(billingAccounts.id, row.id))
    .returning();
  return numbered;
}

export const countAccounts = async (db: DbOrTx, customerId: number) =>
  (await db.select({ n: count() }).from(billingAccounts).where(eq(billingAccounts.customerId, customerId)))[0].n;

const billColumns = {
  id: bills.id,
  accountId: bills.accountId,
  accountNo: billingAccounts.accountNo,
  period: bills.period,
  localVoiceFen: bills.localVoiceFen,
  longDistanceFen: bills.longDistanceFen,
  internationalFen: bills.internationalFen,
  dataFen: bills.dataFen,
  valueAddedFen: bills.valueAddedFen,
  rentalFen: bills.rentalFen,
  totalFen: bills.totalFen,
  paidFen: bills.paidFen,
  arrearsFen: bills.arrearsFen,
};

/** A customer's bills, newest period first (bills_customer_period_idx). */
export const listBills = (db: DbOrTx, customerId: number, limit: number, offset: number) =>
  db
    .select(billColumns)
    .from(bills)
    .innerJoin(billingAccounts, eq(billingAccounts.id, bills.accountId))
    .where(eq(bills.customerId, customerId))
    .orderBy(desc(bills.period), asc(bills.accountId))
    .limit(limit)
    .offset(offset);

export const countBills = async (db: DbOrTx, customerId: number) =>
  (await db.select({ n: count() }).from(bills).where(eq(bills.customerId, customerId)))[0].n;

/** Total billed per period over all of a customer's accounts, for the newest `periods` periods with bills. */
export const spendByPeriod = (db: DbOrTx, customerId: number, periods: number) =>
  db
    .select({ period: bills.period, totalFen: sql<number>`sum(${bills.totalFen})::bigint`.mapWith(Number) })
    .from(bills)
    .where(eq(bills.customerId, customerId))
    .groupBy(bills.period)
    .orderBy(desc(bills.period))
    .limit(periods);
