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
