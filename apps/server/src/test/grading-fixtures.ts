import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { DbHandle, DbOrTx } from '../db/client';
import { registerGradingJobs } from '../modules/grading/grading.jobs';
import { registerGradingRoutes } from '../modules/grading/grading.routes';
import { seedTestOrg } from './fixtures';
import type { TestApp } from './test-app';
import { createTestDb } from './test-db';

// Test data for grading: customers, accounts and bills written directly (no API writes bills).

let seq = 0;

export type GradingCustomer = {
  category?: 'key_account' | 'business' | 'public';
  orgUnitId: number;
  accountManagerId?: number | null;
  organizationType?: string | null;
  industry?: string | null;
  status?: string;
  name?: string;
};

/** A customer with one billing account; returns the customer id. */
export async function addCustomer(db: DbOrTx, c: GradingCustomer): Promise<number> {
  const n = ++seq;
  const category = c.category ?? 'key_account';
  const run = async (q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as { rows: { id: number }[] };
  const party = await run(
    sql`insert into parties (party_type, name) values (${category === 'public' ? 'individual' : 'organization'}, ${c.name ?? `客户${n}`}) returning id`,
  );
  const customer = await run(sql`insert into customers (party_id, customer_no, category, status, org_unit_id,
      account_manager_id, industry, organization_type)
    values (${party.rows[0].id}, ${`GT${String(n).padStart(6, '0')}`}, ${category}, ${c.status ?? 'active'}, ${c.orgUnitId},
      ${c.accountManagerId ?? null}, ${c.industry ?? null}, ${c.organizationType ?? null}) returning id`);
  const id = Number(customer.rows[0].id);
  await db.execute(
    sql`insert into billing_accounts (customer_id, account_no, name) values (${id}, ${`GA${String(n).padStart(6, '0')}`}, 'main')`,
  );
  return id;
}

/** Bills of a customer: period -> spend in yuan (fen exact), on its first account. */
export async function setSpend(db: DbOrTx, customerId: number, spend: Record<string, number>): Promise<void> {
  for (const [period, yuan] of Object.entries(spend)) {
    const fen = Math.round(yuan * 100);
    await db.execute(sql`insert into bills (account_id, customer_id, period, data_fen, total_fen)
      select id, customer_id, ${period}, ${fen}, ${fen} from billing_accounts where customer_id = ${customerId}
      order by id limit 1
      on conflict (account_id, period) do update set total_fen = excluded.total_fen, data_fen = excluded.data_fen`);
  }
}

/** The same monthly spend (yuan) for each period. */
export const flat = (periods: string[], yuan: number) => Object.fromEntries(periods.map((p) => [p, yuan]));

/**
 * The test app with the grading routes and jobs, whether or not app.ts registers them already (the lead wires them
 * at start-up).
 */
export async function createGradingTestApp(): Promise<TestApp> {
  const handle: DbHandle = await createTestDb();
  const org = await seedTestOrg(handle);
  const config = {
    ...loadConfig({}),
    webDist: '/nonexistent',
    loginRateLimit: { perUserMax: 1000, perAddressMax: 1000, windowMs: 60_000 },
  };
  const app: FastifyInstance = await buildApp({ handle, config });
  if (!app.hasRoute({ method: 'GET', url: '/api/grading/rule-sets' }))
    registerGradingRoutes(app, { db: handle.db, handle, config });
  registerGradingJobs();
  await app.ready();
  return {
    app,
    handle,
    org,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
