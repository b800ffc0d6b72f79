import { PageContainer, StatisticCard } from '@ant-design/pro-components';
import { Card, Checkbox, Col, Empty, Row, Segmented, Space } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { EChart, type EChartsOption } from '../../components/EChart';
import { formatFen, formatPercent } from '../../format';
import { enumLabel, useLocale, useT } from '../../i18n';
import { type Distribution, layers, type SegmentQuery, useDistribution, usePareto, usePyramid } from './api';
import { SegmentDrawer } from './SegmentDrawer';
import { CsvButton, downloadCsv, layerColors, PeriodPicker, useLayerLabel, yuan } from './shared';

/** Value pyramid, tier distribution by org unit / industry, Pareto curve and ABC classes, with drill-down. */
export function ValueDashboardPage() {
  const t = useT();
  const { locale } = useLocale();
  const label = useLayerLabel();
  const [period, setPeriod] = useState<string>();
  const [by, setBy] = useState<'org_unit' | 'industry'>('org_unit');
  const [kaOnly, setKaOnly] = useState(false);
  const [drill, setDrill] = useState<{ query: SegmentQuery; title: string } | null>(null);
  const pyramid = usePyramid(period);
  const shown = period ?? pyramid.data?.period;
  // The user's period, not `shown`: the server answers for the latest one itself, so the first visit asks once.
  const distribution = useDistribution(period, by);
  const pareto = usePareto(period);
  const totals = pyramid.data?.totals;
  const graded = (totals?.customers ?? 0) > 0;

  const pyramidOption = useMemo<EChartsOption>(() => {
    const items = pyramid.data?.items ?? [];
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { name } = p as { name: string };
          const row = items.find((i) => label(i.layer) === name);
          if (!row) return name;
          return `<b>${name}</b><br/>${t('grading.customers')}: ${row.customers.toLocaleString()}<br/>${t('grading.revenue')}: ${formatFen(row.revenueFen)}<br/>${t('grading.value')}: ${formatFen(row.valueFen)}`;
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'ascending',
          left: '8%',
          width: '84%',
          top: 8,
          bottom: 8,
          gap: 2,
          minSize: '18%',
          label: {
            position: 'inside',
            color: '#1f1f1f',
            formatter: (p: unknown) => {
              const { name, dataIndex } = p as { name: string; dataIndex: number };
              return `${name}  ${items[dataIndex]?.customers.toLocaleString() ?? ''}`;
            },
          },
          data: items.map((row, i) => ({
            name: label(row.layer),
            // equal-height layers, narrowest on top (diamond)
            value: i + 1,
            itemStyle: { color: layerColors[row.layer] },
          })),
        },
      ],
    };
  }, [pyramid.data, label, t]);

  const shareOption = useMemo<EChartsOption>(() => {
    const items = pyramid.data?.items ?? [];
    const tc = totals?.customers || 1;
    const tr = totals?.revenueFen || 1;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatPercent(Number(v)) },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPercent(v, { digits: 0 }) } },
      yAxis: { type: 'category', inverse: true, data: items.map((i) => label(i.layer)) },
      series: [
        {
          name: t('grading.customers'),
          type: 'bar',
          data: items.map((i) => i.customers / tc),
          itemStyle: { color: '#c9d3e6' },
        },
        {
          name: t('grading.revenue'),
          type: 'bar',
          data: items.map((i) => i.revenueFen / tr),
          itemStyle: { color: '#1456f0' },
        },
      ],
    };
  }, [pyramid.data, totals, label, t]);

  const distItems = distribution.data?.items ?? [];
  const groupLabel = useCallback(
    (i: Distribution['items'][number]) =>
      by === 'industry'
        ? enumLabel(t, 'industry', i.key)
        : ((locale === 'en' ? i.labelEn : i.label) ?? i.label ?? i.key),
    [by, locale, t],
  );
  const distOption = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: distItems.map(groupLabel),
        axisLabel: { interval: 0, rotate: distItems.length > 8 ? 30 : 0 },
      },
      yAxis: { type: 'value' },
      series: (kaOnly ? layers.slice(0, 6) : layers).map((l) => ({
        name: label(l),
        type: 'bar',
        stack: 'layers',
        barMaxWidth: 64,
        emphasis: { focus: 'series' },
        itemStyle: { color: layerColors[l] },
        data: distItems.map((i) => i.layers[l] ?? 0),
      })),
    }),
    [distItems, label, groupLabel, kaOnly],
  );

  const paretoOption = useMemo<EChartsOption>(() => {
    const d = pareto.data;
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (ps: unknown) => {
          const [p] = ps as { value: [number, number] }[];
          return `${t('grading.customers')} ${formatPercent(p.value[0])} → ${t('grading.paretoY')} ${formatPercent(p.value[1])}`;
        },
      },
      grid: { left: 8, right: 24, top: 24, bottom: 28, containLabel: true },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('grading.paretoX'),
        nameLocation: 'middle',
        nameGap: 24,
        axisLabel: { formatter: (v: number) => formatPercent(v, { digits: 0 }) },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => formatPercent(v, { digits: 0 }) },
      },
      series: [
        {
          type: 'line',
          showSymbol: false,
          smooth: true,
          areaStyle: { opacity: 0.12 },
          data: (d?.points ?? []).map((p) => [p.customerShare, p.valueShare]),
          markPoint: d
            ? {
                symbolSize: 44,
                data: [
                  { name: 'top10', coord: [0.1, d.top10Share], value: formatPercent(d.top10Share, { digits: 0 }) },
                  { name: 'top20', coord: [0.2, d.top20Share], value: formatPercent(d.top20Share, { digits: 0 }) },
                ],
              }
            : undefined,
        },
        {
          type: 'line',
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#bfbfbf' },
          data: [
            [0, 0],
            [1, 1],
          ],
          tooltip: { show: false },
        },
      ],
    };
  }, [pareto.data, t]);

  const abcOption = useMemo<EChartsOption>(() => {
    const abc = pareto.data?.abc ?? [];
    const colors: Record<string, string> = { A: '#1456f0', B: '#36b37e', C: '#c9d3e6' };
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}' },
          data: abc
            .filter((a) => a.customers > 0)
            .map((a) => ({
              name: t('grading.abcClass', { cls: a.abcClass }),
              value: a.customers,
              itemStyle: { color: colors[a.abcClass] },
            })),
        },
      ],
    };
  }, [pareto.data, t]);

  const exportPyramid = () =>
    downloadCsv(
      `pyramid-${shown}.csv`,
      [
        t('grading.layerCol'),
        t('grading.customers'),
        t('grading.activeCustomers'),
        t('grading.revenue'),
        t('grading.value'),
      ],
      (pyramid.data?.items ?? []).map((i) => [
        label(i.layer),
        i.customers,
        i.activeCustomers,
        yuan(i.revenueFen),
        yuan(i.valueFen),
      ]),
    );
  const exportDistribution = () =>
    downloadCsv(
      `distribution-${by}-${shown}.csv`,
      ['', ...layers.map(label), t('grading.revenue')],
      distItems.map((i) => [groupLabel(i), ...layers.map((l) => i.layers[l] ?? 0), yuan(i.revenueFen)]),
    );
  const exportPareto = () =>
    downloadCsv(
      `pareto-${shown}.csv`,
      [t('grading.paretoX'), t('grading.paretoY')],
      (pareto.data?.points ?? []).map((p) => [p.customerShare.toFixed(4), p.valueShare.toFixed(4)]),
    );

  return (
    <PageContainer
      title={t('grading.value.title')}
      subTitle={t('grading.value.subtitle')}
      extra={<PeriodPicker value={shown} onChange={(p) => setPeriod(p)} />}
    >
      {!pyramid.isLoading && !graded ? (
        <Card>
          <Empty description={t('grading.notGraded')} />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <StatisticCard.Group direction="row">
            <StatisticCard statistic={{ title: t('grading.totalCustomers'), value: totals?.customers ?? 0 }} />
            <StatisticCard
              statistic={{
                title: t('grading.totalRevenue'),
                value: formatFen(totals?.revenueFen ?? 0, { decimals: false }),
              }}
            />
            <StatisticCard statistic={{ title: t('grading.top10'), value: formatPercent(pareto.data?.top10Share) }} />
            <StatisticCard statistic={{ title: t('grading.top20'), value: formatPercent(pareto.data?.top20Share) }} />
          </StatisticCard.Group>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t('grading.pyramid')} size="small" extra={<CsvButton onClick={exportPyramid} />}>
                <EChart
                  option={pyramidOption}
                  height={340}
                  loading={pyramid.isFetching}
                  onEvents={{
                    click: (p: { dataIndex: number }) => {
                      const row = pyramid.data?.items[p.dataIndex];
                      if (row) setDrill({ query: { period: shown, layer: row.layer }, title: label(row.layer) });
                    },
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={`${t('grading.customers')} / ${t('grading.revenue')} · ${t('grading.share')}`} size="small">
                <EChart option={shareOption} height={340} loading={pyramid.isFetching} />
              </Card>
            </Col>
          </Row>
          <Card
            title={t('grading.distribution')}
            size="small"
            extra={
              <Space>
                <Segmented
                  size="small"
                  value={by}
                  onChange={(v) => setBy(v as 'org_unit' | 'industry')}
                  options={[
                    { value: 'org_unit', label: t('grading.byOrgUnit') },
                    { value: 'industry', label: t('grading.byIndustry') },
                  ]}
                />
                <Checkbox checked={kaOnly} onChange={(e) => setKaOnly(e.target.checked)}>
                  {t('grading.kaOnly')}
                </Checkbox>
                <CsvButton onClick={exportDistribution} />
              </Space>
            }
          >
            <EChart
              option={distOption}
              height={320}
              loading={distribution.isFetching}
              onEvents={{
                click: (p: { dataIndex: number; seriesIndex: number }) => {
                  const item = distItems[p.dataIndex];
                  const layer = (kaOnly ? layers.slice(0, 6) : layers)[p.seriesIndex];
                  if (!item) return;
                  const scope = by === 'org_unit' ? { orgUnitId: Number(item.key) } : { industry: item.key };
                  setDrill({
                    query: { period: shown, layer, ...scope },
                    title: `${groupLabel(item)} · ${label(layer)}`,
                  });
                },
              }}
            />
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <Card title={t('grading.pareto')} size="small" extra={<CsvButton onClick={exportPareto} />}>
                <EChart option={paretoOption} height={320} loading={pareto.isFetching} />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={t('grading.abcSizes')} size="small">
                <EChart
                  option={abcOption}
                  height={320}
                  loading={pareto.isFetching}
                  onEvents={{
                    click: (p: { dataIndex: number }) => {
                      const cls = pareto.data?.abc[p.dataIndex]?.abcClass;
                      if (cls)
                        setDrill({ query: { period: shown, abcClass: cls }, title: t('grading.abcClass', { cls }) });
                    },
                  }}
                />
              </Card>
            </Col>
          </Row>
        </Space>
      )}
      <SegmentDrawer query={drill?.query ?? null} title={drill?.title ?? ''} onClose={() => setDrill(null)} />
    </PageContainer>
  );
}
