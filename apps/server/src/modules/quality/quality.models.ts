// Quality supervision (质量监督): checklist totals of an inspection. Pure.
import type { InspectionItem } from '@crm/contracts';

/** Total and maximum score of a checklist and the score as a % (two decimals). */
export function checklistTotals(items: readonly Pick<InspectionItem, 'score' | 'maxScore'>[]) {
  const score = items.reduce((s, i) => s + i.score, 0);
  const maxScore = items.reduce((s, i) => s + i.maxScore, 0);
  return { score, maxScore, scorePct: maxScore === 0 ? 0 : Math.round((score / maxScore) * 10_000) / 100 };
}
