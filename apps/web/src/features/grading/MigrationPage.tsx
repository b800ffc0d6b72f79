import { PageContainer, StatisticCard } from '@ant-design/pro-components';
import { Card, Empty, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { EChart, type EChartsOption } from '../../components/EChart';
import { formatFen } from '../../format';
import { useT } from '../../i18n';
import { type Migration, migrationGroups, type SegmentQuery, useMigration } from './api';
import { SegmentDrawer } from './SegmentDrawer';
import { CsvButton, downloadCsv, LayerTag, PeriodPicker, useLayerLabel, yuan } from './shared';

type Cell = Migration['matrix'][number];

/** Migration matrix between two periods (heatmap + table), the migration groups and their customer lists. */
export function MigrationPage() {
  const t = useT();
  const label = useLayerLabel();
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const [drill, setDrill] = useState<{ query: SegmentQuery; title: string } | null>(null);
  const q = useMigration(from, to);
  const d = q.data;
  const states = d?.states ?? [];

  const heatmap = useMemo<EChartsOption>(() => {
    const idx = (s: string) => states.indexOf(s);
    const max = Math.max(1, ...(d?.matrix ?? []).filter((c) => c.fromLayer !== c.toLayer).map((c) => c.customers));
    return {
      tooltip: {
        formatter: (p: unknown) => {
          const { value } = p as { value: [number, number, number, number] };
          return `${label(states[value[1]])} → ${label(states[value[0]])}<br/>${t('grading.customers')}: ${value[2].toLocaleString()}<br/>${t('grading.migration.revenueTo')}: ${formatFen(value[3])}`;
        },
      },
      grid: { left: 36, right: 16, top: 56, bottom: 60, containLabel: true },
      xAxis: {
        type: 'category',
        name: d ? `${t('grading.migration.to')} ${d.to}` : '',
        nameLocation: 'middle',
        nameGap: 28,
        position: 'top',
        data: states.map(label),
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        name: d ? `${t('grading.migration.from')} ${d.from}` : '',
        nameLocation: 'middle',
        nameGap: 72,
        inverse: true,
        data: states.map(label),
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#f0f5ff', '#1456f0'] },
      },
      series: [
        {
          type: 'heatmap',
          label: {
            show: true,
            formatter: (p: unknown) => ((p as { value: number[] }).value[2] || '').toLocaleString(),
          },
          data: (d?.matrix ?? []).map((c) => [idx(c.toLayer), idx(c.fromLayer), c.customers, c.toRevenueFen]),
        },
      ],
    };
  }, [d, states, label, t]);

  const title = (g: string) => `${t(`grading.group.${g}`)} · ${d?.from} → ${d?.to}`;
  const openCell = (c: Cell) =>
    setDrill({
      query: { from: d?.from, period: d?.to, fromLayer: c.fromLayer, toLayer: c.toLayer },
      title: `${label(c.fromLayer)} → ${label(c.toLayer)}`,
    });
  const exportMatrix = () =>
    downloadCsv(
      `migration-${d?.from}-${d?.to}.csv`,
      [
        t('grading.col.from'),
        t('grading.col.to'),
        t('grading.customers'),
        t('grading.migration.revenueFrom'),
        t('grading.migration.revenueTo'),
      ],
      (d?.matrix ?? []).map((c) => [
        label(c.fromLayer),
        label(c.toLayer),
        c.customers,
        yuan(c.fromRevenueFen),
        yuan(c.toRevenueFen),
      ]),
    );

  return (
    <PageContainer
      title={t('grading.migration.title')}
      subTitle={t('grading.migration.subtitle')}
      extra={
        <Space>
          {t('grading.migration.from')}
          <PeriodPicker value={d?.from ?? from} onChange={setFrom} />
          {t('grading.migration.to')}
          <PeriodPicker value={d?.to ?? to} onChange={setTo} />
        </Space>
      }
    >
      {q.isError ? (
        <Card>
          <Empty description={(q.error as Error).message} />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <StatisticCard.Group direction="row">
            {migrationGroups.map((g) => (
              <StatisticCard
                key={g}
                style={{ cursor: 'pointer' }}
                onClick={() => d && setDrill({ query: { from: d.from, period: d.to, group: g }, title: title(g) })}
                statistic={{ title: t(`grading.group.${g}`), value: d?.summary[g] ?? 0 }}
              />
            ))}
          </StatisticCard.Group>
          <Card title={t('grading.migration.heatmap')} size="small" extra={<CsvButton onClick={exportMatrix} />}>
            <EChart
              option={heatmap}
              height={460}
              loading={q.isFetching}
              onEvents={{
                click: (p: { value: number[] }) => {
                  const cell = d?.matrix.find(
                    (c) => c.toLayer === states[p.value[0]] && c.fromLayer === states[p.value[1]],
                  );
                  if (cell) openCell(cell);
                },
              }}
            />
          </Card>
          <Card title={t('grading.migration.table')} size="small">
            <Table<Cell>
              size="small"
              rowKey={(c) => `${c.fromLayer}-${c.toLayer}`}
              dataSource={(d?.matrix ?? [])
                .filter((c) => c.fromLayer !== c.toLayer)
                .sort((a, b) => b.customers - a.customers)}
              pagination={{ pageSize: 10 }}
              onRow={(c) => ({ onClick: () => openCell(c), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('grading.col.from'), dataIndex: 'fromLayer', render: (v) => <LayerTag layer={v} /> },
                { title: t('grading.col.to'), dataIndex: 'toLayer', render: (v) => <LayerTag layer={v} /> },
                {
                  title: t('grading.customers'),
                  dataIndex: 'customers',
                  align: 'right',
                  render: (v: number) => v.toLocaleString(),
                },
                {
                  title: t('grading.migration.revenueFrom'),
                  dataIndex: 'fromRevenueFen',
                  align: 'right',
                  render: (v: number) => formatFen(v),
                },
                {
                  title: t('grading.migration.revenueTo'),
                  dataIndex: 'toRevenueFen',
                  align: 'right',
                  render: (v: number) => formatFen(v),
                },
              ]}
            />
          </Card>
        </Space>
      )}
      <SegmentDrawer query={drill?.query ?? null} title={drill?.title ?? ''} onClose={() => setDrill(null)} />
    </PageContainer>
  );
}
