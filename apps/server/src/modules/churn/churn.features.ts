// The churn feature set, declared in one place and versioned. The SQL snapshot (churn.features.queries.ts) computes
// exactly these keys; the learners see them through `encodeFeatureRows`; the reasons an account manager reads come
// from `reasonOf`. Changing a definition means a new version: models remember the version they were trained on and
// are only ever scored on snapshots of the same version. Documented in docs/churn-features.md.
// The snapshot table stores a row's values as two arrays in declaration order (numeric features in a float8[],
// categorical ones in a text[]): the order of `churnFeatures` is part of the version.
import type { FeatureMatrix, MatrixColumn } from './churn.dataset.models';

export const FEATURE_SET_VERSION = 'v1';

export type FeatureValue = number | string | null;
export type FeatureValues = Record<string, FeatureValue>;
export type Phrase = { zh: string; en: string };

type Base = { key: string; zh: string; en: string; description: string };
export type FeatureDef =
  | (Base & { kind: 'numeric'; unit: string; reason: (v: number) => Phrase | null })
  | (Base & { kind: 'categorical'; reason: (v: string) => Phrase | null });

const r0 = (x: number) => Math.round(Math.abs(x));
/** Whole yuan with thousands separators, as `Math.round(x).toLocaleString('en-US')` writes it (without Intl: fast). */
export const yuan = (x: number) => {
  const n = Math.round(x);
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
};
const tierZh: Record<string, string> = {
  crystal: '水晶',
  gold: '金',
  gem: '宝石',
  platinum: '白金',
  jade: '翡翠',
  diamond: '钻石',
};

/** The feature set v1. Every value is "as of" the first day after the snapshot month (Asia/Shanghai). */
export const churnFeatures: FeatureDef[] = [
  {
    key: 'tenure_months',
    kind: 'numeric',
    unit: 'months',
    zh: '在网时长（月）',
    en: 'Tenure (months)',
    description: 'Whole months from the customer-since date to the snapshot date.',
    reason: (v) => (v < 12 ? { zh: `在网仅${r0(v)}个月`, en: `customer for only ${r0(v)} months` } : null),
  },
  {
    key: 'spend_level_yuan',
    kind: 'numeric',
    unit: 'yuan/month',
    zh: '近3月月均消费（元）',
    en: 'Average monthly spend, last 3 months (yuan)',
    description: 'Mean of the billed totals of the last 3 periods (missing periods count as 0).',
    reason: (v) => ({ zh: `月均消费${yuan(v)}元`, en: `spends ${yuan(v)} yuan a month` }),
  },
  {
    key: 'spend_trend_3m_pct',
    kind: 'numeric',
    unit: '%',
    zh: '消费3月趋势（%）',
    en: 'Spend trend, 3 months (%)',
    description: 'Last 3 periods against the 3 before, in percent (null without a base).',
    reason: (v) =>
      Math.abs(v) < 5
        ? null
        : v < 0
          ? { zh: `近3个月消费下降${r0(v)}%`, en: `spend down ${r0(v)}% in 3 months` }
          : { zh: `近3个月消费上升${r0(v)}%`, en: `spend up ${r0(v)}% in 3 months` },
  },
  {
    key: 'spend_trend_6m_pct',
    kind: 'numeric',
    unit: '%',
    zh: '消费6月趋势（%）',
    en: 'Spend trend, 6 months (%)',
    description: 'Last 6 periods against the 6 before, in percent (null without a base).',
    reason: (v) =>
      Math.abs(v) < 5
        ? null
        : v < 0
          ? { zh: `近6个月消费下降${r0(v)}%`, en: `spend down ${r0(v)}% in 6 months` }
          : { zh: `近6个月消费上升${r0(v)}%`, en: `spend up ${r0(v)}% in 6 months` },
  },
  {
    key: 'arpu_change_pct',
    kind: 'numeric',
    unit: '%',
    zh: '单产品ARPU变化（%）',
    en: 'ARPU per product change (%)',
    description: 'Spend per active product of the last period against 6 periods earlier, in percent.',
    reason: (v) =>
      Math.abs(v) < 5
        ? null
        : v < 0
          ? { zh: `单产品收入下降${r0(v)}%`, en: `revenue per product down ${r0(v)}%` }
          : { zh: `单产品收入上升${r0(v)}%`, en: `revenue per product up ${r0(v)}%` },
  },
  {
    key: 'products_active',
    kind: 'numeric',
    unit: 'count',
    zh: '在用产品数',
    en: 'Products held',
    description: 'Product instances started on or before the snapshot date and not ended by then.',
    reason: (v) => (v <= 1 ? { zh: `仅有${r0(v)}个在用产品`, en: `holds only ${r0(v)} product(s)` } : null),
  },
  {
    key: 'products_terminated_6m',
    kind: 'numeric',
    unit: 'count',
    zh: '近6月拆机产品数',
    en: 'Products terminated, last 6 months',
    description: 'Product instances whose end date falls in the 6 months before the snapshot date.',
    reason: (v) =>
      v > 0 ? { zh: `近6个月拆机${r0(v)}个产品`, en: `${r0(v)} product(s) terminated in 6 months` } : null,
  },
  {
    key: 'contract_days_left',
    kind: 'numeric',
    unit: 'days',
    zh: '合同剩余天数',
    en: 'Days to contract end',
    description: 'Days from the snapshot date to the latest end date of a contract running then (null: no contract).',
    reason: (v) =>
      v < 0
        ? { zh: '合同已到期', en: 'contract has expired' }
        : { zh: `合同${r0(v)}天后到期`, en: `contract ends in ${r0(v)} days` },
  },
  {
    key: 'complaints_90d',
    kind: 'numeric',
    unit: 'count',
    zh: '90天投诉数',
    en: 'Complaints, 90 days',
    description: 'Complaint tickets opened in the 90 days before the snapshot date.',
    reason: (v) => (v > 0 ? { zh: `90天内投诉${r0(v)}次`, en: `${r0(v)} complaint(s) in 90 days` } : null),
  },
  {
    key: 'unresolved_tickets_90d',
    kind: 'numeric',
    unit: 'count',
    zh: '未解决工单数（90天）',
    en: 'Unresolved tickets, 90 days',
    description: 'Tickets opened in the 90 days before the snapshot date and not resolved by then.',
    reason: (v) => (v > 0 ? { zh: `${r0(v)}张工单未解决`, en: `${r0(v)} ticket(s) unresolved` } : null),
  },
  {
    key: 'sla_breaches_90d',
    kind: 'numeric',
    unit: 'count',
    zh: 'SLA超时次数（90天）',
    en: 'SLA breaches suffered, 90 days',
    description: "SLA clocks of the customer's tickets breached in the 90 days before the snapshot date.",
    reason: (v) => (v > 0 ? { zh: `90天内服务超时${r0(v)}次`, en: `${r0(v)} SLA breach(es) in 90 days` } : null),
  },
  {
    key: 'satisfaction_latest',
    kind: 'numeric',
    unit: '1-5',
    zh: '最近满意度',
    en: 'Latest satisfaction (1-5)',
    description: 'CSAT of the latest answered survey before the snapshot date (null: never answered).',
    reason: (v) => (v <= 3 ? { zh: `最近满意度仅${r0(v)}分`, en: `last satisfaction only ${r0(v)}/5` } : null),
  },
  {
    key: 'recommend_latest',
    kind: 'numeric',
    unit: '0-10',
    zh: '最近推荐意愿',
    en: 'Latest likelihood to recommend (0-10)',
    description: 'Recommend answer of the latest answered survey before the snapshot date (null: never answered).',
    reason: (v) => (v <= 6 ? { zh: `推荐意愿仅${r0(v)}分`, en: `would recommend only ${r0(v)}/10` } : null),
  },
  {
    key: 'price_review_overdue_days',
    kind: 'numeric',
    unit: 'days',
    zh: '价格复核逾期天数',
    en: 'Price review overdue (days)',
    description: 'Days the most overdue price review of the customer is past due at the snapshot date (0: none).',
    reason: (v) => (v > 0 ? { zh: `价格复核逾期${r0(v)}天`, en: `price review ${r0(v)} days overdue` } : null),
  },
  {
    key: 'competitor_offer',
    kind: 'numeric',
    unit: '0/1',
    zh: '已记录竞争对手报价',
    en: 'Competitor offer recorded',
    description: 'Whether a competitor offer is recorded on a price review of the customer.',
    reason: (v) => (v > 0 ? { zh: '已记录竞争对手报价', en: 'competitor offer on record' } : null),
  },
  {
    key: 'arrears_yuan',
    kind: 'numeric',
    unit: 'yuan',
    zh: '欠费（元）',
    en: 'Arrears (yuan)',
    description: 'Unpaid amount of the bills up to the snapshot month.',
    reason: (v) => (v > 0 ? { zh: `欠费${yuan(v)}元`, en: `${yuan(v)} yuan in arrears` } : null),
  },
  {
    key: 'usage_drop_pct',
    kind: 'numeric',
    unit: '%',
    zh: '用量下降（%）',
    en: 'Usage drop (%)',
    description:
      'Usage charges (voice, long distance, international, data, value-added) of the last period below the mean of the 3 before, in percent (negative: growth).',
    reason: (v) =>
      Math.abs(v) < 5
        ? null
        : v > 0
          ? { zh: `用量下降${r0(v)}%`, en: `usage down ${r0(v)}%` }
          : { zh: `用量上升${r0(v)}%`, en: `usage up ${r0(v)}%` },
  },
  {
    key: 'days_since_contact',
    kind: 'numeric',
    unit: 'days',
    zh: '距上次联系天数',
    en: 'Days since last AM contact',
    description: 'Days since the last interaction or visit before the snapshot date (null: never).',
    reason: (v) => (v >= 30 ? { zh: `${r0(v)}天未联系`, en: `no contact for ${r0(v)} days` } : null),
  },
  {
    key: 'tier_change',
    kind: 'numeric',
    unit: 'steps',
    zh: '等级变化',
    en: 'Tier migration (steps)',
    description:
      'Tier steps of the latest grading up to the snapshot month against the previous tier (negative: down).',
    reason: (v) =>
      v < 0
        ? { zh: `客户等级下降${r0(v)}级`, en: `tier down ${r0(v)} step(s)` }
        : v > 0
          ? { zh: `客户等级上升${r0(v)}级`, en: `tier up ${r0(v)} step(s)` }
          : null,
  },
  {
    key: 'tier',
    kind: 'categorical',
    zh: '客户等级',
    en: 'Tier',
    description: 'Tier of the latest grading up to the snapshot month ("none" when never graded).',
    reason: (v) => (v === 'none' ? null : { zh: `${tierZh[v] ?? v}级客户`, en: `${v} tier customer` }),
  },
  {
    key: 'category',
    kind: 'categorical',
    zh: '客户类别',
    en: 'Customer category',
    description: 'key_account, business or public.',
    reason: () => null,
  },
];

export const featureByKey = new Map(churnFeatures.map((f) => [f.key, f]));

/** The numeric features' keys in declaration order: the elements of a snapshot row's float8[]. */
export const numericFeatureKeys = churnFeatures.filter((f) => f.kind === 'numeric').map((f) => f.key);
/** The categorical features' keys in declaration order: the elements of a snapshot row's text[]. */
export const categoricalFeatureKeys = churnFeatures.filter((f) => f.kind === 'categorical').map((f) => f.key);

/** One snapshot row's stored arrays as PostgreSQL writes them as text (`{1,2.5,NULL}`, `{gold,key_account}`). */
export type FeatureArrayTexts = { numeric: string; categorical: string };

/**
 * The elements of a one-dimensional PostgreSQL array literal (`{a,"b c",NULL}`): null for an unquoted NULL, quoted
 * elements unescaped. Cheap on the plain numbers and identifiers the snapshot stores.
 */
export function parseArrayText(text: string): (string | null)[] {
  const body = text.slice(1, -1);
  if (!body) return [];
  if (!body.includes('"')) return body.split(',').map((e) => (e === 'NULL' ? null : e));
  const out: (string | null)[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '"') {
      let e = '';
      for (i++; i < body.length && body[i] !== '"'; i++) e += body[i] === '\\' ? body[++i] : body[i];
      out.push(e);
      i++; // the closing quote; the loop steps over the comma
    } else {
      const end = body.indexOf(',', i);
      const e = body.slice(i, end < 0 ? body.length : end);
      out.push(e === 'NULL' ? null : e);
      i = end < 0 ? body.length : end;
    }
  }
  return out;
}

/** A snapshot row's feature values from its stored arrays (as text): what the workers parse. */
export function featureValuesOf(texts: FeatureArrayTexts): FeatureValues {
  const values: FeatureValues = {};
  const numbers = parseArrayText(texts.numeric);
  for (let k = 0; k < numericFeatureKeys.length; k++) {
    const e = numbers[k];
    values[numericFeatureKeys[k]] = e === null || e === undefined ? null : Number(e);
  }
  const levels = parseArrayText(texts.categorical);
  for (let k = 0; k < categoricalFeatureKeys.length; k++) values[categoricalFeatureKeys[k]] = levels[k] ?? null;
  return values;
}

const arrayElement = (v: string) =>
  /^[A-Za-z0-9_.+-]+$/.test(v) && v.toUpperCase() !== 'NULL' ? v : `"${v.replace(/["\\]/g, '\\$&')}"`;

/** The stored arrays (as text) of feature values: the inverse of `featureValuesOf` (tests, fixtures). */
export function featureTextsOf(values: FeatureValues): FeatureArrayTexts {
  const num = numericFeatureKeys.map((k) => {
    const v = values[k];
    return v === null || v === undefined || v === '' ? 'NULL' : String(Number(v));
  });
  const cat = categoricalFeatureKeys.map((k) => {
    const v = values[k];
    return v === null || v === undefined ? 'NULL' : arrayElement(String(v));
  });
  return { numeric: `{${num.join(',')}}`, categorical: `{${cat.join(',')}}` };
}

/** The encoding a model was trained with: the categorical levels seen in training. */
export type FeatureEncoding = { version: string; levels: Record<string, string[]> };

/** Levels of the categorical features in the training rows (sorted, so the encoding is deterministic). */
export function encodingOf(rows: FeatureValues[]): FeatureEncoding {
  const levels: Record<string, string[]> = {};
  for (const f of churnFeatures) {
    if (f.kind !== 'categorical') continue;
    const seen = new Set<string>();
    for (const r of rows) seen.add(String(r[f.key] ?? 'none'));
    levels[f.key] = [...seen].sort();
  }
  return { version: FEATURE_SET_VERSION, levels };
}

/** The columns of the design matrix of an encoding: numeric features, then one indicator per categorical level. */
export function matrixColumns(enc: FeatureEncoding): MatrixColumn[] {
  const cols: MatrixColumn[] = [];
  for (const f of churnFeatures) {
    if (f.kind === 'numeric') cols.push({ name: f.key, feature: f.key, kind: 'numeric' });
    else
      for (const l of enc.levels[f.key] ?? []) cols.push({ name: `${f.key}=${l}`, feature: f.key, kind: 'indicator' });
  }
  return cols;
}

const toNum = (v: FeatureValue | undefined) => {
  if (v === null || v === undefined || v === '') return Number.NaN;
  const x = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(x) ? x : Number.NaN;
};

/** The design matrix of snapshot rows: nulls are NaN (the learners' missing value), unknown levels all zero. */
export function encodeFeatureRows(rows: FeatureValues[], enc: FeatureEncoding): FeatureMatrix {
  const columns = matrixColumns(enc);
  const cols = columns.length;
  const data = new Float64Array(rows.length * cols);
  const plan: { key: string; offset: number; index?: Map<string, number> }[] = [];
  let offset = 0;
  for (const f of churnFeatures) {
    if (f.kind === 'numeric') plan.push({ key: f.key, offset: offset++ });
    else {
      const lv = enc.levels[f.key] ?? [];
      plan.push({ key: f.key, offset, index: new Map(lv.map((l, i) => [l, i])) });
      offset += lv.length;
    }
  }
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const base = r * cols;
    for (const p of plan) {
      if (!p.index) data[base + p.offset] = toNum(row[p.key]);
      else {
        const k = p.index.get(String(row[p.key] ?? 'none'));
        if (k !== undefined) data[base + p.offset + k] = 1;
      }
    }
  }
  return { rows: rows.length, cols, data, columns };
}

export type Reason = { feature: string; weight: number; zh: string; en: string };

/**
 * The top reasons of a score in words: the features pushing the risk up most (positive contributions to the
 * log-odds), each phrased from the customer's own value. Features without a value or a phrase are skipped.
 */
export function reasonsOf(
  contributions: { feature: string; value: number }[],
  values: FeatureValues,
  max = 3,
  minWeight = 0.01,
): Reason[] {
  const out: Reason[] = [];
  const sorted = [...contributions].sort((a, b) => b.value - a.value);
  for (const c of sorted) {
    if (out.length >= max || c.value < minWeight) break;
    const phrase = reasonOf(c.feature, values[c.feature]);
    if (phrase) out.push({ feature: c.feature, weight: Math.round(c.value * 1000) / 1000, ...phrase });
  }
  return out;
}

/**
 * `reasonsOf` over a batch's contribution matrix (row `row` of `contributions`, features in `features` order): the
 * same reasons in the same order (largest contribution first, ties by feature key), without building and sorting the
 * full contribution list of every row.
 */
export function topReasons(
  features: string[],
  contributions: Float64Array,
  row: number,
  values: FeatureValues,
  max = 3,
  minWeight = 0.01,
): Reason[] {
  const nf = features.length;
  const base = row * nf;
  const picked: number[] = [];
  for (let k = 0; k < nf; k++) if (contributions[base + k] >= minWeight) picked.push(k);
  picked.sort((a, b) => contributions[base + b] - contributions[base + a] || (features[a] < features[b] ? -1 : 1));
  const out: Reason[] = [];
  for (const k of picked) {
    if (out.length >= max) break;
    const phrase = reasonOf(features[k], values[features[k]]);
    if (phrase)
      out.push({ feature: features[k], weight: Math.round(contributions[base + k] * 1000) / 1000, ...phrase });
  }
  return out;
}

/** The phrase of one feature's value (null when there is nothing worth saying). */
export function reasonOf(feature: string, v: FeatureValue | undefined): Phrase | null {
  const def = featureByKey.get(feature);
  if (!def || v === null || v === undefined) return null;
  if (def.kind === 'categorical') return def.reason(String(v));
  const x = toNum(v);
  return Number.isNaN(x) ? null : def.reason(x);
}
