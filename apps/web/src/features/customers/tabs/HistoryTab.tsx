import { ProTable } from '@ant-design/pro-components';
import type { AuditEntry } from '@crm/contracts';
import { Tag } from 'antd';
import { useState } from 'react';
import type { AuditNames } from '../../../audit/labels';
import { AuditChanges, auditActionColor, useAuditLabels } from '../../../components/AuditChanges';
import { formatDateTime } from '../../../format';
import { useT } from '../../../i18n';
import { listHistory } from '../api';

/** The customer's audit trail: who changed what, when, with before -> after per field. */
export function HistoryTab({ customerId }: { customerId: number }) {
  const t = useT();
  const labels = useAuditLabels();
  const [names, setNames] = useState<AuditNames>({});
  return (
    <ProTable<AuditEntry>
      rowKey="id"
      headerTitle={t('history.title')}
      search={false}
      size="middle"
      cardBordered
      options={{ reload: true, density: false, setting: false }}
      pagination={{ defaultPageSize: 20, showSizeChanger: false }}
      request={async ({ current = 1, pageSize = 20 }) => {
        const page = await listHistory(customerId, { limit: pageSize, offset: (current - 1) * pageSize });
        setNames({ people: page.people, customers: page.customers });
        return { data: page.items, total: page.total, success: true };
      }}
      columns={[
        {
          title: t('audit.col.at'),
          dataIndex: 'at',
          width: 160,
          render: (_, r) => <span className="crm-num">{formatDateTime(r.at, { seconds: true })}</span>,
        },
        {
          title: t('audit.col.actor'),
          dataIndex: 'actorName',
          width: 120,
          render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{labels.actor(r, names)}</span>,
        },
        {
          title: t('audit.col.action'),
          dataIndex: 'action',
          width: 140,
          render: (_, r) => (
            <>
              <Tag color={auditActionColor(r.action)}>{labels.action(r.action)}</Tag>
              {r.entity !== 'customer' ? <Tag bordered={false}>{labels.entity(r.entity)}</Tag> : null}
            </>
          ),
        },
        {
          title: t('audit.col.changes'),
          dataIndex: 'changes',
          render: (_, r) => <AuditChanges changes={r.changes} entity={r.entity} names={names} />,
        },
      ]}
    />
  );
}
