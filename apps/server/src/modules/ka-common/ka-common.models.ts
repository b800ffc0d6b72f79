/**
 * Pure date and period helpers shared by the key-account modules. Calendar dates are "YYYY-MM-DD" strings,
 * periods "YYYY-MM"; business time is Asia/Shanghai.
 */

const dayFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Asia/Shanghai. */
export const todayIso = (now: Date = new Date()): string => dayFormatter.format(now);

const toUtc = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};
const fromUtc = (d: Date): string => d.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const d = toUtc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Adds calendar months, clamping to the last day of the target month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(ty, tm, Math.min(d, last))));
}

/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);

export const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The yearly recurrence of a date in `year` (29 Feb falls on 28 Feb in other years). */
export function sameDayInYear(iso: string, year: number): string {
  const [, m, d] = iso.split('-').map(Number);
  const day = m === 2 && d === 29 && !isLeapYear(year) ? 28 : d;
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const periodOf = (iso: string): string => iso.slice(0, 7);

/** `period` shifted by `months` ("2026-01", -1 -> "2025-12"). */
export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The `count` periods ending with `last`, oldest first. */
export const periodsEnding = (last: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => shiftPeriod(last, i - count + 1));

/** Sequential document numbers: prefix + zero-padded id. */
export const numberFor = (prefix: string, id: number, width = 8) => `${prefix}${String(id).padStart(width, '0')}`;
