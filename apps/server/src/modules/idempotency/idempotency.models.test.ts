import { describe, expect, it } from 'vitest';
import { idBodyOf, outcomeOfKey, requestHashOf, successStatusOf } from './idempotency.models';

const now = new Date('2026-12-04T10:00:00Z');
const hash = requestHashOf('POST', '/api/customers', { name: '甲' });
const row = (over: Partial<Parameters<typeof outcomeOfKey>[0]> = {}) => ({
  requestHash: hash,
  statusCode: 0,
  responseBody: null,
  committed: false,
  entity: null,
  entityId: null,
  claimedAt: new Date(now.getTime() - 1_000),
  ...over,
});
const lease = { now, leaseMs: 60_000 };

describe('what a retried Idempotency-Key answers', () => {
  it('refuses another body under the same key, whatever the key’s state', () => {
    const other = requestHashOf('POST', '/api/customers', { name: '乙' });
    expect(outcomeOfKey(row({ statusCode: 201, committed: true }), other, lease)).toEqual({ kind: 'key_reused' });
  });

  it('replays a stored response', () => {
    expect(outcomeOfKey(row({ statusCode: 201, responseBody: { id: 7 } }), hash, lease)).toEqual({
      kind: 'replay',
      statusCode: 201,
      body: { id: 7 },
    });
  });

  it('rebuilds the answer of a committed attempt that never stored it, even long after its lease', () => {
    const old = new Date(now.getTime() - 3_600_000);
    expect(
      outcomeOfKey(row({ committed: true, entity: 'customer', entityId: '7', claimedAt: old }), hash, lease),
    ).toEqual({ kind: 'rebuild', entity: 'customer', entityId: '7' });
  });

  it('takes over an uncommitted pending key once its lease has passed, not before', () => {
    expect(outcomeOfKey(row({ claimedAt: new Date(now.getTime() - 59_999) }), hash, lease).kind).toBe('in_progress');
    expect(outcomeOfKey(row({ claimedAt: new Date(now.getTime() - 60_000) }), hash, lease).kind).toBe('take_over');
  });
});

describe('rebuilt responses', () => {
  it('use the route’s success status', () => {
    expect(successStatusOf(['201', '400'])).toBe(201);
    expect(successStatusOf(['200', '202'])).toBe(200);
    expect(successStatusOf(['204'])).toBe(204);
    expect(successStatusOf([])).toBe(200);
  });

  it('carry at least the id, numeric when the record’s id is', () => {
    expect(idBodyOf('42')).toEqual({ id: 42 });
    expect(idBodyOf('TT-9')).toEqual({ id: 'TT-9' });
    expect(idBodyOf(null)).toBeNull();
  });
});
