// Pure logic of differentiated marketing: stage order, the measurement (uplift against the hold-out with a 95%
// confidence interval, cost and ROI), quiet hours in Asia/Shanghai and message templates.
import type { CampaignPlan, campaignStages } from '@crm/contracts';

export type Stage = (typeof campaignStages)[number];
export const stageOrder: Stage[] = [
  'insight',
  'proposition',
  'segment_plan',
  'communication',
  'execution',
  'completed',
];
export const nextStage = (s: Stage): Stage | null => stageOrder[stageOrder.indexOf(s) + 1] ?? null;

/** What a campaign must have before it leaves a stage; null when it may move on. */
export function stageBlocker(
  stage: Stage,
  c: { offerId: number | null; plan: CampaignPlan; segmentSize?: number },
): string | null {
  if (stage === 'proposition' && c.offerId === null) return 'offerId';
  if (stage === 'communication' && c.plan.channels.length === 0) return 'plan.channels';
  if (stage === 'communication' && c.plan.channels.includes('outbound_call') && c.plan.agentIds.length === 0) {
    return 'plan.agentIds';
  }
  if (stage === 'completed') return 'stage';
  return null;
}

export type Measurement = {
  targetN: number;
  targetConverted: number;
  controlN: number;
  controlConverted: number;
  contacted: number;
  costPerContactFen: number;
  fixedCostFen: number;
  offerMonthlyFen: number;
  valueMonths: number;
};

const Z95 = 1.959964;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Uplift = conversion rate of the target arm minus that of the control arm (intention to treat: every target member
 * counts, contacted or not), with the normal-approximation 95% interval of a difference of two proportions;
 * incremental conversions = uplift x target size; their value = conversions x monthly price x value months;
 * ROI = (value - cost) / cost.
 */
export function measure(m: Measurement) {
  const pt = m.targetN ? m.targetConverted / m.targetN : 0;
  const pc = m.controlN ? m.controlConverted / m.controlN : 0;
  const uplift = pt - pc;
  const se = Math.sqrt((m.targetN ? (pt * (1 - pt)) / m.targetN : 0) + (m.controlN ? (pc * (1 - pc)) / m.controlN : 0));
  const incremental = uplift * m.targetN;
  const costFen = m.fixedCostFen + m.costPerContactFen * m.contacted;
  const revenueFen = Math.round(incremental * m.offerMonthlyFen * m.valueMonths);
  return {
    targetRate: round4(pt),
    controlRate: round4(pc),
    uplift: round4(uplift),
    upliftLow: round4(uplift - Z95 * se),
    upliftHigh: round4(uplift + Z95 * se),
    incrementalConversions: Math.round(incremental * 100) / 100,
    costFen,
    incrementalRevenueFen: revenueFen,
    roi: costFen > 0 ? round4((revenueFen - costFen) / costFen) : null,
  };
}

const timeFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when `at` falls in the quiet hours (Asia/Shanghai); the window may wrap midnight (21:00-09:00). */
export function inQuietHours(at: Date, quietStart: string, quietEnd: string): boolean {
  const now = minutesOf(timeFormatter.format(at));
  const s = minutesOf(quietStart);
  const e = minutesOf(quietEnd);
  if (s === e) return false;
  return s < e ? now >= s && now < e : now >= s || now < e;
}

/** The first moment at or after `at` outside the quiet hours (to the minute). */
export function nextSendTime(at: Date, quietStart: string, quietEnd: string): Date {
  if (!inQuietHours(at, quietStart, quietEnd)) return at;
  const now = minutesOf(timeFormatter.format(at));
  const e = minutesOf(quietEnd);
  const wait = (e - now + 1440) % 1440;
  const t = new Date(at.getTime() + wait * 60_000);
  t.setUTCSeconds(0, 0);
  return t;
}

/** Fills {name}, {offer}, {price} (yuan) in a message template; unknown variables stay as written. */
export function renderTemplate(template: string, vars: { name: string; offer: string; priceFen: number }): string {
  const values: Record<string, string> = {
    name: vars.name,
    offer: vars.offer,
    price: (vars.priceFen / 100).toFixed(vars.priceFen % 100 === 0 ? 0 : 2),
  };
  return template.replace(/\{(\w+)\}/g, (all, k: string) => values[k] ?? all);
}

/** The price after the offer's discount, in whole fen. */
export const discountedFen = (priceFen: number, discountPct: number) =>
  Math.round((priceFen * (100 - discountPct)) / 100);
