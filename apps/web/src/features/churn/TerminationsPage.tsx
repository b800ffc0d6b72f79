import { PageContainer } from '@ant-design/pro-components';
import type { Termination } from '@crm/contracts';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EChart } from '../../components/EChart';
import { formatDate } from '../../format';
import { useLocale, useT } from '../../i18n';
import { useAnalysis, useTerminations } from './api';
import { listPagination, moneyCol, noWrapCol, pageWindow } from './shared';

/** Terminations with their reasons, and where churned customers went (competitors), over the last 12 months. */
export function TerminationsPage() {
  const t = useT();
  const { locale } = useLocale();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const list = useTerminations({
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    ...pageWindow(page),
  });
  const analysis = useAnalysis({ months: 12 });
  const dirs = analysis.data?.directions ?? [];
  const reasons = analysis.data?.reasons ?? [];
  const competitorName = (d: { competitorId: number | null; nameZh: string | null; nameEn: string | null }) =>
    d.competitorId === null ? t('churn.direction.unknown') : ((locale === 'en' ? d.nameEn : d.nameZh) ?? '');

  return (
    <PageContainer
      title={t('churn.terminations.title')}
      extra={[
        <Link key="c" to="/churn/competitors">
          <Button>{t('churn.competitors.title')}</Button>
        </Link>,
      ]}
    >
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('churn.direction.title')} style={{ marginBottom: 16 }} loading={analysis.isLoading}>
            {dirs.length === 0 ? (
              <Empty description={t('churn.terminations.none12')} />
            ) : (
              <EChart
                height={260}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 110, right: 30, top: 30, bottom: 20 },
                  yAxis: { type: 'category', inverse: true, data: dirs.map(competitorName) },
                  xAxis: { type: 'value', minInterval: 1 },
                  series: [
                    { type: 'bar', name: t('churn.direction.count'), data: dirs.map((d) => d.count) },
                    { type: 'bar', name: t('churn.direction.portedOut'), data: dirs.map((d) => d.portedOut) },
                  ],
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('churn.reasonsRecorded')} style={{ marginBottom: 16 }} loading={analysis.isLoading}>
            {reasons.length === 0 ? (
              <Empty description={t('churn.terminations.none12')} />
            ) : (
              <EChart
                height={260}
                option={{
                  tooltip: { trigger: 'item' },
                  legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
                  series: [
                    {
                      type: 'pie',
                      radius: ['40%', '70%'],
                      center: ['35%', '50%'],
                      label: { formatter: '{b}: {c}' },
                      data: reasons.map((r) => ({ name: t(`churn.reason.${r.reasonCode}`), value: r.count })),
                    },
                  ],
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card
        title={t('churn.terminations.list')}
        extra={
          <Space>
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => {
                setRange(v);
                setPage(1);
              }}
            />
          </Space>
        }
      >
        <Table<Termination>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: t('churn.terminations.empty') }}
          pagination={listPagination(t, page, setPage, list.data?.total)}
          columns={[
            {
              title: t('churn.terminations.date'),
              dataIndex: 'terminationDate',
              render: (d: string) => formatDate(d),
              ...noWrapCol,
            },
            {
              title: t('churn.customer'),
              ...noWrapCol,
              render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
            },
            {
              title: t('churn.terminations.reason'),
              dataIndex: 'reasonCode',
              ...noWrapCol,
              render: (c: string) => <Tag>{t(`churn.reason.${c}`)}</Tag>,
            },
            {
              title: t('churn.terminations.competitor'),
              ...noWrapCol,
              render: (_, r) =>
                r.competitor ? (locale === 'en' ? r.competitor.nameEn : r.competitor.nameZh) : t('churn.none'),
            },
            {
              title: t('churn.terminations.portedOut'),
              align: 'center',
              ...noWrapCol,
              render: (_, r) => (r.portedOut ? <Tag color="red">{t('churn.yes')}</Tag> : t('churn.no')),
            },
            { title: t('churn.terminations.lines'), dataIndex: 'linesLost', align: 'right' },
            moneyCol(t('churn.terminations.valueLost'), 'monthlyValueLostFen', true),
            { title: t('churn.terminations.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
            {
              title: t('churn.terminations.recordedBy'),
              ...noWrapCol,
              render: (_, r) => r.recordedBy?.displayName ?? '—',
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
