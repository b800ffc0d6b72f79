import { type AuditEntry, auditFieldKind } from '@crm/contracts';
import { Space, Tag, Typography } from 'antd';
import {
  type AuditNames,
  auditActionLabel,
  auditActorLabel,
  auditEntityLabel,
  auditFieldLabel,
  auditValueText,
} from '../audit/labels';
import { useT } from '../i18n';

const MAX_FIELDS = 8;

/** Translated label of an audited field (see src/audit/labels.ts). */
export function useFieldLabel() {
  const t = useT();
  return (field: string, entity?: string) => auditFieldLabel(t, field, entity);
}

/** Translated action / entity / actor of an audit entry. */
export function useAuditLabels() {
  const t = useT();
  return {
    action: (a: string) => auditActionLabel(t, a),
    entity: (e: string) => auditEntityLabel(t, e),
    actor: (e: Pick<AuditEntry, 'actorUserId' | 'actorName' | 'actorDisplayName'>, names?: AuditNames) =>
      auditActorLabel(t, e, names),
  };
}

const actionColor: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', login: 'default' };
export const auditActionColor = (action: string) => actionColor[action] ?? 'default';

/** "field: before → after" lines of one audit entry. */
export function AuditChanges({
  changes,
  entity,
  names,
}: {
  changes: AuditEntry['changes'];
  entity?: string;
  names?: AuditNames;
}) {
  const t = useT();
  const fieldLabel = useFieldLabel();
  const show = (field: string, value: unknown) => auditValueText(t, field, value, entity, names);
  const entries = Object.entries(changes ?? {}).filter(([field]) => auditFieldKind(field) !== 'hidden');
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
                  {show(field, before)}
                </Typography.Text>
                <Typography.Text type="secondary"> → </Typography.Text>
              </>
            )}
            <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 280 }}>
              {show(field, after)}
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
