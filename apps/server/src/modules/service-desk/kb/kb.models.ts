// Knowledge-base search terms, pure: a query is split on spaces and punctuation (ASCII and full-width) into terms that
// must all match; duplicates and terms contained in a longer term are dropped; at most 8 terms.

const SEPARATORS = /[\s,.;:!?，。；：！？、（）()【】[\]《》"'“”‘’/\\|]+/u;

/** The distinct search terms of a query, longest first, each matched as a substring (Chinese included). */
export function searchTermsOf(q: string | undefined): string[] {
  if (!q) return [];
  const parts = [...new Set(q.split(SEPARATORS).map((p) => p.trim().toLowerCase()))].filter(Boolean);
  parts.sort((a, b) => b.length - a.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const p of parts) if (!kept.some((k) => k.includes(p))) kept.push(p);
  return kept.slice(0, 8);
}

/** A term as an ILIKE pattern matching it anywhere (its %, _ and \ escaped). */
export const likePatternOf = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const HAN = /\p{Script=Han}/u;
const zhWords = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

/** A run of Han characters cut into non-overlapping pairs (an odd last character pairs with the one before it). */
function bigramsOf(run: string): string[] {
  const chars = [...run];
  if (chars.length <= 2) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 2) out.push(chars[i] + chars[i + 1]);
  if (chars.length % 2 === 1) out.push(chars[chars.length - 2] + chars[chars.length - 1]);
  return out;
}

/**
 * Chinese word segmentation of one search term, so "宽带包月" or "数字电路故障" also find text that has the words apart
 * ("包月的宽带", "数字电路出现故障"). Words come from Intl.Segmenter (ICU's dictionary); runs of single characters it
 * leaves (ICU does not know "宽带") are cut into bigrams. A term without Han characters, or of at most two, is its own
 * only segment. Segments are distinct and at most 6.
 */
export function segmentsOf(term: string): string[] {
  if (!HAN.test(term) || [...term].length <= 2) return [term];
  return [...new Set(wordsOf(term).map((w) => w.toLowerCase()))].slice(0, 6);
}

/** Every word of a Chinese text: ICU's words, runs of single characters it leaves cut into bigrams. */
function wordsOf(text: string): string[] {
  if (!zhWords) return [text];
  const out: string[] = [];
  let singles = '';
  const flush = () => {
    if (singles) out.push(...bigramsOf(singles));
    singles = '';
  };
  for (const s of zhWords.segment(text)) {
    const w = s.segment.trim();
    if (!w) continue;
    if ([...w].length === 1 && HAN.test(w)) singles += w;
    else {
      flush();
      out.push(w);
    }
  }
  flush();
  return out;
}

/** Words of a ticket that say nothing about its subject (they occur in most tickets and most articles). */
const SUGGESTION_STOP_WORDS = new Set([
  '客户',
  '用户',
  '反映',
  '要求',
  '需要',
  '问题',
  '处理',
  '情况',
  '进行',
  '已经',
  '没有',
  '可以',
  '一下',
  '我们',
  '您好',
  '表示',
  '目前',
  '现在',
  '今天',
  '希望',
  'the',
  'and',
  'for',
  'with',
  'customer',
  'please',
]);

/**
 * The words of a ticket's text (title, description, category) that an article suggested for it may match: the text
 * split like a query, Chinese runs cut into words (`segmentsOf`), stop words, single characters and numbers dropped.
 * Unlike a search, any one word is enough for an article to be suggested; the more words it matches, the higher it
 * ranks. Distinct, in order of appearance, at most 12.
 */
export function suggestionTermsOf(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(SEPARATORS)) {
    const p = part.trim().toLowerCase();
    if (!p) continue;
    for (const w of HAN.test(p) ? wordsOf(p) : [p]) {
      const short = HAN.test(w) ? [...w].length < 2 : w.length < 3;
      if (short || /^\d+$/.test(w) || SUGGESTION_STOP_WORDS.has(w) || out.includes(w)) continue;
      out.push(w);
    }
  }
  return out.slice(0, 12);
}
