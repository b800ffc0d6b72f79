import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Row, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { EChart } from '../../components/EChart';
import { formatPercent } from '../../format';
import { useT } from '../../i18n';
import { sd } from './api';

type AttainmentRow = {
  key: string;
  total: number;
  met: number;
  breached: number;
  open: number;
  attainment: number | null;
};

/**
 * SLA attainment (resolved within target) by ticket type, customer tier, org unit and department. Each row's total is
 * met + breached + open, the same three parts the stacked bar draws.
 */
export function SlaReportPage() {
  const t = useT();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const period = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {};
  const q = useQuery({ queryKey: ['sd', 'sla-report', period], queryFn: () => sd.attainment(period) });
  const label = (group: string, key: string) =>
    group === 'byType'
      ? t(`sd.type.${key}`)
      : group === 'byTier'
        ? t(key in { key_account: 1, business: 1, public: 1 } ? `sd.category.${key}` : `sd.tier.${key}`)
        : key;
  const block = (group: 'byType' | 'byTier' | 'byOrgUnit' | 'byDepartment') => {
    const rows: AttainmentRow[] = q.data?.[group] ?? [];
    return (
      <Card size="small" title={t(`sd.sla.${group}`)}>
        <EChart
          height={200}
          option={{
            grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
            legend: { top: 0 },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: rows.map((r) => label(group, r.key)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                name: t('sd.sla.met'),
                type: 'bar',
                stack: 's',
                data: rows.map((r) => r.met),
                itemStyle: { color: '#36b37e' },
              },
              {
                name: t('sd.sla.breached'),
                type: 'bar',
                stack: 's',
                data: rows.map((r) => r.breached),
                itemStyle: { color: '#f5222d' },
              },
              {
                name: t('sd.sla.open'),
                type: 'bar',
                stack: 's',
                data: rows.map((r) => r.open),
                itemStyle: { color: '#bfbfbf' },
              },
            ],
          }}
        />
        <Table<AttainmentRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: '', dataIndex: 'key', render: (v) => label(group, v) },
            { title: t('sd.sla.total'), dataIndex: 'total' },
            { title: t('sd.sla.met'), dataIndex: 'met' },
            { title: t('sd.sla.breached'), dataIndex: 'breached' },
            { title: t('sd.sla.open'), dataIndex: 'open' },
            { title: t('sd.sla.attainment'), dataIndex: 'attainment', render: (v) => formatPercent(v) },
          ]}
        />
      </Card>
    );
  };
  return (
    <PageContainer
      title={t('sd.sla.title')}
      extra={<DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)} />}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {block('byType')}
        </Col>
        <Col xs={24} lg={12}>
          {block('byTier')}
        </Col>
        <Col xs={24} lg={12}>
          {block('byOrgUnit')}
        </Col>
        <Col xs={24} lg={12}>
          {block('byDepartment')}
        </Col>
      </Row>
    </PageContainer>
  );
}
