/** Display formatting shared by every page. Money is integer fen; business time is Asia/Shanghai. */

export const EMPTY = '—';
const TIME_ZONE = 'Asia/Shanghai';

export type MoneyOptions = {
  /** Prefix with '¥' (default true). */
  symbol?: boolean;
  /** Show the fen part (default true); false rounds half away from zero to whole yuan. */
  decimals?: boolean;
  /** Text for null / undefined / NaN (default '—'). */
  empty?: string;
};

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * 1234567 fen -> '¥12,345.67'. Pure integer arithmetic on the fen value (BigInt), so no float rounding
 * surprises; a non-integer input is first rounded to the nearest fen.
 */
export function formatFen(fen: number | bigint | null | undefined, opts: MoneyOptions = {}): string {
  const { symbol = true, decimals = true, empty = EMPTY } = opts;
  if (fen === null || fen === undefined) return empty;
  if (typeof fen === 'number' && !Number.isFinite(fen)) return empty;
  let value = typeof fen === 'bigint' ? fen : BigInt(Math.round(fen));
  const negative = value < 0n;
  if (negative) value = -value;
  let yuan = value / 100n;
  const cents = value % 100n;
  let out: string;
  if (decimals) {
    out = `${groupThousands(yuan.toString())}.${cents.toString().padStart(2, '0')}`;
  } else {
    if (cents >= 50n) yuan += 1n;
    out = groupThousands(yuan.toString());
  }
  const isZero = /^[0.,]+$/.test(out);
  return `${negative && !isZero ? '-' : ''}${symbol ? '¥' : ''}${out}`;
}

/** A yuan amount (possibly with decimals, e.g. 12.5) -> '¥12.50'; converted to fen exactly via its decimal text. */
export function formatYuan(yuan: number | null | undefined, opts: MoneyOptions = {}): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return opts.empty ?? EMPTY;
  return formatFen(yuanToFen(yuan), opts);
}

/** 12.34 yuan -> 1234 fen without binary float error (1.005 -> 101, 0.1 + 0.2 -> 30). */
export function yuanToFen(yuan: number): number {
  return Math.round(Number(`${yuan}e2`));
}

/** Fen -> yuan number for inputs and charts (display text should use formatFen). */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

type DateInput = string | number | Date | null | undefined;

const datePartsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(value: Exclude<DateInput, null | undefined>): Record<string, string> | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const p of datePartsFormatter.formatToParts(date)) parts[p.type] = p.value;
  return parts;
}

/** '2024-03-01' stays as is (a calendar date); a timestamp becomes its Asia/Shanghai date. */
export function formatDate(value: DateInput, empty = EMPTY): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = shanghaiParts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : empty;
}

/** Timestamp -> 'YYYY-MM-DD HH:mm' in Asia/Shanghai (with seconds when asked). */
export function formatDateTime(value: DateInput, opts: { seconds?: boolean; empty?: string } = {}): string {
  const empty = opts.empty ?? EMPTY;
  if (value === null || value === undefined || value === '') return empty;
  const p = shanghaiParts(value);
  if (!p) return empty;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ''}`;
}

/** A ratio (0.1234) -> '12.3%'; pass `{ ratio: false }` when the value already is a percentage. */
export function formatPercent(
  value: number | null | undefined,
  opts: { digits?: number; ratio?: boolean; empty?: string } = {},
): string {
  const { digits = 1, ratio = true, empty = EMPTY } = opts;
  if (value === null || value === undefined || !Number.isFinite(value)) return empty;
  const pct = ratio ? value * 100 : value;
  return `${pct.toFixed(digits)}%`;
}
