// Satisfaction analytics use cases: indices per period and segment, drill-down to the answers, wave summaries, the
// ECSI PLS model of a wave with bootstrap intervals, importance-performance analysis and loyalty types. Read-only.
import type { RequestCtx } from '../../../platform/context';
import { AppError, badRequest, notFound } from '../../../platform/errors';
import { maskForViewer } from '../../../platform/pii';
import * as srepo from '../surveys.repository';
import { requireVisibleWave } from '../waves/waves.service';
import { ImportanceInputError } from './importance.models';
import { defaultBand, type ToleranceBand } from './indices.models';
import { fitPls, PlsInputError, type PlsScheme } from './pls.models';
import { bootstrapPls } from './pls-bootstrap.models';
import {
  type AnswerCell,
  ecsiSpecOf,
  funnelBySegment,
  indicesByPeriodAndSegment,
  ipaItemsOf,
  ipaOf,
  loyaltyCounts,
  plsDataOf,
  satisfactionRatios,
} from './surveys.analytics.models';
import * as q from './surveys.analytics.queries';

type Window = { from: Date; to: Date };
const MAX_DAYS = 3 * 366;

function checkWindow(w: Window) {
  if (w.to.getTime() <= w.from.getTime())
    throw badRequest('validation.invalid', 'to: must be after from', [{ path: 'to', message: 'after from' }]);
  if (w.to.getTime() - w.from.getTime() > MAX_DAYS * 86_400_000)
    throw badRequest('validation.invalid', 'to: at most three years after from', [
      { path: 'to', message: 'at most three years after from' },
    ]);
}

/** CSAT, NPS, response rate and dissatisfied answers per month or quarter and segment, with totals. */
export async function satisfactionIndices(opts: {
  ctx: RequestCtx;
  from: Date;
  to: Date;
  period: q.PeriodGrain;
  segment: q.SegmentDimension;
  source: q.SurveySource;
}) {
  checkWindow(opts);
  const cells: AnswerCell[] = await q.answerCells(opts.ctx.db, { ...opts, scope: opts.ctx.scope });
  const { rows, totals } = indicesByPeriodAndSegment(cells);
  const labels = await q.segmentLabels(opts.ctx.db, opts.segment, [
    ...new Set(rows.map((r) => r.segment).filter((s): s is string => s !== null)),
  ]);
  return {
    period: opts.period,
    segment: opts.segment,
    source: opts.source,
    rows: rows.map((r) => ({ ...r, segmentLabel: r.segment === null ? null : (labels.get(r.segment) ?? r.segment) })),
    totals,
  };
}

/**
 * The callback funnel of the window (sent, answered, dissatisfied, recovered, with response and recovery rates, CSAT
 * and NPS), and the same per segment when one is asked for.
 */
export async function callbackFunnel(opts: { ctx: RequestCtx; from: Date; to: Date; segment: q.SegmentDimension }) {
  checkWindow(opts);
  const filter = { ...opts, scope: opts.ctx.scope, source: 'callback' as const };
  const cells = await q.answerCells(opts.ctx.db, { ...filter, period: 'all' });
  const recovered = await q.recoveredCells(opts.ctx.db, filter);
  const { totals, segments } = funnelBySegment(cells, recovered);
  const labels = await q.segmentLabels(opts.ctx.db, opts.segment, [
    ...new Set(segments.map((r) => r.segment).filter((s): s is string => s !== null)),
  ]);
  return {
    ...totals,
    segment: opts.segment,
    segments:
      opts.segment === 'none'
        ? []
        : segments.map((r) => ({
            ...r,
            segmentLabel: r.segment === null ? null : (labels.get(r.segment) ?? r.segment),
          })),
  };
}

/** The answers behind a dashboard cell; phone numbers and other personal fields masked for the viewer. */
export async function drillDownAnswers(opts: {
  ctx: RequestCtx;
  from: Date;
  to: Date;
  source: q.SurveySource;
  period: q.PeriodGrain;
  periodValue?: string;
  segment: q.SegmentDimension;
  segmentValue?: string;
  dissatisfied?: boolean;
  limit: number;
  offset: number;
}) {
  checkWindow(opts);
  const page = await q.answersOf(opts.ctx.db, { ...opts, scope: opts.ctx.scope });
  return maskForViewer(opts.ctx, page);
}

/** Org units whose waves the viewer sees (as the waves list): all, the org subtree, none for a portfolio. */
const visibleUnits = (ctx: RequestCtx): number[] | null =>
  ctx.scope.kind === 'all' ? null : ctx.scope.kind === 'org' ? ctx.scope.orgUnitIds : [];

/** Every visible wave with its response figures, CSAT, NPS and overall satisfaction ratio, in quarter order. */
export async function wavesSummary(opts: { ctx: RequestCtx; band?: ToleranceBand }) {
  const { ctx } = opts;
  const rows = await q.waveSummaryRows(ctx.db, ctx.scope, visibleUnits(ctx));
  const out = [];
  for (const r of rows) {
    const questionnaire = await srepo.findQuestionnaire(ctx.db, r.questionnaireId);
    const sheets = questionnaire?.questions.some((x) => x.type === 'expectation_pair')
      ? (await q.waveSheets(ctx.db, ctx.scope, r.id)).map((s) => s.answers)
      : [];
    const ratio = questionnaire ? satisfactionRatios(questionnaire.questions, sheets, opts.band).overall : null;
    const p = r.npsN ? r.promoters / r.npsN : 0;
    const d = r.npsN ? r.detractors / r.npsN : 0;
    out.push({
      id: r.id,
      name: r.name,
      quarter: r.quarter,
      status: r.status,
      members: r.members,
      answered: r.answered,
      refused: r.refused,
      nonResponse: r.nonResponse,
      pending: r.pending,
      responseRate: r.members ? r.answered / r.members : 0,
      csatN: r.csatN,
      csatMean: r.csatMean ?? 0,
      csatTopTwoBox: r.csatN ? r.csatTop / r.csatN : 0,
      npsN: r.npsN,
      nps: (p - d) * 100,
      satisfactionRatio: ratio?.ratio ?? null,
      satisfactionLevel: ratio?.level ?? null,
    });
  }
  return out;
}

async function waveData(ctx: RequestCtx, waveId: number) {
  const wave = await requireVisibleWave(ctx, ctx.db, waveId);
  const questionnaire = await srepo.findQuestionnaire(ctx.db, wave.questionnaireId);
  if (!questionnaire) throw notFound('surveys.questionnaire_not_found', 'Questionnaire not found');
  const sheets = await q.waveSheets(ctx.db, ctx.scope, wave.id);
  return { wave, questions: questionnaire.questions, sheets };
}

const plsError = (err: unknown) =>
  err instanceof PlsInputError
    ? new AppError('surveys.pls_not_estimable', 422, `The model cannot be estimated on this wave: ${err.message}`)
    : err;

/**
 * Fits the ECSI model (indicator blocks from the questions carrying a construct; the ECSI paths among them, or the
 * given ones) on the wave's answers, with bootstrap percentile intervals.
 */
export async function fitWavePls(opts: {
  ctx: RequestCtx;
  waveId: number;
  scheme: PlsScheme;
  bootstrap: number;
  paths?: [string, string][];
  csi?: string;
  seed?: number;
}) {
  const { wave, questions, sheets } = await waveData(opts.ctx, opts.waveId);
  const { data, blocks, n, dropped } = plsDataOf(
    questions,
    sheets.map((s) => s.answers),
  );
  if (Object.keys(blocks).length < 2)
    throw new AppError(
      'surveys.pls_not_estimable',
      422,
      'The questionnaire needs questions carrying at least two constructs',
    );
  if (opts.csi && !blocks[opts.csi])
    throw badRequest('validation.invalid', `csi: ${opts.csi} is not a construct of this questionnaire`, [
      { path: 'csi', message: 'not a construct of this questionnaire' },
    ]);
  const spec = ecsiSpecOf(blocks, { paths: opts.paths, csi: opts.csi });
  try {
    const started = performance.now();
    const fit = fitPls(data, spec, { scheme: opts.scheme, scaleMin: 1, scaleMax: 10 });
    const boot =
      opts.bootstrap > 0
        ? bootstrapPls(data, spec, fit, {
            scheme: opts.scheme,
            scaleMin: 1,
            scaleMax: 10,
            samples: opts.bootstrap,
            seed: opts.seed,
          })
        : null;
    return {
      waveId: wave.id,
      quarter: wave.quarter,
      n,
      dropped,
      scheme: opts.scheme,
      blocks,
      paths: fit.paths.map((p, i) => ({
        ...p,
        lower: boot?.paths[i].lower ?? null,
        upper: boot?.paths[i].upper ?? null,
        stdError: boot?.paths[i].stdError ?? null,
      })),
      outerWeights: fit.outerWeights,
      loadings: fit.loadings,
      r2: fit.r2,
      ave: fit.ave,
      compositeReliability: fit.compositeReliability,
      indices: fit.indices,
      csiVariable: fit.csiVariable,
      csi: fit.csi,
      csiLower: boot?.csi.lower ?? null,
      csiUpper: boot?.csi.upper ?? null,
      gof: fit.gof,
      iterations: fit.iterations,
      bootstrap: boot ? { samples: boot.samples, failed: boot.failed, level: boot.level } : null,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    throw plsError(err);
  }
}

/**
 * Importance-performance quadrants of the wave's attributes (stated or derived importance) with the ranked action
 * list, and the satisfaction ratio per attribute with the tolerance band.
 */
export async function waveIpa(opts: {
  ctx: RequestCtx;
  waveId: number;
  importance: 'stated' | 'derived';
  band?: ToleranceBand;
}) {
  const { wave, questions, sheets } = await waveData(opts.ctx, opts.waveId);
  const answers = sheets.map((s) => s.answers);
  let fit = null;
  if (opts.importance === 'derived') {
    const { data, blocks, rows } = plsDataOf(questions, answers);
    try {
      if (Object.keys(blocks).length >= 2)
        fit = { fit: fitPls(data, ecsiSpecOf(blocks), { scaleMin: 1, scaleMax: 10 }), rows };
    } catch (err) {
      throw plsError(err);
    }
  }
  let items: ReturnType<typeof ipaItemsOf>;
  try {
    items = ipaItemsOf(questions, answers, opts.importance, fit);
  } catch (err) {
    if (err instanceof ImportanceInputError)
      throw new AppError('surveys.importance_not_derivable', 422, `Importance cannot be derived: ${err.message}`);
    throw err;
  }
  const byCode = new Map(questions.map((x) => [x.code, x]));
  const ipa = ipaOf(items);
  return {
    waveId: wave.id,
    n: answers.length,
    importanceSource: opts.importance,
    importanceMean: ipa.importanceMean,
    performanceMean: ipa.performanceMean,
    items: ipa.items.map((i) => {
      const question = byCode.get(i.code)!;
      return {
        code: question.code,
        attribute: i.attribute,
        zh: question.zh,
        en: question.en,
        importance: i.importance,
        performance: i.performance,
        quadrant: i.quadrant,
        gap: i.gap,
        rank: i.rank,
      };
    }),
    ratio: satisfactionRatios(questions, answers, opts.band ?? defaultBand),
  };
}

/** Loyalty types (true, latent, spurious, none) of the wave's respondents from the three sides. */
export async function waveLoyalty(opts: { ctx: RequestCtx; waveId: number; threshold?: number }) {
  const { wave, questions, sheets } = await waveData(opts.ctx, opts.waveId);
  const intention = questions.filter((x) => x.construct === 'loyalty' && x.type === 'rating');
  const counts = loyaltyCounts(
    sheets.map((s) => ({
      tenureYears: s.tenureYears,
      productsHeld: s.productsHeld,
      intention: intention.map((x) => s.answers[x.code]).filter((v): v is number => typeof v === 'number'),
      recommend: s.recommend,
    })),
    opts.threshold,
  );
  return { waveId: wave.id, n: sheets.length, counts };
}
