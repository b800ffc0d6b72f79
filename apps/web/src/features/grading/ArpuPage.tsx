import { PageContainer } from '@ant-design/pro-components';
import { Card, Segmented, Space, Table } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { EChart, type EChartsOption } from '../../components/EChart';
import { formatFen } from '../../format';
import { enumLabel, useLocale, useT } from '../../i18n';
import { type Arpu, type ArpuDimension, useArpu } from './api';
import { CsvButton, compactYuan, downloadCsv, PeriodPicker, useLayerLabel, yuan } from './shared';

const dimensions: ArpuDimension[] = ['total', 'category', 'tier', 'industry', 'org_unit'];

/** ARPU per customer and ARPA per account over time, split by category, value layer, industry or org unit. */
export function ArpuPage() {
  const t = useT();
  const { locale } = useLocale();
  const layerLabel = useLayerLabel();
  const [by, setBy] = useState<ArpuDimension>('category');
  const [metric, setMetric] = useState<'arpuFen' | 'arpaFen'>('arpuFen');
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const q = useArpu(by, from, to);
  const d = q.data;

  const keyLabel = useCallback(
    (item: Arpu['items'][number]) => {
      switch (by) {
        case 'total':
          return t('grading.arpu.dim.total');
        case 'category':
          return enumLabel(t, 'category', item.key);
        case 'tier':
          return item.key === 'ungraded' ? layerLabel(null) : layerLabel(item.key);
        case 'industry':
          return enumLabel(t, 'industry', item.key);
        default:
          return item.label ?? item.key;
      }
    },
    [by, t, layerLabel],
  );

  const option = useMemo<EChartsOption>(() => {
    const items = d?.items ?? [];
    const keys = [...new Set(items.map((i) => i.key))];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatFen(Number(v) * 100) },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d?.periods ?? [] },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactYuan(v, locale) } },
      series: keys.map((k) => {
        const first = items.find((i) => i.key === k)!;
        return {
          name: keyLabel(first),
          type: 'line',
          smooth: true,
          data: (d?.periods ?? []).map((p) => {
            const row = items.find((i) => i.key === k && i.period === p);
            return row ? yuan(row[metric]) : null;
          }),
        };
      }),
    };
  }, [d, metric, locale, keyLabel]);

  const exportCsv = () =>
    downloadCsv(
      `arpu-${by}-${d?.from}-${d?.to}.csv`,
      [
        t('grading.period'),
        t('grading.arpu.by'),
        t('grading.customers'),
        t('grading.arpu.accounts'),
        t('grading.revenue'),
        'ARPU',
        'ARPA',
      ],
      (d?.items ?? []).map((i) => [
        i.period,
        keyLabel(i),
        i.customers,
        i.accounts,
        yuan(i.revenueFen),
        yuan(i.arpuFen),
        yuan(i.arpaFen),
      ]),
    );

  return (
    <PageContainer
      title={t('grading.arpu.title')}
      subTitle={t('grading.arpu.subtitle')}
      extra={
        <Space>
          {t('grading.arpu.range')}
          <PeriodPicker value={d?.from ?? from} onChange={setFrom} />
          <PeriodPicker value={d?.to ?? to} onChange={setTo} />
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card
          size="small"
          title={
            <Segmented
              value={metric}
              onChange={(v) => setMetric(v as 'arpuFen' | 'arpaFen')}
              options={[
                { value: 'arpuFen', label: t('grading.arpu.arpu') },
                { value: 'arpaFen', label: t('grading.arpu.arpa') },
              ]}
            />
          }
          extra={
            <Space>
              {t('grading.arpu.by')}
              <Segmented
                size="small"
                value={by}
                onChange={(v) => setBy(v as ArpuDimension)}
                options={dimensions.map((k) => ({ value: k, label: t(`grading.arpu.dim.${k}`) }))}
              />
              <CsvButton onClick={exportCsv} />
            </Space>
          }
        >
          <EChart option={option} height={380} loading={q.isFetching} />
        </Card>
        <Card size="small" title={t('grading.arpu.table')}>
          <Table
            size="small"
            rowKey={(i) => `${i.period}-${i.key}`}
            dataSource={[...(d?.items ?? [])].reverse()}
            pagination={{ pageSize: 12 }}
            columns={[
              { title: t('grading.period'), dataIndex: 'period', width: 100 },
              { title: t('grading.arpu.by'), dataIndex: 'key', render: (_, i) => keyLabel(i) },
              {
                title: t('grading.customers'),
                dataIndex: 'customers',
                align: 'right',
                render: (v: number) => v.toLocaleString(),
              },
              {
                title: t('grading.arpu.accounts'),
                dataIndex: 'accounts',
                align: 'right',
                render: (v: number) => v.toLocaleString(),
              },
              {
                title: t('grading.revenue'),
                dataIndex: 'revenueFen',
                align: 'right',
                render: (v: number) => formatFen(v),
              },
              { title: 'ARPU', dataIndex: 'arpuFen', align: 'right', render: (v: number) => formatFen(v) },
              { title: 'ARPA', dataIndex: 'arpaFen', align: 'right', render: (v: number) => formatFen(v) },
            ]}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
