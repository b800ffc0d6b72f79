import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parseKinds, sortKeyOf } from './timeline.models';

describe('timeline cursor', () => {
  it('round-trips the time with microseconds and the sort key', () => {
    const c = { at: '2026-01-07T01:00:00.123456Z', key: sortKeyOf('ticket', 42) };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(c.key).toBe('ticket:00000000000000000042');
  });

  it('refuses text it did not write', () => {
    for (const text of ['', 'not a cursor!', Buffer.from('2026-01-01|x').toString('base64url'), 'a'.repeat(201)])
      expect(decodeCursor(text)).toBeNull();
    expect(decodeCursor(Buffer.from("2026-01-01T00:00:00Z|ticket:1' or 1=1").toString('base64url'))).toBeNull();
  });
});

describe('timeline kind filter', () => {
  const known = ['ticket', 'warning', 'bill'];
  it('keeps the known order, drops blanks and duplicates, and means all kinds when empty', () => {
    expect(parseKinds(' bill,ticket,,bill ', known)).toEqual({ kinds: ['ticket', 'bill'], unknown: null });
    expect(parseKinds(undefined, known)).toEqual({ kinds: known, unknown: null });
    expect(parseKinds('', known)).toEqual({ kinds: known, unknown: null });
  });
  it('names the first unknown kind', () => {
    expect(parseKinds('ticket,gossip', known).unknown).toBe('gossip');
  });
});
