// Set-based validation and upsert of staged import rows, one SQL statement per step, per entity.
// Staging column c<i> holds field i-1 of importFields[entity] (normalised text).
import { type ImportEntity, importFields } from '@crm/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';

export type ResolveOpts = {
  runId: number;
  scope: Scope;
  /** Org units new or moved customers may be placed in; null: any. */
  allowedOrgUnitIds: number[] | null;
  defaultOrgUnitId: number;
  /** The importer when they are an account manager (their new customers join their portfolio). */
  ownAccountManagerId: number | null;
};

type Check = { when: SQL; field: string; reason: SQL };
/** The staging column of a field. */
export const fieldColumn = (entity: ImportEntity, field: string) =>
  `c${importFields[entity].findIndex((f) => f.key === field) + 1}`;
/** Fields that the set-based checks of each entity can report. */
const checkFields: Record<ImportEntity, string[]> = {
  customers: ['externalId', 'creditCode', 'idNumber', 'partyType', 'orgUnitCode', 'accountManager'],
  contacts: ['customerRef', 'name'],
  accounts: ['customerRef', 'accountNo'],
  products: ['accountNo', 'offeringCode', 'serviceNumber'],
  bills: ['accountNo', 'period'],
};
const intArray = (ids: number[]) => sql.raw(`'{${ids.map((n) => Math.trunc(n)).join(',')}}'::int[]`);
const text = (s: string) => sql`${s}::text`;

/** `err_field` and `err_reason` of the first failing check. */
function errorColumns(checks: Check[]): SQL {
  const field = sql.join(
    checks.map((c) => sql`when ${c.when} then ${text(c.field)}`),
    sql` `,
  );
  const reason = sql.join(
    checks.map((c) => sql`when ${c.when} then ${c.reason}`),
    sql` `,
  );
  return sql`case ${field} end as err_field, case ${reason} end as err_reason`;
}

/** True when a given (non-empty) file value differs from the stored one. */
const differs = (pairs: [string, string][]) =>
  sql.raw(
    pairs.map(([file, stored]) => `(st.${file} is not null and st.${file} is distinct from ${stored})`).join(' or '),
  );

const dupOf = (key: string) =>
  sql.raw(`case when ${key.split(',')[0]} is not null then min(s.row_no) over (partition by ${key}) end`);

const staged = (runId: number, extra: SQL = sql``) =>
  sql`(select s.*, ${extra} 0 as _ from import_staging s where s.run_id = ${runId})`;

/** A customer reference (customer number, external id, credit code or ID number) resolved inside the scope. */
const customerRef = (col: string, scope: Scope) => sql`left join lateral (
    select x.id from (
      select c.id, 1 as k from customers c where c.customer_no = st.${sql.raw(col)}
      union all select c.id, 2 from customers c where c.external_id = st.${sql.raw(col)}
      union all select c.id, 3 from parties p join customers c on c.party_id = p.id where p.credit_code = upper(st.${sql.raw(col)})
      union all select c.id, 4 from parties p join customers c on c.party_id = p.id where p.id_number = upper(st.${sql.raw(col)})
    ) x join customers cv on cv.id = x.id where ${customerScopeSql(scope, 'cv')} order by x.k limit 1) cr on true`;

function customersSql(o: ResolveOpts): SQL {
  const allowed = o.allowedOrgUnitIds === null ? sql`true` : sql`ouc.id = any(${intArray(o.allowedOrgUnitIds)})`;
  const checks: Check[] = [
    {
      when: sql`(ce.id is not null and cc.id is not null and ce.id <> cc.id) or (ce.id is not null and ci.id is not null and ce.id <> ci.id) or (cc.id is not null and ci.id is not null and cc.id <> ci.id)`,
      field: 'externalId',
      reason: sql`'external ID, credit code and ID number belong to different customers'`,
    },
    {
      when: sql`cm.id is not null and not (${customerScopeSql(o.scope, 'cm')})`,
      field: 'creditCode',
      reason: sql`'already registered to a customer outside your scope'`,
    },
    {
      when: sql`cm.id is not null and pm.party_type <> st.c4`,
      field: 'partyType',
      reason: sql`'differs from the registered customer'`,
    },
    { when: sql`st.c15 is not null and ouc.id is null`, field: 'orgUnitCode', reason: sql`'org unit not found'` },
    {
      when: sql`st.c15 is not null and not (${allowed})`,
      field: 'orgUnitCode',
      reason: sql`'outside your organisation'`,
    },
    {
      when: sql`st.c16 is not null and (amu.id is null or amu.role <> 'account_manager' or not amu.active)`,
      field: 'accountManager',
      reason: sql`'not an active account manager'`,
    },
    {
      when: sql`st.c16 is not null and not (amo.path like ouv.path || '%' or ouv.path like amo.path || '%')`,
      field: 'accountManager',
      reason: sql`'the account manager works outside this org unit'`,
    },
    { when: sql`st.d1 < st.row_no`, field: 'externalId', reason: sql`'duplicate of row ' || st.d1` },
    { when: sql`st.d2 < st.row_no`, field: 'creditCode', reason: sql`'duplicate of row ' || st.d2` },
    { when: sql`st.d3 < st.row_no`, field: 'idNumber', reason: sql`'duplicate of row ' || st.d3` },
  ];
  const change = differs([
    ['c1', 'cm.external_id'],
    ['c2', 'pm.credit_code'],
    ['c3', 'pm.id_number'],
    ['c5', 'pm.name'],
    ['c6', 'cm.category'],
    ['c7', 'cm.public_subtype'],
    ['c8', 'cm.status'],
    ['c9', 'pm.mobile'],
    ['c10', 'pm.email'],
    ['c11', 'pm.address'],
    ['c12', 'cm.industry'],
    ['c13', 'cm.coverage_level'],
    ['c14', 'cm.organization_type'],
    ['c17', "to_char(cm.since_date, 'YYYY-MM-DD')"],
    ['c18', 'cm.notes'],
  ]);
  return sql`select st.*, cm.id as customer_id, cm.party_id, ouv.id as org_unit_id, ouc.id as given_org_unit_id,
      amu.id as am_id, ${errorColumns(checks)},
      case when cm.id is null then 'insert'
           when ${change} or (ouc.id is not null and ouc.id <> cm.org_unit_id)
             or (amu.id is not null and amu.id is distinct from cm.account_manager_id) then 'update'
           else 'same' end as action
    from ${staged(o.runId, sql`${dupOf('s.c1')} as d1, ${dupOf('s.c2')} as d2, ${dupOf('s.c3')} as d3,`)} st
    left join customers ce on ce.external_id = st.c1
    left join parties pc on pc.credit_code = st.c2
    left join lateral (select id from customers where party_id = pc.id order by id limit 1) cc on true
    left join parties pi on pi.id_number = st.c3
    left join lateral (select id from customers where party_id = pi.id order by id limit 1) ci on true
    left join customers cm on cm.id = coalesce(ce.id, cc.id, ci.id)
    left join parties pm on pm.id = cm.party_id
    left join org_units ouc on ouc.code = st.c15
    left join org_units ouv on ouv.id = coalesce(ouc.id, cm.org_unit_id, ${o.defaultOrgUnitId})
    left join users amu on lower(amu.username) = lower(st.c16)
    left join org_units amo on amo.id = amu.org_unit_id`;
}

function contactsSql(o: ResolveOpts): SQL {
  const checks: Check[] = [
    { when: sql`cr.id is null`, field: 'customerRef', reason: sql`'customer not found'` },
    { when: sql`st.d1 < st.row_no`, field: 'name', reason: sql`'duplicate of row ' || st.d1` },
  ];
  const change = differs([
    ['c3', 'ct.title'],
    ['c4', 'ct.mobile'],
    ['c5', 'ct.phone'],
    ['c6', 'ct.email'],
    ['c7', "to_char(ct.birthday, 'YYYY-MM-DD')"],
    ['c8', 'ct.decision_role'],
    ['c9', 'ct.attitude'],
    ['c10', 'ct.notes'],
  ]);
  return sql`select st.*, cr.id as customer_id, ct.id as contact_id, ${errorColumns(checks)},
      case when ct.id is null then 'insert' when ${change} then 'update' else 'same' end as action
    from ${staged(o.runId, sql`${dupOf('s.c1, s.c2')} as d1,`)} st
    ${customerRef('c1', o.scope)}
    left join lateral (select * from contacts where customer_id = cr.id and name = st.c2 order by id limit 1) ct on true`;
}

function accountsSql(o: ResolveOpts): SQL {
  const checks: Check[] = [
    { when: sql`cr.id is null`, field: 'customerRef', reason: sql`'customer not found'` },
    {
      when: sql`a.id is not null and a.customer_id <> cr.id`,
      field: 'accountNo',
      reason: sql`'the account belongs to another customer'`,
    },
    { when: sql`st.d1 < st.row_no`, field: 'accountNo', reason: sql`'duplicate of row ' || st.d1` },
  ];
  const change = differs([
    ['c3', 'a.name'],
    ['c4', 'a.payment_method'],
    ['c5', 'a.bill_cycle_day::text'],
    ['c6', 'a.status'],
  ]);
  return sql`select st.*, cr.id as customer_id, a.id as account_id, ${errorColumns(checks)},
      case when a.id is null then 'insert' when ${change} then 'update' else 'same' end as action
    from ${staged(o.runId, sql`${dupOf('s.c1')} as d1,`)} st
    ${customerRef('c2', o.scope)}
    left join billing_accounts a on a.account_no = st.c1`;
}

/** Billing accounts of customers inside the scope (all accounts for the `all` scope: no join needed). */
const scopedAccounts = (scope: Scope) =>
  scope.kind === 'all'
    ? sql`billing_accounts a`
    : sql`(billing_accounts a join customers ac on ac.id = a.customer_id and ${customerScopeSql(scope, 'ac')})`;

function productsSql(o: ResolveOpts): SQL {
  const checks: Check[] = [
    { when: sql`a.id is null`, field: 'accountNo', reason: sql`'account not found'` },
    { when: sql`po.id is null`, field: 'offeringCode', reason: sql`'product offering not found'` },
    {
      when: sql`pi.id is not null and pi.customer_id <> a.customer_id`,
      field: 'serviceNumber',
      reason: sql`'the service number belongs to another customer'`,
    },
    { when: sql`st.d1 < st.row_no`, field: 'serviceNumber', reason: sql`'duplicate of row ' || st.d1` },
  ];
  const change = differs([
    ['c4', "to_char(pi.start_date, 'YYYY-MM-DD')"],
    ['c5', "to_char(pi.end_date, 'YYYY-MM-DD')"],
    ['c6', 'pi.monthly_fen::text'],
    ['c7', 'pi.status'],
  ]);
  return sql`select st.*, a.id as account_id, a.customer_id, po.id as offering_id, po.default_monthly_fen,
      pi.id as product_id, ${errorColumns(checks)},
      case when pi.id is null then 'insert'
           when ${change} or a.id is distinct from pi.account_id or po.id <> pi.offering_id then 'update'
           else 'same' end as action
    from ${staged(o.runId, sql`${dupOf('s.c1')} as d1,`)} st
    left join ${scopedAccounts(o.scope)} on a.account_no = st.c2
    left join product_offerings po on po.code = st.c3
    left join lateral (select * from product_instances where service_number = st.c1
                        order by (status <> 'terminated') desc, id desc limit 1) pi on true`;
}

const BILL_AMOUNTS = [
  'local_voice_fen',
  'long_distance_fen',
  'international_fen',
  'data_fen',
  'value_added_fen',
  'rental_fen',
  'total_fen',
  'paid_fen',
  'arrears_fen',
];
const billValues = (alias: string) => sql.raw(BILL_AMOUNTS.map((_, i) => `${alias}.c${i + 3}::bigint`).join(', '));

function billsSql(o: ResolveOpts): SQL {
  const checks: Check[] = [
    { when: sql`a.id is null`, field: 'accountNo', reason: sql`'account not found'` },
    { when: sql`st.d1 < st.row_no`, field: 'period', reason: sql`'duplicate of row ' || st.d1` },
  ];
  return sql`select st.row_no, st.c1, st.c2, ${errorColumns(checks)},
      case when b.id is null then 'insert'
           when (${sql.raw(BILL_AMOUNTS.map((c) => `b.${c}`).join(', '))}) = (${billValues('st')}) then 'same'
           else 'update' end as action
    from ${staged(o.runId, sql`min(s.row_no) over (partition by s.c1, s.c2) as d1,`)} st
    left join ${scopedAccounts(o.scope)} on a.account_no = st.c1
    left join bills b on b.account_id = a.id and b.period = st.c2`;
}

const resolvers: Record<ImportEntity, (o: ResolveOpts) => SQL> = {
  customers: customersSql,
  contacts: contactsSql,
  accounts: accountsSql,
  products: productsSql,
  bills: billsSql,
};

export type StagedCounts = { inserts: number; updates: number; unchanged: number; errors: number };

/**
 * Validates the staged rows of a run against the database in one statement: stores up to `maxErrors` row errors
 * (the reference / uniqueness checks; format errors were stored while staging) and counts inserts / updates / unchanged.
 */
export async function validateStaged(
  db: DbOrTx,
  entity: ImportEntity,
  o: ResolveOpts,
  headerOf: Record<string, string>,
  maxErrors: number,
): Promise<StagedCounts> {
  const fields = checkFields[entity];
  const header = sql.join(
    fields.map((field) => sql`when ${text(field)} then ${text(headerOf[field] ?? field)}`),
    sql` `,
  );
  const cellOf = sql.join(
    fields.map((field) => sql`when ${text(field)} then r.${sql.raw(fieldColumn(entity, field))}`),
    sql` `,
  );
  const result = await db.execute(sql`
    with r as materialized (${resolvers[entity](o)}),
    e as (insert into import_errors (run_id, row_no, column_name, value, reason)
          select ${o.runId}, r.row_no, case r.err_field ${header} else r.err_field end,
                 case r.err_field ${cellOf} end, r.err_reason
            from r where r.err_reason is not null order by r.row_no limit ${maxErrors} returning 1)
    select count(*) filter (where err_reason is null and action = 'insert')::int as inserts,
           count(*) filter (where err_reason is null and action = 'update')::int as updates,
           count(*) filter (where err_reason is null and action = 'same')::int as unchanged,
           count(*) filter (where err_reason is not null)::int as errors,
           (select count(*) from e)::int as stored
      from r`);
  const [row] = rowsOf<StagedCounts>(result);
  return { inserts: row.inserts, updates: row.updates, unchanged: row.unchanged, errors: row.errors };
}

export { BILL_AMOUNTS, billValues, resolvers, rowsOf, scopedAccounts };
