/** The staff-facing number of a billing account: "A" and the id, zero-padded to 10 digits. */
export const accountNoFor = (id: number) => `A${String(id).padStart(10, '0')}`;

/** The billing period `n` months after (negative: before) a "YYYY-MM" period. */
export function shiftPeriod(period: string, n: number): string {
  const months = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(months / 12)).padStart(4, '0')}-${String((months % 12) + 1).padStart(2, '0')}`;
}

/**
 * Monthly spend for a chart: the `periods` consecutive months ending at the newest period that has bills, oldest
 * first, with 0 for months without bills. No bills at all gives an empty series.
 */
export function spendWindow(
  rows: readonly { period: string; totalFen: number }[],
  periods = 24,
): { period: string; totalFen: number }[] {
  if (rows.length === 0) return [];
  const byPeriod = new Map(rows.map((r) => [r.period, r.totalFen]));
  const newest = rows
    .map((r) => r.period)
    .sort()
    .at(-1) as string;
  return Array.from({ length: periods }, (_, i) => {
    const period = shiftPeriod(newest, i - periods + 1);
    return { period, totalFen: byPeriod.get(period) ?? 0 };
  });
}
