// Live SLA countdown, pure: how long a ticket's resolution clock has left (or is past due) at a given instant, and the
// tone it is shown in (warning from the clock's warning instant, breached past the due time).

export type CountdownTone = 'ok' | 'warning' | 'breached' | 'paused' | 'none';

export type Countdown = {
  tone: CountdownTone;
  /** Whole minutes to the due time (negative once past it); null without a running clock. */
  minutesLeft: number | null;
};

/**
 * `open`: the ticket still awaits resolution (a resolved or closed ticket shows no countdown). A paused clock has no due
 * time. Without a warning instant, the last fifth of an hour-scale clock is not guessed: the tone stays ok until due.
 */
export function slaCountdown(input: {
  dueAt: string | null | undefined;
  warnAt?: string | null;
  state?: 'running' | 'paused' | 'stopped' | null;
  open: boolean;
  now: number;
}): Countdown {
  if (!input.open || input.state === 'stopped') return { tone: 'none', minutesLeft: null };
  if (input.state === 'paused') return { tone: 'paused', minutesLeft: null };
  if (!input.dueAt) return { tone: 'none', minutesLeft: null };
  const due = Date.parse(input.dueAt);
  if (Number.isNaN(due)) return { tone: 'none', minutesLeft: null };
  const msLeft = due - input.now;
  const minutesLeft = msLeft >= 0 ? Math.floor(msLeft / 60_000) : -Math.ceil(-msLeft / 60_000);
  if (msLeft <= 0) return { tone: 'breached', minutesLeft };
  const warn = input.warnAt ? Date.parse(input.warnAt) : Number.NaN;
  if (!Number.isNaN(warn) && input.now >= warn) return { tone: 'warning', minutesLeft };
  return { tone: 'ok', minutesLeft };
}

/** A span of minutes as days, hours and minutes, the two largest units: 1d 3h, 3h 05m, 12m (absolute value). */
export function durationParts(minutes: number): { d: number; h: number; m: number } {
  const abs = Math.abs(minutes);
  return { d: Math.floor(abs / 1440), h: Math.floor((abs % 1440) / 60), m: abs % 60 };
}

export function formatDuration(minutes: number, locale: 'zh-CN' | 'en'): string {
  const { d, h, m } = durationParts(minutes);
  const u = locale === 'en' ? { d: 'd', h: 'h', m: 'm', sep: ' ' } : { d: '天', h: '小时', m: '分', sep: '' };
  if (d > 0) return `${d}${u.d}${h > 0 ? `${u.sep}${h}${u.h}` : ''}`;
  if (h > 0) return `${h}${u.h}${u.sep}${String(m).padStart(2, '0')}${u.m}`;
  return `${m}${u.m}`;
}

/** Ticket answering priority (higher first, see the server's callPriority) in four named bands. */
export type PriorityBand = 'p1' | 'p2' | 'p3' | 'p4';
export function priorityBand(priority: number): PriorityBand {
  if (priority >= 800) return 'p1';
  if (priority >= 600) return 'p2';
  if (priority >= 300) return 'p3';
  return 'p4';
}
