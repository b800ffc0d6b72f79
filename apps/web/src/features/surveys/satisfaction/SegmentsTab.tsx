import { Button, Card, Empty, Radio, Result, Space, Table } from 'antd';
import { useState } from 'react';
import { chartColors, EChart } from '../../../components/EChart';
import { formatPercent } from '../../../format';
import { apiErrorText } from '../../../forms';
import { useT } from '../../../i18n';
import { type AnswersQuery, type IndicesQuery, type Segment, type Source, useIndices } from '../analytics-api';
import { AnswersDrawer } from './AnswersDrawer';
import { fixed, nowrap, SegmentPicker, segmentText } from './shared';

/** CSAT, NPS and response rate by segment over the period; a row opens the answers behind it. */
export function SegmentsTab({ from, to }: { from: string; to: string }) {
  const t = useT();
  const [segment, setSegment] = useState<Segment>('tier');
  const [source, setSource] = useState<Source>('callback');
  const query: IndicesQuery = { from, to, period: 'all', segment, source };
  const q = useIndices(query);
  const [drill, setDrill] = useState<AnswersQuery | null>(null);
  // One row per segment over the whole period, as the server computes it.
  const bySegment = (q.data?.rows ?? []).map((r) => ({ ...r, key: r.segment ?? '', label: r.segmentLabel ?? null }));
  const labelOf = (key: string, label: string | null) => segmentText(t, segment, key, label);
  return (
    <Card
      size="small"
      title={t('surveys.sat.bySegment')}
      extra={
        <Space>
          <Radio.Group
            size="small"
            value={source}
            onChange={(e) => setSource(e.target.value)}
            optionType="button"
            options={(['callback', 'wave', 'all'] as const).map((v) => ({
              value: v,
              label: t(`surveys.sat.source.${v}`),
            }))}
          />
          <SegmentPicker t={t} value={segment} onChange={setSegment} />
        </Space>
      }
    >
      {q.error ? (
        <Result status="error" subTitle={apiErrorText(q.error, t)} />
      ) : bySegment.length === 0 && !q.isLoading ? (
        <Empty description={t('surveys.dash.empty')} />
      ) : (
        <>
          <EChart
            height={280}
            loading={q.isLoading}
            option={{
              color: [chartColors[0], chartColors[1]],
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 48, right: 48, top: 36, bottom: 48 },
              xAxis: {
                type: 'category',
                data: bySegment.map((s) => labelOf(s.key, s.label)),
                axisLabel: { interval: 0, rotate: bySegment.length > 8 ? 30 : 0 },
              },
              yAxis: [
                { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                { type: 'value', min: -100, max: 100 },
              ],
              series: [
                {
                  name: t('surveys.sat.csatT2b'),
                  type: 'bar',
                  data: bySegment.map((s) => +(s.csatTopTwoBox * 100).toFixed(1)),
                },
                { name: 'NPS', type: 'bar', yAxisIndex: 1, data: bySegment.map((s) => +s.nps.toFixed(1)) },
              ],
            }}
            onEvents={{
              click: (p: { dataIndex: number }) => {
                const s = bySegment[p.dataIndex];
                if (s) setDrill({ ...query, segmentValue: s.key, offset: 0 });
              },
            }}
          />
          <Table
            size="small"
            rowKey="key"
            loading={q.isLoading}
            pagination={false}
            dataSource={bySegment}
            onRow={(s) => ({
              onClick: () => setDrill({ ...query, segmentValue: s.key, offset: 0 }),
              style: { cursor: 'pointer' },
            })}
            columns={[
              {
                title: t(`surveys.sat.segment.${segment}`),
                key: 'label',
                render: (_, s) => labelOf(s.key, s.label),
                onCell: () => ({ style: nowrap }),
              },
              { title: t('surveys.sat.sent'), dataIndex: 'sent', align: 'right' },
              { title: t('surveys.sat.answered'), dataIndex: 'answered', align: 'right' },
              {
                title: t('surveys.dash.responseRate'),
                dataIndex: 'responseRate',
                align: 'right',
                render: (v) => formatPercent(v),
              },
              {
                title: t('surveys.sat.csatT2b'),
                dataIndex: 'csatTopTwoBox',
                align: 'right',
                render: (v) => formatPercent(v),
              },
              { title: t('surveys.sat.csatMean'), dataIndex: 'csatMean', align: 'right', render: (v) => fixed(v) },
              { title: 'NPS', dataIndex: 'nps', align: 'right', render: (v) => fixed(v, 1) },
              {
                title: t('surveys.sat.dissatisfied'),
                dataIndex: 'dissatisfied',
                align: 'right',
                render: (v, s) =>
                  v > 0 ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={(e) => {
                        e.stopPropagation();
                        setDrill({ ...query, segmentValue: s.key, dissatisfied: true, offset: 0 });
                      }}
                    >
                      {v}
                    </Button>
                  ) : (
                    v
                  ),
              },
            ]}
          />
        </>
      )}
      <AnswersDrawer query={drill} onChange={setDrill} />
    </Card>
  );
}
