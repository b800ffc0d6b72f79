import { Card, Empty, Result, Table } from 'antd';
import { useState } from 'react';
import { chartColors, EChart } from '../../../components/EChart';
import { formatPercent } from '../../../format';
import { apiErrorText } from '../../../forms';
import { useT } from '../../../i18n';
import type { Segment } from '../analytics-api';
import { useCallbackFunnel } from '../api';
import { fixed, nowrap, SegmentPicker, segmentText } from './shared';

const stages = ['sent', 'answered', 'dissatisfied', 'recovered'] as const;

/** The callback funnel per segment (tier, category, org unit, ...): each stage and rate as the server computes it. */
export function FunnelSegments({ from, to }: { from: string; to: string }) {
  const t = useT();
  const [segment, setSegment] = useState<Segment>('category');
  const q = useCallbackFunnel(from, to, segment);
  const rows = (q.data?.segments ?? []).map((r) => ({
    ...r,
    key: r.segment ?? '',
    name: segmentText(t, segment, r.segment, r.segmentLabel),
  }));
  return (
    <Card
      size="small"
      title={t('surveys.dash.funnelBySegment')}
      extra={<SegmentPicker t={t} value={segment} onChange={setSegment} />}
    >
      {q.error ? (
        <Result status="error" subTitle={apiErrorText(q.error, t)} />
      ) : rows.length === 0 && !q.isLoading ? (
        <Empty description={t('surveys.dash.empty')} />
      ) : (
        <>
          <EChart
            height={280}
            loading={q.isLoading}
            option={{
              color: [chartColors[0], chartColors[1], chartColors[6], chartColors[2]],
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 48, right: 24, top: 36, bottom: 48 },
              xAxis: {
                type: 'category',
                data: rows.map((r) => r.name),
                axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
              },
              yAxis: { type: 'value' },
              series: stages.map((stage) => ({
                name: t(`surveys.dash.stage.${stage}`),
                type: 'bar' as const,
                data: rows.map((r) => r[stage]),
              })),
            }}
          />
          <Table
            size="small"
            rowKey="key"
            loading={q.isLoading}
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: t(`surveys.sat.segment.${segment}`),
                dataIndex: 'name',
                onCell: () => ({ style: nowrap }),
              },
              ...stages.map((stage) => ({
                title: t(`surveys.dash.stage.${stage}`),
                dataIndex: stage,
                align: 'right' as const,
              })),
              {
                title: t('surveys.dash.responseRate'),
                dataIndex: 'responseRate',
                align: 'right',
                render: (v: number) => formatPercent(v),
              },
              {
                title: t('surveys.dash.recoveryRate'),
                dataIndex: 'recoveryRate',
                align: 'right',
                render: (v: number, r) => (r.dissatisfied ? formatPercent(v) : '—'),
              },
              {
                title: t('surveys.sat.csatT2b'),
                dataIndex: 'csatTopTwoBox',
                align: 'right',
                render: (v: number) => formatPercent(v),
              },
              { title: 'NPS', dataIndex: 'nps', align: 'right', render: (v: number) => fixed(v, 1) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
