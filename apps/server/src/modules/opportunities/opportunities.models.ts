import { deskCodeOfKaDepartment, kaDepartmentName, kaDepartments, type OpportunityStage } from '@crm/contracts';

/** Win probability (%) by stage, for the weighted pipeline. */
export const stageProbability: Record<OpportunityStage, number> = {
  lead: 10,
  qualifying: 20,
  solution: 40,
  proposal: 60,
  negotiation: 80,
  won: 100,
  lost: 0,
};

export const openStages: OpportunityStage[] = ['lead', 'qualifying', 'solution', 'proposal', 'negotiation'];
export const isClosed = (s: OpportunityStage) => s === 'won' || s === 'lost';

/**
 * Why a stage change is refused, or null when it is allowed. Open stages move freely (forward or back); `won`
 * comes only from choosing a solution option; `lost` needs a reason; a won opportunity is final; a lost one may be
 * reopened.
 */
export function stageChangeError(
  from: OpportunityStage,
  to: OpportunityStage,
  opts: { lostReason?: string; hasChosenOption: boolean },
): { path: string; message: string } | null {
  if (from === to) return { path: 'stage', message: `already ${to}` };
  if (from === 'won') return { path: 'stage', message: 'a won opportunity is closed' };
  if (to === 'won' && !opts.hasChosenOption)
    return { path: 'stage', message: 'an opportunity is won when the customer chooses a solution option' };
  if (to === 'lost' && !opts.lostReason) return { path: 'lostReason', message: 'required when an opportunity is lost' };
  return null;
}

export type OptionFigures = {
  id: number;
  termMonths: number;
  investmentFen: number;
  items: { quantity: number; oneTimeFen: number; monthlyFen: number }[];
};

/**
 * Side-by-side figures of solution options: one-time and monthly charges (unit charge x quantity), revenue over the
 * term, surplus over the investment, payback months, and which option is lowest or fastest.
 */
export function compareOptions(options: OptionFigures[]) {
  const base = options.map((o) => {
    const oneTimeFen = o.items.reduce((s, i) => s + i.quantity * i.oneTimeFen, 0);
    const monthlyFen = o.items.reduce((s, i) => s + i.quantity * i.monthlyFen, 0);
    const termRevenueFen = oneTimeFen + monthlyFen * o.termMonths;
    const net = o.investmentFen - oneTimeFen;
    const paybackMonths = net <= 0 ? 0 : monthlyFen > 0 ? Math.ceil(net / monthlyFen) : null;
    return {
      id: o.id,
      oneTimeFen,
      monthlyFen,
      termRevenueFen,
      investmentFen: o.investmentFen,
      surplusFen: termRevenueFen - o.investmentFen,
      paybackMonths,
    };
  });
  const min = (xs: number[]) => Math.min(...xs);
  const lowestMonthly = min(base.map((b) => b.monthlyFen));
  const lowestTerm = min(base.map((b) => b.termRevenueFen));
  const paybacks = base.map((b) => b.paybackMonths).filter((p): p is number => p !== null);
  const fastest = paybacks.length ? min(paybacks) : null;
  const many = base.length > 1;
  return new Map(
    base.map((b) => [
      b.id,
      {
        ...b,
        lowestMonthly: many && b.monthlyFen === lowestMonthly,
        lowestTermCost: many && b.termRevenueFen === lowestTerm,
        fastestPayback: many && fastest !== null && b.paybackMonths === fastest,
      },
    ]),
  );
}

export type NoteDepartment = 'business' | 'network' | 'billing' | 'account_management';

/** Names of the departments a progress note is forwarded to (task titles are written in Chinese, like the UI). */
export const noteDepartmentNames = Object.fromEntries(kaDepartments.map((d) => [d, kaDepartmentName(d).zh])) as Record<
  NoteDepartment,
  string
>;

/** The service desk's department codes (whose head, when named, receives the work) of our departments. */
export const deskDepartmentCodes: Record<NoteDepartment, string | null> = deskCodeOfKaDepartment;

/** Days a department gets to pick up a forwarded note (the due date of its task). */
export const FORWARDED_NOTE_DAYS = 3;

/** The title of the task a forwarded note becomes: department, opportunity and the start of the note. */
export function forwardedNoteTitle(department: NoteDepartment, opportunityTitle: string, body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  const excerpt = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return `商机进展转${noteDepartmentNames[department]}：${opportunityTitle.slice(0, 100)}｜${excerpt}`;
}
