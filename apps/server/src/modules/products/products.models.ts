/** The staff-facing number of a contract: "K" and the id, zero-padded to 10 digits. */
export const contractNoFor = (id: number) => `K${String(id).padStart(10, '0')}`;

/** The "YYYY-MM-DD" date `months` calendar months later, clamped to the end of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The last day of a contract term: the day before the same date `termMonths` later. */
export function contractEndDate(startDate: string, termMonths: number): string {
  const after = new Date(`${addMonths(startDate, termMonths)}T00:00:00Z`);
  after.setUTCDate(after.getUTCDate() - 1);
  return after.toISOString().slice(0, 10);
}

/** The ids listed more than once. */
export function duplicatesOf(ids: readonly number[]): number[] {
  const seen = new Set<number>();
  const dup = new Set<number>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** Today's date in Asia/Shanghai, "YYYY-MM-DD". */
export const todayInShanghai = (now: Date = new Date()): string => shanghaiDay.format(now);

type ProductState = {
  status: 'pending' | 'active' | 'suspended' | 'terminated';
  startDate: string;
  endDate: string | null;
};
type Violation = { path: string; message: string };

/**
 * The end date and status a product edit leads to, or the rule it breaks. A terminated product stays terminated
 * (its service number may already be reused); terminating without an end date ends it today unless it already
 * ended earlier.
 */
export function productEdit(
  before: ProductState,
  input: { status?: ProductState['status']; endDate?: string | null },
  today: string,
): { status: ProductState['status']; endDate: string | null } | Violation {
  const status = input.status ?? before.status;
  if (before.status === 'terminated' && status !== 'terminated')
    return { path: 'status', message: 'a terminated product cannot be reactivated' };
  let endDate = input.endDate !== undefined ? input.endDate : before.endDate;
  if (status === 'terminated' && input.endDate === undefined && (!endDate || endDate > today)) endDate = today;
  if (status === 'terminated' && !endDate) return { path: 'endDate', message: 'required for a terminated product' };
  if (endDate && endDate < before.startDate) return { path: 'endDate', message: 'before startDate' };
  return { status, endDate };
}

/** The term a contract edit leads to: a new start or term recomputes the end unless an end date is given. */
export function contractTerm(
  before: { startDate: string; termMonths: number; endDate: string },
  input: { startDate?: string; termMonths?: number; endDate?: string },
): { startDate: string; termMonths: number; endDate: string } | Violation {
  const startDate = input.startDate ?? before.startDate;
  const termMonths = input.termMonths ?? before.termMonths;
  const recompute = input.startDate !== undefined || input.termMonths !== undefined;
  const endDate = input.endDate ?? (recompute ? contractEndDate(startDate, termMonths) : before.endDate);
  if (endDate < startDate) return { path: 'endDate', message: 'before startDate' };
  return { startDate, termMonths, endDate };
}
