// Pure rules of the file exports: formula neutralisation (CSV / spreadsheet injection), CSV cells, the row cap and
// the expiry of finished export files.

export type Cell = string | number | null;

/** A text cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a text cell a spreadsheet would evaluate (OWASP "CSV injection": a leading `=`, `+`, `-`, `@`, tab or
 * carriage return gets a single quote in front). Numbers stay numbers: a negative amount is not text.
 */
export function neutraliseCell<T extends Cell | undefined>(value: T): T {
  return (typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value) as T;
}

/** One CSV cell: neutralised, then quoted when it holds a quote, a comma or a line break (RFC 4180). */
export function csvCell(value: Cell | undefined): string {
  const v = neutraliseCell(value);
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A line of CSV cells (without the line break). */
export const csvLine = (values: (Cell | undefined)[]) => values.map(csvCell).join(',');
