import type pg from 'pg';

/**
 * A synthetic operator written with generate_series, for a scratch database: 1 group, 1 province, 10 cities,
 * 1,000 account managers, `customers` customers (2 % key accounts, 8 % business, 90 % public; 2 % churned,
 * 1 % prospects), one billing account each (two for key accounts) and `months` monthly bills per account ending
 * with `lastPeriod`. Spend is log-normal per customer (stable level, +-20 % monthly noise, 3 % missing months),
 * so key accounts spread over all six tiers. Deterministic (setseed).
 */
export async function generateOperator(
  pool: pg.Pool,
  opts: { customers: number; months: number; lastPeriod: string; log: (s: string) => void },
): Promise<void> {
  const q = (text: string) => pool.query(text);
  const t0 = Date.now();
  const step = (s: string) => opts.log(`  ${s} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  await q(`insert into org_units (parent_id, level, code, name, name_en, path) values
    (null, 'group', 'BG', '集团', 'Group', '/1/'), (1, 'province', 'BP', '省公司', 'Province', '/1/2/')`);
  await q(`insert into org_units (parent_id, level, code, name, name_en, path)
    select 2, 'city', 'BC' || g, '城市' || g, 'City ' || g, '/1/2/' || (g + 2) || '/' from generate_series(1, 10) g`);
  await q(`insert into users (username, display_name, role, org_unit_id, password_hash)
    select 'bench_am' || g, '客户经理' || g, 'account_manager', 3 + (g % 10), 'x' from generate_series(1, 1000) g`);
  step('org units and account managers');
  const n = opts.customers;
  await q(`insert into parties (party_type, name)
    select case when g % 100 < 10 then 'organization' else 'individual' end, '客户' || g from generate_series(1, ${n}) g`);
  step(`${n} parties`);
  await q(`insert into customers (party_id, customer_no, category, status, org_unit_id, account_manager_id, industry,
      organization_type)
    select g, 'B' || lpad(g::text, 9, '0'),
      case when g % 100 < 2 then 'key_account' when g % 100 < 10 then 'business' else 'public' end,
      case when g % 100 = 50 then 'prospect' when g % 50 = 7 then 'churned' else 'active' end,
      3 + (g % 10),
      case when g % 100 < 2 then (g / 100) % 1000 + 1 end,
      case when g % 100 < 10 then (array['finance','tourism_hotel','government_military','retail_catering','real_estate',
        'transport_logistics','telecom_operator','electronics_it','manufacturing_mining','public_services',
        'education_health','other'])[1 + (g / 7) % 12] end,
      case when g % 100 < 2 then (array['government','public_security','fortune500','education','enterprise',
        'enterprise','enterprise','sme'])[1 + (g / 3) % 8] end
    from generate_series(1, ${n}) g`);
  step(`${n} customers`);
  await q(`insert into billing_accounts (customer_id, account_no, name)
    select id, 'BA' || id, 'main' from customers
    union all select id, 'BB' || id, 'second' from customers where category = 'key_account'`);
  step('billing accounts');
  await q('select setseed(0.42)');
  await q(`create unlogged table bench_level as
    select a.id as account_id, a.customer_id,
      exp(case c.category when 'key_account' then ln(1500000) + 1.5 when 'business' then ln(120000) else ln(9000) end
        + case c.category when 'key_account' then 1.6 when 'business' then 0.9 else 0.8 end
          * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) / case when a.name = 'second' then 4 else 1 end as level
    from billing_accounts a join customers c on c.id = a.customer_id where c.status <> 'prospect'`);
  step('spend levels');
  await q('alter table bills set (autovacuum_enabled = false)');
  for (let k = opts.months - 1; k >= 0; k--) {
    await q(`insert into bills (account_id, customer_id, period, local_voice_fen, data_fen, total_fen, paid_fen)
      select account_id, customer_id, p, (v * 0.3)::bigint, v - (v * 0.3)::bigint, v, v
      from (select account_id, customer_id,
          to_char(to_date('${opts.lastPeriod}-01', 'YYYY-MM-DD') - interval '${k} months', 'YYYY-MM') as p,
          (level * (0.8 + 0.4 * random()))::bigint as v, random() as r
        from bench_level) x
      where r >= 0.03`);
    step(`bills month -${k}`);
  }
  await q('drop table bench_level');
  await q('alter table bills reset (autovacuum_enabled)');
  await q('vacuum analyze');
  step('vacuum analyze');
}
