import type { AuditEntry } from '@crm/contracts';
import { Space, Tag, Typography } from 'antd';
import { formatDateTime, formatFen } from '../format';
import { type EnumName, enumLabel, type TFunction, useT } from '../i18n';

const MAX_FIELDS = 8;
/** Technical columns that say nothing to a reader of the history. */
const HIDDEN = new Set(['id', 'customerId', 'userId', 'partyId', 'createdAt', 'updatedAt', 'passwordHash', 'path']);

/** Enum-valued fields by name; `status` depends on the entity. */
const enumFields: Record<string, EnumName> = {
  category: 'category',
  publicSubtype: 'publicSubtype',
  partyType: 'partyType',
  industry: 'industry',
  organizationType: 'organizationType',
  coverageLevel: 'coverageLevel',
  decisionRole: 'decisionRole',
  attitude: 'attitude',
  channel: 'channel',
  direction: 'direction',
  paymentMethod: 'paymentMethod',
  family: 'productFamily',
  role: 'role',
  level: 'orgLevel',
};
const statusEnum: Record<string, EnumName> = {
  customer: 'customerStatus',
  billing_account: 'accountStatus',
  product_instance: 'productStatus',
  contract: 'contractStatus',
};

function show(t: TFunction, field: string, value: unknown, entity?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  if (typeof value === 'number' && field.endsWith('Fen')) return formatFen(value);
  if (typeof value === 'string') {
    const name = field === 'status' && entity ? statusEnum[entity] : enumFields[field];
    if (name) return enumLabel(t, name, value);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value);
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Message namespace of each audited entity's field labels. */
const fieldNamespace: Record<string, string> = {
  customer: 'customers',
  contact: 'contacts',
  billing_account: 'accounts',
  product_instance: 'products',
  contract: 'contracts',
  interaction: 'interactions',
  user: 'users',
  org_unit: 'org',
};

/** Translated label of an audited field: `<entity ns>.field.<name>`, `audit.field.<name>`, then the raw name. */
export function useFieldLabel() {
  const t = useT();
  return (field: string, entity?: string) => {
    const ns = entity ? fieldNamespace[entity] : undefined;
    const keys = [...(ns ? [`${ns}.field.${field}`] : []), `audit.field.${field}`, `customers.field.${field}`];
    for (const key of keys) {
      const text = t(key);
      if (text !== key) return text;
    }
    return field;
  };
}

/** Translated action / entity of an audit entry, falling back to the raw code. */
export function useAuditLabels() {
  const t = useT();
  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    const text = t(key);
    return text === key ? value : text;
  };
  return { action: (a: string) => label('audit.action', a), entity: (e: string) => label('audit.entity', e) };
}

const actionColor: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', login: 'default' };
export const auditActionColor = (action: string) => actionColor[action] ?? 'default';

/** "field: before → after" lines of one audit entry. */
export function AuditChanges({ changes, entity }: { changes: AuditEntry['changes']; entity?: string }) {
  const t = useT();
  const fieldLabel = useFieldLabel();
  const entries = Object.entries(changes ?? {}).filter(([field]) => !HIDDEN.has(field));
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space direction="vertical" size={2} style={{ maxWidth: 720 }}>
      {entries.slice(0, MAX_FIELDS).map(([field, { before, after }]) => {
        const wasEmpty = before === null || before === undefined || before === '';
        return (
          <div key={field} style={{ lineHeight: 1.6 }}>
            <Tag bordered={false}>{fieldLabel(field, entity)}</Tag>
            {wasEmpty ? null : (
              <>
                <Typography.Text delete type="secondary" ellipsis={{ tooltip: true }} style={{ maxWidth: 280 }}>
                  {show(t, field, before, entity)}
                </Typography.Text>
                <Typography.Text type="secondary"> → </Typography.Text>
              </>
            )}
            <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 280 }}>
              {show(t, field, after, entity)}
            </Typography.Text>
          </div>
        );
      })}
      {entries.length > MAX_FIELDS ? (
        <Typography.Text type="secondary">
          {t('audit.moreFields', { count: entries.length - MAX_FIELDS })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
