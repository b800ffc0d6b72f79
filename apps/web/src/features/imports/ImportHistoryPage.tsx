import { PageContainer, ProTable } from '@ant-design/pro-components';
import { type ImportRun, importEntities } from '@crm/contracts';
import { Button, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { listImports } from './api';

const statusColor: Record<ImportRun['status'], string> = {
  uploaded: 'default',
  validating: 'processing',
  validated: 'blue',
  invalid: 'orange',
  committing: 'processing',
  committed: 'green',
  failed: 'red',
};

/** Who imported what, when, and the outcome. */
export function ImportHistoryPage() {
  const t = useT();
  return (
    <PageContainer title={t('menu.importHistory')}>
      <ProTable<ImportRun, { entity?: string }>
        rowKey="id"
        cardBordered
        size="middle"
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        locale={{
          emptyText: (
            <EmptyHint
              testId="imports-empty"
              description={t('imports.history.empty')}
              action={
                <Link to="/imports">
                  <Button type="primary">{t('imports.history.start')}</Button>
                </Link>
              }
            />
          ),
        }}
        request={async ({ current = 1, pageSize = 20, entity }) => {
          const page = await listImports({ entity, limit: pageSize, offset: (current - 1) * pageSize });
          return { data: page.items, total: page.total, success: true };
        }}
        columns={[
          {
            title: '#',
            dataIndex: 'id',
            width: 70,
            hideInSearch: true,
            render: (_, r) => <Link to={`/imports/${r.id}`}>{r.id}</Link>,
          },
          {
            title: t('imports.entity'),
            dataIndex: 'entity',
            width: 140,
            valueEnum: Object.fromEntries(importEntities.map((e) => [e, { text: t(`imports.entity.${e}`) }])),
          },
          {
            title: t('imports.file'),
            dataIndex: 'fileName',
            hideInSearch: true,
            ellipsis: true,
            width: 260,
            render: (_, r) => <Link to={`/imports/${r.id}`}>{r.fileName}</Link>,
          },
          {
            title: t('imports.statusLabel'),
            dataIndex: 'status',
            hideInSearch: true,
            render: (_, r) => <Tag color={statusColor[r.status]}>{t(`imports.status.${r.status}`)}</Tag>,
          },
          {
            title: t('imports.count.rows'),
            hideInSearch: true,
            align: 'right',
            render: (_, r) => r.counts.rows.toLocaleString(),
          },
          {
            title: t('imports.count.inserts'),
            hideInSearch: true,
            align: 'right',
            render: (_, r) => r.counts.inserts.toLocaleString(),
          },
          {
            title: t('imports.count.updates'),
            hideInSearch: true,
            align: 'right',
            render: (_, r) => r.counts.updates.toLocaleString(),
          },
          {
            title: t('imports.count.errors'),
            hideInSearch: true,
            align: 'right',
            render: (_, r) => r.counts.errors.toLocaleString(),
          },
          { title: t('imports.by'), dataIndex: 'createdBy', hideInSearch: true },
          {
            title: t('imports.at'),
            hideInSearch: true,
            width: 170,
            render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt)}</span>,
          },
        ]}
      />
    </PageContainer>
  );
}
