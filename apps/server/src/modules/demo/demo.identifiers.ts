// Identifiers of the demo operator: unique by construction (bijections of running counters), so generating a
// million customers needs no set of used values in memory.
import { creditCodeCheckChar, idNumberCheckChar } from '@crm/contracts';
import { pad } from './demo.random';

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation code: 8 body digits and their check character. */
export function organisationCode(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body8[i]) * ORG_CODE_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** Registration authority and kind (first two characters of a credit code). */
export type CreditCodeKind =
  | '91' // market regulation, enterprise
  | '92' // market regulation, individually owned business
  | '11' // government body (机关)
  | '12' // public institution (事业单位)
  | '51'; // social organisation

/**
 * A Unified Social Credit Code (GB 32100-2015) for the `ordinal`-th organisation: the 8 body digits are a bijection
 * of the ordinal modulo 10^8, so different ordinals never share a code.
 */
export function creditCode(ordinal: number, region: string, kind: CreditCodeKind = '91'): string {
  const body = pad((ordinal * 48_271 + 10_000_019) % 100_000_000, 8);
  const first17 = kind + region + organisationCode(body);
  return first17 + creditCodeCheckChar(first17);
}

const ID_EPOCH_MS = Date.UTC(1935, 0, 1);
const ID_DAYS = 30_000; // 1935-01-01 .. 2017-02
const DAY_MS = 86_400_000;
const SLOTS_PER_DAY_AND_GENDER = 499;

export const isoDateOfDay = (dayIndex: number) => new Date(ID_EPOCH_MS + dayIndex * DAY_MS).toISOString().slice(0, 10);

/** Day index (since 1935-01-01) of a UTC date. */
export const dayIndexOf = (date: Date) => Math.floor((date.getTime() - ID_EPOCH_MS) / DAY_MS);

/**
 * Resident ID numbers (GB 11643-1999). Uniqueness: the sequence code (digits 15-17, odd for men) is handed out per
 * birth date and gender from a counter, 499 per date and gender; a full date moves on to the next day. Memory is
 * fixed (one counter per date and gender), whatever the number of people.
 */
export class IdNumbers {
  private readonly used = new Uint16Array(ID_DAYS * 2);

  /** Returns the ID number and the (possibly shifted) birth date. */
  make(dayIndex: number, male: boolean, region: string): { idNumber: string; birthDate: string } {
    let day = Math.min(ID_DAYS - 1, Math.max(0, dayIndex));
    const g = male ? 1 : 0;
    for (let tries = 0; this.used[day * 2 + g] >= SLOTS_PER_DAY_AND_GENDER; tries++) {
      if (tries > ID_DAYS) throw new Error('resident ID space exhausted');
      day = (day + 1) % ID_DAYS;
    }
    const c = this.used[day * 2 + g]++;
    const sequence = (((c * 7 + 3) % SLOTS_PER_DAY_AND_GENDER) + 1) * 2 + g;
    const birthDate = isoDateOfDay(day);
    const first17 = region + birthDate.replaceAll('-', '') + pad(sequence, 3);
    return { idNumber: first17 + idNumberCheckChar(first17), birthDate };
  }
}

/**
 * The `counter`-th mobile number over a set of prefixes: a bijective scramble of the counter over
 * (prefix count x 10^8) picks the prefix and the 8 digits, so consecutive numbers look unrelated and never repeat.
 * The multiplier is coprime with 2, 3, 5 and 17 (the prefix counts used).
 */
export function mobileNumber(counter: number, prefixes: readonly string[]): string {
  const space = prefixes.length * 100_000_000;
  const k = (counter * 7_654_321 + 13_579_246) % space;
  return prefixes[k % prefixes.length] + pad(Math.floor(k / prefixes.length), 8);
}

/** The `counter`-th fixed-line number, "025-58234567" (8 digits starting 5-8, unique over all counters < 4e7). */
export function fixedNumber(counter: number, area: string): string {
  return `${area}-${50_000_000 + ((counter * 7_919 + 1_234_567) % 40_000_000)}`;
}
