// Pure pieces of the customer timeline: the keyset cursor and the kind filter.

/**
 * The position of the last entry of a page: its time (ISO text with microseconds, as PostgreSQL keeps them) and its
 * sort key (`kind:000...id`). The next page holds the entries strictly before it in (time desc, key desc) order.
 */
export type TimelineCursor = { at: string; key: string };

const AT_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const KEY_SHAPE = /^[a-z][a-z0-9_]{0,39}:\d{20}$/;

export function encodeCursor(c: TimelineCursor): string {
  return Buffer.from(`${c.at}|${c.key}`, 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one this timeline wrote (the caller answers 400). */
export function decodeCursor(text: string): TimelineCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  const [at, key, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length || !at || !key || !AT_SHAPE.test(at) || !KEY_SHAPE.test(key)) return null;
  if (Number.isNaN(Date.parse(at))) return null;
  return { at, key };
}

/** The sort key of an entry: kind and zero-padded id, so keys of one kind sort as their ids. */
export const sortKeyOf = (kind: string, id: number | string) => `${kind}:${String(id).padStart(20, '0')}`;

/**
 * The kinds asked for (comma-separated, blanks ignored, duplicates dropped) among those known; all known kinds when
 * none is named. `unknown` is the first name that is not a kind.
 */
export function parseKinds(
  text: string | undefined,
  known: readonly string[],
): { kinds: string[]; unknown: string | null } {
  const names = [
    ...new Set(
      (text ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (!names.length) return { kinds: [...known], unknown: null };
  const unknown = names.find((n) => !known.includes(n)) ?? null;
  return { kinds: known.filter((k) => names.includes(k)), unknown };
}
