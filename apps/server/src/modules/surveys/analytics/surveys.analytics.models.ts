import type { FunnelFigures } from '@crm/contracts';

// Satisfaction analytics as pure functions over counts and answer sheets: indices per period and segment from
// answer histograms, the satisfaction ratio per attribute, the PLS data of a wave (indicator blocks from the
// questions' constructs) with the ECSI structure, importance-performance items and loyalty types per respondent.

import type { AnswerSheet, Question } from '../waves/questionnaire.models';
import { ImportanceInputError, plsImportance, regressionImportance } from './importance.models';
import {
  analyseImportancePerformance,
  classifyLoyalty,
  defaultBand,
  type IpaItem,
  type LoyaltyType,
  satisfactionRatio,
  type ToleranceBand,
} from './indices.models';
import type { PlsFit, PlsModelSpec } from './pls.models';

/** One cell of the answer histogram: invitations of a status with these headline answers. */
export type AnswerCell = {
  period: string;
  segment: string | null;
  status: string;
  csat: number | null;
  recommend: number | null;
  dissatisfied: boolean | null;
  n: number;
};

export type IndexRow = {
  period: string;
  segment: string | null;
  sent: number;
  answered: number;
  responseRate: number;
  dissatisfied: number;
  csatN: number;
  csatMean: number;
  csatTopTwoBox: number;
  npsN: number;
  promoters: number;
  detractors: number;
  nps: number;
};

const SENT = new Set(['sent', 'answered', 'expired']);

/**
 * CSAT (mean, top-2-box on 1-5), NPS (% 9-10 minus % 0-6, in points), response rate (answered / sent) and the
 * dissatisfied count from histogram cells: the same figures as computeCsat / computeNps over the expanded answers.
 */
export function indicesOfCells(cells: readonly AnswerCell[]): Omit<IndexRow, 'period' | 'segment'> {
  let sent = 0;
  let answered = 0;
  let dissatisfied = 0;
  let csatN = 0;
  let csatSum = 0;
  let csatTop = 0;
  let npsN = 0;
  let promoters = 0;
  let detractors = 0;
  for (const c of cells) {
    if (SENT.has(c.status)) sent += c.n;
    if (c.status !== 'answered') continue;
    answered += c.n;
    if (c.dissatisfied) dissatisfied += c.n;
    if (c.csat !== null && c.csat >= 1 && c.csat <= 5) {
      csatN += c.n;
      csatSum += c.csat * c.n;
      if (c.csat >= 4) csatTop += c.n;
    }
    if (c.recommend !== null) {
      npsN += c.n;
      if (c.recommend >= 9) promoters += c.n;
      if (c.recommend <= 6) detractors += c.n;
    }
  }
  const p = npsN ? promoters / npsN : 0;
  const d = npsN ? detractors / npsN : 0;
  return {
    sent,
    answered,
    responseRate: sent ? answered / sent : 0,
    dissatisfied,
    csatN,
    csatMean: csatN ? csatSum / csatN : 0,
    csatTopTwoBox: csatN ? csatTop / csatN : 0,
    npsN,
    promoters: p,
    detractors: d,
    nps: (p - d) * 100,
  };
}

/** Index rows per (period, segment), ordered by period then segment, and the totals over all cells. */
export function indicesByPeriodAndSegment(cells: readonly AnswerCell[]): { rows: IndexRow[]; totals: IndexRow } {
  const groups = new Map<string, AnswerCell[]>();
  for (const c of cells) {
    const key = `${c.period}\u0000${c.segment ?? ''}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const rows = [...groups.values()].map((g) => ({
    period: g[0].period,
    segment: g[0].segment,
    ...indicesOfCells(g),
  }));
  rows.sort((a, b) => a.period.localeCompare(b.period) || (a.segment ?? '').localeCompare(b.segment ?? ''));
  return { rows, totals: { period: 'all', segment: null, ...indicesOfCells(cells) } };
}

/** The funnel of histogram cells and the number of recovered follow-ups among them (indices as indicesOfCells). */
export function funnelOf(cells: readonly AnswerCell[], recovered: number): FunnelFigures {
  const ix = indicesOfCells(cells);
  const count = (status: string) => cells.reduce((s, c) => s + (c.status === status ? c.n : 0), 0);
  return {
    scheduled: count('scheduled'),
    suppressed: count('suppressed'),
    sent: ix.sent,
    answered: ix.answered,
    expired: count('expired'),
    dissatisfied: ix.dissatisfied,
    recovered,
    responseRate: ix.responseRate,
    recoveryRate: ix.dissatisfied ? recovered / ix.dissatisfied : 0,
    csatTopTwoBox: ix.csatTopTwoBox,
    csatMean: ix.csatMean,
    nps: ix.nps,
  };
}

/**
 * The funnel over all cells and per segment (null = customers without a value), in segment order; `recovered` counts
 * recovered follow-ups by segment.
 */
export function funnelBySegment(
  cells: readonly AnswerCell[],
  recovered: readonly { segment: string | null; n: number }[],
): { totals: FunnelFigures; segments: (FunnelFigures & { segment: string | null })[] } {
  const groups = new Map<string, AnswerCell[]>();
  for (const c of cells) {
    const key = c.segment ?? '';
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const recoveredOf = (key: string) => recovered.reduce((s, r) => s + ((r.segment ?? '') === key ? r.n : 0), 0);
  const segments = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => ({ segment: g[0].segment, ...funnelOf(g, recoveredOf(key)) }));
  return {
    totals: funnelOf(
      cells,
      recovered.reduce((s, r) => s + r.n, 0),
    ),
    segments,
  };
}

/** The period key of an instant in Asia/Shanghai: YYYY-MM or YYYY-Qn. */
export function periodKey(at: Date, period: 'month' | 'quarter'): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return period === 'month' ? `${y}-${String(m + 1).padStart(2, '0')}` : `${y}-Q${Math.floor(m / 3) + 1}`;
}

export type RatioAttribute = {
  code: string;
  attribute: string;
  n: number;
  expected: number;
  perceived: number;
  ratio: number;
  level: 'dissatisfied' | 'satisfied' | 'highly_satisfied';
  /** Shares of the respondents whose own ratio falls in each class. */
  shares: { dissatisfied: number; satisfied: number; highly_satisfied: number };
};

/**
 * Satisfaction = perceived / expected per attribute (expectation pairs) and overall (sum perceived / sum expected over
 * all pairs answered), classified with the tolerance band.
 */
export function satisfactionRatios(
  questions: readonly Question[],
  sheets: readonly AnswerSheet[],
  band: ToleranceBand = defaultBand,
): { band: ToleranceBand; attributes: RatioAttribute[]; overall: { n: number; ratio: number; level: string } | null } {
  const attributes: RatioAttribute[] = [];
  let sumE = 0;
  let sumP = 0;
  let pairs = 0;
  for (const q of questions) {
    if (q.type !== 'expectation_pair') continue;
    let e = 0;
    let p = 0;
    let n = 0;
    const shares = { dissatisfied: 0, satisfied: 0, highly_satisfied: 0 };
    for (const s of sheets) {
      const v = s[q.code] as { expected?: number; perceived?: number } | undefined;
      if (!v || typeof v !== 'object' || !(Number(v.expected) > 0) || !Number.isFinite(Number(v.perceived))) continue;
      e += Number(v.expected);
      p += Number(v.perceived);
      n++;
      shares[satisfactionRatio(Number(v.perceived), Number(v.expected), band).level]++;
    }
    if (n === 0) continue;
    sumE += e;
    sumP += p;
    pairs += n;
    const r = satisfactionRatio(p / n, e / n, band);
    attributes.push({
      code: q.code,
      attribute: q.attribute ?? q.code,
      n,
      expected: e / n,
      perceived: p / n,
      ratio: r.ratio,
      level: r.level,
      shares: {
        dissatisfied: shares.dissatisfied / n,
        satisfied: shares.satisfied / n,
        highly_satisfied: shares.highly_satisfied / n,
      },
    });
  }
  const overall = pairs ? { n: pairs, ...satisfactionRatio(sumP, sumE, band) } : null;
  return { band, attributes, overall };
}

/** The ECSI constructs in causal order, and the structure of the European Customer Satisfaction Index. */
export const ecsiConstructs = [
  'image',
  'expectation',
  'quality',
  'value',
  'satisfaction',
  'complaints',
  'loyalty',
] as const;
export const ecsiPaths: [string, string][] = [
  ['image', 'expectation'],
  ['image', 'satisfaction'],
  ['image', 'loyalty'],
  ['expectation', 'quality'],
  ['expectation', 'value'],
  ['expectation', 'satisfaction'],
  ['quality', 'value'],
  ['quality', 'satisfaction'],
  ['value', 'satisfaction'],
  ['satisfaction', 'complaints'],
  ['satisfaction', 'loyalty'],
  ['complaints', 'loyalty'],
];

/** The numeric value a question contributes as a PLS indicator (null when unanswered or not numeric). */
export function indicatorValue(q: Question, v: unknown): number | null {
  if (v === undefined || v === null) return null;
  if (q.type === 'attribute') return Number((v as { performance?: number }).performance ?? Number.NaN);
  if (q.type === 'expectation_pair') return Number((v as { perceived?: number }).perceived ?? Number.NaN);
  return typeof v === 'number' ? v : null;
}

/**
 * The PLS data of a set of answer sheets: one column per question carrying a construct, the blocks per construct
 * (ECSI order first, then others by first appearance), respondents with a missing indicator left out (listwise);
 * `rows` are the indexes of the sheets kept, in data order.
 */
export function plsDataOf(
  questions: readonly Question[],
  sheets: readonly AnswerSheet[],
): { data: Record<string, number[]>; blocks: Record<string, string[]>; n: number; dropped: number; rows: number[] } {
  const measured = questions.filter((q) => q.construct);
  const order = [...new Set([...ecsiConstructs, ...measured.map((q) => q.construct!)])];
  const blocks: Record<string, string[]> = {};
  for (const c of order) {
    const items = measured.filter((q) => q.construct === c).map((q) => q.code);
    if (items.length) blocks[c] = items;
  }
  const data: Record<string, number[]> = Object.fromEntries(measured.map((q) => [q.code, [] as number[]]));
  const rows: number[] = [];
  sheets.forEach((s, k) => {
    const row = measured.map((q) => indicatorValue(q, s[q.code]));
    if (row.some((v) => v === null || !Number.isFinite(v))) return;
    rows.push(k);
    measured.forEach((q, i) => {
      data[q.code].push(row[i]!);
    });
  });
  return { data, blocks, n: rows.length, dropped: sheets.length - rows.length, rows };
}

/** The model to fit: the given blocks with the ECSI paths (or the configured ones) among the constructs present. */
export function ecsiSpecOf(
  blocks: Record<string, string[]>,
  config: { paths?: [string, string][]; csi?: string } = {},
): PlsModelSpec {
  const present = new Set(Object.keys(blocks));
  const paths = (config.paths ?? ecsiPaths).filter(([a, b]) => present.has(a) && present.has(b));
  const csi = config.csi ?? (present.has('satisfaction') ? 'satisfaction' : undefined);
  return { blocks, paths, ...(csi ? { csi } : {}) };
}

type AttributeAnswer = { importance?: number; performance?: number } | undefined;
const performanceOf = (s: AnswerSheet, code: string): number | null => {
  const v = s[code] as AttributeAnswer;
  const p = v && typeof v === 'object' ? Number(v.performance) : Number.NaN;
  return Number.isFinite(p) ? p : null;
};

/**
 * Derived importance per attribute code (see importance.models): the PLS importance of the attributes that are
 * indicators of the fitted model; for the others, the regression effects on the CSI score of the fit's respondents
 * or, without a model, on the overall satisfaction (CSAT) answer. Throws ImportanceInputError when neither exists.
 */
export function derivedImportance(
  questions: readonly Question[],
  sheets: readonly AnswerSheet[],
  fit?: { fit: PlsFit; rows: number[] } | null,
): Map<string, number> {
  const out = new Map<string, number>();
  const others: Question[] = [];
  for (const q of questions) {
    if (q.type !== 'attribute') continue;
    const pls = fit && q.construct ? plsImportance(fit.fit, q.construct, q.code) : undefined;
    if (pls === undefined) others.push(q);
    else out.set(q.code, pls);
  }
  if (others.length === 0) return out;
  const csat = questions.find((q) => q.type === 'csat');
  const target: (number | null)[] = fit
    ? sheets.map(() => null)
    : sheets.map((s) => (csat && typeof s[csat.code] === 'number' ? (s[csat.code] as number) : null));
  if (fit)
    fit.rows.forEach((row, k) => {
      target[row] = fit.fit.scores[fit.fit.csiVariable][k];
    });
  else if (!csat) throw new ImportanceInputError('no PLS model and no overall satisfaction question to derive from');
  const y: number[] = [];
  const xs: number[][] = others.map(() => []);
  sheets.forEach((s, i) => {
    const perf = others.map((q) => performanceOf(s, q.code));
    if (target[i] === null || perf.some((p) => p === null)) return;
    y.push(target[i]!);
    perf.forEach((p, j) => {
      xs[j].push(p!);
    });
  });
  const coef = regressionImportance(y, xs);
  others.forEach((q, j) => {
    out.set(q.code, coef[j]);
  });
  return out;
}

/**
 * Importance-performance items of the attribute questions: stated importance (mean of the importance answers) or
 * derived importance (derivedImportance: PLS importance, else regression effects).
 */
export function ipaItemsOf(
  questions: readonly Question[],
  sheets: readonly AnswerSheet[],
  importance: 'stated' | 'derived',
  fit?: { fit: PlsFit; rows: number[] } | null,
): (IpaItem & { code: string })[] {
  const derived = importance === 'derived' ? derivedImportance(questions, sheets, fit) : null;
  const items: (IpaItem & { code: string })[] = [];
  for (const q of questions) {
    if (q.type !== 'attribute') continue;
    const answered = sheets.filter((s) => performanceOf(s, q.code) !== null);
    if (answered.length === 0) continue;
    const performance = answered.reduce((s, a) => s + performanceOf(a, q.code)!, 0) / answered.length;
    const stated =
      answered.reduce((s, a) => s + Number((a[q.code] as AttributeAnswer)?.importance ?? 0), 0) / answered.length;
    const imp = derived ? (derived.get(q.code) ?? 0) : stated;
    items.push({ code: q.code, attribute: q.attribute ?? q.code, importance: imp, performance });
  }
  return items;
}

export const ipaOf = (items: readonly (IpaItem & { code: string })[]) => analyseImportancePerformance(items);

export type LoyaltyInput = {
  tenureYears: number;
  productsHeld: number;
  /** Intention answers (loyalty construct indicators, 1-10), may be empty. */
  intention: number[];
  /** Recommend 0-10, null when not answered. */
  recommend: number | null;
};

/**
 * A respondent's loyalty sides on 0-1: behavioural = mean of tenure (capped at 10 years) and products held (capped
 * at 5), attitudinal = mean intention rescaled from 1-10, emotional = recommend / 10; then the Dick & Basu type.
 */
export function loyaltyOf(r: LoyaltyInput, threshold = 0.5): LoyaltyType {
  const behavioural = (Math.min(r.tenureYears, 10) / 10 + Math.min(r.productsHeld, 5) / 5) / 2;
  const attitudinal = r.intention.length
    ? r.intention.reduce((s, v) => s + (v - 1) / 9, 0) / r.intention.length
    : (r.recommend ?? 0) / 10;
  const emotional = r.recommend === null ? attitudinal : r.recommend / 10;
  return classifyLoyalty({ behavioural, attitudinal, emotional }, threshold).type;
}

export function loyaltyCounts(rows: readonly LoyaltyInput[], threshold = 0.5): Record<LoyaltyType, number> {
  const out: Record<LoyaltyType, number> = { true: 0, latent: 0, spurious: 0, none: 0 };
  for (const r of rows) out[loyaltyOf(r, threshold)]++;
  return out;
}
