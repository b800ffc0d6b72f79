import { PageContainer } from '@ant-design/pro-components';
import type { Inspection } from '@crm/contracts';
import { Button, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatFen } from '../../format';
import { useT } from '../../i18n';
import { useInspections } from './api';
import { InspectionForm } from './InspectionForm';

/** Mystery-shopper and service inspections of staff and counters, with their scores and penalties. */
export function InspectionsPage() {
  const t = useT();
  const list = useInspections();
  const [creating, setCreating] = useState(false);
  return (
    <PageContainer
      title={t('quality.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)} data-testid="new-inspection">
          {t('quality.new')}
        </Button>
      }
    >
      <InspectionForm open={creating} onClose={() => setCreating(false)} />
      <Table<Inspection>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={[
          {
            title: t('quality.inspectedAt'),
            dataIndex: 'inspectedAt',
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
          },
          { title: t('quality.kind'), dataIndex: 'kind', render: (k: string) => t(`quality.kind.${k}`) },
          {
            title: t('quality.subject'),
            render: (_, r) => (r.subjectType === 'staff' ? r.staffName : r.counterName),
          },
          { title: t('quality.orgUnit'), dataIndex: 'orgUnitName' },
          { title: t('quality.score'), render: (_, r) => `${r.score}/${r.maxScore} (${r.scorePct}%)` },
          { title: t('quality.penaltyPoints'), dataIndex: 'penaltyPoints' },
          { title: t('quality.penaltyFen'), dataIndex: 'penaltyFen', render: (v: number) => formatFen(v) },
          {
            title: t('quality.inspector'),
            dataIndex: 'inspectorName',
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
          },
          {
            title: t('quality.ticket'),
            dataIndex: 'ticketId',
            render: (id: number | null) => (id ? <Link to={`/service-desk/tickets/${id}`}>#{id}</Link> : '—'),
          },
        ]}
      />
    </PageContainer>
  );
}
