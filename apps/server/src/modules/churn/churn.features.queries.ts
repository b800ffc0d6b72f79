import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { affectedRowsOf, rowsOf } from '../../db/results';
import { shiftPeriod } from '../ka-common/ka-common.models';
import {
  categoricalFeatureKeys,
  FEATURE_SET_VERSION,
  type FeatureArrayTexts,
  type FeatureValues,
  featureValuesOf,
  numericFeatureKeys,
} from './churn.features';

// The monthly feature snapshot of churn.features.ts, computed set-based in one INSERT ... SELECT per period: every
// CTE aggregates one source (bills in one pass for spend, usage and arrears; products, contracts, tickets, SLA
// clocks, surveys, price reviews, contacts, grades) over all the customers at once. "As of" is the first day after the snapshot month, Asia/Shanghai.

const idList = (ids: number[]): SQL => sql.raw(`'{${ids.map((i) => Math.trunc(i)).join(',')}}'::int[]`);

/**
 * Runs a snapshot statement with JIT compilation off (in its own short transaction): its cost estimate is above the
 * JIT threshold, and compiling its expressions took longer than a 10,000-customer page runs.
 */
async function withoutJit(db: DbOrTx, statement: SQL) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return tx.execute(statement);
  });
}

/** The first day after a period: the snapshot's "as of" date. */
export const asOfOf = (period: string) => `${shiftPeriod(period, 1)}-01`;

/**
 * The date each churned customer left, from what was recorded, never guessed: the termination date of its recorded
 * termination (churn_terminations, the latest when there are several), else the last termination (end) date of its
 * terminated products. A churned customer with neither has no known date: it is left out of the snapshots (its
 * outcome window cannot be placed) rather than given the day its record was last touched.
 */
export const churnDatesSql = sql`select c.id as customer_id, coalesce(
    (select max(t.termination_date) from churn_terminations t where t.customer_id = c.id),
    (select max(pi.end_date) from product_instances pi
      where pi.customer_id = c.id and pi.status = 'terminated' and pi.end_date is not null)) as churned_on
  from customers c where c.status = 'churned'`;

/** The rank of a tier (crystal 1 .. diamond 6) as a plain CASE: no per-row sub-plan over a VALUES list. */
const tierRank = (col: string) =>
  sql.raw(`(case ${col} when 'crystal' then 1 when 'gold' then 2 when 'gem' then 3 when 'platinum' then 4
    when 'jade' then 5 when 'diamond' then 6 end)`);

/** Customer ids `after` < id <= `through`: one page of a paged snapshot. */
export type IdRange = { after: number; through: number };

/**
 * The last customer id of the next page of `limit` non-prospect customers after `afterId` (null when none is left):
 * the bounds of a paged snapshot, so each statement touches one id range only.
 */
export async function nextCustomerPageEnd(
  db: DbOrTx,
  opts: { afterId: number; limit: number },
): Promise<number | null> {
  const [r] = rowsOf<{ last: number | string | null }>(
    await db.execute(sql`select max(id) as last from (select id from customers
      where id > ${opts.afterId} and status <> 'prospect' order by id limit ${opts.limit}) x`),
  );
  return r?.last === null || r?.last === undefined ? null : Number(r.last);
}

/**
 * Writes (or rewrites) the snapshot of `period` for every customer who was a customer at its "as of" date (not a
 * prospect, started before, not churned before), or only `customerIds`, or only the customers of an id range (one
 * page: a short statement, so that on the single-connection embedded database other requests run in between).
 * Returns the number of rows written.
 */
export async function writeSnapshot(
  db: DbOrTx,
  opts: { period: string; customerIds?: number[]; range?: IdRange; version?: string },
): Promise<number> {
  const result = await withoutJit(db, snapshotSql(opts));
  return affectedRowsOf(result);
}

/** What a snapshot statement writes: the period, the customers (all, a list or an id range) and the version. */
export type SnapshotScope = { period: string; customerIds?: number[]; range?: IdRange; version?: string };

/**
 * The snapshot statement of `writeSnapshot` (one INSERT ... SELECT ... ON CONFLICT DO UPDATE); with `returning`, it
 * also returns each written row's customer id and its two feature arrays as text (the score job reads what it wrote
 * without a second statement, and leaves the parsing to its worker threads).
 */
export function snapshotSql(opts: SnapshotScope & { returning?: boolean }): SQL {
  const p = opts.period;
  const asOf = asOfOf(p);
  const ids = opts.customerIds;
  const range = opts.range;
  const only = (col: string) =>
    sql`${ids ? sql`and ${sql.raw(col)} = any(${idList(ids)})` : sql``}${
      range ? sql` and ${sql.raw(col)} > ${range.after} and ${sql.raw(col)} <= ${range.through}` : sql``
    }`;
  const per = (k: number) => shiftPeriod(p, k);
  const ts = sql`(${asOf}::date::timestamp at time zone 'Asia/Shanghai')`;
  const from90 = sql`((${asOf}::date - 90)::timestamp at time zone 'Asia/Shanghai')`;
  // Each feature's expression, by key; the statement writes them in the declaration order of churn.features.ts.
  const numericSql: Record<string, SQL> = {
    tenure_months: sql`(extract(year from age(${asOf}::date, base.since)) * 12
      + extract(month from age(${asOf}::date, base.since)))::int`,
    spend_level_yuan: sql`round(coalesce(b.s3, 0) / 300.0, 2)`,
    spend_trend_3m_pct: sql`case when coalesce(b.p3, 0) > 0 then round((coalesce(b.s3, 0) - b.p3) * 100.0 / b.p3, 1) end`,
    spend_trend_6m_pct: sql`case when coalesce(b.p6, 0) > 0 then round((coalesce(b.s6, 0) - b.p6) * 100.0 / b.p6, 1) end`,
    arpu_change_pct: sql`case when coalesce(b.back6, 0) > 0 and coalesce(pr.active6, 0) > 0 and coalesce(pr.active, 0) > 0
      then round(((coalesce(b.last, 0)::numeric / pr.active) / (b.back6::numeric / pr.active6) - 1) * 100, 1) end`,
    products_active: sql`coalesce(pr.active, 0)`,
    products_terminated_6m: sql`coalesce(pr.ended6, 0)`,
    contract_days_left: sql`ct.end_date - ${asOf}::date`,
    complaints_90d: sql`coalesce(tk.complaints, 0)`,
    unresolved_tickets_90d: sql`coalesce(tk.unresolved, 0)`,
    sla_breaches_90d: sql`coalesce(sla.breaches, 0)`,
    satisfaction_latest: sql`sv.csat`,
    recommend_latest: sql`sv.recommend`,
    price_review_overdue_days: sql`coalesce(rv.overdue, 0)`,
    competitor_offer: sql`case when rv.competitor then 1 else 0 end`,
    arrears_yuan: sql`round(coalesce(b.arrears, 0) / 100.0, 2)`,
    usage_drop_pct: sql`case when coalesce(b.u_base, 0) > 0
      then round((b.u_base / 3.0 - coalesce(b.u_last, 0)) * 100.0 / (b.u_base / 3.0), 1) end`,
    days_since_contact: sql`${asOf}::date - (cx.at at time zone 'Asia/Shanghai')::date`,
    tier_change: sql`coalesce(${tierRank('gr.tier')} - ${tierRank('gr.prev_tier')}, 0)`,
  };
  const categoricalSql: Record<string, SQL> = {
    tier: sql`coalesce(gr.tier, 'none')`,
    category: sql`base.category`,
  };
  for (const k of numericFeatureKeys) if (!numericSql[k]) throw new Error(`churn feature ${k} has no SQL`);
  for (const k of categoricalFeatureKeys) if (!categoricalSql[k]) throw new Error(`churn feature ${k} has no SQL`);
  return sql`
    with base as (
      select c.id, c.category, coalesce(c.since_date, (c.created_at at time zone 'Asia/Shanghai')::date) as since
      from customers c
      left join (${churnDatesSql}) cd on cd.customer_id = c.id
      where c.status <> 'prospect' ${only('c.id')}
        and coalesce(c.since_date, (c.created_at at time zone 'Asia/Shanghai')::date) < ${asOf}::date
        and (case when c.status = 'churned' then cd.churned_on >= ${asOf}::date else true end)
    ),
    b as (
      select customer_id,
        sum(total_fen) filter (where period between ${per(-2)} and ${p}) as s3,
        sum(total_fen) filter (where period between ${per(-5)} and ${per(-3)}) as p3,
        sum(total_fen) filter (where period between ${per(-5)} and ${p}) as s6,
        sum(total_fen) filter (where period between ${per(-11)} and ${per(-6)}) as p6,
        sum(total_fen) filter (where period = ${p}) as last,
        sum(total_fen) filter (where period = ${per(-6)}) as back6,
        sum(local_voice_fen + long_distance_fen + international_fen + data_fen + value_added_fen)
          filter (where period = ${p}) as u_last,
        sum(local_voice_fen + long_distance_fen + international_fen + data_fen + value_added_fen)
          filter (where period between ${per(-3)} and ${per(-1)}) as u_base,
        sum(arrears_fen) filter (where arrears_fen > 0) as arrears
      from bills where period <= ${p} ${only('customer_id')}
      group by customer_id
    ),
    pr as (
      select customer_id,
        count(*) filter (where start_date < ${asOf}::date and (end_date is null or end_date >= ${asOf}::date)) as active,
        count(*) filter (where start_date < ${`${per(-5)}-01`}::date
          and (end_date is null or end_date >= ${`${per(-5)}-01`}::date)) as active6,
        count(*) filter (where end_date < ${asOf}::date and end_date >= (${asOf}::date - interval '6 months')::date)
          as ended6
      from product_instances where true ${only('customer_id')} group by customer_id
    ),
    ct as (
      select customer_id, max(end_date) as end_date from contracts
      where status <> 'draft' and start_date < ${asOf}::date ${only('customer_id')} group by customer_id
    ),
    tk as (
      select customer_id,
        count(*) filter (where type = 'complaint') as complaints,
        count(*) filter (where coalesce(resolved_at, closed_at) is null or coalesce(resolved_at, closed_at) >= ${ts})
          as unresolved
      from tickets
      where customer_id is not null and deleted_at is null and created_at >= ${from90} and created_at < ${ts}
        ${only('customer_id')}
      group by customer_id
    ),
    sla as (
      select t.customer_id, count(*) as breaches from sla_clocks k join tickets t on t.id = k.ticket_id
      where k.breached_at >= ${from90} and k.breached_at < ${ts} and t.customer_id is not null ${only('t.customer_id')}
      group by t.customer_id
    ),
    sv as (
      select distinct on (i.customer_id) i.customer_id, r.csat, r.recommend
      from survey_responses r join survey_invitations i on i.id = r.invitation_id
      where r.received_at < ${ts} and (r.csat is not null or r.recommend is not null) ${only('i.customer_id')}
      order by i.customer_id, r.received_at desc
    ),
    rv as (
      select customer_id,
        max(greatest(0, ${asOf}::date - next_review_date)) as overdue,
        bool_or(competitor_offer_fen is not null) as competitor
      from price_reviews where true ${only('customer_id')} group by customer_id
    ),
    cx as (
      select customer_id, max(at) as at from (
        select customer_id, occurred_at as at from interactions where occurred_at < ${ts} ${only('customer_id')}
        union all
        select customer_id, occurred_at from ka_visits where occurred_at < ${ts} ${only('customer_id')}
      ) x group by customer_id
    ),
    gr as (
      select distinct on (customer_id) customer_id, tier, prev_tier from customer_grades
      where period <= ${p} ${only('customer_id')} order by customer_id, period desc
    )
    insert into churn_feature_snapshots (period, feature_set_version, customer_id, numeric_features,
      categorical_features)
    select ${p}, ${opts.version ?? FEATURE_SET_VERSION}, base.id,
      array[${sql.join(
        numericFeatureKeys.map((k) => sql`(${numericSql[k]})::float8`),
        sql`, `,
      )}],
      array[${sql.join(
        categoricalFeatureKeys.map((k) => sql`(${categoricalSql[k]})::text`),
        sql`, `,
      )}]
    from base
    left join b on b.customer_id = base.id
    left join pr on pr.customer_id = base.id
    left join ct on ct.customer_id = base.id
    left join tk on tk.customer_id = base.id
    left join sla on sla.customer_id = base.id
    left join sv on sv.customer_id = base.id
    left join rv on rv.customer_id = base.id
    left join cx on cx.customer_id = base.id
    left join gr on gr.customer_id = base.id
    on conflict (period, feature_set_version, customer_id) do update
      set numeric_features = excluded.numeric_features, categorical_features = excluded.categorical_features,
        created_at = now()
    ${
      opts.returning
        ? sql`returning customer_id, numeric_features::text as numeric, categorical_features::text as categorical`
        : sql``
    }`;
}

/** Snapshot rows' stored arrays as text, in the same order (what the worker threads parse). */
export type FeatureTexts = { numeric: string[]; categorical: string[] };

/**
 * Writes the snapshot of one id range and returns the written rows (customer id, the stored arrays as text), by
 * customer id: one statement per page of the score job.
 */
export async function writeSnapshotReturning(
  db: DbOrTx,
  opts: { period: string; range: IdRange; version?: string },
): Promise<{ customerIds: number[] } & FeatureTexts> {
  const rows = rowsOf<{ customer_id: number } & FeatureArrayTexts>(
    await withoutJit(db, snapshotSql({ ...opts, returning: true })),
  );
  rows.sort((a, b) => Number(a.customer_id) - Number(b.customer_id));
  return {
    customerIds: rows.map((r) => Number(r.customer_id)),
    numeric: rows.map((r) => r.numeric),
    categorical: rows.map((r) => r.categorical),
  };
}

/**
 * The snapshot of `period` written page by page (`pageSize` customers per statement, each its own short
 * transaction): the embedded database's single connection is free between pages. With `pagesInFlight` > 1 (on
 * PostgreSQL, where the pool has connections to spare) that many pages run at once, as in the score job. Returns the
 * rows written.
 */
export async function writeSnapshotPaged(
  db: DbOrTx,
  opts: { period: string; pageSize: number; version?: string; pagesInFlight?: number },
): Promise<number> {
  const inFlight = Math.max(1, opts.pagesInFlight ?? 1);
  let written = 0;
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  for (let after = 0; !failure; ) {
    const through = await nextCustomerPageEnd(db, { afterId: after, limit: opts.pageSize });
    if (through === null) break;
    const page: Promise<void> = writeSnapshot(db, {
      period: opts.period,
      range: { after, through },
      version: opts.version,
    })
      .then((n) => {
        written += n;
      })
      .catch((error) => {
        failure ??= { error };
      })
      .finally(() => running.delete(page));
    running.add(page);
    after = through;
    if (running.size >= inFlight) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw (failure as { error: unknown }).error;
  return written;
}

export type SnapshotRow = { customerId: number; period: string; features: FeatureValues; label: number };

const labelledSql = (
  opts: { from: string; to: string; horizonMonths: number; version?: string },
  page?: { after: { period: string; customerId: number } | null; limit: number },
) =>
  sql`select s.customer_id, s.period, s.numeric_features::text as numeric,
      s.categorical_features::text as categorical,
      coalesce(cd.churned_on < (to_date(s.period || '-01', 'YYYY-MM-DD')
        + make_interval(months => 1 + ${opts.horizonMonths}::int))::date, false) as label
    from churn_feature_snapshots s left join (${churnDatesSql}) cd on cd.customer_id = s.customer_id
    where s.feature_set_version = ${opts.version ?? FEATURE_SET_VERSION} and s.period between ${opts.from} and ${opts.to}
      and exists (select 1 from customers c where c.id = s.customer_id)
      ${page?.after ? sql`and (s.period, s.customer_id) > (${page.after.period}, ${page.after.customerId}::int)` : sql``}
    order by s.period, s.customer_id
    ${page ? sql`limit ${page.limit}` : sql``}`;

type LabelledRow = { customer_id: number; period: string; label: boolean } & FeatureArrayTexts;

/**
 * Snapshot rows of periods `from`..`to` with their label: 1 when the customer churned within `horizonMonths` after
 * the snapshot's as-of date. Rows of a customer deleted since are skipped (the table has no foreign key).
 */
export async function labelledSnapshots(
  db: DbOrTx,
  opts: { from: string; to: string; horizonMonths: number; version?: string },
): Promise<SnapshotRow[]> {
  return rowsOf<LabelledRow>(await db.execute(labelledSql(opts))).map((r) => ({
    customerId: Number(r.customer_id),
    period: r.period,
    features: featureValuesOf(r),
    label: r.label ? 1 : 0,
  }));
}

/** One page of training rows: the stored arrays as text and the labels, in `labelledSnapshots` order. */
export type TrainingChunk = FeatureTexts & { labels: Uint8Array };

/**
 * The rows of `labelledSnapshots`, in the same order, page by page (`pageSize` rows per statement), with the stored
 * arrays as text: what the training worker parses (the main thread neither parses a huge result in one go nor builds
 * a million feature objects it would only copy to the worker).
 */
export async function* labelledSnapshotPages(
  db: DbOrTx,
  opts: { from: string; to: string; horizonMonths: number; version?: string; pageSize?: number },
): AsyncGenerator<TrainingChunk> {
  const limit = opts.pageSize ?? 20_000;
  for (let after: { period: string; customerId: number } | null = null; ; ) {
    const rows: LabelledRow[] = rowsOf<LabelledRow>(await db.execute(labelledSql(opts, { after, limit })));
    if (rows.length)
      yield {
        numeric: rows.map((r) => r.numeric),
        categorical: rows.map((r) => r.categorical),
        labels: Uint8Array.from(rows, (r) => (r.label ? 1 : 0)),
      };
    if (rows.length < limit) return;
    const lastRow = rows[rows.length - 1];
    after = { period: lastRow.period, customerId: Number(lastRow.customer_id) };
  }
}

/** Whether a snapshot of `period` (this feature-set version) has been written already. */
export async function snapshotExists(db: DbOrTx, opts: { period: string; version?: string }): Promise<boolean> {
  const [r] = rowsOf<{ found: boolean }>(
    await db.execute(sql`select exists (select 1 from churn_feature_snapshots
      where period = ${opts.period} and feature_set_version = ${opts.version ?? FEATURE_SET_VERSION}) as found`),
  );
  return !!r?.found;
}

/** Snapshot rows of one period, by customer id, after `afterId` (keyset pages for scoring). */
export async function snapshotPage(
  db: DbOrTx,
  opts: { period: string; afterId: number; limit: number; version?: string },
): Promise<{ customerId: number; features: FeatureValues }[]> {
  return rowsOf<{ customer_id: number } & FeatureArrayTexts>(
    await db.execute(sql`select s.customer_id, s.numeric_features::text as numeric,
        s.categorical_features::text as categorical
      from churn_feature_snapshots s
      where s.period = ${opts.period} and s.feature_set_version = ${opts.version ?? FEATURE_SET_VERSION}
        and s.customer_id > ${opts.afterId} and exists (select 1 from customers c where c.id = s.customer_id)
      order by s.customer_id limit ${opts.limit}`),
  ).map((r) => ({ customerId: Number(r.customer_id), features: featureValuesOf(r) }));
}
