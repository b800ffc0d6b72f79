import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from './login-throttle.models';

const MIN = 60_000;

describe('login throttle', () => {
  it('frees an address + username once its oldest failure leaves the window', () => {
    const th = createLoginThrottle({ perUserMax: 3, perAddressMax: 100, windowMs: 15 * MIN });
    for (const at of [0, MIN, 2 * MIN]) th.recordFailure('10.0.0.1', 'Am1', at);
    expect(th.retryAfterMs('10.0.0.1', 'am1', 3 * MIN)).toBe(12 * MIN);
    expect(th.retryAfterMs('10.0.0.2', 'am1', 3 * MIN)).toBe(0);
    expect(th.retryAfterMs('10.0.0.1', 'am1', 15 * MIN + 1)).toBe(0);
  });

  it('counts failures of every username against the address budget', () => {
    const th = createLoginThrottle({ perUserMax: 10, perAddressMax: 2, windowMs: 15 * MIN });
    th.recordFailure('10.0.0.1', 'a', 0);
    th.recordFailure('10.0.0.1', 'b', 0);
    expect(th.retryAfterMs('10.0.0.1', 'c', 1)).toBeGreaterThan(0);
  });

  it('clears the failures of an address + username on success, not those of the address', () => {
    const th = createLoginThrottle({ perUserMax: 2, perAddressMax: 3, windowMs: 15 * MIN });
    th.recordFailure('10.0.0.1', 'a', 0);
    th.recordFailure('10.0.0.1', 'a', 0);
    th.recordSuccess('10.0.0.1', 'a');
    expect(th.retryAfterMs('10.0.0.1', 'a', 1)).toBe(0);
    th.recordFailure('10.0.0.1', 'b', 1);
    expect(th.retryAfterMs('10.0.0.1', 'z', 2)).toBeGreaterThan(0);
  });
});
