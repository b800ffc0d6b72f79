// Tabular data for the churn learners: CSV text -> typed columns -> a numeric feature matrix with 0/1 labels.
// The schema (column kinds, categorical levels) is learnt from the training rows only and then applied to any other
// rows, so a test file or a cross-validation fold never leaks into the encoding.

export type Table = { columns: string[]; rows: string[][] };

export type CsvOptions = {
  /** Field separator (default ","); fields are trimmed, so the ", "-separated files read with the default too. */
  separator?: string;
  /** false: the file has no header row and the columns are named col1, col2, ... (or `columns`). Default true. */
  header?: boolean;
  /** Column names for a headerless file. */
  columns?: string[];
};

export type MatrixColumn = { name: string; feature: string; kind: 'numeric' | 'indicator' };

/** Row-major numeric matrix: `data[r * cols + c]`; NaN is a missing value. */
export type FeatureMatrix = { rows: number; cols: number; data: Float64Array; columns: MatrixColumn[] };

export type FeatureSpec = { name: string; kind: 'numeric' } | { name: string; kind: 'categorical'; levels: string[] };

export type DatasetSchema = { target: string; positive: string; features: FeatureSpec[]; ignored: string[] };

export type SchemaOptions = {
  target: string;
  /** The label value counted as positive (churned); default: the one of True/true/1/yes/True. among two values. */
  positive?: string;
  /** Columns forced numeric: a non-numeric value in them is an error. */
  numeric?: string[];
  /** Columns forced categorical. */
  categorical?: string[];
  /** Columns left out. */
  ignore?: string[];
  /** A categorical column keeps at most this many levels (the most frequent; the rest count as "other"). */
  maxLevels?: number;
};

export class DatasetError extends Error {}

const POSITIVE_LABELS = ['true', '1', 'yes', 'y', 't', 'churn', 'churned', 'positive'];

/** Parses CSV text (RFC 4180 quotes, CRLF or LF); every row must have the header's number of fields. */
export function parseCsv(text: string, options: CsvOptions = {}): Table {
  const sep = options.separator ?? ',';
  const records = splitRecords(text.replace(/^\uFEFF/, ''), sep.trim() === '' ? sep : sep.trim());
  while (records.length && records[records.length - 1].every((f) => f === '')) records.pop();
  if (!records.length) throw new DatasetError('empty file: no rows');
  const header = options.header ?? true;
  const width = records[0].length;
  const columns = header
    ? records[0].map((c, i) => c || `col${i + 1}`)
    : (options.columns ?? Array.from({ length: width }, (_, i) => `col${i + 1}`));
  if (columns.length !== width) throw new DatasetError(`${columns.length} column names given, the file has ${width}`);
  const rows = header ? records.slice(1) : records;
  if (!rows.length) throw new DatasetError('empty file: a header row but no data rows');
  rows.forEach((r, i) => {
    if (r.length !== width)
      throw new DatasetError(`row ${i + 1 + (header ? 1 : 0)} has ${r.length} fields, the header has ${width}`);
  });
  return { columns, rows };
}

function splitRecords(text: string, sep: string): string[][] {
  const out: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      i++;
    } else if (text.startsWith(sep, i)) {
      record.push(field.trim());
      field = '';
      i += sep.length;
    } else if (ch === '\n' || ch === '\r') {
      record.push(field.trim());
      out.push(record);
      record = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length) {
    record.push(field.trim());
    out.push(record);
  }
  return out.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows `from` (inclusive) to `to` (exclusive) of a table, or the rows at `indices`. */
export function sliceTable(table: Table, from: number, to = table.rows.length): Table {
  return { columns: table.columns, rows: table.rows.slice(from, to) };
}

export function pickRows(table: Table, indices: ArrayLike<number>): Table {
  return { columns: table.columns, rows: Array.from(indices, (i) => table.rows[i]) };
}

const isMissing = (v: string) => v === '' || v === 'NA' || v === 'NaN' || v === 'null' || v === '?';
const toNumber = (v: string) => (isMissing(v) ? Number.NaN : Number(v));
const isNumeric = (v: string) => isMissing(v) || (v.trim() !== '' && Number.isFinite(Number(v)));

/** Normalised label text: trimmed, lower case, without a trailing period ("True." -> "true"). */
const labelKey = (v: string) => v.trim().replace(/\.$/, '').toLowerCase();

function columnIndex(table: Table, name: string, what: string): number {
  const i = table.columns.indexOf(name);
  if (i >= 0) return i;
  const n = /^\d+$/.test(name) ? Number(name) - 1 : -1; // a 1-based column number
  if (n >= 0 && n < table.columns.length) return n;
  throw new DatasetError(`${what} column "${name}" not found; columns: ${table.columns.join(', ')}`);
}

/** Learns the schema from training rows: which columns are numeric or categorical, their levels, the positive label. */
export function inferSchema(table: Table, options: SchemaOptions): DatasetSchema {
  const t = columnIndex(table, options.target, 'target');
  const target = table.columns[t];
  const positive = choosePositive(table, t, options.positive);
  const forcedNumeric = new Set((options.numeric ?? []).map((c) => table.columns[columnIndex(table, c, 'numeric')]));
  const forcedCat = new Set(
    (options.categorical ?? []).map((c) => table.columns[columnIndex(table, c, 'categorical')]),
  );
  const ignore = new Set((options.ignore ?? []).map((c) => table.columns[columnIndex(table, c, 'ignored')]));
  const maxLevels = options.maxLevels ?? 100;
  const features: FeatureSpec[] = [];
  const ignored: string[] = [];
  table.columns.forEach((name, c) => {
    if (c === t) return;
    if (ignore.has(name)) {
      ignored.push(name);
      return;
    }
    if (forcedNumeric.has(name)) {
      const bad = table.rows.findIndex((r) => !isNumeric(r[c]));
      if (bad >= 0)
        throw new DatasetError(`column "${name}" is numeric but data row ${bad + 1} has text "${table.rows[bad][c]}"`);
      features.push({ name, kind: 'numeric' });
      return;
    }
    if (!forcedCat.has(name) && table.rows.every((r) => isNumeric(r[c]))) {
      features.push({ name, kind: 'numeric' });
      return;
    }
    const counts = new Map<string, number>();
    for (const r of table.rows) if (!isMissing(r[c])) counts.set(r[c], (counts.get(r[c]) ?? 0) + 1);
    // An identifier (phone number, customer code): nearly every value distinct, nothing to learn from.
    if (!forcedCat.has(name) && counts.size > Math.max(20, table.rows.length / 2)) {
      ignored.push(name);
      return;
    }
    const levels = [...counts.entries()]
      .filter(([, n]) => n >= 1)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxLevels)
      .map(([v]) => v)
      .sort();
    features.push({ name, kind: 'categorical', levels });
  });
  if (!features.length) throw new DatasetError('no feature columns besides the target');
  return { target, positive, features, ignored };
}

function choosePositive(table: Table, t: number, given: string | undefined): string {
  const name = table.columns[t];
  const values = new Set<string>();
  for (const r of table.rows) if (!isMissing(r[t])) values.add(r[t]);
  if (values.size < 2)
    throw new DatasetError(`target column "${name}" is constant (${[...values][0] ?? 'empty'}): nothing to predict`);
  if (given !== undefined) {
    const match = [...values].find((v) => v === given || labelKey(v) === labelKey(given));
    if (!match) throw new DatasetError(`target column "${name}" never has the positive value "${given}"`);
    return match;
  }
  if (values.size > 2)
    throw new DatasetError(`target column "${name}" has ${values.size} values: name the positive one (--positive)`);
  const found = [...values].find((v) => POSITIVE_LABELS.includes(labelKey(v)));
  if (!found)
    throw new DatasetError(
      `target column "${name}" has values ${[...values].join(', ')}: name the positive one (--positive)`,
    );
  return found;
}

/** Applies a schema to rows: one-hot categoricals (unknown levels -> all zero), labels 1 for the positive value. */
export function encodeTable(schema: DatasetSchema, table: Table): { matrix: FeatureMatrix; labels: Uint8Array } {
  const t = columnIndex(table, schema.target, 'target');
  const columns: MatrixColumn[] = [];
  const plan: { source: number; spec: FeatureSpec; offset: number; index?: Map<string, number> }[] = [];
  for (const spec of schema.features) {
    const source = columnIndex(table, spec.name, 'feature');
    if (spec.kind === 'numeric') {
      plan.push({ source, spec, offset: columns.length });
      columns.push({ name: spec.name, feature: spec.name, kind: 'numeric' });
    } else {
      plan.push({ source, spec, offset: columns.length, index: new Map(spec.levels.map((l, i) => [l, i])) });
      for (const level of spec.levels)
        columns.push({ name: `${spec.name}=${level}`, feature: spec.name, kind: 'indicator' });
    }
  }
  const rows = table.rows.length;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  const labels = new Uint8Array(rows);
  const positive = labelKey(schema.positive);
  table.rows.forEach((r, i) => {
    labels[i] = r[t] === schema.positive || labelKey(r[t]) === positive ? 1 : 0;
    const base = i * cols;
    for (const p of plan) {
      const v = r[p.source];
      if (p.spec.kind === 'numeric') {
        const x = toNumber(v);
        if (Number.isNaN(x) && !isMissing(v))
          throw new DatasetError(`column "${p.spec.name}" is numeric but row ${i + 1} has text "${v}"`);
        data[base + p.offset] = x;
      } else {
        const k = p.index?.get(v);
        if (k !== undefined) data[base + p.offset + k] = 1;
      }
    }
  });
  return { matrix: { rows, cols, data, columns }, labels };
}

/** The rows at `indices` of a matrix (a cross-validation fold, a validation split). */
export function selectRows(m: FeatureMatrix, indices: ArrayLike<number>): FeatureMatrix {
  const data = new Float64Array(indices.length * m.cols);
  for (let k = 0; k < indices.length; k++)
    data.set(m.data.subarray(indices[k] * m.cols, (indices[k] + 1) * m.cols), k * m.cols);
  return { rows: indices.length, cols: m.cols, data, columns: m.columns };
}
