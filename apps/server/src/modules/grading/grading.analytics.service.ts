import type { RequestCtx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { csvCell as exportCsvCell } from '../exports/exports.service';
import * as q from './grading.analytics.queries';
import { addMonths, layers, periodOf, periodRange } from './grading.models';
import { latestGradedPeriod } from './grading.repository';

/** Segmentation dashboards: every figure is computed within the viewer's row scope. */

async function periodOrLatest(ctx: RequestCtx, period?: string): Promise<string> {
  return period ?? (await latestGradedPeriod(ctx.db)) ?? addMonths(periodOf(new Date()).period, -1);
}

export async function getPyramid(opts: { ctx: RequestCtx; period?: string; filter?: q.GradeFilter }) {
  const period = await periodOrLatest(opts.ctx, opts.period);
  const rows = await q.pyramid(opts.ctx.db, { scope: opts.ctx.scope, period, filter: opts.filter ?? {} });
  const byLayer = new Map(rows.map((r) => [r.layer, r]));
  const items = layers.map(
    (layer) => byLayer.get(layer) ?? { layer, customers: 0, activeCustomers: 0, revenueFen: 0, valueFen: 0 },
  );
  return {
    period,
    items,
    totals: {
      customers: items.reduce((s, r) => s + r.customers, 0),
      revenueFen: items.reduce((s, r) => s + r.revenueFen, 0),
    },
  };
}

export async function getDistribution(opts: { ctx: RequestCtx; period?: string; by: 'org_unit' | 'industry' }) {
  const period = await periodOrLatest(opts.ctx, opts.period);
  const rows = await q.distribution(opts.ctx.db, { scope: opts.ctx.scope, period, by: opts.by });
  const groups = new Map<
    string,
    {
      key: string;
      label: string | null;
      labelEn: string | null;
      customers: number;
      revenueFen: number;
      layers: Record<string, number>;
    }
  >();
  for (const r of rows) {
    const g = groups.get(r.key) ?? {
      key: r.key,
      label: r.label,
      labelEn: r.labelEn,
      customers: 0,
      revenueFen: 0,
      layers: {},
    };
    g.customers += r.customers;
    g.revenueFen += r.revenueFen;
    g.layers[r.layer] = r.customers;
    groups.set(r.key, g);
  }
  return { period, by: opts.by, items: [...groups.values()].sort((a, b) => b.revenueFen - a.revenueFen) };
}

export async function getPareto(opts: { ctx: RequestCtx; period?: string }) {
  const period = await periodOrLatest(opts.ctx, opts.period);
  const [curve, abc] = await Promise.all([
    q.pareto(opts.ctx.db, { scope: opts.ctx.scope, period, points: 100 }),
    q.abcSizes(opts.ctx.db, { scope: opts.ctx.scope, period }),
  ]);
  const byClass = new Map(abc.map((r) => [r.abcClass, r]));
  return {
    period,
    ...curve,
    abc: ['A', 'B', 'C'].map((c) => byClass.get(c) ?? { abcClass: c, customers: 0, valueFen: 0, revenueFen: 0 }),
  };
}

async function twoPeriods(ctx: RequestCtx, from?: string, to?: string) {
  const end = await periodOrLatest(ctx, to);
  const start = from ?? addMonths(end, -1);
  if (start >= end) throw invalidField('from', 'must be before to');
  return { from: start, to: end };
}

export async function getMigration(opts: { ctx: RequestCtx; from?: string; to?: string }) {
  const { from, to } = await twoPeriods(opts.ctx, opts.from, opts.to);
  const [matrix, summary] = await Promise.all([
    q.migrationMatrix(opts.ctx.db, { scope: opts.ctx.scope, from, to }),
    q.migrationSummary(opts.ctx.db, { scope: opts.ctx.scope, from, to }),
  ]);
  return {
    from,
    to,
    states: [...layers, 'none'],
    matrix: matrix.map((m) => ({ ...m, fromLayer: m.fromLayer ?? 'none', toLayer: m.toLayer ?? 'none' })),
    summary,
  };
}

export type CustomerListQuery = q.GradeFilter & {
  period?: string;
  from?: string;
  group?: q.MigrationGroup;
  fromLayer?: string;
  toLayer?: string;
  limit: number;
  offset: number;
};

/** Drill-down: a segment of one period, or (with `from`) a migration group or matrix cell between two periods. */
export async function listSegmentCustomers(opts: { ctx: RequestCtx; query: CustomerListQuery }) {
  const { ctx, query } = opts;
  const page = { limit: query.limit, offset: query.offset };
  if (query.from || query.group || query.fromLayer || query.toLayer) {
    const { from, to } = await twoPeriods(ctx, query.from, query.period);
    return q.migratedCustomers(ctx.db, {
      scope: ctx.scope,
      from,
      to,
      group: query.group,
      fromLayer: query.fromLayer,
      toLayer: query.toLayer,
      ...page,
    });
  }
  const period = await periodOrLatest(ctx, query.period);
  const { layer, abcClass, stars, importance, category, industry, orgUnitId } = query;
  return q.gradedCustomers(ctx.db, {
    scope: ctx.scope,
    period,
    filter: { layer, abcClass, stars, importance, category, industry, orgUnitId },
    ...page,
  });
}

export async function getArpu(opts: { ctx: RequestCtx; from?: string; to?: string; by: q.ArpuDimension }) {
  const to = opts.to ?? (await periodOrLatest(opts.ctx));
  const from = opts.from ?? addMonths(to, -11);
  if (from > to) throw invalidField('from', 'must not be after to');
  if (periodRange(from, to).length > 36) throw invalidField('from', 'at most 36 periods');
  const rows = await q.arpu(opts.ctx.db, { scope: opts.ctx.scope, from, to, by: opts.by });
  return {
    from,
    to,
    by: opts.by,
    periods: periodRange(from, to),
    items: rows.map((r) => ({
      ...r,
      arpuFen: r.customers ? Math.round(r.revenueFen / r.customers) : 0,
      arpaFen: r.accounts ? Math.round(r.revenueFen / r.accounts) : 0,
    })),
  };
}

const csvCell = (v: unknown): string =>
  exportCsvCell(v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));

/** CSV with a UTF-8 byte-order mark (spreadsheet programs then read Chinese names correctly). */
export function toCsv(columns: { key: string; header: string }[], rows: Record<string, unknown>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The drill-down list as CSV (money in yuan), at most 100,000 rows. */
export async function exportSegmentCustomers(opts: {
  ctx: RequestCtx;
  query: Omit<CustomerListQuery, 'limit' | 'offset'>;
}) {
  const { items } = await listSegmentCustomers({ ctx: opts.ctx, query: { ...opts.query, limit: 100_000, offset: 0 } });
  const yuan = (fen: number | null) => (fen === null ? null : (fen / 100).toFixed(2));
  return toCsv(
    [
      { key: 'customerNo', header: 'customer_no' },
      { key: 'name', header: 'name' },
      { key: 'category', header: 'category' },
      { key: 'industry', header: 'industry' },
      { key: 'orgUnitName', header: 'org_unit' },
      { key: 'accountManagerName', header: 'account_manager' },
      { key: 'fromLayer', header: 'from_layer' },
      { key: 'layer', header: 'layer' },
      { key: 'stars', header: 'stars' },
      { key: 'abcClass', header: 'abc_class' },
      { key: 'importance', header: 'importance' },
      { key: 'value', header: 'avg_monthly_spend_yuan' },
      { key: 'revenue', header: 'period_spend_yuan' },
    ],
    items.map((r) => ({ ...r, value: yuan(r.valueFen), revenue: yuan(r.revenueFen) })),
  );
}
