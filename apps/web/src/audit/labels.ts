// The presentation layer of audit records (history tab, admin audit log, 360 timeline): every code of the audit
// catalogue (@crm/contracts audit-catalogue.ts) goes through the message catalogue; user ids become people's names,
// money and times are formatted. Pure functions of a TFunction, so unit tests need no React.
import { type AuditEntry, auditFieldKind } from '@crm/contracts';
import { formatDate, formatDateTime, formatFen } from '../format';
import type { TFunction } from '../i18n';

/** The names an audit page carries besides its entries (user id -> display name, customer id -> name). */
export type AuditNames = {
  people?: Record<string, string>;
  customers?: Record<string, { name: string; customerNo: string }>;
};

/** `t(key)` or null when the catalogue has no such key. */
const known = (t: TFunction, key: string) => {
  const text = t(key);
  return text === key ? null : text;
};

/** "word_like_this" or "camelCase" codes that must never reach a screen untranslated. */
export const looksLikeCode = (s: string) => /^[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+$|^[a-z]+[A-Z][A-Za-z]*$/.test(s);

/** A readable fallback for a code the catalogue lacks: "price_review_overdue" -> "price review overdue". */
const humanize = (code: string) =>
  code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .toLowerCase();

export function auditActionLabel(t: TFunction, action: string): string {
  return known(t, `audit.action.${action}`) ?? humanize(action);
}

export function auditEntityLabel(t: TFunction, entity: string): string {
  return known(t, `audit.entity.${entity}`) ?? humanize(entity);
}

/** Who acted: the user's display name, else a job's label ("定级任务"), else the stored login. */
export function auditActorLabel(
  t: TFunction,
  e: Pick<AuditEntry, 'actorUserId' | 'actorName' | 'actorDisplayName'>,
  names: AuditNames = {},
): string {
  if (e.actorUserId != null) return names.people?.[String(e.actorUserId)] ?? e.actorDisplayName ?? e.actorName;
  return known(t, `audit.actor.${e.actorName}`) ?? e.actorName;
}

/** Message namespace of each audited entity's own field labels (tried before the audit-wide ones). */
const fieldNamespace: Record<string, string[]> = {
  customer: ['customers'],
  contact: ['contacts'],
  billing_account: ['accounts'],
  product_instance: ['products'],
  contract: ['contracts'],
  interaction: ['interactions'],
  user: ['users'],
  org_unit: ['org'],
  ticket: ['sd'],
  marketing_campaign: ['campaigns'],
};
const sharedFieldNamespaces = ['customers', 'contacts', 'products', 'contracts', 'interactions', 'sd', 'bills'];

/** Translated label of an audited field: the entity's own label, the audit-wide one, a shared one, else words. */
export function auditFieldLabel(t: TFunction, field: string, entity?: string): string {
  const own = (entity && fieldNamespace[entity]) || [];
  const keys = [
    ...own.map((ns) => `${ns}.field.${field}`),
    `audit.field.${field}`,
    ...sharedFieldNamespaces.map((ns) => `${ns}.field.${field}`),
  ];
  for (const key of keys) {
    const text = known(t, key);
    if (text) return text;
  }
  return humanize(field);
}

/** Message prefixes of code-valued fields, by `entity.field` first, then by field. */
const valuePrefixes: Record<string, string[]> = {
  'customer.status': ['enum.customerStatus'],
  'billing_account.status': ['enum.accountStatus'],
  'product_instance.status': ['enum.productStatus'],
  'contract.status': ['enum.contractStatus'],
  'ticket.status': ['sd.status'],
  'work_order.status': ['sd.woStatus'],
  'commitment.status': ['sd.cmStatus'],
  'commitment.type': ['sd.cmType'],
  'warning.status': ['ka.warningStatus'],
  'service_order.status': ['ka.orderStatus'],
  'club_invitation.status': ['ka.invite'],
  'grading_run.status': ['grading.runs.status'],
  'import.status': ['imports.status'],
  'questionnaire.status': ['surveys.qstatus'],
  'survey_invitation.status': ['surveys.status'],
  'survey_followup.status': ['surveys.followupStatus'],
  'ticket_complaint.compensationStatus': ['sd.comp'],
  'marketing_campaign.stage': ['campaigns.stage'],
  'opportunity.stage': ['ka.stage'],
  'service_order_step.kind': ['ka.step'],
  'loyalty_points.kind': ['audit.action'],
  'ticket.severity': ['sd.severity'],
  'warning.severity': ['ka.severity'],
  category: ['enum.category'],
  customerCategory: ['enum.category'],
  publicSubtype: ['enum.publicSubtype'],
  partyType: ['enum.partyType'],
  industry: ['enum.industry'],
  organizationType: ['enum.organizationType'],
  coverageLevel: ['enum.coverageLevel'],
  decisionRole: ['enum.decisionRole'],
  attitude: ['enum.attitude'],
  direction: ['enum.direction'],
  paymentMethod: ['enum.paymentMethod'],
  family: ['enum.productFamily'],
  productFamily: ['enum.productFamily'],
  role: ['enum.role'],
  level: ['enum.orgLevel'],
  orgLevel: ['enum.orgLevel'],
  channel: ['enum.channel', 'sd.channel', 'surveys.channel'],
  type: ['sd.type'],
  stage: ['ka.stage', 'campaigns.stage'],
  severity: ['sd.severity', 'ka.severity'],
  tier: ['sd.tier', 'ka.tier'],
  prevTier: ['sd.tier', 'ka.tier'],
  importance: ['sd.importance'],
  ruleCode: ['ka.rule'],
  trigger: ['surveys.trigger'],
  suppressedReason: ['surveys.suppressed'],
  status: ['sd.status', 'ka.warningStatus', 'sd.cmStatus'],
  intent: ['sd.type'],
  ticketType: ['sd.type'],
  clientTicketType: ['sd.type'],
  fromStatus: ['sd.status'],
  toStatus: ['sd.status'],
  compensationStatus: ['sd.comp'],
  outcome: ['campaigns.outcome', 'surveys.outcome'],
};

/** Tried for any code-valued field the table above does not name (statuses and types are the usual ones). */
const fallbackPrefixes = ['sd.status', 'sd.type', 'sd.woStatus', 'sd.cmStatus', 'ka.warningStatus', 'enum.channel'];

/** Label of a code value of a field, or null when no catalogue entry names it. */
export function auditValueLabel(t: TFunction, field: string, value: string, entity?: string): string | null {
  const own = [...(valuePrefixes[`${entity}.${field}`] ?? []), ...(valuePrefixes[field] ?? [])];
  const prefixes = /^[a-z][a-z0-9_]*$/.test(value) ? [...own, ...fallbackPrefixes] : own;
  const exact = known(t, `audit.value.${field}.${value}`);
  if (exact) return exact;
  for (const p of own) {
    const text = known(t, `${p}.${value}`);
    if (text) return text;
  }
  return (
    known(t, `audit.value.${value}`) ??
    prefixes.reduce<string | null>((hit, p) => hit ?? known(t, `${p}.${value}`), null)
  );
}

const EMPTY = '—';

/** Quantities shown with thousands separators (points balances run into millions); ids and years stay as they are. */
const countFields = new Set(['points', 'balance', 'balanceAfter', 'pointsCost', 'earned', 'redeemed', 'expired']);

/** One audited value as a reader sees it: names for user ids, money in yuan, times in Beijing time, labels for codes. */
export function auditValueText(
  t: TFunction,
  field: string,
  value: unknown,
  entity?: string,
  names: AuditNames = {},
): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  const kind = auditFieldKind(field);
  if (kind === 'user' && typeof value === 'number') return names.people?.[String(value)] ?? `#${value}`;
  if (kind === 'money' && typeof value === 'number') return formatFen(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    if (kind === 'user' || /UserIds$/.test(field))
      return value.map((v) => names.people?.[String(v)] ?? `#${v}`).join(t('common.listSep'));
    if (value.every((v) => typeof v === 'string' || typeof v === 'number'))
      return value.map((v) => auditValueText(t, field, v, entity, names)).join(t('common.listSep'));
    return t('audit.value.items', { count: value.length });
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    return keys.length === 0 ? EMPTY : keys.map((k) => auditFieldLabel(t, k, entity)).join(t('common.listSep'));
  }
  if (typeof value === 'string') {
    const ref = /^(bill|expire|event|referral|redemption):(.+)$/.exec(value);
    if (field === 'source' && ref) return t(`audit.value.source.${ref[1]}`, { ref: ref[2] });
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    const label = auditValueLabel(t, field, value, entity);
    if (label) return label;
    return looksLikeCode(value) ? humanize(value) : value;
  }
  if (typeof value === 'number' && kind === 'percent') return `${value}%`;
  if (typeof value === 'number' && countFields.has(field)) return value.toLocaleString('en-US');
  return String(value);
}

/** The customer of an entry as "name (customer no.)", or null. */
export function auditCustomerText(customerId: number | null, names: AuditNames = {}): string | null {
  if (customerId == null) return null;
  const c = names.customers?.[String(customerId)];
  return c ? c.name : `#${customerId}`;
}
