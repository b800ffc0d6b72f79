// Read-only queries of the list exports. Each applies the user's row scope (customerScopeSql) and the filters of the
// matching list view, and is read through a cursor so any number of rows streams with flat memory.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const intArray = (ids: number[]) => sql.raw(`'{${ids.map((n) => Math.trunc(n)).join(',')}}'::int[]`);

export type CustomerExportFilter = {
  search?: string;
  category?: string;
  status?: string;
  industry?: string;
  /** The subtree of the org unit filter (undefined: no filter). */
  orgUnitIds?: number[];
  accountManagerId?: number;
  sort: 'name' | 'customerNo' | 'createdAt' | 'sinceDate' | 'category' | 'status';
  order: 'asc' | 'desc';
};

export type CustomerExportRow = {
  id: number;
  customerNo: string;
  name: string;
  partyType: string;
  category: string;
  publicSubtype: string | null;
  status: string;
  industry: string | null;
  organizationType: string | null;
  creditCode: string | null;
  idNumber: string | null;
  mobile: string | null;
  email: string | null;
  address: string | null;
  orgUnitCode: string;
  orgUnitName: string;
  accountManager: string | null;
  accountManagerName: string | null;
  sinceDate: string | null;
  externalId: string | null;
};

const SORT: Record<CustomerExportFilter['sort'], string> = {
  name: 'p.name',
  customerNo: 'c.customer_no',
  createdAt: 'c.created_at',
  sinceDate: 'c.since_date',
  category: 'c.category',
  status: 'c.status',
};

function customerWhere(scope: Scope, f: CustomerExportFilter): SQL {
  const where: SQL[] = [customerScopeSql(scope, 'c')];
  if (f.search) {
    const like = `%${escapeLike(f.search)}%`;
    where.push(sql`(p.name ilike ${like} or c.customer_no = ${f.search} or p.mobile = ${f.search})`);
  }
  if (f.category) where.push(sql`c.category = ${f.category}`);
  if (f.status) where.push(sql`c.status = ${f.status}`);
  if (f.industry) where.push(sql`c.industry = ${f.industry}`);
  if (f.orgUnitIds) where.push(sql`c.org_unit_id = any(${intArray(f.orgUnitIds.length ? f.orgUnitIds : [0])})`);
  if (f.accountManagerId) where.push(sql`c.account_manager_id = ${f.accountManagerId}`);
  return sql.join(where, sql` and `);
}

/** How many customers the export of the list view holds (the same filters and scope). */
export function customerExportCountSql(scope: Scope, f: CustomerExportFilter): SQL {
  return sql`
    select count(*)::int as n
      from customers c
      join parties p on p.id = c.party_id
     where ${customerWhere(scope, f)}`;
}

/** Customers of the list view (same filters as GET /api/customers: search = name substring, number or mobile). */
export function customerExportSql(scope: Scope, f: CustomerExportFilter): SQL {
  const dir = f.order === 'desc' ? 'desc' : 'asc';
  return sql`
    select c.id, c.customer_no as "customerNo", p.name, p.party_type as "partyType", c.category,
           c.public_subtype as "publicSubtype", c.status, c.industry, c.organization_type as "organizationType",
           p.credit_code as "creditCode", p.id_number as "idNumber", p.mobile, p.email, p.address,
           o.code as "orgUnitCode", o.name as "orgUnitName", u.username as "accountManager",
           u.display_name as "accountManagerName", to_char(c.since_date, 'YYYY-MM-DD') as "sinceDate",
           c.external_id as "externalId"
      from customers c
      join parties p on p.id = c.party_id
      join org_units o on o.id = c.org_unit_id
      left join users u on u.id = c.account_manager_id
     where ${customerWhere(scope, f)}
     order by ${sql.raw(SORT[f.sort])} ${sql.raw(dir)} nulls last, c.id ${sql.raw(dir)}`;
}

export type BillExportFilter = {
  periodFrom?: string;
  periodTo?: string;
  customerId?: number;
  accountNo?: string;
  category?: string;
  orgUnitIds?: number[];
};

export type BillExportRow = {
  accountNo: string;
  customerNo: string;
  customerName: string;
  period: string;
  localVoiceFen: number;
  longDistanceFen: number;
  internationalFen: number;
  dataFen: number;
  valueAddedFen: number;
  rentalFen: number;
  totalFen: number;
  paidFen: number;
  arrearsFen: number;
};

function billWhere(scope: Scope, f: BillExportFilter): SQL {
  const where: SQL[] = [customerScopeSql(scope, 'c')];
  if (f.periodFrom) where.push(sql`b.period >= ${f.periodFrom}`);
  if (f.periodTo) where.push(sql`b.period <= ${f.periodTo}`);
  if (f.customerId) where.push(sql`b.customer_id = ${f.customerId}`);
  if (f.accountNo) where.push(sql`a.account_no = ${f.accountNo}`);
  if (f.category) where.push(sql`c.category = ${f.category}`);
  if (f.orgUnitIds) where.push(sql`c.org_unit_id = any(${intArray(f.orgUnitIds.length ? f.orgUnitIds : [0])})`);
  return sql.join(where, sql` and `);
}

/** How many bills the export holds (the same filters and scope). */
export function billExportCountSql(scope: Scope, f: BillExportFilter): SQL {
  return sql`
    select count(*)::int as n
      from bills b
      join billing_accounts a on a.id = b.account_id
      join customers c on c.id = b.customer_id
     where ${billWhere(scope, f)}`;
}

/** Bills of customers inside the scope, by period range, customer, account, category and org unit. */
export function billExportSql(scope: Scope, f: BillExportFilter): SQL {
  return sql`
    select a.account_no as "accountNo", c.customer_no as "customerNo", p.name as "customerName", b.period,
           b.local_voice_fen::float8 as "localVoiceFen", b.long_distance_fen::float8 as "longDistanceFen",
           b.international_fen::float8 as "internationalFen", b.data_fen::float8 as "dataFen",
           b.value_added_fen::float8 as "valueAddedFen", b.rental_fen::float8 as "rentalFen",
           b.total_fen::float8 as "totalFen", b.paid_fen::float8 as "paidFen", b.arrears_fen::float8 as "arrearsFen"
      from bills b
      join billing_accounts a on a.id = b.account_id
      join customers c on c.id = b.customer_id
      join parties p on p.id = c.party_id
     where ${billWhere(scope, f)}
     order by b.period, a.account_no`;
}

/** The single count of a count query. */
export async function countRows(db: Db, query: SQL): Promise<number> {
  return Number(rowsOf<{ n: number }>(await db.execute(query))[0]?.n ?? 0);
}

/** Lets pending I/O callbacks (interactive requests) run before the next batch of a long export. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs a query through a server-side cursor in a read-only transaction and hands the rows to `onBatch` in batches
 * (the next batch is fetched only after `onBatch` resolved, so a slow client holds back the database, not memory).
 * Between batches it yields to the event loop, so requests waiting meanwhile are served first; at most `maxRows`
 * rows are read.
 */
export async function streamQuery<T>(
  db: Db,
  query: SQL,
  onBatch: (rows: T[]) => Promise<void>,
  opts: { batchSize?: number; maxRows?: number } = {},
): Promise<number> {
  const batchSize = Math.max(1, Math.trunc(opts.batchSize ?? 2000));
  const maxRows = opts.maxRows ?? Number.POSITIVE_INFINITY;
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction read only`);
    await tx.execute(sql`declare export_cursor no scroll cursor for ${query}`);
    let total = 0;
    for (let guard = 0; guard < 10_000_000 && total < maxRows; guard++) {
      const size = Math.min(batchSize, maxRows - total);
      const rows = rowsOf<T>(await tx.execute(sql.raw(`fetch ${size} from export_cursor`)));
      if (rows.length === 0) break;
      total += rows.length;
      await onBatch(rows);
      if (rows.length < size) break;
      await yieldToEventLoop();
    }
    await tx.execute(sql`close export_cursor`);
    return total;
  });
}
