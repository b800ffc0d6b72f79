/** Exponential back-off before retrying a failed job: 5 s, 25 s, 125 s ... capped at 10 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5_000 * 5 ** Math.max(0, attempt - 1), 600_000);
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 2000);
  return String(err).slice(0, 2000);
}

/**
 * The worker's timer is alive when it beat within three intervals (and at least 30 s, so a busy event loop under
 * load does not flap readiness).
 */
export function workerBeatHealth(
  beat: { intervalMs: number; lastBeatAt: number },
  now: number,
): { alive: boolean; lastBeatMsAgo: number } {
  const lastBeatMsAgo = Math.max(0, now - beat.lastBeatAt);
  return { alive: lastBeatMsAgo <= Math.max(30_000, 3 * beat.intervalMs), lastBeatMsAgo };
}
