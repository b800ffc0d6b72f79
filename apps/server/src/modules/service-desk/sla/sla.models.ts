// SLA clocks: pure working-time arithmetic over 7x24 and business-hours calendars (weekends, public holidays and
// make-up working days), clocks that pause while a ticket waits on the customer, and policy matching.
// Business time is Asia/Shanghai: UTC+8 all year (no daylight saving since 1991), so local days are computed with a
// fixed offset and never with the process time zone.

export const SHANGHAI_OFFSET_MINUTES = 480;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** A clock never looks further than this for working time (a misconfigured calendar must not loop forever). */
const MAX_DAYS = 3_700;

export type WorkCalendar = {
  kind: '24x7' | 'business';
  /** Local working hours in minutes after midnight, e.g. 540 (09:00) to 1080 (18:00). */
  workStartMinute: number;
  workEndMinute: number;
  /** Local dates 'YYYY-MM-DD' that are days off although they are weekdays. */
  holidays: ReadonlySet<string>;
  /** Make-up working days (调休): local dates that are working days although they fall on a weekend. */
  workdays: ReadonlySet<string>;
  /** Days of the week off (0 Sunday ... 6 Saturday); default Saturday and Sunday. */
  weekend?: readonly number[];
  utcOffsetMinutes?: number;
};

export const calendar247: WorkCalendar = {
  kind: '24x7',
  workStartMinute: 0,
  workEndMinute: 1440,
  holidays: new Set(),
  workdays: new Set(),
};

const offsetMs = (cal: WorkCalendar) => (cal.utcOffsetMinutes ?? SHANGHAI_OFFSET_MINUTES) * MINUTE;

/** The local calendar date of an instant, 'YYYY-MM-DD'. */
export function localDate(at: Date | number, utcOffsetMinutes = SHANGHAI_OFFSET_MINUTES): string {
  const ms = (typeof at === 'number' ? at : at.getTime()) + utcOffsetMinutes * MINUTE;
  return new Date(ms).toISOString().slice(0, 10);
}

/** True when a local day (given as the UTC instant of its local midnight) is a working day of the calendar. */
export function isWorkingDay(cal: WorkCalendar, localMidnightUtcMs: number): boolean {
  if (cal.kind === '24x7') return true;
  const shifted = new Date(localMidnightUtcMs + offsetMs(cal));
  const date = shifted.toISOString().slice(0, 10);
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  return !(cal.weekend ?? [0, 6]).includes(shifted.getUTCDay());
}

/** The UTC instant of the local midnight starting the local day that contains `ms`. */
function localMidnight(cal: WorkCalendar, ms: number): number {
  const off = offsetMs(cal);
  return Math.floor((ms + off) / DAY) * DAY - off;
}

/** The working interval [start, end) of a local day, or null on a day off. */
function workWindow(cal: WorkCalendar, midnight: number): [number, number] | null {
  if (!isWorkingDay(cal, midnight)) return null;
  return [midnight + cal.workStartMinute * MINUTE, midnight + cal.workEndMinute * MINUTE];
}

/** Working milliseconds between two instants (0 when `to` is not after `from`). */
export function workingMsBetween(cal: WorkCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (cal.kind === '24x7') return b - a;
  let total = 0;
  for (let day = localMidnight(cal, a), n = 0; day < b && n < MAX_DAYS + 1; day += DAY, n++) {
    const w = workWindow(cal, day);
    if (!w) continue;
    const s = Math.max(w[0], a);
    const e = Math.min(w[1], b);
    if (e > s) total += e - s;
  }
  return total;
}

/** The instant at which `ms` working milliseconds have passed after `from`. */
export function addWorkingMs(cal: WorkCalendar, from: Date, ms: number): Date {
  const a = from.getTime();
  if (cal.kind === '24x7') return new Date(a + Math.max(0, ms));
  let left = Math.max(0, ms);
  for (let day = localMidnight(cal, a), n = 0; n < MAX_DAYS; day += DAY, n++) {
    const w = workWindow(cal, day);
    if (!w) continue;
    const s = Math.max(w[0], a);
    if (s >= w[1]) continue;
    if (left === 0) return new Date(s);
    const avail = w[1] - s;
    if (left <= avail) return new Date(s + left);
    left -= avail;
  }
  throw new Error('calendar has no working time within ten years');
}

export type ClockState = {
  state: 'running' | 'paused' | 'stopped';
  targetMinutes: number;
  warnPercent: number;
  startedAt: Date;
  runningSince: Date | null;
  consumedMs: number;
  dueAt: Date | null;
  warnAt: Date | null;
  stoppedAt: Date | null;
};

/** Due and warning instants of a running clock from the working time it has left. */
function scheduled(cal: WorkCalendar, c: Pick<ClockState, 'targetMinutes' | 'warnPercent' | 'consumedMs'>, at: Date) {
  const target = c.targetMinutes * MINUTE;
  const warn = Math.floor((target * c.warnPercent) / 100);
  return {
    dueAt: addWorkingMs(cal, at, Math.max(0, target - c.consumedMs)),
    warnAt: addWorkingMs(cal, at, Math.max(0, warn - c.consumedMs)),
  };
}

export function startClock(
  cal: WorkCalendar,
  opts: { at: Date; targetMinutes: number; warnPercent?: number },
): ClockState {
  const base = { targetMinutes: opts.targetMinutes, warnPercent: opts.warnPercent ?? 80, consumedMs: 0 };
  return {
    ...base,
    state: 'running',
    startedAt: opts.at,
    runningSince: opts.at,
    stoppedAt: null,
    ...scheduled(cal, base, opts.at),
  };
}

/** Working time the clock has consumed by `now` (paused and stopped time never counts). */
export function consumedAt(cal: WorkCalendar, c: ClockState, now: Date): number {
  if (c.state !== 'running' || !c.runningSince) return c.consumedMs;
  return c.consumedMs + workingMsBetween(cal, c.runningSince, now);
}

/** Pauses a running clock (the ticket waits on the customer): no due time while paused. */
export function pauseClock(cal: WorkCalendar, c: ClockState, at: Date): ClockState {
  if (c.state !== 'running') return c;
  return {
    ...c,
    state: 'paused',
    consumedMs: consumedAt(cal, c, at),
    runningSince: null,
    dueAt: null,
    warnAt: null,
  };
}

/** Resumes a paused or stopped clock (customer answered, ticket reopened) with the working time it had left. */
export function resumeClock(cal: WorkCalendar, c: ClockState, at: Date): ClockState {
  if (c.state === 'running') return c;
  return { ...c, state: 'running', runningSince: at, stoppedAt: null, ...scheduled(cal, c, at) };
}

/** Stops the clock (responded, resolved, cancelled). */
export function stopClock(cal: WorkCalendar, c: ClockState, at: Date): ClockState {
  if (c.state === 'stopped') return c;
  return {
    ...c,
    state: 'stopped',
    consumedMs: consumedAt(cal, c, at),
    runningSince: null,
    dueAt: null,
    warnAt: null,
    stoppedAt: at,
  };
}

export type ClockHealth = 'ok' | 'warning' | 'breached' | 'met';

export function clockHealth(cal: WorkCalendar, c: ClockState & { breachedAt?: Date | null }, now: Date): ClockHealth {
  const used = consumedAt(cal, c, now);
  const target = c.targetMinutes * MINUTE;
  if (c.breachedAt || used > target) return 'breached';
  if (c.state === 'stopped') return 'met';
  if (used >= (target * c.warnPercent) / 100) return 'warning';
  return 'ok';
}

/** What the SLA scan must do for a clock now; each step is recorded once (warning, breach, escalation level 2). */
export function dueSlaSteps(
  cal: WorkCalendar,
  c: ClockState & { warnedAt: Date | null; breachedAt: Date | null; escalationLevel: number },
  now: Date,
): ('warning' | 'breach' | 'escalate')[] {
  if (c.state !== 'running') return [];
  const used = consumedAt(cal, c, now);
  const target = c.targetMinutes * MINUTE;
  const steps: ('warning' | 'breach' | 'escalate')[] = [];
  if (!c.warnedAt && !c.breachedAt && used >= (target * c.warnPercent) / 100) steps.push('warning');
  if (!c.breachedAt && used >= target) steps.push('breach');
  // Still open after half the target again: the escalation goes one level up (supervisor -> manager).
  if (c.escalationLevel < 2 && used >= target * 1.5) steps.push('escalate');
  return steps;
}

/** Whole working minutes from `start` to a committed deadline (at least 1): the due time never passes the deadline. */
export function minutesUntil(cal: WorkCalendar, start: Date, deadline: Date): number {
  return Math.max(1, Math.floor(workingMsBetween(cal, start, deadline) / MINUTE));
}

export type PolicyFacts = {
  ticketType: string;
  customerCategory: string;
  tier: string | null;
  importance: string | null;
  severity: string;
};
export type MatchablePolicy = {
  id: number;
  active: boolean;
  ticketType: string | null;
  customerCategory: string | null;
  tier: string | null;
  importance: string | null;
  severity: string | null;
};

const matchFields = ['ticketType', 'customerCategory', 'tier', 'importance', 'severity'] as const;

/**
 * The policy for a ticket: every field a policy names must equal the ticket's fact (null = any); the policy naming
 * the most fields wins, then the lowest id. A customer without a grading has no tier and matches only tier-less
 * policies.
 */
export function matchPolicy<P extends MatchablePolicy>(policies: readonly P[], facts: PolicyFacts): P | undefined {
  let best: P | undefined;
  let bestScore = -1;
  for (const p of policies) {
    if (!p.active) continue;
    let score = 0;
    let ok = true;
    for (const f of matchFields) {
      const v = p[f];
      if (v === null) continue;
      if (v !== facts[f]) {
        ok = false;
        break;
      }
      score++;
    }
    if (!ok) continue;
    if (score > bestScore || (score === bestScore && best && p.id < best.id)) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

/** Parses 'HH:mm' to minutes after midnight and back. */
export const hhmmToMinutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
export const minutesToHhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
