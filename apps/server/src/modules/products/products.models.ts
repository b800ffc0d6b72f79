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
