import { PageContainer, ProTable } from '@ant-design/pro-components';
import { type AuditEntry, type AuditPage, auditEntities } from '@crm/contracts';
import { Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { type AuditNames, auditCustomerText } from '../../audit/labels';
import { AuditChanges, auditActionColor, useAuditLabels } from '../../components/AuditChanges';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';

type Filters = { entity?: string; entityId?: string; actorUserId?: number };

export function AuditLogPage() {
  const t = useT();
  const labels = useAuditLabels();
  const [names, setNames] = useState<AuditNames>({});
  return (
    <PageContainer title={t('audit.title')} subTitle={t('audit.subtitle')}>
      <ProTable<AuditEntry, Filters>
        rowKey="id"
        headerTitle={t('audit.list')}
        cardBordered
        size="middle"
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={async ({ current = 1, pageSize = 20, ...filters }) => {
          const page = await api.get<AuditPage>('/api/audit', {
            ...filters,
            limit: pageSize,
            offset: (current - 1) * pageSize,
          });
          setNames({ people: page.people, customers: page.customers });
          return { data: page.items, total: page.total, success: true };
        }}
        columns={[
          {
            title: t('audit.col.at'),
            dataIndex: 'at',
            hideInSearch: true,
            width: 170,
            render: (_, r) => <span className="crm-num">{formatDateTime(r.at, { seconds: true })}</span>,
          },
          {
            title: t('audit.col.actor'),
            dataIndex: 'actorName',
            hideInSearch: true,
            width: 120,
            render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{labels.actor(r, names)}</span>,
          },
          { title: t('audit.col.actorUserId'), dataIndex: 'actorUserId', hideInTable: true, valueType: 'digit' },
          {
            title: t('audit.col.action'),
            dataIndex: 'action',
            hideInSearch: true,
            width: 100,
            render: (_, r) => <Tag color={auditActionColor(r.action)}>{labels.action(r.action)}</Tag>,
          },
          {
            title: t('audit.col.entity'),
            dataIndex: 'entity',
            valueType: 'select',
            valueEnum: Object.fromEntries(auditEntities.map((e) => [e, { text: labels.entity(e) }])),
            width: 180,
            render: (_, r) => (
              <span>
                {labels.entity(r.entity)} <span className="crm-num">#{r.entityId}</span>
              </span>
            ),
          },
          { title: t('audit.col.entityId'), dataIndex: 'entityId', hideInTable: true },
          {
            title: t('audit.col.customer'),
            dataIndex: 'customerId',
            hideInSearch: true,
            width: 200,
            render: (_, r) =>
              r.customerId ? (
                <Link to={`/customers/${r.customerId}`}>{auditCustomerText(r.customerId, names)}</Link>
              ) : (
                '—'
              ),
          },
          {
            title: t('audit.col.changes'),
            dataIndex: 'changes',
            hideInSearch: true,
            render: (_, r) => <AuditChanges changes={r.changes} entity={r.entity} names={names} />,
          },
        ]}
      />
    </PageContainer>
  );
}
