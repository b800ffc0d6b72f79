// Login throttling: budgets of FAILED sign-ins in a sliding window, per address and per address + username.
// Successful sign-ins cost nothing. The per-username budget is keyed by the address as well, so nobody can lock a
// user out from elsewhere by failing on purpose: the lock stays with the address that failed.

export type LoginThrottleLimits = {
  /** Failed attempts per address + username in the window. */
  perUserMax: number;
  /** Failed attempts per address, across all usernames, in the window. */
  perAddressMax: number;
  windowMs: number;
};

export type LoginThrottle = {
  /** Milliseconds until the address (or this address + username) may try again; 0 when it may try now. */
  retryAfterMs: (ip: string, username: string, now: number) => number;
  recordFailure: (ip: string, username: string, now: number) => void;
  /** A successful sign-in clears the failures of this address + username (not those of the address). */
  recordSuccess: (ip: string, username: string) => void;
};

const MAX_KEYS = 50_000;

const userKey = (ip: string, username: string) => `${ip}|${username.trim().toLowerCase()}`;

/** Failure times per key, pruned to the window; the oldest failure in the window decides when it frees up. */
function failureLog(windowMs: number) {
  const log = new Map<string, number[]>();
  const live = (key: string, now: number) => {
    const times = log.get(key);
    if (!times) return [];
    const kept = times.filter((t) => t > now - windowMs);
    if (kept.length === 0) log.delete(key);
    else if (kept.length !== times.length) log.set(key, kept);
    return kept;
  };
  return {
    live,
    add(key: string, now: number) {
      if (log.size >= MAX_KEYS) for (const k of [...log.keys()]) live(k, now);
      if (log.size >= MAX_KEYS) log.clear();
      log.set(key, [...live(key, now), now]);
    },
    clear: (key: string) => log.delete(key),
  };
}

/** Milliseconds until fewer than `max` failures remain in the window. */
function waitFor(times: number[], max: number, windowMs: number, now: number): number {
  if (times.length < max) return 0;
  return Math.max(1, times[times.length - max] + windowMs - now);
}

export function createLoginThrottle(limits: LoginThrottleLimits): LoginThrottle {
  const byUser = failureLog(limits.windowMs);
  const byAddress = failureLog(limits.windowMs);
  return {
    retryAfterMs(ip, username, now) {
      return Math.max(
        waitFor(byAddress.live(ip, now), limits.perAddressMax, limits.windowMs, now),
        waitFor(byUser.live(userKey(ip, username), now), limits.perUserMax, limits.windowMs, now),
      );
    },
    recordFailure(ip, username, now) {
      byAddress.add(ip, now);
      byUser.add(userKey(ip, username), now);
    },
    recordSuccess(ip, username) {
      byUser.clear(userKey(ip, username));
    },
  };
}
