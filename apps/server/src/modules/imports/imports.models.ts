import {
  enumLabels,
  type ImportEntity,
  type ImportField,
  importFields,
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  isValidPhone,
} from '@crm/contracts';

export type FieldError = { field: string; value: string; reason: string };
export type NormalisedRow = { values: (string | null)[]; errors: FieldError[] };

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_()（）]/g, '');

/** The automatic mapping of file headers to fields: field key, Chinese or English header, or an alias. */
export function autoMapping(entity: ImportEntity, headers: string[]): Record<string, string | null> {
  const byName = new Map<string, string>();
  for (const f of importFields[entity]) {
    for (const name of [f.key, f.zh, f.en, ...(f.aliases ?? [])]) {
      if (!byName.has(norm(name))) byName.set(norm(name), f.key);
    }
  }
  const out: Record<string, string | null> = {};
  const taken = new Set<string>();
  for (const h of headers) {
    const key = byName.get(norm(h));
    out[h] = key && !taken.has(key) ? key : null;
    if (key) taken.add(key);
  }
  return out;
}

/** Mapping problems (unknown field, field mapped twice, required field missing), as messages; empty when usable. */
export function mappingProblems(entity: ImportEntity, mapping: Record<string, string | null>): string[] {
  const fields = importFields[entity];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const [header, key] of Object.entries(mapping)) {
    if (!key) continue;
    if (!fields.some((f) => f.key === key)) problems.push(`${header}: unknown field ${key}`);
    else if (seen.has(key)) problems.push(`${header}: field ${key} is already mapped from ${seen.get(key)}`);
    else seen.set(key, header);
  }
  for (const f of fields) {
    if (f.required && !seen.has(f.key)) problems.push(`required column ${f.zh} / ${f.en} is missing`);
  }
  if (entity === 'customers' && !['externalId', 'creditCode', 'idNumber'].some((k) => seen.has(k)))
    problems.push('a key column is needed: 外部编号 / 统一社会信用代码 / 身份证号码');
  return problems;
}

/** For each field (in field order) the index of its column in the file, or -1. */
export function columnIndexes(entity: ImportEntity, headers: string[], mapping: Record<string, string | null>) {
  return importFields[entity].map((f) => headers.findIndex((h) => mapping[h] === f.key));
}

function enumValue(enumName: string, raw: string): string | undefined {
  const labels = enumLabels[enumName] ?? {};
  if (raw in labels) return raw;
  const n = norm(raw);
  for (const [code, l] of Object.entries(labels)) {
    if (norm(code) === n || norm(l.zh) === n || norm(l.en) === n) return code;
  }
  return undefined;
}

const DIGITS = /^\d+$/;
/** Amount in yuan ("1,234.5", "¥12") as integer fen, exactly (no floating point). */
const PLAIN_YUAN = /^(\d{1,11})(?:\.(\d\d?))?$/;
export function yuanToFen(raw: string): number | undefined {
  const m = PLAIN_YUAN.exec(raw);
  if (m) return Number(m[1]) * 100 + (m[2] === undefined ? 0 : m[2].length === 1 ? Number(m[2]) * 10 : Number(m[2]));
  const s = raw.replace(/[,，\s¥￥]/g, '');
  const dot = s.indexOf('.');
  const whole = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  if (whole.length < 1 || whole.length > 11 || frac.length > 2 || !DIGITS.test(whole)) return undefined;
  if (frac.length > 0 && !DIGITS.test(frac)) return undefined;
  return Number(whole) * 100 + (frac.length === 0 ? 0 : frac.length === 1 ? Number(frac) * 10 : Number(frac));
}

const shanghaiMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
});
let lastPeriod: { at: number; period: string } = { at: Number.NaN, period: '' };
/** The current period in Shanghai (memoised per instant: formatting dates is slow and rows share `now`). */
const currentPeriod = (now: Date) => {
  if (lastPeriod.at !== now.getTime())
    lastPeriod = { at: now.getTime(), period: shanghaiMonth.format(now).slice(0, 7) };
  return lastPeriod.period;
};

/** "2025-06", "202506", "2025/6", "2025年6月" or a date of that month -> "2025-06". */
export function normalisePeriod(raw: string): string | undefined {
  const m = /^(\d{4})(?:[-/.年]?)(\d{1,2})(?:月|[-/.]\d{1,2}(?:[ T].*)?)?$/.exec(raw.trim());
  if (!m) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12 || (m[2].length === 1 && /^\d{5}$/.test(raw.trim()))) return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/** "2025-06-01", "2025/6/1", "20250601" or an ISO timestamp -> "2025-06-01" when it is a real date. */
export function normaliseDate(raw: string): string | undefined {
  const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[ T].*)?$/.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One value of a field: the normalised text, or the reason it is invalid. */
export function normaliseValue(f: ImportField, raw: string, now = new Date()): { value: string } | { reason: string } {
  const v = raw;
  switch (f.kind) {
    case 'text':
      return f.max && v.length > f.max ? { reason: `longer than ${f.max} characters` } : { value: v };
    case 'enum': {
      const code = enumValue(f.enumName ?? '', v);
      return code ? { value: code } : { reason: 'not one of the allowed values' };
    }
    case 'yuan': {
      const fen = yuanToFen(v);
      return fen === undefined
        ? { reason: 'not an amount in yuan (at most 2 decimals, not negative)' }
        : { value: String(fen) };
    }
    case 'int':
      return /^\d{1,9}$/.test(v) ? { value: String(Number(v)) } : { reason: 'not a whole number' };
    case 'date': {
      const d = normaliseDate(v);
      return d ? { value: d } : { reason: 'not a date (YYYY-MM-DD)' };
    }
    case 'period': {
      const p = normalisePeriod(v);
      if (!p) return { reason: 'not a billing period (YYYY-MM)' };
      if (p < '2000-01') return { reason: 'period before 2000-01' };
      if (p > currentPeriod(now)) return { reason: 'period in the future' };
      return { value: p };
    }
    case 'mobile': {
      const m = v.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
      return isValidMobile(m) ? { value: m } : { reason: 'invalid mobile number (11 digits, 1[3-9]x)' };
    }
    case 'phone': {
      const p = v.replace(/\s/g, '');
      return isValidPhone(p) ? { value: p } : { reason: 'invalid phone number' };
    }
    case 'creditCode': {
      const c = v.toUpperCase();
      return isValidCreditCode(c) ? { value: c } : { reason: 'invalid Unified Social Credit Code' };
    }
    case 'idNumber': {
      const c = v.toUpperCase();
      return isValidIdNumber(c) ? { value: c } : { reason: 'invalid resident ID number' };
    }
    case 'email':
      return EMAIL.test(v) && v.length <= 200 ? { value: v } : { reason: 'invalid email address' };
  }
}

/** Field positions by entity and key, computed once. */
const positions = Object.fromEntries(
  Object.entries(importFields).map(([entity, fields]) => [entity, new Map(fields.map((f, i) => [f.key, i]))]),
) as Record<ImportEntity, Map<string, number>>;
const BILL_PARTS = ['localVoice', 'longDistance', 'international', 'data', 'valueAdded', 'rental'].map(
  (k) => positions.bills.get(k) as number,
);
const [B_TOTAL, B_PAID, B_ARREARS] = ['total', 'paid', 'arrears'].map((k) => positions.bills.get(k) as number);

/** Bill defaults: missing parts are 0, the total their sum, paid 0, arrears what is left unpaid. */
function billDefaults(v: (string | null)[]): void {
  let sum = 0;
  for (const i of BILL_PARTS) {
    if (v[i] === null) v[i] = '0';
    else sum += Number(v[i]);
  }
  if (v[B_TOTAL] === null) v[B_TOTAL] = String(sum);
  if (v[B_PAID] === null) v[B_PAID] = '0';
  if (v[B_ARREARS] === null) v[B_ARREARS] = String(Math.max(0, Number(v[B_TOTAL]) - Number(v[B_PAID])));
}

/** Rules across the fields of one row, after each value is normalised. */
function rowRules(entity: ImportEntity, v: (string | null)[], errors: FieldError[]): void {
  if (entity === 'bills') {
    billDefaults(v);
    return;
  }
  const pos = positions[entity];
  const get = (key: string) => v[pos.get(key) as number];
  const set = (key: string, value: string | null) => {
    v[pos.get(key) as number] = value;
  };
  const fail = (field: string, reason: string) => errors.push({ field, value: get(field) ?? '', reason });
  if (entity === 'customers') {
    if (!get('externalId') && !get('creditCode') && !get('idNumber'))
      fail('externalId', 'a key is needed: external ID, credit code or ID number');
    if (!get('partyType')) set('partyType', get('creditCode') ? 'organization' : get('idNumber') ? 'individual' : null);
    const partyType = get('partyType');
    if (!partyType) fail('partyType', 'required (单位 / 个人)');
    if (partyType === 'organization' && get('idNumber'))
      fail('idNumber', 'an organisation has a credit code, not an ID number');
    if (partyType === 'individual' && get('creditCode'))
      fail('creditCode', 'an individual has an ID number, not a credit code');
    if (partyType === 'individual' && get('category') === 'key_account')
      fail('category', 'a key account must be an organisation');
    if (get('category') !== 'public' && get('publicSubtype'))
      fail('publicSubtype', 'only public customers have a subtype');
  } else if (entity === 'accounts') {
    const day = get('billCycleDay');
    if (day && (Number(day) < 1 || Number(day) > 28)) fail('billCycleDay', 'must be between 1 and 28');
  } else if (entity === 'products') {
    const start = get('startDate');
    const end = get('endDate');
    if (start && end && end < start) fail('endDate', 'before the start date');
  }
}

/**
 * Normalises and validates one file row: `raw[i]` is the text of field i (undefined when the column is not in the
 * file). Empty cells are null; required fields must be present.
 */
export function normaliseRow(entity: ImportEntity, raw: (string | undefined)[], now = new Date()): NormalisedRow {
  const fields = importFields[entity];
  const values: (string | null)[] = new Array(fields.length).fill(null);
  const errors: FieldError[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const cell = raw[i];
    const text = cell === undefined ? '' : cell.trim();
    if (text === '') {
      if (f.required) errors.push({ field: f.key, value: '', reason: 'required' });
      continue;
    }
    const r = normaliseValue(f, text, now);
    if ('reason' in r) errors.push({ field: f.key, value: text, reason: r.reason });
    else values[i] = r.value;
  }
  if (errors.length === 0) rowRules(entity, values, errors);
  return { values, errors };
}

/** Rows per second of a phase that started at `since`. */
export function rowsPerSecond(done: number, since: Date | null, now = new Date()): number | null {
  if (!since) return null;
  const seconds = (now.getTime() - since.getTime()) / 1000;
  return seconds > 0 ? Math.round(done / seconds) : null;
}
