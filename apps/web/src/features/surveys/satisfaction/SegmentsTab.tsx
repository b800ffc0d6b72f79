import { Button, Card, Empty, Radio, Result, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { chartColors, EChart } from '../../../components/EChart';
import { formatPercent } from '../../../format';
import { apiErrorText } from '../../../forms';
import { useT } from '../../../i18n';
import {
  type AnswersQuery,
  type IndexRow,
  type IndicesQuery,
  type Segment,
  type Source,
  segments,
  useIndices,
} from '../analytics-api';
import { AnswersDrawer } from './AnswersDrawer';
import { fixed, nowrap, segLabel } from './shared';

/** CSAT, NPS and response rate by segment over the period; a row opens the answers behind it. */
export function SegmentsTab({ from, to }: { from: string; to: string }) {
  const t = useT();
  const [segment, setSegment] = useState<Segment>('tier');
  const [source, setSource] = useState<Source>('callback');
  const query: IndicesQuery = { from, to, period: 'quarter', segment, source };
  const q = useIndices(query);
  const [drill, setDrill] = useState<AnswersQuery | null>(null);
  // One row per segment over the whole period.
  const bySegment = useMemo(() => {
    const m = new Map<string, IndexRow[]>();
    for (const r of q.data?.rows ?? []) {
      const k = r.segment ?? '';
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return [...m.entries()].map(([key, rows]) => {
      const sum = (f: (r: IndexRow) => number) => rows.reduce((s, r) => s + f(r), 0);
      const csatN = sum((r) => r.csatN);
      const npsN = sum((r) => r.npsN);
      const sent = sum((r) => r.sent);
      const answered = sum((r) => r.answered);
      return {
        key,
        label: rows[0].segmentLabel ?? null,
        sent,
        answered,
        responseRate: sent ? answered / sent : 0,
        dissatisfied: sum((r) => r.dissatisfied),
        csatMean: csatN ? sum((r) => r.csatMean * r.csatN) / csatN : 0,
        csatTopTwoBox: csatN ? sum((r) => r.csatTopTwoBox * r.csatN) / csatN : 0,
        nps: npsN ? ((sum((r) => r.promoters * r.npsN) - sum((r) => r.detractors * r.npsN)) / npsN) * 100 : 0,
      };
    });
  }, [q.data]);
  const labelOf = (key: string, label: string | null) =>
    key === ''
      ? t('surveys.sat.segmentNone')
      : segment === 'org_unit' || segment === 'account_manager'
        ? (label ?? key)
        : segLabel(t, segment, key);
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
          <Select
            size="small"
            style={{ width: 140 }}
            value={segment}
            onChange={setSegment}
            options={segments.map((v) => ({ value: v, label: t(`surveys.sat.segment.${v}`) }))}
          />
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
