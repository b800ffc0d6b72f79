import { ProTable } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Drawer, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { formatFen } from '../../format';
import { useT } from '../../i18n';
import type { Mover, Page, RuleSetPreview as Preview, RuleSet } from './api';
import { LayerTag, PeriodPicker } from './shared';

const Delta = ({ v }: { v: number }) => (
  <span className="crm-num" style={{ color: v > 0 ? '#36b37e' : v < 0 ? '#f5222d' : undefined }}>
    {v > 0 ? `+${v.toLocaleString()}` : v.toLocaleString()}
  </span>
);

/** What-if of a rule set on one period: customers and revenue per layer now and under the set, and who moves. */
export function RuleSetPreview(props: { ruleSet: RuleSet | null; onClose: () => void }) {
  const t = useT();
  const [period, setPeriod] = useState<string>();
  const id = props.ruleSet?.id;
  const q = useQuery({
    queryKey: ['grading', 'preview', id, period],
    queryFn: () => api.get<Preview>(`/api/grading/rule-sets/${id}/preview`, { period }),
    enabled: Boolean(id),
  });
  const d = q.data;
  return (
    <Drawer
      open={Boolean(props.ruleSet)}
      onClose={props.onClose}
      width={960}
      destroyOnHidden
      title={`v${props.ruleSet?.version ?? ''} · ${t('grading.rules.previewTitle', { period: d?.period ?? '' })}`}
      extra={
        <Space>
          {t('grading.rules.previewPeriod')}
          <PeriodPicker value={period ?? d?.period} onChange={setPeriod} />
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {d && !d.baselineGraded ? <Alert type="info" showIcon message={t('grading.rules.noBaseline')} /> : null}
        <Space size={48}>
          <Statistic title={t('grading.customers')} value={d?.customers ?? 0} loading={q.isFetching} />
          <Statistic title={t('grading.rules.moved')} value={d?.moved ?? 0} loading={q.isFetching} />
          <Statistic title={t('grading.stars')} value={d?.starsChanged ?? 0} loading={q.isFetching} />
          <Statistic title={t('grading.abc')} value={d?.abcChanged ?? 0} loading={q.isFetching} />
        </Space>
        <Table
          size="small"
          rowKey="layer"
          loading={q.isFetching}
          pagination={false}
          dataSource={d?.layers ?? []}
          columns={[
            { title: t('grading.layerCol'), dataIndex: 'layer', render: (v) => <LayerTag layer={v} /> },
            {
              title: `${t('grading.customers')} · ${t('grading.rules.current')}`,
              dataIndex: 'currentCustomers',
              align: 'right',
              render: (v: number) => v.toLocaleString(),
            },
            {
              title: `${t('grading.customers')} · ${t('grading.rules.proposed')}`,
              dataIndex: 'proposedCustomers',
              align: 'right',
              render: (v: number) => v.toLocaleString(),
            },
            {
              title: t('grading.rules.delta'),
              align: 'right',
              render: (_, r) => <Delta v={r.proposedCustomers - r.currentCustomers} />,
            },
            {
              title: `${t('grading.revenue')} · ${t('grading.rules.current')}`,
              dataIndex: 'currentRevenueFen',
              align: 'right',
              render: (v: number) => formatFen(v, { decimals: false }),
            },
            {
              title: `${t('grading.revenue')} · ${t('grading.rules.proposed')}`,
              dataIndex: 'proposedRevenueFen',
              align: 'right',
              render: (v: number) => formatFen(v, { decimals: false }),
            },
          ]}
        />
        <Card size="small" title={t('grading.rules.movers')}>
          {id && d ? (
            <ProTable<Mover>
              rowKey="customerId"
              size="small"
              search={false}
              options={false}
              params={{ period: d.period }}
              pagination={{ defaultPageSize: 10 }}
              request={async ({ current = 1, pageSize = 10 }) => {
                const page = await api.get<Page<Mover>>(`/api/grading/rule-sets/${id}/preview/movers`, {
                  period: d.period,
                  limit: pageSize,
                  offset: (current - 1) * pageSize,
                });
                return { data: page.items, total: page.total, success: true };
              }}
              columns={[
                { title: t('grading.col.customerNo'), dataIndex: 'customerNo', width: 120 },
                {
                  title: t('grading.col.name'),
                  dataIndex: 'name',
                  render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.name}</Link>,
                },
                {
                  title: t('grading.col.from'),
                  dataIndex: 'fromLayer',
                  render: (_, r) => <LayerTag layer={r.fromLayer} />,
                },
                { title: t('grading.col.to'), dataIndex: 'toLayer', render: (_, r) => <LayerTag layer={r.toLayer} /> },
                {
                  title: t('grading.value'),
                  dataIndex: 'measureFen',
                  align: 'right',
                  render: (_, r) => formatFen(r.measureFen),
                },
              ]}
            />
          ) : null}
        </Card>
      </Space>
    </Drawer>
  );
}
