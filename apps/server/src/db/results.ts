// Reading a raw `db.execute` result the same way on both drivers (node-postgres reports `rowCount`, PGlite
// `affectedRows`).

/** How many rows an INSERT / UPDATE / DELETE run through `db.execute` wrote. */
export const affectedRowsOf = (result: unknown): number => {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
};

/** The rows of a raw `db.execute` SELECT (both drivers put them in `rows`). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
