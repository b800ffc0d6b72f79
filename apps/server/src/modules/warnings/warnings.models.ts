import type { WarningRuleCode } from '@crm/contracts';
import { addDays, daysBetween, periodOf, shiftPeriod } from '../ka-common/ka-common.models';

export type Severity = 'low' | 'medium' | 'high';

/** Rule names in Chinese, for the stored alert title (the web shows the alert in the viewer's language). */
export const ruleNamesZh: Record<WarningRuleCode, string> = {
  spend_drop: '消费下降',
  consecutive_decline: '连续下滑',
  arrears: '欠费',
  contract_expiring: '合同即将到期',
  tier_downgrade: '等级下降',
  no_contact: '长期未联系',
  price_review_overdue: '价格复核逾期',
  unresolved_complaints: '投诉未解决',
  churn_risk: '流失风险高',
};
export type RuleParams = Record<string, number>;
export type RuleSetting = { enabled: boolean; params: RuleParams };

/** Built-in defaults; every threshold can be changed globally or per org unit (warning_rule_settings). */
export const defaultRuleSettings: Record<WarningRuleCode, RuleSetting> = {
  /** Spend of the period at least `dropPct` % below the average of the previous 3 periods. */
  spend_drop: { enabled: true, params: { dropPct: 20, minBaseFen: 100_000 } },
  /** `months` consecutive periods each below the one before. */
  consecutive_decline: { enabled: true, params: { months: 3 } },
  /** Unpaid amount at least `minFen`. */
  arrears: { enabled: true, params: { minFen: 100_000 } },
  /** An active contract ends within `days`. */
  contract_expiring: { enabled: true, params: { days: 90 } },
  /** The last grading moved the customer to a lower tier. */
  tier_downgrade: { enabled: true, params: {} },
  /** No visit or interaction for `days`. */
  no_contact: { enabled: true, params: { days: 60 } },
  /** A dedicated line's price review is more than `graceDays` past due (S3). */
  price_review_overdue: { enabled: true, params: { graceDays: 0 } },
  /** At least `minCount` complaints open for `minAgeDays` or more. */
  unresolved_complaints: { enabled: true, params: { minCount: 1, minAgeDays: 3 } },
  /** The latest churn scoring run put the customer's churn risk at `minRiskPct` % or more (control group excluded). */
  churn_risk: { enabled: true, params: { minRiskPct: 50 } },
};

const tierOrder = ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'];

/** Everything the rules need to know about one customer. */
export type CustomerFacts = {
  customerId: number;
  /** Monthly spend (fen) by period; missing periods count as zero. */
  spend: Record<string, number>;
  arrearsFen: number;
  contracts: { id: number; contractNo: string; endDate: string }[];
  tier: string | null;
  previousTier: string | null;
  gradingPeriod: string | null;
  /** Date of the last visit or interaction; null = never. */
  lastContactDate: string | null;
  /** When the customer relationship began (the no-contact baseline when there was never any contact). */
  sinceDate: string;
  priceReviews: { id: number; productInstanceId: number; nextReviewDate: string; competitorOfferFen: number | null }[];
  /** Open complaint tickets with their opening dates; null when the ticket module is not available. */
  openComplaints: { id: number; openedOn: string }[] | null;
  /** The latest churn score (churn module); absent or null when the customer was not scored. */
  churnRisk?: {
    runId: number;
    period: string;
    risk: number;
    valueAtRiskFen: number;
    control: boolean;
    reasons: { zh: string; en: string }[];
  } | null;
};

export type WarningCandidate = {
  customerId: number;
  ruleCode: WarningRuleCode;
  causeKey: string;
  severity: Severity;
  facts: Record<string, unknown>;
};

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * Evaluates every enabled rule for one customer. `period` is the billing period just imported (or graded), `asOf`
 * the evaluation date. Cause keys make a cause warn once: the same period, contract end, review date ...
 */
export function evaluateCustomer(
  f: CustomerFacts,
  settings: Record<WarningRuleCode, RuleSetting>,
  period: string,
  asOf: string,
): WarningCandidate[] {
  const out: WarningCandidate[] = [];
  const on = (code: WarningRuleCode) => settings[code]?.enabled ?? false;
  const p = (code: WarningRuleCode, name: string) =>
    settings[code]?.params[name] ?? defaultRuleSettings[code].params[name];
  const add = (ruleCode: WarningRuleCode, causeKey: string, severity: Severity, facts: Record<string, unknown>) =>
    out.push({ customerId: f.customerId, ruleCode, causeKey, severity, facts });
  const spendAt = (per: string) => f.spend[per] ?? 0;

  if (on('spend_drop')) {
    const base = avg([1, 2, 3].map((i) => spendAt(shiftPeriod(period, -i))));
    const current = spendAt(period);
    const dropPct = base > 0 ? ((base - current) / base) * 100 : 0;
    if (base >= p('spend_drop', 'minBaseFen') && dropPct >= p('spend_drop', 'dropPct')) {
      add('spend_drop', `${period}`, dropPct >= 50 ? 'high' : 'medium', {
        period,
        currentFen: current,
        baselineFen: Math.round(base),
        dropPct: Math.round(dropPct * 10) / 10,
      });
    }
  }

  if (on('consecutive_decline')) {
    const months = Math.max(1, Math.floor(p('consecutive_decline', 'months')));
    const series = Array.from({ length: months + 1 }, (_, i) => spendAt(shiftPeriod(period, i - months)));
    const declining = series.every((v, i) => i === 0 || v < series[i - 1]);
    if (declining && series[0] > 0) {
      add('consecutive_decline', `${period}`, months >= 4 ? 'high' : 'medium', {
        period,
        months,
        fromFen: series[0],
        toFen: series[months],
      });
    }
  }

  if (on('arrears') && f.arrearsFen > 0 && f.arrearsFen >= p('arrears', 'minFen')) {
    add('arrears', `${period}`, f.arrearsFen >= 10 * p('arrears', 'minFen') ? 'high' : 'medium', {
      period,
      arrearsFen: f.arrearsFen,
    });
  }

  if (on('contract_expiring')) {
    const horizon = addDays(asOf, p('contract_expiring', 'days'));
    for (const c of f.contracts) {
      if (c.endDate < asOf || c.endDate > horizon) continue;
      const daysLeft = daysBetween(asOf, c.endDate);
      add('contract_expiring', `${c.id}:${c.endDate}`, daysLeft <= 30 ? 'high' : daysLeft <= 60 ? 'medium' : 'low', {
        contractId: c.id,
        contractNo: c.contractNo,
        endDate: c.endDate,
        daysLeft,
      });
    }
  }

  if (on('tier_downgrade') && f.tier && f.previousTier && f.gradingPeriod) {
    if (tierOrder.indexOf(f.tier) < tierOrder.indexOf(f.previousTier)) {
      add('tier_downgrade', `${f.gradingPeriod}`, 'medium', {
        period: f.gradingPeriod,
        fromTier: f.previousTier,
        toTier: f.tier,
      });
    }
  }

  if (on('no_contact')) {
    const baseline = f.lastContactDate ?? f.sinceDate;
    const days = daysBetween(baseline, asOf);
    if (days >= p('no_contact', 'days')) {
      add('no_contact', `${baseline}`, days >= 2 * p('no_contact', 'days') ? 'high' : 'medium', {
        lastContactDate: f.lastContactDate,
        days,
      });
    }
  }

  if (on('price_review_overdue')) {
    const limit = addDays(asOf, -p('price_review_overdue', 'graceDays'));
    for (const r of f.priceReviews) {
      if (r.nextReviewDate >= limit) continue;
      add('price_review_overdue', `${r.id}:${r.nextReviewDate}`, r.competitorOfferFen !== null ? 'high' : 'medium', {
        priceReviewId: r.id,
        productInstanceId: r.productInstanceId,
        nextReviewDate: r.nextReviewDate,
        daysOverdue: daysBetween(r.nextReviewDate, asOf),
        competitorOfferFen: r.competitorOfferFen,
      });
    }
  }

  if (on('unresolved_complaints') && f.openComplaints) {
    const minAge = p('unresolved_complaints', 'minAgeDays');
    const old = f.openComplaints.filter((c) => daysBetween(c.openedOn, asOf) >= minAge);
    if (old.length > 0 && old.length >= p('unresolved_complaints', 'minCount')) {
      add('unresolved_complaints', periodOf(asOf), old.length >= 3 ? 'high' : 'medium', {
        count: old.length,
        ticketIds: old.map((c) => c.id),
      });
    }
  }
  if (on('churn_risk') && f.churnRisk && !f.churnRisk.control) {
    const r = f.churnRisk;
    const riskPct = Math.round(r.risk * 1000) / 10;
    if (riskPct >= p('churn_risk', 'minRiskPct')) {
      add('churn_risk', r.period, riskPct >= 80 ? 'high' : 'medium', {
        runId: r.runId,
        period: r.period,
        riskPct,
        valueAtRiskFen: r.valueAtRiskFen,
        reasonsZh: r.reasons.map((x) => x.zh).join('；'),
        reasonsEn: r.reasons.map((x) => x.en).join('; '),
      });
    }
  }
  return out;
}

export type SettingRow = { ruleCode: WarningRuleCode; orgUnitId: number | null; enabled: boolean; params: RuleParams };

/**
 * The effective setting of every rule for a customer whose org unit has the ancestor chain `orgPathIds`
 * (root first, own unit last): the deepest org unit row wins, then the global row (org unit null), then the default.
 */
export function resolveSettings(
  rows: SettingRow[],
  orgPathIds: number[],
): Record<
  WarningRuleCode,
  RuleSetting & { source: 'default' | 'global' | 'org_unit'; sourceOrgUnitId: number | null }
> {
  const out = {} as ReturnType<typeof resolveSettings>;
  for (const [code, def] of Object.entries(defaultRuleSettings) as [WarningRuleCode, RuleSetting][]) {
    let best: SettingRow | undefined;
    let bestDepth = -1;
    for (const r of rows) {
      if (r.ruleCode !== code) continue;
      const depth = r.orgUnitId === null ? 0 : orgPathIds.indexOf(r.orgUnitId) + 1;
      if (depth === 0 && r.orgUnitId !== null) continue;
      if (depth > bestDepth) {
        best = r;
        bestDepth = depth;
      }
    }
    out[code] = best
      ? {
          enabled: best.enabled,
          params: { ...def.params, ...best.params },
          source: best.orgUnitId === null ? 'global' : 'org_unit',
          sourceOrgUnitId: best.orgUnitId,
        }
      : { ...def, params: { ...def.params }, source: 'default', sourceOrgUnitId: null };
  }
  return out;
}

/** Org unit ids of a materialised path "/1/3/7/" (root first). */
export const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);
