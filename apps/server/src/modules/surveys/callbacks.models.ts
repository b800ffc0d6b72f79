// Contact rules of callback surveys (回访), pure: quiet hours in Asia/Shanghai, one survey per customer per N days,
// opt-out, expiry, and the signature of inbound answers (HMAC-SHA256, replay-safe by message id and timestamp).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ContactRules = {
  /** No contact from quietStart to quietEnd, local hours in Asia/Shanghai (default 21:00-08:00). */
  quietStartHour: number;
  quietEndHour: number;
  /** At most one survey per customer in this many days. */
  capDays: number;
  /** An unanswered survey expires after this many hours. */
  expiryHours: number;
  /** The survey goes out this many minutes after its trigger at the earliest (the customer sees the fix work first). */
  sendDelayMinutes: number;
};
export const defaultContactRules: ContactRules = {
  quietStartHour: 21,
  quietEndHour: 8,
  capDays: 30,
  expiryHours: 72,
  sendDelayMinutes: 30,
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time

/** The local hour (0-23) in Asia/Shanghai. */
export const shanghaiHour = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();

/** The earliest moment at or after `at` outside the quiet hours. */
export function nextContactTime(at: Date, rules: ContactRules = defaultContactRules): Date {
  const hour = shanghaiHour(at);
  const quiet =
    rules.quietStartHour > rules.quietEndHour
      ? hour >= rules.quietStartHour || hour < rules.quietEndHour
      : hour >= rules.quietStartHour && hour < rules.quietEndHour;
  if (!quiet) return at;
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const end = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), rules.quietEndHour));
  if (hour >= rules.quietEndHour) end.setUTCDate(end.getUTCDate() + 1);
  return new Date(end.getTime() - SHANGHAI_OFFSET_MS);
}

/** When a survey triggered at `triggeredAt` goes out: after the send delay, outside the quiet hours. */
export function callbackTimeOf(triggeredAt: Date, rules: ContactRules = defaultContactRules): Date {
  return nextContactTime(new Date(triggeredAt.getTime() + rules.sendDelayMinutes * 60_000), rules);
}

export type SuppressReason = 'opted_out' | 'recently_surveyed' | 'no_contact_number';

/** Why a customer must not be surveyed now, or null when the survey may go out. */
export function suppressionOf(opts: {
  optedOut: boolean;
  lastSurveyedAt: Date | null;
  hasContactNumber: boolean;
  now: Date;
  rules?: ContactRules;
}): SuppressReason | null {
  const rules = opts.rules ?? defaultContactRules;
  if (opts.optedOut) return 'opted_out';
  if (!opts.hasContactNumber) return 'no_contact_number';
  if (opts.lastSurveyedAt && opts.now.getTime() - opts.lastSurveyedAt.getTime() < rules.capDays * 86_400_000)
    return 'recently_surveyed';
  return null;
}

export const expiryOf = (sentAt: Date, rules: ContactRules = defaultContactRules) =>
  new Date(sentAt.getTime() + rules.expiryHours * 3_600_000);

/** Signature of an inbound message: hex HMAC-SHA256 over `${timestamp}.${body}` with the channel secret. */
export const signInbound = (secret: string, timestamp: string, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** A valid signature, made at most `toleranceSeconds` from now (an old message replayed later is refused). */
export function verifyInbound(opts: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  now: Date;
  toleranceSeconds?: number;
}): 'ok' | 'missing' | 'stale' | 'bad_signature' {
  if (!opts.timestamp || !opts.signature) return 'missing';
  const ts = Number(opts.timestamp);
  if (!Number.isInteger(ts) || Math.abs(opts.now.getTime() / 1000 - ts) > (opts.toleranceSeconds ?? 300))
    return 'stale';
  const expected = Buffer.from(signInbound(opts.secret, opts.timestamp, opts.body));
  const given = Buffer.from(opts.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'bad_signature';
}
