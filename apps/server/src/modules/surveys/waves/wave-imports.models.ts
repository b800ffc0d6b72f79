// Importing external survey data (market-research firms' files) into a wave, pure: the answer targets of a
// questionnaire (attribute ratings take two columns), the proposed column mapping, and one row turned into an answer
// sheet with every bad value named by its column.
import { type AnswerSheet, type AnswerValue, checkAnswers, type Question } from './questionnaire.models';

export type ImportTarget = {
  key: string;
  question: Question;
  part: 'value' | 'importance' | 'performance' | 'expected' | 'perceived';
};
export type CellProblem = { column: string; message: string };

/** The columns a questionnaire's answers need: one per question, two for attribute and expectation pairs. */
export function importTargets(questions: readonly Question[]): ImportTarget[] {
  return questions.flatMap((q): ImportTarget[] =>
    q.type === 'attribute'
      ? [
          { key: `${q.code}.importance`, question: q, part: 'importance' },
          { key: `${q.code}.performance`, question: q, part: 'performance' },
        ]
      : q.type === 'expectation_pair'
        ? [
            { key: `${q.code}.expected`, question: q, part: 'expected' },
            { key: `${q.code}.perceived`, question: q, part: 'perceived' },
          ]
        : [{ key: q.code, question: q, part: 'value' }],
  );
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Proposed mapping target -> column: a header equal to the target key (or the code with _ for .), or the wording. */
export function proposeMapping(questions: readonly Question[], headers: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of importTargets(questions)) {
    const wanted = [norm(t.key), norm(t.key.replace('.', '_'))];
    if (t.part === 'value') wanted.push(norm(t.question.zh), norm(t.question.en));
    const h = headers.find((x) => wanted.includes(norm(x)));
    if (h) out[t.key] = h;
  }
  return out;
}

const ranges: Record<string, [number, number]> = {
  recommend: [0, 10],
  csat: [1, 5],
  attribute: [1, 10],
  expectation_pair: [1, 10],
  rating: [1, 10],
};

function parseScale(raw: string, [lo, hi]: [number, number]): number | string {
  const n = Number(raw.trim());
  if (!/^-?\d+(\.0+)?$/.test(raw.trim()) || !Number.isInteger(n) || n < lo || n > hi)
    return `a whole number ${lo}-${hi}, got "${raw}"`;
  return n;
}

/** An option by its code or its zh-CN / en wording (case-insensitive). */
function optionCode(q: Question, raw: string): string | undefined {
  const v = norm(raw);
  return q.options?.find((o) => [o.code, o.zh, o.en].some((x) => norm(x) === v))?.code;
}

/** One file row as an answer sheet; a bad value is reported by its column and left out. Empty cells are no answer. */
export function rowToAnswers(
  questions: readonly Question[],
  mapping: Record<string, string>,
  cellOf: (column: string) => string,
): { answers: AnswerSheet; problems: CellProblem[] } {
  const answers: AnswerSheet = {};
  const problems: CellProblem[] = [];
  const pairs = new Map<string, Record<string, number>>();
  for (const t of importTargets(questions)) {
    const column = mapping[t.key];
    if (!column) continue;
    const raw = cellOf(column).trim();
    if (raw === '') continue;
    const q = t.question;
    if (t.part !== 'value') {
      const v = parseScale(raw, ranges[q.type]);
      if (typeof v === 'string') problems.push({ column, message: v });
      else pairs.set(q.code, { ...(pairs.get(q.code) ?? {}), [t.part]: v });
      continue;
    }
    let value: AnswerValue | undefined;
    if (q.type === 'recommend' || q.type === 'csat' || q.type === 'rating') {
      const v = parseScale(raw, ranges[q.type]);
      if (typeof v === 'string') problems.push({ column, message: v });
      else value = v;
    } else if (q.type === 'single_choice') {
      const code = optionCode(q, raw);
      if (!code) problems.push({ column, message: `not an option of ${q.code}: "${raw}"` });
      else value = code;
    } else if (q.type === 'multiple_choice') {
      const parts = raw
        .split(/[;,，；|]/)
        .map((x) => x.trim())
        .filter(Boolean);
      const codes = parts.map((p) => optionCode(q, p));
      const bad = parts.filter((_, i) => !codes[i]);
      if (bad.length) problems.push({ column, message: `not options of ${q.code}: "${bad.join('", "')}"` });
      else value = codes as string[];
    } else if (raw.length > 2000) problems.push({ column, message: 'text longer than 2000 characters' });
    else value = raw;
    if (value !== undefined) answers[q.code] = value;
  }
  for (const [code, parts] of pairs) {
    const q = questions.find((x) => x.code === code)!;
    const [a, b] = q.type === 'attribute' ? ['importance', 'performance'] : ['expected', 'perceived'];
    if (parts[a] === undefined || parts[b] === undefined) {
      const missing = parts[a] === undefined ? a : b;
      const column = mapping[`${code}.${missing}`];
      // A bad value already reported for the other half is enough.
      if (column && problems.some((p) => p.column === column)) continue;
      problems.push({
        column: mapping[`${code}.${missing}`] ?? `${code}.${missing}`,
        message: `${missing} missing for ${code}`,
      });
    } else answers[code] = { [a]: parts[a], [b]: parts[b] } as AnswerValue;
  }
  // Required questions left empty (values already reported above are not reported twice).
  for (const p of checkAnswers(questions, answers)) {
    const code = p.path.replace(/^answers\./, '');
    const target = importTargets(questions).find((t) => t.question.code === code);
    const column = (target && mapping[target.key]) ?? code;
    if (!problems.some((x) => x.column === column)) problems.push({ column, message: p.message });
  }
  return { answers, problems };
}

/** Same answers (re-import of an unchanged row). */
export const sameAnswers = (a: AnswerSheet, b: AnswerSheet) => canon(a) === canon(b);
const canon = (v: unknown): string =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? `{${Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : JSON.stringify(v);
