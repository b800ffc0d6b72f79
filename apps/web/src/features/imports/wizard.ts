// Pure helpers of the import wizard (unit-tested): the mapping check, preview cell texts, the encoding choice.
import {
  enumLabels,
  type ImportEncoding,
  type ImportEntity,
  type ImportField,
  type ImportRun,
  importFields,
} from '@crm/contracts';
import { formatFen } from '../../format';

export type MappingIssue =
  | { kind: 'duplicate'; field: ImportField; headers: string[] }
  | { kind: 'missing'; field: ImportField }
  | { kind: 'noKey' };

/**
 * What keeps a mapping from being accepted (the server's `mappingProblems`, checked before the dry run is sent):
 * a field mapped from two columns, a required field without a column, a customer file without a key column.
 */
export function mappingIssues(entity: ImportEntity, mapping: Record<string, string | null>): MappingIssue[] {
  const fields = importFields[entity];
  const headersOf = new Map<string, string[]>();
  for (const [header, key] of Object.entries(mapping)) {
    if (key) headersOf.set(key, [...(headersOf.get(key) ?? []), header]);
  }
  const issues: MappingIssue[] = [];
  for (const field of fields) {
    const headers = headersOf.get(field.key) ?? [];
    if (headers.length > 1) issues.push({ kind: 'duplicate', field, headers });
    if (field.required && headers.length === 0) issues.push({ kind: 'missing', field });
  }
  if (entity === 'customers' && !['externalId', 'creditCode', 'idNumber'].some((k) => headersOf.has(k)))
    issues.push({ kind: 'noKey' });
  return issues;
}

export type Lang = 'zh' | 'en';

export const fieldLabel = (f: ImportField, lang: Lang) => (lang === 'en' ? f.en : f.zh);

/**
 * The text of a normalised preview value: enum codes as their label, amounts (stored as fen) in yuan with two
 * decimals, everything else as it is.
 */
export function previewCell(f: ImportField, value: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  if (f.kind === 'enum') return enumLabels[f.enumName ?? '']?.[value]?.[lang] ?? value;
  if (f.kind === 'yuan') {
    const fen = Number(value);
    return Number.isFinite(fen) ? formatFen(fen, { symbol: false }) : value;
  }
  return value;
}

/** The encodings offered for a CSV file ('auto' = the detected one). */
export const encodingChoices: ImportEncoding[] = ['auto', 'utf8', 'gbk', 'gb18030', 'utf16le'];
export const encodingName: Record<string, string> = {
  utf8: 'UTF-8',
  gbk: 'GBK',
  gb18030: 'GB18030',
  utf16le: 'UTF-16LE',
};

/** The encoding choice shown for a run: 'auto' while it reads as detected, else the one chosen before. */
export function encodingChoice(run: Pick<ImportRun, 'encoding' | 'detectedEncoding'>): ImportEncoding {
  const e = run.encoding;
  if (!e || e === run.detectedEncoding) return 'auto';
  return (encodingChoices as string[]).includes(e) ? (e as ImportEncoding) : 'auto';
}
