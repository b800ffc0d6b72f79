import { isValidCreditCode, isValidIdNumber, isValidMobile, isValidPhone } from '@crm/contracts';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { ApiError, type ApiErrorDetail } from './api/client';
import { auditFieldLabel } from './audit/labels';
import type { TFunction } from './i18n';

/** A masked value as the server returns it without `pii.read` (e.g. 110101********1234): not re-validated. */
export const isMasked = (v: unknown) => typeof v === 'string' && v.includes('*');

function check(test: (v: string) => boolean, message: string): Rule {
  return {
    validator: (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '' || isMasked(value)) return Promise.resolve();
      return test(String(value).trim()) ? Promise.resolve() : Promise.reject(new Error(message));
    },
  };
}

/** Form rules built on the shared validators of @crm/contracts, with messages in the current language. */
export const rules = {
  required: (t: TFunction, label: string): Rule => ({
    required: true,
    whitespace: true,
    message: t('validation.required', { label }),
  }),
  max: (t: TFunction, max: number): Rule => ({ max, message: t('validation.max', { max }) }),
  creditCode: (t: TFunction) => check((v) => isValidCreditCode(v.toUpperCase()), t('validation.creditCode')),
  idNumber: (t: TFunction) => check(isValidIdNumber, t('validation.idNumber')),
  mobile: (t: TFunction) => check(isValidMobile, t('validation.mobile')),
  phone: (t: TFunction) => check(isValidPhone, t('validation.phone')),
  email: (t: TFunction): Rule => ({ type: 'email', message: t('validation.email') }),
};

/** Field-specific translations of server validation messages (the server answers in English). */
const serverFieldMessages: Record<string, string> = {
  creditCode: 'validation.creditCode',
  idNumber: 'validation.idNumber',
  mobile: 'validation.mobile',
  phone: 'validation.phone',
  email: 'validation.email',
};

/** The reason of one server detail in the current language (never the server's English). */
export function serverDetailText(t: TFunction, d: ApiErrorDetail): string {
  const code = d.code ?? (/^required\b/.test(d.message) ? 'required' : 'invalid');
  const last =
    d.path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? '';
  if (code !== 'required' && serverFieldMessages[last]) return t(serverFieldMessages[last]);
  const vars = Object.fromEntries(Object.entries(d.params ?? {}).map(([k, v]) => [k, v]));
  const origin = d.params?.origin;
  for (const key of [origin ? `validation.server.${code}.${origin}` : null, `validation.server.${code}`]) {
    if (!key) continue;
    const text = t(key, vars);
    if (text !== key) return text;
  }
  return t('validation.server.invalid');
}

/** A field's label from its server path ('contacts.0.mobile' -> the label of `mobile`). */
export function serverFieldLabel(t: TFunction, path: string): string {
  const last = path
    .replace(/^body\.?/, '')
    .split('.')
    .filter((p) => p && !/^\d+$/.test(p))
    .pop();
  return last ? auditFieldLabel(t, last) : t('validation.server.invalid');
}

/** "label: reason" of one server detail, for a message that is not next to its field. */
export const serverDetailSentence = (t: TFunction, d: ApiErrorDetail) =>
  t('validation.server.field', { label: serverFieldLabel(t, d.path), reason: serverDetailText(t, d) });

/**
 * Puts a 400's `details[].path` errors on the matching form fields ('creditCode', 'contacts.0.name' ->
 * ['contacts', 0, 'name']), localised by their code. `fieldOf` maps a server path to a form field whose name differs
 * (e.g. `{ 'confirmation.document': ['document'] }`). Returns the sentences that matched no field, for an alert.
 */
export function applyServerErrors(
  form: FormInstance | undefined,
  err: unknown,
  t: TFunction,
  fieldOf: Record<string, (string | number)[]> = {},
): string[] {
  if (!(err instanceof ApiError)) return [t('common.error.generic')];
  if (!err.details?.length || !form) return [apiErrorText(err, t)];
  const unmatched: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  for (const d of err.details) {
    const path = d.path.replace(/^body\.?/, '');
    const name =
      fieldOf[path] ??
      path
        .split('.')
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const known = name.length > 0 && registered.has(JSON.stringify(name));
    if (known) fields.push({ name, errors: [serverDetailText(t, d)] });
    else unmatched.push(serverDetailSentence(t, d));
  }
  if (fields.length) {
    form.setFields(fields);
    form.scrollToField(fields[0].name, { block: 'center' });
  }
  return unmatched;
}

/** A user-facing sentence for an API error, translated by its code when a message exists. */
export function apiErrorText(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return t('common.error.generic');
  if (err.status === 0) return t('common.error.network');
  if (err.status === 403) {
    // A refusal with its own message (e.g. approvals.over_limit naming the limit); details fill its placeholders.
    const vars = Object.fromEntries((err.details ?? []).map((d) => [d.path, d.message]));
    const own = t(`error.${err.code}`, vars);
    return own === `error.${err.code}` ? t('common.error.forbidden') : own;
  }
  if (err.status === 404) return t('common.error.notFound');
  if (err.status === 409 && err.code === 'conflict.duplicate') return t('common.error.duplicate');
  if (err.status === 429) return t('common.error.rateLimited');
  if (err.status >= 500) return t('common.error.server');
  const key = `error.${err.code}`;
  const translated = t(key);
  if (translated !== key) return translated;
  // A field error without its own message: the fields and reasons in the current language, not the server's English.
  if (err.status === 400 && err.details?.length) return err.details.map((d) => serverDetailSentence(t, d)).join('；');
  return err.message;
}

/** Trims strings and drops empty values (for create bodies). */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const value = typeof v === 'string' ? v.trim() : v;
    if (value === undefined || value === null || value === '') continue;
    out[k] = value;
  }
  return out as Partial<T>;
}

/** The PATCH body: only changed fields, an emptied field as null; unchanged masked values are never sent. */
export function changedFields(
  initial: Record<string, unknown>,
  values: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f in values)) continue;
    const raw = values[f];
    const next = typeof raw === 'string' ? raw.trim() : raw;
    const before = initial[f] ?? null;
    const normalized = next === undefined || next === '' ? null : next;
    if (normalized === before) continue;
    out[f] = normalized;
  }
  return out;
}
