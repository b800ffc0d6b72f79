import { PageContainer } from '@ant-design/pro-components';
import type { ChurnAnalysis, ChurnSegmentDimension } from '@crm/contracts';
import { churnSegmentDimensions } from '@crm/contracts';
import { Card, Col, Empty, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { chartColors, EChart, type EChartsOption } from '../../components/EChart';
import { formatFen } from '../../format';
import { type TFunction, useLocale, useT } from '../../i18n';
import { useAnalysis } from './api';
import { noWrapCol, pct, segmentLabel } from './shared';

type Curve = ChurnAnalysis['survival']['curves'][number];
const MIN_CURVE = 10;
const MIN_BAND = 30;

/** Kaplan-Meier step curves per segment with their Greenwood confidence band (dashed lower and upper lines). */
function survivalOption(t: TFunction, dimension: string, curves: Curve[], tau: number): EChartsOption {
  const series: NonNullable<EChartsOption['series']> = [];
  // Thin segments draw a line only (their bands would cover the chart); segments under MIN_CURVE are left to the table.
  const shown = curves.filter((c) => c.segment === 'all' || c.n >= MIN_CURVE);
  let low = 1;
  for (const c of shown)
    for (let i = 0; i < c.times.length; i++)
      if (c.times[i] <= tau) low = Math.min(low, c.n >= MIN_BAND ? (c.lower[i] ?? c.survival[i]) : c.survival[i]);
  const yMin = Math.max(0, Math.floor((low - 0.02) * 20) / 20);
  const points = (c: Curve, ys: (number | null)[]) => [[0, 1], ...c.times.map((x, i) => [x, ys[i] ?? c.survival[i]])];
  shown.forEach((c, i) => {
    const color = chartColors[i % chartColors.length];
    const name = segmentLabel(t, dimension, c.segment);
    series.push({
      type: 'line',
      name,
      step: 'end',
      showSymbol: false,
      lineStyle: { width: c.segment === 'all' ? 3 : 2, color },
      itemStyle: { color },
      data: points(c, c.survival),
      z: 3,
    });
    if (c.n >= MIN_BAND)
      for (const ys of [c.lower, c.upper])
        series.push({
          type: 'line',
          name,
          step: 'end',
          showSymbol: false,
          lineStyle: { width: 1, type: 'dashed', color, opacity: 0.6 },
          data: points(c, ys),
          tooltip: { show: false },
          silent: true,
        });
  });
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => pct(Number(v)),
    },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 50, right: 30, top: 40, bottom: 40 },
    xAxis: { type: 'value', name: t('churn.analysis.tenure'), nameLocation: 'middle', nameGap: 26, max: tau },
    yAxis: { type: 'value', min: yMin, max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series,
  };
}

/** Churn rate by month and segment, value lost, reasons, direction and Kaplan-Meier survival by segment. */
export function AnalysisPage() {
  const t = useT();
  const { locale } = useLocale();
  const [months, setMonths] = useState(24);
  const [horizonMonths, setHorizon] = useState(12);
  const [dimension, setDimension] = useState<ChurnSegmentDimension>('tier');
  const tau = 60;
  const q = useAnalysis({ months, horizonMonths, dimension, tau });
  const a = q.data;
  const survival = useMemo(() => (a ? survivalOption(t, dimension, a.survival.curves, tau) : null), [a, t, dimension]);
  const segRows = (a?.segments ?? []).filter((s) => s.dimension === dimension);
  const money = (v: number) => <span className="crm-money">{formatFen(v, { decimals: false })}</span>;

  return (
    <PageContainer
      title={t('churn.analysis.title')}
      subTitle={a ? t('churn.analysis.window', { from: a.from, to: a.to }) : null}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={months}
          onChange={(v) => setMonths(Number(v))}
          options={[12, 24, 36].map((m) => ({ value: m, label: t('churn.analysis.lastMonths', { n: m }) }))}
        />
        <Select
          style={{ width: 240 }}
          value={horizonMonths}
          onChange={setHorizon}
          options={[6, 12, 24].map((m) => ({ value: m, label: t('churn.analysis.horizon', { n: m }) }))}
        />
        <Select
          style={{ width: 180 }}
          value={dimension}
          onChange={setDimension}
          options={churnSegmentDimensions.map((d) => ({ value: d, label: t(`churn.dimensionOption.${d}`) }))}
        />
      </Space>
      {q.isLoading || !a ? (
        <Card loading />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}>
              <Card>
                <Statistic title={t('churn.analysis.customers')} value={a.totals.customers} />
              </Card>
            </Col>
            <Col span={6}>
              <Card>
                <Statistic title={t('churn.analysis.churned')} value={a.totals.churned} />
              </Card>
            </Col>
            <Col span={6}>
              <Card>
                <Statistic title={t('churn.analysis.rate')} value={pct(a.totals.rate, 2)} />
              </Card>
            </Col>
            <Col span={6}>
              <Card>
                <Statistic
                  title={t('churn.analysis.valueLost', { n: a.horizonMonths })}
                  value={formatFen(a.totals.valueLostFen, { decimals: false })}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card title={t('churn.analysis.byMonth')} style={{ marginBottom: 16 }}>
                <EChart
                  height={300}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 50, right: 60, top: 40, bottom: 30 },
                    xAxis: { type: 'category', data: a.months.map((m) => m.period) },
                    yAxis: [
                      { type: 'value', name: t('churn.analysis.churned'), minInterval: 1 },
                      {
                        type: 'value',
                        name: t('churn.analysis.rate'),
                        axisLabel: { formatter: (v: number) => pct(v, 2) },
                        splitLine: { show: false },
                      },
                    ],
                    series: [
                      { type: 'bar', name: t('churn.analysis.churned'), data: a.months.map((m) => m.churned) },
                      {
                        type: 'line',
                        name: t('churn.analysis.rate'),
                        yAxisIndex: 1,
                        data: a.months.map((m) => m.rate),
                        tooltip: { valueFormatter: (v) => pct(Number(v), 2) },
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card title={t('churn.analysis.valueLostByMonth', { n: a.horizonMonths })} style={{ marginBottom: 16 }}>
                <EChart
                  height={300}
                  option={{
                    tooltip: {
                      trigger: 'axis',
                      valueFormatter: (v) => formatFen(Number(v) * 100, { decimals: false }),
                    },
                    grid: { left: 70, right: 20, top: 20, bottom: 30 },
                    xAxis: { type: 'category', data: a.months.map((m) => m.period) },
                    yAxis: {
                      type: 'value',
                      axisLabel: {
                        formatter: (v: number) =>
                          locale === 'en' ? `${Math.round(v / 1000)}k` : `${Math.round(v / 10000)}万`,
                      },
                    },
                    series: [
                      {
                        type: 'bar',
                        name: t('churn.analysis.valueLost', { n: a.horizonMonths }),
                        itemStyle: { color: chartColors[6] },
                        data: a.months.map((m) => m.valueLostFen / 100),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Card
            title={t('churn.analysis.survival', { dimension: t(`churn.dimension.${dimension}`) })}
            style={{ marginBottom: 16 }}
          >
            {a.survival.curves.length === 0 ? (
              <Empty />
            ) : (
              <Row gutter={16}>
                <Col xs={24} xl={15}>
                  {survival && <EChart height={360} option={survival} />}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('churn.analysis.survivalNote')}
                  </Typography.Text>
                </Col>
                <Col xs={24} xl={9}>
                  <Table
                    size="small"
                    rowKey="segment"
                    pagination={false}
                    dataSource={a.survival.curves}
                    columns={[
                      {
                        title: t('churn.analysis.segment'),
                        render: (_, c) => segmentLabel(t, dimension, c.segment),
                        ...noWrapCol,
                      },
                      { title: t('churn.analysis.n'), dataIndex: 'n', align: 'right' },
                      { title: t('churn.analysis.events'), dataIndex: 'events', align: 'right' },
                      {
                        title: t('churn.analysis.median'),
                        align: 'right',
                        ...noWrapCol,
                        render: (_, c) =>
                          c.medianMonths === null ? t('churn.analysis.notReached') : `${c.medianMonths}`,
                      },
                      {
                        title: t('churn.analysis.rmst', { tau }),
                        align: 'right',
                        render: (_, c) => c.rmstMonths.toFixed(1),
                      },
                    ]}
                  />
                </Col>
              </Row>
            )}
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Card title={t('churn.analysis.bySegment', { dimension: t(`churn.dimension.${dimension}`) })}>
                <Table
                  size="small"
                  rowKey="segment"
                  pagination={false}
                  dataSource={segRows}
                  columns={[
                    {
                      title: t('churn.analysis.segment'),
                      render: (_, s) => segmentLabel(t, dimension, s.segment),
                      ...noWrapCol,
                    },
                    { title: t('churn.analysis.customers'), dataIndex: 'customers', align: 'right' },
                    { title: t('churn.analysis.churned'), dataIndex: 'churned', align: 'right' },
                    { title: t('churn.analysis.rate'), align: 'right', render: (_, s) => pct(s.rate, 2) },
                    {
                      title: t('churn.analysis.valueLost', { n: a.horizonMonths }),
                      align: 'right',
                      render: (_, s) => money(s.valueLostFen),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('churn.reasonsRecorded')} style={{ marginBottom: 16 }}>
                <Table
                  size="small"
                  rowKey="reasonCode"
                  pagination={false}
                  dataSource={a.reasons}
                  locale={{ emptyText: t('churn.terminations.none') }}
                  columns={[
                    {
                      title: t('churn.terminations.reason'),
                      render: (_, r) => t(`churn.reason.${r.reasonCode}`),
                      ...noWrapCol,
                    },
                    { title: t('churn.analysis.count'), dataIndex: 'count', align: 'right' },
                    {
                      title: t('churn.analysis.valueLost', { n: a.horizonMonths }),
                      align: 'right',
                      render: (_, r) => money(r.valueLostFen),
                    },
                  ]}
                />
              </Card>
              <Card title={t('churn.direction.title')}>
                <Table
                  size="small"
                  rowKey={(d) => d.competitorId ?? 0}
                  pagination={false}
                  dataSource={a.directions}
                  locale={{ emptyText: t('churn.terminations.none') }}
                  columns={[
                    {
                      title: t('churn.terminations.competitor'),
                      ...noWrapCol,
                      render: (_, d) =>
                        d.competitorId === null
                          ? t('churn.direction.unknown')
                          : ((locale === 'en' ? d.nameEn : d.nameZh) ?? ''),
                    },
                    { title: t('churn.analysis.count'), dataIndex: 'count', align: 'right' },
                    { title: t('churn.direction.portedOut'), dataIndex: 'portedOut', align: 'right' },
                    { title: t('churn.terminations.lines'), dataIndex: 'linesLost', align: 'right' },
                    {
                      title: t('churn.analysis.valueLost', { n: a.horizonMonths }),
                      align: 'right',
                      render: (_, d) => money(d.valueLostFen),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </PageContainer>
  );
}
