// The writes of an import commit: set-based upserts from the staged rows, keyed by the natural keys.
import type { ImportEntity } from '@crm/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { affectedRowsOf } from '../../db/results';
import {
  BILL_AMOUNTS,
  billValues,
  type ResolveOpts,
  resolvers,
  rowsOf,
  scopedAccounts,
} from './imports.upsert.repository';

export type CommitCounts = { inserts: number; updates: number; unchanged: number; errors: number };
/** A row a commit created or changed (customers and accounts), with the names of the fields that changed. */
export type CommittedChange = { id: number; kind: 'created' | 'updated'; fields: string[]; partyType?: string };

/** Our field names of the staging columns an update may change, per entity, and how to read the stored value. */
const changedFields: Partial<Record<ImportEntity, { from: SQL; fields: [string, string, string][] }>> = {
  customers: {
    from: sql`imp_r r join customers cm on cm.id = r.customer_id join parties pm on pm.id = cm.party_id`,
    fields: [
      ['externalId', 'c1', 'cm.external_id'],
      ['creditCode', 'c2', 'pm.credit_code'],
      ['idNumber', 'c3', 'pm.id_number'],
      ['name', 'c5', 'pm.name'],
      ['category', 'c6', 'cm.category'],
      ['publicSubtype', 'c7', 'cm.public_subtype'],
      ['status', 'c8', 'cm.status'],
      ['mobile', 'c9', 'pm.mobile'],
      ['email', 'c10', 'pm.email'],
      ['address', 'c11', 'pm.address'],
      ['industry', 'c12', 'cm.industry'],
      ['coverageLevel', 'c13', 'cm.coverage_level'],
      ['organizationType', 'c14', 'cm.organization_type'],
      ['sinceDate', 'c17', "to_char(cm.since_date, 'YYYY-MM-DD')"],
      ['notes', 'c18', 'cm.notes'],
    ],
  },
  accounts: {
    from: sql`imp_r r join billing_accounts a on a.id = r.account_id`,
    fields: [
      ['name', 'c3', 'a.name'],
      ['paymentMethod', 'c4', 'a.payment_method'],
      ['billCycleDay', 'c5', 'a.bill_cycle_day::text'],
      ['status', 'c6', 'a.status'],
    ],
  },
};

/** The updated rows of a resolved commit and their changed fields, read before the writes. */
async function updatedRows(tx: DbOrTx, entity: ImportEntity): Promise<CommittedChange[]> {
  const spec = changedFields[entity];
  if (!spec) return [];
  const names = sql.raw(
    spec.fields
      .map(
        ([name, file, stored]) =>
          `case when r.${file} is not null and r.${file} is distinct from ${stored} then '${name}' end`,
      )
      .join(', '),
  );
  const extra =
    entity === 'customers'
      ? sql`, case when r.given_org_unit_id is not null and r.given_org_unit_id <> cm.org_unit_id then 'orgUnitId' end,
             case when r.am_id is not null and r.am_id is distinct from cm.account_manager_id then 'accountManagerId' end`
      : sql``;
  const id = entity === 'customers' ? sql`r.customer_id` : sql`r.account_id`;
  const partyType = entity === 'customers' ? sql`pm.party_type` : sql`null`;
  const rows = rowsOf<{ id: number; fields: string[]; party_type: string | null }>(
    await tx.execute(sql`select ${id} as id, ${partyType} as party_type,
        array_remove(array[${names}${extra}]::text[], null) as fields
      from ${spec.from} where r.err_reason is null and r.action = 'update' order by r.row_no`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: 'updated',
    fields: r.fields,
    partyType: r.party_type ?? undefined,
  }));
}

const intArray = (ids: number[]) => sql.raw(`'{${ids.map((n) => Math.trunc(n)).join(',')}}'::int[]`);
const shanghaiToday = sql.raw(`(now() at time zone 'Asia/Shanghai')::date`);
const birthDate = (col: string) =>
  sql.raw(`case when ${col} is not null then to_date(substr(${col}, 7, 8), 'YYYYMMDD') end`);
const gender = (col: string) =>
  sql.raw(
    `case when ${col} is not null then case when substr(${col}, 17, 1)::int % 2 = 1 then 'male' else 'female' end end`,
  );

const writes: Record<Exclude<ImportEntity, 'bills'>, (o: ResolveOpts) => SQL[]> = {
  customers: (o) => [
    sql`update parties p set name = coalesce(r.c5, p.name), credit_code = coalesce(r.c2, p.credit_code),
          id_number = coalesce(r.c3, p.id_number), mobile = coalesce(r.c9, p.mobile), email = coalesce(r.c10, p.email),
          address = coalesce(r.c11, p.address), birth_date = coalesce(${birthDate('r.c3')}, p.birth_date),
          gender = coalesce(${gender('r.c3')}, p.gender), updated_at = now()
        from imp_r r where r.action = 'update' and p.id = r.party_id`,
    sql`update customers c set external_id = coalesce(r.c1, c.external_id), category = coalesce(r.c6, c.category),
          public_subtype = coalesce(r.c7, c.public_subtype), status = coalesce(r.c8, c.status),
          industry = coalesce(r.c12, c.industry), coverage_level = coalesce(r.c13, c.coverage_level),
          organization_type = coalesce(r.c14, c.organization_type), since_date = coalesce(r.c17::date, c.since_date),
          notes = coalesce(r.c18, c.notes), org_unit_id = coalesce(r.given_org_unit_id, c.org_unit_id),
          account_manager_id = coalesce(r.am_id, c.account_manager_id), updated_at = now()
        from imp_r r where r.action = 'update' and c.id = r.customer_id`,
    sql`with src as materialized (
          select nextval(pg_get_serial_sequence('parties', 'id')) as pid,
                 nextval(pg_get_serial_sequence('customers', 'id')) as cid, r.*
            from imp_r r where r.action = 'insert' order by r.row_no),
        p as (insert into parties (id, party_type, name, credit_code, id_number, mobile, email, address, birth_date, gender)
              overriding system value
              select pid, c4, c5, c2, c3, c9, c10, c11, ${birthDate('c3')}, ${gender('c3')} from src returning 1)
        insert into customers (id, party_id, customer_no, external_id, category, public_subtype, status, org_unit_id,
                               account_manager_id, industry, coverage_level, organization_type, since_date, notes)
        overriding system value
        select cid, pid, 'C' || lpad(cid::text, 10, '0'), c1, c6, c7, coalesce(c8, 'active'), org_unit_id,
               coalesce(am_id, ${o.ownAccountManagerId}::int), c12, c13, c14, coalesce(c17::date, ${shanghaiToday}), c18
          from src
        returning id`,
  ],
  contacts: () => [
    sql`update contacts t set title = coalesce(r.c3, t.title), mobile = coalesce(r.c4, t.mobile),
          phone = coalesce(r.c5, t.phone), email = coalesce(r.c6, t.email), birthday = coalesce(r.c7::date, t.birthday),
          decision_role = coalesce(r.c8, t.decision_role), attitude = coalesce(r.c9, t.attitude),
          notes = coalesce(r.c10, t.notes), updated_at = now()
        from imp_r r where r.action = 'update' and t.id = r.contact_id`,
    sql`insert into contacts (customer_id, name, title, mobile, phone, email, birthday, decision_role, attitude, notes)
        select customer_id, c2, c3, c4, c5, c6, c7::date, c8, c9, c10 from imp_r where action = 'insert' order by row_no`,
  ],
  accounts: () => [
    sql`update billing_accounts a set name = coalesce(r.c3, a.name), payment_method = coalesce(r.c4, a.payment_method),
          bill_cycle_day = coalesce(r.c5::int, a.bill_cycle_day), status = coalesce(r.c6, a.status), updated_at = now()
        from imp_r r where r.action = 'update' and a.id = r.account_id`,
    sql`insert into billing_accounts (customer_id, account_no, name, payment_method, bill_cycle_day, status)
        select customer_id, c1, c3, coalesce(c4, 'cash'), coalesce(c5::int, 1), coalesce(c6, 'active')
          from imp_r where action = 'insert' order by row_no
        returning id`,
  ],
  products: () => [
    sql`update product_instances t set account_id = r.account_id, offering_id = r.offering_id,
          start_date = coalesce(r.c4::date, t.start_date), end_date = coalesce(r.c5::date, t.end_date),
          monthly_fen = coalesce(r.c6::bigint, t.monthly_fen), status = coalesce(r.c7, t.status), updated_at = now()
        from imp_r r where r.action = 'update' and t.id = r.product_id`,
    sql`insert into product_instances (customer_id, account_id, offering_id, service_number, start_date, end_date,
                                       monthly_fen, status)
        select customer_id, account_id, offering_id, c1, c4::date, c5::date, coalesce(c6::bigint, default_monthly_fen),
               coalesce(c7, 'active')
          from imp_r where action = 'insert' order by row_no`,
  ],
};

/**
 * Commits every staged row of a (non-bill) run inside the caller's transaction: re-validates against the current
 * data (a change since the dry run that makes a row invalid aborts the commit), then updates and inserts set-based.
 * For customers and accounts it also returns what was created and changed (for the change listeners).
 */
export async function commitAll(
  tx: DbOrTx,
  entity: Exclude<ImportEntity, 'bills'>,
  o: ResolveOpts,
): Promise<CommitCounts & { changes: CommittedChange[] }> {
  await tx.execute(sql`create temp table imp_r on commit drop as ${resolvers[entity](o)}`);
  const [counts] = rowsOf<CommitCounts>(
    await tx.execute(sql`
      select count(*) filter (where err_reason is null and action = 'insert')::int as inserts,
             count(*) filter (where err_reason is null and action = 'update')::int as updates,
             count(*) filter (where err_reason is null and action = 'same')::int as unchanged,
             count(*) filter (where err_reason is not null)::int as errors
        from imp_r`),
  );
  if (counts.errors > 0) return { ...counts, changes: [] };
  const changes = await updatedRows(tx, entity);
  let created: { id: number }[] = [];
  for (const statement of writes[entity](o)) created = rowsOf<{ id: number }>(await tx.execute(statement));
  if (changedFields[entity] && created.length) {
    const ids = created.map((r) => Number(r.id));
    const types =
      entity === 'customers'
        ? rowsOf<{ id: number; party_type: string }>(
            await tx.execute(sql`select c.id, p.party_type from customers c join parties p on p.id = c.party_id
              where c.id = any(${intArray(ids)}) order by c.id`),
          )
        : [];
    const typeOf = new Map(types.map((t) => [Number(t.id), t.party_type]));
    changes.push(...ids.map((id) => ({ id, kind: 'created' as const, fields: [], partyType: typeOf.get(id) })));
  }
  await tx.execute(sql`drop table imp_r`);
  return { ...counts, changes };
}

export type ChunkResult = { resolved: number; written: number };

/**
 * Writes the bills of staged rows `afterRow < row_no <= throughRow` in one statement (natural key account + period).
 * `upsert`: a bill that exists is updated unless its amounts are unchanged (the idempotent path). `insert`: a plain
 * insert, for a run whose dry run found none of its bills stored; it fails on the unique key when one was stored
 * since, and the caller then redoes the chunk as an upsert. `resolved` below the chunk's staged rows means an
 * account vanished since the dry run.
 */
export async function commitBillChunk(
  tx: DbOrTx,
  o: ResolveOpts,
  afterRow: number,
  throughRow: number,
  mode: 'insert' | 'upsert',
): Promise<ChunkResult> {
  const cols = sql.raw(BILL_AMOUNTS.join(', '));
  const src = sql`select a.id as account_id, a.customer_id, st.c2 as period, ${billValues('st')}
        from import_staging st join ${scopedAccounts(o.scope)} on a.account_no = st.c1
       where st.run_id = ${o.runId} and st.row_no > ${afterRow} and st.row_no <= ${throughRow}
       order by a.id, st.c2`;
  if (mode === 'insert') {
    const result = await tx.execute(sql`insert into bills (account_id, customer_id, period, ${cols}) ${src}`);
    const n = affectedRowsOf(result);
    return { resolved: n, written: n };
  }
  const set = sql.raw(BILL_AMOUNTS.map((c) => `${c} = excluded.${c}`).join(', '));
  const current = sql.raw(BILL_AMOUNTS.map((c) => `bills.${c}`).join(', '));
  const incoming = sql.raw(BILL_AMOUNTS.map((c) => `excluded.${c}`).join(', '));
  const result = await tx.execute(sql`
    with src as (${src}),
    ins as (
      insert into bills (account_id, customer_id, period, ${cols})
      select * from src
      on conflict (account_id, period) do update set ${set}
      where (${current}) is distinct from (${incoming})
      returning 1)
    select (select count(*) from src)::int as resolved,
           (select count(*) from ins)::int as written`);
  return rowsOf<ChunkResult>(result)[0];
}
