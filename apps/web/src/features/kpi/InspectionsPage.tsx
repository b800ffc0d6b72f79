import { PageContainer } from '@ant-design/pro-components';
import type { Inspection } from '@crm/contracts';
import { Table } from 'antd';
import { formatFen } from '../../format';
import { useT } from '../../i18n';
import { useInspections } from './api';

/** Mystery-shopper and service inspections of staff and counters, with their scores and penalties. */
export function InspectionsPage() {
  const t = useT();
  const list = useInspections();
  return (
    <PageContainer title={t('quality.title')}>
      <Table<Inspection>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('quality.inspectedAt'), dataIndex: 'inspectedAt' },
          { title: t('quality.kind'), dataIndex: 'kind', render: (k: string) => t(`quality.kind.${k}`) },
          {
            title: t('quality.subject'),
            render: (_, r) => (r.subjectType === 'staff' ? r.staffName : r.counterName),
          },
          { title: t('quality.orgUnit'), dataIndex: 'orgUnitName' },
          { title: t('quality.score'), render: (_, r) => `${r.score}/${r.maxScore} (${r.scorePct}%)` },
          { title: t('quality.penaltyPoints'), dataIndex: 'penaltyPoints' },
          { title: t('quality.penaltyFen'), dataIndex: 'penaltyFen', render: (v: number) => formatFen(v) },
          { title: t('quality.inspector'), dataIndex: 'inspectorName' },
        ]}
      />
    </PageContainer>
  );
}
