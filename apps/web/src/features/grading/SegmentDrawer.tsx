import { ProTable } from '@ant-design/pro-components';
import { Drawer, Space } from 'antd';
import { Link } from 'react-router-dom';
import { formatFen } from '../../format';
import { enumLabel, useT } from '../../i18n';
import { fetchSegment, type SegmentCustomer, type SegmentQuery, segmentCsvUrl } from './api';
import { CsvButton, LayerTag, Stars } from './shared';

/** The paginated customer list behind a chart element (segment, migration group or matrix cell), with CSV export. */
export function SegmentDrawer(props: { query: SegmentQuery | null; title: string; onClose: () => void }) {
  const t = useT();
  const q = props.query;
  const migration = Boolean(q?.from);
  return (
    <Drawer
      open={Boolean(q)}
      onClose={props.onClose}
      width={1000}
      title={t('grading.drillTitle', { segment: props.title })}
      extra={q ? <CsvButton href={segmentCsvUrl(q)} /> : null}
      destroyOnHidden
    >
      {q ? (
        <ProTable<SegmentCustomer>
          rowKey="customerId"
          size="small"
          search={false}
          options={false}
          scroll={{ x: 1300 }}
          params={q}
          pagination={{ defaultPageSize: 20, showSizeChanger: true }}
          request={async ({ current = 1, pageSize = 20 }) => {
            const page = await fetchSegment({ ...q, limit: pageSize, offset: (current - 1) * pageSize });
            return { data: page.items, total: page.total, success: true };
          }}
          columns={[
            { title: t('grading.col.customerNo'), dataIndex: 'customerNo', width: 120 },
            {
              title: t('grading.col.name'),
              dataIndex: 'name',
              width: 220,
              ellipsis: true,
              render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.name}</Link>,
            },
            ...(migration
              ? [
                  {
                    title: t('grading.col.from'),
                    dataIndex: 'fromLayer',
                    width: 100,
                    render: (_: unknown, r: SegmentCustomer) => <LayerTag layer={r.fromLayer} />,
                  },
                ]
              : []),
            {
              title: migration ? t('grading.col.to') : t('grading.layerCol'),
              dataIndex: 'layer',
              width: 100,
              render: (_, r) => <LayerTag layer={r.layer} />,
            },
            {
              title: `${t('grading.abc')} / ${t('grading.stars')}`,
              dataIndex: 'abcClass',
              width: 120,
              render: (_, r) => (
                <Space size={4}>
                  {r.abcClass}
                  <Stars stars={r.stars} />
                </Space>
              ),
            },
            {
              title: t('grading.value'),
              dataIndex: 'valueFen',
              align: 'right',
              width: 140,
              render: (_, r) => <span className="crm-num">{formatFen(r.valueFen)}</span>,
            },
            {
              title: t('grading.revenue'),
              dataIndex: 'revenueFen',
              align: 'right',
              width: 140,
              render: (_, r) => <span className="crm-num">{formatFen(r.revenueFen)}</span>,
            },
            { title: t('grading.col.orgUnit'), dataIndex: 'orgUnitName', width: 110, ellipsis: true },
            {
              title: t('grading.col.industry'),
              dataIndex: 'industry',
              width: 110,
              ellipsis: true,
              render: (_, r) => enumLabel(t, 'industry', r.industry) || '—',
            },
            {
              title: t('grading.col.am'),
              dataIndex: 'accountManagerName',
              width: 100,
              render: (_, r) => r.accountManagerName ?? '—',
            },
          ]}
        />
      ) : null}
    </Drawer>
  );
}
