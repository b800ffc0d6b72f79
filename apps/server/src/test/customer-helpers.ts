import { creditCodeCheckChar, idNumberCheckChar } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/client';
import { billingAccounts, bills } from '../modules/billing/billing.table';
import { productOfferings } from '../modules/products/products.table';
import type { Session } from './test-app';

// Test data builders for the customer modules: valid China identifiers, customers created through the API, and the
// rows no API writes (catalogue, bills).

let seq = 0;
const next = () => ++seq;

/** A valid Unified Social Credit Code, different on every call. */
export function nextCreditCode(): string {
  const first17 = `91320100MA${String(next()).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/** A valid resident ID number (born 1980-01-01), different on every call. */
export function nextIdNumber(): string {
  const first17 = `32010219800101${String(next()).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A valid mainland mobile number, different on every call. */
export const nextMobile = () => `1390000${String(next()).padStart(4, '0')}`;

export type ApiCustomer = { id: number; customerNo: string; name: string; [k: string]: unknown };

/** Creates a customer through POST /api/customers (an organisation key account unless told otherwise). */
export async function createCustomerVia(
  app: FastifyInstance,
  session: Session,
  body: Record<string, unknown> = {},
): Promise<ApiCustomer> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/customers',
    headers: session.headers,
    payload: {
      partyType: 'organization',
      category: 'key_account',
      name: `测试客户${next()}`,
      creditCode: nextCreditCode(),
      mobile: nextMobile(),
      ...body,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create customer failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Row counts of tables, to prove a refused request wrote nothing. */
export async function countRows(handle: DbHandle, ...tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const result = await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    out[table] = (result as unknown as { rows: { n: number }[] }).rows[0].n;
  }
  return out;
}

/** A few catalogue entries (the catalogue has no write API). */
export async function seedOfferings(handle: DbHandle) {
  return handle.db
    .insert(productOfferings)
    .values([
      { code: 'MOB-5G', nameZh: '5G套餐', nameEn: '5G plan', family: 'mobile', defaultMonthlyFen: 12_900 },
      {
        code: 'DL-100M',
        nameZh: '数字专线100M',
        nameEn: 'Leased line 100M',
        family: 'dedicated_line',
        defaultMonthlyFen: 300_000,
      },
      { code: 'OLD-PHS', nameZh: '小灵通', nameEn: 'PHS', family: 'voice', defaultMonthlyFen: 2_000, active: false },
    ])
    .returning();
}

/** Bills for an account (the billing system's feed has no API here): one per period, `totalFen` each. */
export async function seedBills(
  handle: DbHandle,
  account: { id: number; customerId: number },
  periods: string[],
  totalFen = 10_000,
) {
  await handle.db.insert(bills).values(
    periods.map((period) => ({
      accountId: account.id,
      customerId: account.customerId,
      period,
      dataFen: totalFen,
      totalFen,
      paidFen: totalFen,
    })),
  );
}

/** A billing account written directly (for scope tests that need one without going through the API). */
export async function seedAccount(handle: DbHandle, customerId: number, accountNo: string) {
  const [row] = await handle.db.insert(billingAccounts).values({ customerId, accountNo, name: accountNo }).returning();
  return row;
}
