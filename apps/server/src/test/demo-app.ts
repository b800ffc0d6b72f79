import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { gradeDemoOperator } from '../modules/demo/demo.followups';
import { DEMO_PASSWORD, loadDemoOperator } from '../modules/demo/demo.service';
import { loginAs, type Session, type TestApp } from './test-app';
import { createTestDb } from './test-db';

export type DemoTestApp = Omit<TestApp, 'org'> & { admin: Session };

/**
 * A fresh database holding a small demo operator (every kind of record: customers, accounts, contracts, products,
 * tickets, work orders, opportunities, service orders with steps, tasks, KB articles, SLA policies ...), the HTTP app
 * on top and an administrator's session: for tests that walk every route with real ids.
 */
export async function createDemoTestApp(opts: { customers?: number } = {}): Promise<DemoTestApp> {
  const handle = await createTestDb();
  await loadDemoOperator({ handle, customers: opts.customers ?? 60, months: 2, progress: false });
  await gradeDemoOperator({ db: handle.db, months: 1 });
  const config = {
    ...loadConfig({}),
    // Uploaded files (attachments, documents) land in a scratch directory, never under the repository's data/.
    dataDir: mkdtempSync(path.join(tmpdir(), 'crm-demo-app-')),
    webDist: '/nonexistent',
    loginRateLimit: { perUserMax: 1000, perAddressMax: 1000, windowMs: 60_000 },
  };
  const app = await buildApp({ handle, config });
  await app.ready();
  const admin = await loginAs(app, 'admin', DEMO_PASSWORD);
  return {
    app,
    handle,
    admin,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** The first row of a query (or undefined): real ids for path parameters. */
export async function firstRow(handle: TestApp['handle'], query: string): Promise<Record<string, unknown> | undefined> {
  const result = await handle.db.execute(sql.raw(query));
  return (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
}
