import type { ChurnAnalysis, churnAnalysisQuery, TerminationReason } from '@crm/contracts';
import type { z } from 'zod';
import type { RequestCtx } from '../../platform/context';
import { periodOf, periodsEnding, todayIso } from '../ka-common/ka-common.models';
import {
  churnByMonth,
  churnBySegment,
  churnDirections,
  churnReasons,
  churnTotals,
  firstDayOf,
  lastDayOf,
  survivalBySegment,
} from './churn.analysis.models';
import { churnFacts } from './churn.analysis.queries';
import { listCompetitors } from './churn.terminations.repository';

/**
 * The churn analysis of the customers in the viewer's scope over the last `months` months (ending with the current
 * one, Asia/Shanghai): churn rate by month and segment, value lost (monthly value x `horizonMonths`), reasons,
 * direction and survival curves by one segment dimension. Read-only (may run on the replica).
 */
export async function getChurnAnalysis(opts: {
  ctx: RequestCtx;
  query: z.infer<typeof churnAnalysisQuery>;
  now?: Date;
}): Promise<ChurnAnalysis> {
  const { ctx, query } = opts;
  const today = todayIso(opts.now);
  const periods = periodsEnding(periodOf(today), query.months);
  const fromDate = firstDayOf(periods[0]);
  const toDate = lastDayOf(periods[periods.length - 1]);
  const [facts, competitors] = await Promise.all([churnFacts(ctx.db, ctx.scope), listCompetitors(ctx.db)]);
  const names = new Map(competitors.map((c) => [c.id, c]));
  const h = query.horizonMonths;
  return {
    from: periods[0],
    to: periods[periods.length - 1],
    horizonMonths: h,
    totals: churnTotals(facts, fromDate, toDate, h),
    months: churnByMonth(facts, periods, h),
    segments: churnBySegment(facts, fromDate, toDate, h),
    reasons: churnReasons(facts, fromDate, toDate, h).map((r) => ({
      ...r,
      reasonCode: r.reasonCode as TerminationReason,
    })),
    directions: churnDirections(facts, fromDate, toDate, h).map((d) => ({
      ...d,
      nameZh: d.competitorId ? (names.get(d.competitorId)?.nameZh ?? null) : null,
      nameEn: d.competitorId ? (names.get(d.competitorId)?.nameEn ?? null) : null,
    })),
    survival: {
      dimension: query.dimension,
      tau: query.tau,
      curves: survivalBySegment(facts, query.dimension, today, query.tau),
    },
  };
}
