import { isValidCreditCode, isValidIdNumber, isValidMobile, isValidPhone } from '@crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { createTestDb } from '../../test/test-db';
import { verifyPassword } from '../auth/auth.password';
import { DEMO_PASSWORD, type DemoLoadResult, demoLogins, demoStoryCustomers, loadDemoOperator } from './demo.service';

const CUSTOMERS = 2_000;
const now = new Date('2025-06-15T04:00:00Z');

// biome-ignore lint/suspicious/noExplicitAny: raw rows of ad-hoc test queries
type Row = Record<string, any>;
async function rows(handle: DbHandle, text: string): Promise<Row[]> {
  if (handle.pool) return (await handle.pool.query(text)).rows;
  if (handle.pglite) return (await handle.pglite.query<Row>(text)).rows;
  throw new Error('no database');
}
const one = async (handle: DbHandle, text: string) => (await rows(handle, text))[0];

/** A digest of customers and bills that changes with any generated value. */
async function fingerprint(handle: DbHandle) {
  return one(
    handle,
    `SELECT
       (SELECT md5(string_agg(concat_ws('|', c.id, c.customer_no, c.category, c.status, c.account_manager_id,
          c.org_unit_id, c.since_date, p.name, p.credit_code, p.id_number, p.mobile, p.address), ',' ORDER BY c.id))
        FROM customers c JOIN parties p ON p.id = c.party_id) AS customers,
       (SELECT md5(string_agg(concat_ws('|', account_id, period, local_voice_fen, data_fen, rental_fen, total_fen,
          arrears_fen), ',' ORDER BY id)) FROM bills) AS bills,
       (SELECT sum(total_fen)::text FROM bills) AS total,
       (SELECT md5(string_agg(concat_ws('|', service_number, monthly_fen), ',' ORDER BY id)) FROM product_instances)
         AS products`,
  );
}

describe('demo operator', () => {
  let db: DbHandle;
  let result: DemoLoadResult;

  beforeAll(async () => {
    db = await createTestDb();
    result = await loadDemoOperator({ handle: db, customers: CUSTOMERS, progress: false, now });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('loads the requested number of customers with 24 months of bills', async () => {
    expect(result.counts.customers).toBe(CUSTOMERS);
    expect(result.counts.parties).toBe(CUSTOMERS);
    const b = await one(
      db,
      `SELECT min(period) AS first, max(period) AS last, count(DISTINCT period)::int AS n FROM bills`,
    );
    expect(b).toEqual({ first: '2023-06', last: '2025-05', n: 24 });
  });

  it('is deterministic: the same seed gives the same data, another seed different data', async () => {
    const again = await createTestDb();
    const other = await createTestDb();
    try {
      await loadDemoOperator({ handle: again, customers: CUSTOMERS, progress: false, now });
      await loadDemoOperator({ handle: other, customers: CUSTOMERS, progress: false, now, seed: 2 });
      const first = await fingerprint(db);
      expect(await fingerprint(again)).toEqual(first);
      const changed = await fingerprint(other);
      expect(changed.customers).not.toBe(first.customers);
      expect(changed.bills).not.toBe(first.bills);
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('has about 2% key accounts and 20% business customers', async () => {
    const shares = Object.fromEntries(
      (await rows(db, `SELECT category, count(*)::float / ${CUSTOMERS} AS share FROM customers GROUP BY 1`)).map(
        (r) => [r.category, r.share],
      ),
    );
    expect(shares.key_account).toBeGreaterThan(0.015);
    expect(shares.key_account).toBeLessThan(0.03);
    expect(shares.business).toBeGreaterThan(0.17);
    expect(shares.business).toBeLessThan(0.23);
    const ka = await one(
      db,
      `SELECT count(*) FILTER (WHERE p.party_type <> 'organization')::int AS individuals,
              count(DISTINCT c.organization_type)::int AS org_types, count(DISTINCT c.industry)::int AS industries,
              count(*) FILTER (WHERE c.parent_customer_id IS NOT NULL)::int AS branches
       FROM customers c JOIN parties p ON p.id = c.party_id WHERE c.category = 'key_account'`,
    );
    expect(ka.individuals).toBe(0);
    expect(ka.org_types).toBeGreaterThanOrEqual(5);
    expect(ka.industries).toBeGreaterThanOrEqual(8);
    const pub = await one(
      db,
      `SELECT count(*) FILTER (WHERE p.party_type <> 'individual' OR c.public_subtype IS NULL
                                   OR p.occupation IS NULL OR p.age_band IS NULL OR p.income_band IS NULL)::int AS bad
       FROM customers c JOIN parties p ON p.id = c.party_id WHERE c.category = 'public'`,
    );
    expect(pub.bad).toBe(0);
  });

  it('concentrates revenue: the top 20% of customers hold 65-90% of the last 12 months', async () => {
    const r = await one(
      db,
      `WITH rev AS (
         SELECT c.id, coalesce(sum(b.total_fen), 0) AS fen
         FROM customers c LEFT JOIN bills b ON b.customer_id = c.id AND b.period >= '2024-06'
         GROUP BY c.id),
       ranked AS (SELECT fen, row_number() OVER (ORDER BY fen DESC) AS rn FROM rev)
       SELECT (sum(fen) FILTER (WHERE rn <= ${CUSTOMERS * 0.2}))::float / sum(fen) AS top20 FROM ranked`,
    );
    expect(r.top20).toBeGreaterThan(0.65);
    expect(r.top20).toBeLessThan(0.9);
  });

  it('generates valid and unique credit codes, ID numbers, mobiles and phones', async () => {
    const parties = await rows(db, `SELECT credit_code, id_number, mobile FROM parties`);
    const contacts = await rows(db, `SELECT mobile, phone FROM contacts`);
    const invalid = [
      ...parties.filter((p) => p.credit_code && !isValidCreditCode(p.credit_code)),
      ...parties.filter((p) => p.id_number && !isValidIdNumber(p.id_number)),
      ...parties.filter((p) => p.mobile && !isValidMobile(p.mobile)),
      ...contacts.filter((c) => !isValidMobile(c.mobile) || !isValidPhone(c.phone)),
    ];
    expect(invalid).toEqual([]);
    const dupes = await one(
      db,
      `SELECT
         (SELECT count(*) FROM (SELECT mobile FROM (SELECT mobile FROM parties WHERE mobile IS NOT NULL
            UNION ALL SELECT mobile FROM contacts UNION ALL SELECT phone FROM users) m GROUP BY 1 HAVING count(*) > 1) d)::int AS mobiles,
         (SELECT count(*) FROM (SELECT service_number FROM product_instances GROUP BY 1 HAVING count(*) > 1) d)::int AS services,
         (SELECT count(*) FROM (SELECT account_no FROM billing_accounts GROUP BY 1 HAVING count(*) > 1) d)::int AS accounts`,
    );
    expect(dupes).toEqual({ mobiles: 0, services: 0, accounts: 0 });
    const names = await one(
      db,
      `SELECT count(*)::int AS n FROM (SELECT p.name FROM parties p JOIN customers c ON c.party_id = p.id
         WHERE c.category = 'key_account' GROUP BY 1 HAVING count(*) > 1) d`,
    );
    expect(names.n).toBe(0);
  });

  it('writes bills whose total is the sum of the categories, a few percent in arrears', async () => {
    const b = await one(
      db,
      `SELECT count(*) FILTER (WHERE total_fen <> local_voice_fen + long_distance_fen + international_fen + data_fen
                                              + value_added_fen + rental_fen)::int AS bad_total,
              count(*) FILTER (WHERE paid_fen + arrears_fen <> total_fen OR total_fen < 0)::int AS bad_paid,
              count(DISTINCT account_id) FILTER (WHERE arrears_fen > 0)::float / count(DISTINCT account_id) AS arrears
       FROM bills`,
    );
    expect(b.bad_total).toBe(0);
    expect(b.bad_paid).toBe(0);
    expect(b.arrears).toBeGreaterThan(0.01);
    expect(b.arrears).toBeLessThan(0.12);
  });

  it('keeps references intact and restores the indexes it dropped for the load', async () => {
    const r = await one(
      db,
      `SELECT
         (SELECT count(*) FROM bills b WHERE NOT EXISTS (SELECT 1 FROM billing_accounts a WHERE a.id = b.account_id AND a.customer_id = b.customer_id))::int AS bills,
         (SELECT count(*) FROM product_instances i WHERE NOT EXISTS (SELECT 1 FROM billing_accounts a WHERE a.id = i.account_id AND a.customer_id = i.customer_id))::int AS instances,
         (SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM parties p WHERE p.id = c.party_id))::int AS parties,
         (SELECT count(*) FROM customers c WHERE c.parent_customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers x WHERE x.id = c.parent_customer_id))::int AS parents,
         (SELECT count(*) FROM customers c WHERE c.referred_by_customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers x WHERE x.id = c.referred_by_customer_id))::int AS referrals,
         (SELECT count(*) FROM pg_indexes WHERE tablename = 'bills')::int AS bill_indexes,
         (SELECT count(*) FROM pg_indexes WHERE indexname = 'parties_name_trgm_idx')::int AS trgm`,
    );
    expect(r).toEqual({ bills: 0, instances: 0, parties: 0, parents: 0, referrals: 0, bill_indexes: 4, trgm: 1 });
    // The identity sequences continue after the loaded ids.
    const next = await one(db, `SELECT nextval(pg_get_serial_sequence('customers', 'id'))::int AS id`);
    expect(next.id).toBe(CUSTOMERS + 1);
  });

  it('gives am1 and am2 key-account portfolios in the city of manager1', async () => {
    const r = await rows(
      db,
      `SELECT u.username, count(c.id)::int AS kas, bool_and(c.org_unit_id = m.org_unit_id) AS same_city
       FROM users u JOIN users m ON m.username = 'manager1'
       JOIN customers c ON c.account_manager_id = u.id AND c.category = 'key_account'
       WHERE u.username IN ('am1', 'am2') AND u.org_unit_id = m.org_unit_id
       GROUP BY u.username ORDER BY u.username`,
    );
    expect(r.map((x) => x.username)).toEqual(['am1', 'am2']);
    for (const x of r) {
      expect(x.kas).toBeGreaterThanOrEqual(3);
      expect(x.same_city).toBe(true);
    }
    const orphans = await one(
      db,
      `SELECT count(*)::int AS n FROM customers c JOIN users u ON u.id = c.account_manager_id
       JOIN org_units cu ON cu.id = c.org_unit_id
       WHERE c.category = 'key_account' AND (u.role <> 'account_manager' OR cu.path NOT LIKE '%/' || u.org_unit_id || '/%')`,
    );
    expect(orphans.n).toBe(0);
    const unmanaged = await one(
      db,
      `SELECT count(*)::int AS n FROM customers WHERE category = 'key_account' AND account_manager_id IS NULL`,
    );
    expect(unmanaged.n).toBe(0);
  });

  it('contains the story customers S1, S2 and S3', async () => {
    for (const s of demoStoryCustomers) {
      const c = await one(
        db,
        `SELECT c.id, c.status, c.category, p.name, u.username,
                (SELECT count(*) FROM bills b WHERE b.customer_id = c.id)::int AS bills,
                (SELECT count(*) FROM contacts k WHERE k.customer_id = c.id)::int AS contacts
         FROM customers c JOIN parties p ON p.id = c.party_id JOIN users u ON u.id = c.account_manager_id
         WHERE c.customer_no = '${s.customerNo}'`,
      );
      expect(c).toMatchObject({ name: s.name, status: s.status, category: 'key_account', username: s.accountManager });
      expect(c.contacts).toBeGreaterThanOrEqual(4);
      if (s.story === 'S2') expect(c.bills).toBe(0);
      else expect(c.bills).toBeGreaterThan(0);
    }
    const s1 = await one(
      db,
      `SELECT string_agg(DISTINCT o.code, ',' ORDER BY o.code) AS codes, count(DISTINCT k.decision_role)::int AS roles
       FROM customers c JOIN product_instances i ON i.customer_id = c.id JOIN product_offerings o ON o.id = i.offering_id
       JOIN contacts k ON k.customer_id = c.id WHERE c.customer_no = 'C0000000001'`,
    );
    expect(s1.codes).toContain('CENTREX');
    expect(s1.codes).toContain('DIGITAL_CIRCUIT');
    expect(s1.roles).toBe(6);
    // S3's spend falls steeply in the last months.
    const s3 = await rows(
      db,
      `SELECT b.period, sum(b.total_fen)::float AS fen FROM bills b JOIN customers c ON c.id = b.customer_id
       WHERE c.customer_no = 'C0000000003' GROUP BY 1 ORDER BY 1 DESC LIMIT 8`,
    );
    expect(s3[0].fen).toBeLessThan(s3[7].fen * 0.5);
  });

  it('creates every demo login with the demo password', async () => {
    const users = await rows(db, `SELECT username, password_hash, role FROM users`);
    for (const l of demoLogins) expect(users.map((u) => u.username)).toContain(l.username);
    const admin = users.find((u) => u.username === 'admin');
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword(admin?.password_hash, DEMO_PASSWORD)).toBe(true);
    const roles = new Set(users.map((u) => u.role));
    expect(roles.size).toBe(8);
  });

  it('refuses to load into a database that already holds data', async () => {
    await expect(loadDemoOperator({ handle: db, customers: 10, progress: false, now })).rejects.toThrow(/not empty/);
  });
});
