import { PageContainer, StatisticCard } from '@ant-design/pro-components';
import type { TicketSummary } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Row, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { dateTimeColumn } from '../../components/columns';
import { EChart, type EChartsOption } from '../../components/EChart';
import { formatFen } from '../../format';
import { useLocale, useT } from '../../i18n';
import { sd } from './api';
import { StatusTag } from './ui';

type Drill = { label: string; categoryId?: number; offeringId?: number; orgUnitId?: number; customerId?: number };
type Bar = { key: string; id: number | null; label: string; count: number };

const barOption = (rows: Bar[], none: string, color: string): EChartsOption => ({
  grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis' },
  xAxis: { type: 'value', minInterval: 1 },
  yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label || none) },
  series: [
    { type: 'bar', data: rows.map((r) => r.count), itemStyle: { color }, label: { show: true, position: 'right' } },
  ],
});

/** The trend with every month of the last year (months without complaints count zero). */
function months(trend: { month: string; count: number }[]) {
  const last = trend.at(-1)?.month ?? new Date().toISOString().slice(0, 7);
  const [y, m] = last.split('-').map(Number);
  const byMonth = new Map(trend.map((r) => [r.month, r.count]));
  const first = trend[0]?.month;
  const out: { month: string; count: number }[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    const month = d.toISOString().slice(0, 7);
    out.push({ month, count: byMonth.get(month) ?? 0 });
  }
  return first && first < out[0].month ? trend : out;
}

/** Complaint hot spots: top categories and products, org units, monthly trend, repeat complainers; click to drill down. */
export function HotspotsPage() {
  const t = useT();
  const { locale } = useLocale();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const period = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {};
  const data = useQuery({
    queryKey: ['sd', 'hotspots', period, locale],
    queryFn: () => sd.hotspots({ ...period, locale }),
  });
  const details = useQuery({
    queryKey: ['sd', 'hotspots', 'drill', period, drill],
    queryFn: () => sd.hotspotTickets({ ...period, ...drill, label: undefined, limit: 50 }),
    enabled: Boolean(drill),
  });
  const h = data.data;
  const none = t('sd.hot.none');
  const charts = useMemo(() => {
    if (!h) return null;
    const click = (rows: Bar[], field: 'categoryId' | 'offeringId' | 'orgUnitId') => ({
      click: (p: { dataIndex: number }) => {
        const r = rows[p.dataIndex];
        if (r) setDrill({ label: r.label || none, [field]: r.id ?? undefined });
      },
    });
    return {
      categories: { option: barOption(h.topCategories, none, '#f5222d'), events: click(h.topCategories, 'categoryId') },
      products: { option: barOption(h.topProducts, none, '#fa8c16'), events: click(h.topProducts, 'offeringId') },
      units: { option: barOption(h.byOrgUnit, none, '#1456f0'), events: click(h.byOrgUnit, 'orgUnitId') },
      trend: {
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: months(h.trend).map((r) => r.month) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'line',
            smooth: false,
            areaStyle: { opacity: 0.15 },
            data: months(h.trend).map((r) => r.count),
            name: t('sd.hot.count'),
          },
        ],
      } as EChartsOption,
    };
  }, [h, none, t]);
  return (
    <PageContainer
      title={t('sd.hot.title')}
      extra={<DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)} />}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <StatisticCard.Group direction="row">
          <StatisticCard statistic={{ title: t('sd.hot.total'), value: h?.total ?? 0 }} />
          <StatisticCard statistic={{ title: t('sd.hot.compensation'), value: formatFen(h?.compensationFen ?? 0) }} />
          <StatisticCard statistic={{ title: t('sd.hot.repeat'), value: h?.repeatComplainers.length ?? 0 }} />
        </StatisticCard.Group>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('sd.hot.topCategories')}>
              {charts && <EChart option={charts.categories.option} onEvents={charts.categories.events} height={280} />}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('sd.hot.topProducts')}>
              {charts && <EChart option={charts.products.option} onEvents={charts.products.events} height={280} />}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('sd.hot.trend')}>
              {charts && <EChart option={charts.trend} height={260} />}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('sd.hot.byOrgUnit')}>
              {charts && <EChart option={charts.units.option} onEvents={charts.units.events} height={260} />}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('sd.hot.repeat')}>
              <Table
                size="small"
                rowKey="customerId"
                pagination={false}
                dataSource={h?.repeatComplainers ?? []}
                onRow={(r) => ({
                  onClick: () => setDrill({ label: r.customerName, customerId: r.customerId }),
                  style: { cursor: 'pointer' },
                })}
                columns={[
                  { title: t('sd.field.customer'), dataIndex: 'customerName' },
                  { title: t('sd.hot.count'), dataIndex: 'count' },
                  dateTimeColumn(t('sd.hot.lastAt'), 'lastAt'),
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card
              size="small"
              title={drill ? t('sd.hot.drill', { label: drill.label }) : t('sd.hot.drill', { label: '—' })}
            >
              <Table<TicketSummary>
                size="small"
                rowKey="id"
                loading={details.isFetching}
                dataSource={details.data?.items ?? []}
                pagination={false}
                columns={[
                  {
                    title: t('sd.field.ticketNo'),
                    dataIndex: 'ticketNo',
                    render: (v, r) => <Link to={`/service-desk/tickets/${r.id}`}>{v}</Link>,
                  },
                  { title: t('sd.field.title'), dataIndex: 'title', ellipsis: true },
                  { title: t('sd.field.customer'), dataIndex: 'customerName' },
                  { title: t('sd.field.status'), dataIndex: 'status', render: (v) => <StatusTag status={v} /> },
                ]}
              />
            </Card>
          </Col>
        </Row>
      </Space>
    </PageContainer>
  );
}
