import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DbHandle, DbOrTx } from '../../db/client';
import { addCustomer, type GradingCustomer } from '../../test/grading-fixtures';
import type { Session, TestApp } from '../../test/test-app';
import { productOfferings } from '../products/products.table';

// Test data for the key-account modules: S1 catalogue, customers, contacts, contracts written directly.

/** Attachments of test runs go to a scratch directory, never under the repository's data directory. */
export function useScratchFilesDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ka-files-'));
  process.env.KA_FILES_DIR = dir;
  return dir;
}

let seq = 0;

/** The products of S1 (DuPont-like office phones) and S3 (metro Ethernet). */
export async function seedKaOfferings(handle: DbHandle) {
  const n = ++seq;
  const rows = await handle.db
    .insert(productOfferings)
    .values([
      {
        code: `CTX-${n}`,
        nameZh: '汇线通（Centrex）',
        nameEn: 'Centrex line',
        family: 'voice',
        defaultMonthlyFen: 3_000,
      },
      { code: `ATK-${n}`, nameZh: '模拟中继', nameEn: 'Analogue trunk', family: 'voice', defaultMonthlyFen: 15_000 },
      {
        code: `DCR-${n}`,
        nameZh: '数字电路',
        nameEn: 'Digital circuit',
        family: 'dedicated_line',
        defaultMonthlyFen: 255_000,
      },
      {
        code: `NUM-${n}`,
        nameZh: '号码占用费',
        nameEn: 'Number occupation fee',
        family: 'voice',
        defaultMonthlyFen: 40_000,
      },
      {
        code: `MSTP-${n}`,
        nameZh: '城域以太网专线',
        nameEn: 'Metro Ethernet line',
        family: 'dedicated_line',
        defaultMonthlyFen: 800_000,
      },
    ])
    .returning();
  const [centrex, trunk, circuit, numbers, metro] = rows;
  return { centrex, trunk, circuit, numbers, metro };
}

export type KaOfferings = Awaited<ReturnType<typeof seedKaOfferings>>;

/** A key account (with a billing account) written directly; returns its id. */
export const addKa = (db: DbOrTx, c: Omit<GradingCustomer, 'category'> & { sinceDate?: string }) =>
  addCustomer(db, { ...c, category: 'key_account' }).then(async (id) => {
    if (c.sinceDate) await db.execute(sql`update customers set since_date = ${c.sinceDate} where id = ${id}`);
    return id;
  });

export async function addContact(
  db: DbOrTx,
  customerId: number,
  c: { name: string; birthday?: string; decisionRole?: string; attitude?: string; title?: string },
): Promise<number> {
  const r = (await db.execute(sql`insert into contacts (customer_id, name, title, birthday, decision_role, attitude)
    values (${customerId}, ${c.name}, ${c.title ?? null}, ${c.birthday ?? null}, ${c.decisionRole ?? null}, ${c.attitude ?? null})
    returning id`)) as unknown as { rows: { id: number }[] };
  return Number(r.rows[0].id);
}

export async function addContract(
  db: DbOrTx,
  customerId: number,
  c: { no: string; start: string; end: string; months: number },
) {
  const r =
    (await db.execute(sql`insert into contracts (customer_id, contract_no, title, start_date, term_months, end_date)
    values (${customerId}, ${c.no}, ${`合同 ${c.no}`}, ${c.start}, ${c.months}, ${c.end}) returning id`)) as unknown as {
      rows: { id: number }[];
    };
  return Number(r.rows[0].id);
}

export async function addProduct(
  db: DbOrTx,
  customerId: number,
  offeringId: number,
  serviceNumber: string,
  monthlyFen: number,
) {
  const r =
    (await db.execute(sql`insert into product_instances (customer_id, account_id, offering_id, service_number, start_date, monthly_fen)
    select ${customerId}, id, ${offeringId}, ${serviceNumber}, '2020-01-01', ${monthlyFen} from billing_accounts
    where customer_id = ${customerId} order by id limit 1 returning id`)) as unknown as { rows: { id: number }[] };
  return Number(r.rows[0].id);
}

/** Short request helpers bound to a test app. */
export function http(t: TestApp) {
  return {
    get: (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers }),
    send: (s: Session, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: s.headers, payload: payload as object }),
  };
}
