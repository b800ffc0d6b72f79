/** Clock skew tolerated between a client and the server when recording when an interaction happened. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** When an interaction happened: now when not given; never meaningfully in the future. */
export function occurredAtOf(input: string | undefined, now: Date): Date | 'future' {
  if (!input) return now;
  const at = new Date(input);
  return at.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS ? 'future' : at;
}
