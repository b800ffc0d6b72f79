// Questionnaires as versioned definitions and the checks of an answer sheet against one. Pure: no database.

export type QuestionType =
  | 'recommend' // 0-10 likelihood to recommend (NPS)
  | 'csat' // 1-5 satisfaction
  | 'attribute' // 1-10 rating of a service attribute, with importance and performance
  | 'expectation_pair' // 1-10 expectation and 1-10 perceived performance of an attribute
  | 'rating' // 1-10 rating (an indicator of a PLS construct: image, expectation, value, loyalty ...)
  | 'single_choice'
  | 'multiple_choice'
  | 'text';

export type QuestionOption = { code: string; zh: string; en: string; dissatisfied?: boolean };

export type Question = {
  code: string;
  type: QuestionType;
  zh: string;
  en: string;
  required?: boolean;
  options?: QuestionOption[];
  /** For attribute and expectation_pair questions: the service attribute rated (e.g. repair_speed). */
  attribute?: string;
  /**
   * The latent variable (ECSI construct, e.g. image, expectation, quality, value, satisfaction, complaints, loyalty)
   * this question is an indicator of in the PLS path model; numeric questions only (an attribute's performance, an
   * expectation pair's perceived value).
   */
  construct?: string;
};

export type AnswerValue =
  | number
  | string
  | string[]
  | { importance: number; performance: number }
  | { expected: number; perceived: number };

export type AnswerSheet = Record<string, AnswerValue>;
export type AnswerProblem = { path: string; message: string };

const ranges: Partial<Record<QuestionType, [number, number]>> = {
  recommend: [0, 10],
  csat: [1, 5],
  attribute: [1, 10],
  expectation_pair: [1, 10],
  rating: [1, 10],
};

/** Problems of a questionnaire definition (empty when it can be published). */
export function checkQuestionnaire(questions: readonly Question[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (questions.length === 0) problems.push({ path: 'questions', message: 'at least one question' });
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(q.code))
      problems.push({ path: `questions.${i}.code`, message: 'lower-case letters, digits and _ (max 40)' });
    if (seen.has(q.code)) problems.push({ path: `questions.${i}.code`, message: `duplicate code ${q.code}` });
    seen.add(q.code);
    if (!q.zh.trim() || !q.en.trim()) problems.push({ path: `questions.${i}`, message: 'wording in zh-CN and en' });
    const choice = q.type === 'single_choice' || q.type === 'multiple_choice';
    if (choice && !(q.options && q.options.length >= 2))
      problems.push({ path: `questions.${i}.options`, message: 'a choice question needs at least two options' });
    if ((q.type === 'attribute' || q.type === 'expectation_pair') && !q.attribute)
      problems.push({ path: `questions.${i}.attribute`, message: 'name the service attribute rated' });
    if (q.construct !== undefined && !['recommend', 'csat', 'attribute', 'expectation_pair', 'rating'].includes(q.type))
      problems.push({ path: `questions.${i}.construct`, message: 'only a numeric question can measure a construct' });
  });
  return problems;
}

const inRange = (v: unknown, [lo, hi]: [number, number]) =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

/** Problems of an answer sheet: unknown questions, missing required answers, values off the scale or the options. */
export function checkAnswers(questions: readonly Question[], answers: AnswerSheet): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byCode = new Map(questions.map((q) => [q.code, q]));
  for (const code of Object.keys(answers))
    if (!byCode.has(code)) problems.push({ path: `answers.${code}`, message: 'not a question of this survey' });
  for (const q of questions) {
    const v = answers[q.code];
    const path = `answers.${q.code}`;
    if (v === undefined || v === null || v === '') {
      if (q.required) problems.push({ path, message: 'required' });
      continue;
    }
    const range = ranges[q.type];
    if (q.type === 'recommend' || q.type === 'csat' || q.type === 'rating') {
      if (!inRange(v, range!)) problems.push({ path, message: `a whole number ${range![0]}-${range![1]}` });
    } else if (q.type === 'attribute') {
      const a = v as { importance?: unknown; performance?: unknown };
      if (typeof v !== 'object' || !inRange(a.importance, range!) || !inRange(a.performance, range!))
        problems.push({ path, message: 'importance and performance, each 1-10' });
    } else if (q.type === 'expectation_pair') {
      const a = v as { expected?: unknown; perceived?: unknown };
      if (typeof v !== 'object' || !inRange(a.expected, range!) || !inRange(a.perceived, range!))
        problems.push({ path, message: 'expected and perceived, each 1-10' });
    } else if (q.type === 'single_choice') {
      if (typeof v !== 'string' || !q.options?.some((o) => o.code === v))
        problems.push({ path, message: 'one of the listed options' });
    } else if (q.type === 'multiple_choice') {
      if (!Array.isArray(v) || v.length === 0 || v.some((c) => !q.options?.some((o) => o.code === c)))
        problems.push({ path, message: 'one or more of the listed options' });
    } else if (typeof v !== 'string' || v.length > 2000) problems.push({ path, message: 'text up to 2000 characters' });
  }
  return problems;
}

export type Thresholds = { csatAtMost: number; recommendAtMost: number };
/** The dissatisfaction rule of the brief: CSAT <= 2, recommend <= 6, or a reason marked as dissatisfied. */
export const defaultThresholds: Thresholds = { csatAtMost: 2, recommendAtMost: 6 };

/** The headline figures of an answer sheet and whether it opens a follow-up, with the reasons why. */
export function scoreAnswers(
  questions: readonly Question[],
  answers: AnswerSheet,
  thresholds: Thresholds = defaultThresholds,
): { csat: number | null; recommend: number | null; dissatisfied: boolean; reasons: string[] } {
  let csat: number | null = null;
  let recommend: number | null = null;
  const reasons: string[] = [];
  for (const q of questions) {
    const v = answers[q.code];
    if (v === undefined) continue;
    if (q.type === 'csat' && typeof v === 'number') {
      csat ??= v;
      if (v <= thresholds.csatAtMost) reasons.push(`csat:${v}`);
    } else if (q.type === 'recommend' && typeof v === 'number') {
      recommend ??= v;
      if (v <= thresholds.recommendAtMost) reasons.push(`recommend:${v}`);
    } else if (q.type === 'single_choice' || q.type === 'multiple_choice') {
      const chosen = Array.isArray(v) ? v : [v];
      for (const o of q.options ?? []) if (o.dissatisfied && chosen.includes(o.code)) reasons.push(`reason:${o.code}`);
    }
  }
  return { csat, recommend, dissatisfied: reasons.length > 0, reasons };
}
