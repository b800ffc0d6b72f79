import type { TFunction } from '../../i18n';

/** The reason options of the callback questionnaire that have their own wording; others read as "other reason". */
const knownReasonOptions = ['slow', 'unresolved', 'attitude', 'fine'];

/**
 * A follow-up reason in words: 'csat:2' -> '满意度评分 2 分（满分 5）', 'recommend:3' -> '推荐意愿 3 分（满分 10）',
 * 'reason:slow' -> '客户反映：处理太慢'. Never shows the raw code.
 */
export function reasonText(t: TFunction, code: string): string {
  const [kind, value = ''] = code.split(':', 2);
  if ((kind === 'csat' || kind === 'recommend') && /^\d+$/.test(value))
    return t(`surveys.reason.${kind}`, { score: Number(value) });
  if (kind === 'reason')
    return t('surveys.reason.chosen', {
      option: t(knownReasonOptions.includes(value) ? `surveys.reasonOption.${value}` : 'surveys.reasonOption.other'),
    });
  return t('surveys.reason.unknown');
}

/** A follow-up still waiting for action after its due time. */
export function isOverdue(f: { status: string; dueAt: string }, now: Date = new Date()): boolean {
  return f.status !== 'recovered' && new Date(f.dueAt).getTime() < now.getTime();
}

/** The label of a coded value, or a neutral word for a value the catalogue does not know (never the raw code). */
export function codeLabel(t: TFunction, namespace: string, value: string | null | undefined): string {
  if (!value) return '';
  const key = `surveys.${namespace}.${value}`;
  const text = t(key);
  return text === key ? t('surveys.unknownValue') : text;
}

/** A picked date range as the funnel's half-open instant period: from the first day's start to the day after the last. */
export function periodOf(first: Date, last: Date): { from: string; to: string } {
  const from = new Date(first.getFullYear(), first.getMonth(), first.getDate());
  const to = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The funnel stages in order, each with its count (sent -> answered -> dissatisfied -> recovered). */
export function funnelStages(f: { sent: number; answered: number; dissatisfied: number; recovered: number }) {
  return (['sent', 'answered', 'dissatisfied', 'recovered'] as const).map((stage) => ({ stage, value: f[stage] }));
}
