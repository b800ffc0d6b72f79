import { describe, expect, it } from 'vitest';
import { MAX_FUTURE_SKEW_MS, occurredAtOf } from './interactions.models';

describe('occurredAtOf', () => {
  const now = new Date('2024-05-01T02:00:00Z');

  it('defaults to now and accepts past times', () => {
    expect(occurredAtOf(undefined, now)).toBe(now);
    expect(occurredAtOf('2024-04-30T10:00:00+08:00', now)).toEqual(new Date('2024-04-30T02:00:00Z'));
  });

  it('tolerates a little clock skew but refuses the future', () => {
    expect(occurredAtOf(new Date(now.getTime() + MAX_FUTURE_SKEW_MS).toISOString(), now)).toBeInstanceOf(Date);
    expect(occurredAtOf(new Date(now.getTime() + MAX_FUTURE_SKEW_MS + 1).toISOString(), now)).toBe('future');
  });
});
