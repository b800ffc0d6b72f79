import { Column, is, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** Fields of a read model as a select names them: columns and SQL expressions, by the name the code uses. */
export type JsonFields = Record<string, Column | SQL>;

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `json_build_object('name', expression, ...)` of a read model's fields, keyed as the code names them: lets one
 * statement return a list of rows of another read model as a JSON array (`json_agg`) in a single column.
 */
export function jsonObjectOf(fields: JsonFields): SQL {
  const pairs = Object.entries(fields).map(([name, field]) => {
    if (!FIELD_NAME.test(name)) throw new Error(`not a field name: ${name}`);
    return sql`${sql.raw(`'${name}'`)}, ${field}`;
  });
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

/**
 * The rows of a select whose one field is `j` (a `jsonObjectOf`) as one JSON array, in the select's order; `[]` when
 * there are none. For a scalar subquery of a statement that returns several read models at once.
 */
export const jsonArrayOf = (rows: SQLWrapper): SQL => sql`(select coalesce(json_agg(s.j), '[]'::json) from ${rows} s)`;

/**
 * Turns objects built by `jsonObjectOf` into the rows a select of the same fields returns: each column's own driver
 * mapping (a timestamp's JSON string becomes a Date, as the driver returns it; the other types arrive as the driver
 * would return them). Mutates and returns the rows.
 */
export function jsonRowsDecoder<T>(fields: JsonFields): (rows: Record<string, unknown>[]) => T[] {
  const mappers: [string, (value: unknown) => unknown][] = [];
  for (const [name, field] of Object.entries(fields)) {
    // Only Date columns differ: JSON carries numbers, text, booleans and nulls as the driver would return them.
    if (is(field, Column) && field.dataType === 'date') mappers.push([name, (v) => field.mapFromDriverValue(v)]);
  }
  return (rows) => {
    for (const row of rows)
      for (const [name, map] of mappers) {
        const value = row[name];
        if (value !== null && value !== undefined) row[name] = map(value);
      }
    return rows as T[];
  };
}
