// The satisfaction dashboard's analysis tabs: trends (CSAT / NPS by month, CSI by wave), segments with drill-down to
// the answers, importance-performance quadrants with the action list, and the ECSI PLS model diagram.
import { Button, Card, Col, Drawer, Empty, Radio, Result, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { chartColors, EChart } from '../../components/EChart';
import { formatDateTime, formatPercent } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import {
  type AnswersQuery,
  type IndexRow,
  type IndicesQuery,
  type IpaQuadrant,
  type Period,
  type PlsResult,
  type Segment,
  type Source,
  segments,
  useAnswers,
  useIndices,
  useIpa,
  useLoyalty,
  usePls,
  useWaveSummaries,
} from './analytics-api';
import { CustomerLink } from './CustomerName';
import { reasonText } from './labels';

const nowrap = { whiteSpace: 'nowrap' as const };
const fixed = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : v.toFixed(d));

/** CSAT top-2-box and NPS by month (callbacks), and per wave CSAT, NPS and the PLS CSI with its interval. */
export function TrendsTab({ from, to }: { from: string; to: string }) {
  const t = useT();
  const monthly = useIndices({ from, to, period: 'month', segment: 'none', source: 'callback' });
  const waves = useWaveSummaries();
  const closed = (waves.data ?? []).filter((w) => w.answered > 2);
  const last = closed.at(-1)?.id;
  const plsLast = usePls(last, 0);
  const csiByWave = useCsiOfWaves(closed.map((w) => w.id));
  const rows = monthly.data?.rows ?? [];
  if (monthly.error) return <Result status="error" subTitle={apiErrorText(monthly.error, t)} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('surveys.sat.trendCallbacks')} loading={monthly.isLoading}>
        {rows.length === 0 ? (
          <Empty description={t('surveys.dash.empty')} />
        ) : (
          <EChart
            height={300}
            option={{
              color: [chartColors[0], chartColors[1], chartColors[2]],
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 48, right: 56, top: 36, bottom: 28 },
              xAxis: { type: 'category', data: rows.map((r) => r.period) },
              yAxis: [
                {
                  type: 'value',
                  name: t('surveys.sat.csatT2b'),
                  min: 0,
                  max: 100,
                  axisLabel: { formatter: '{value}%' },
                },
                { type: 'value', name: 'NPS', min: -100, max: 100 },
              ],
              series: [
                {
                  name: t('surveys.sat.csatT2b'),
                  type: 'line',
                  smooth: true,
                  data: rows.map((r) => +(r.csatTopTwoBox * 100).toFixed(1)),
                },
                { name: 'NPS', type: 'line', smooth: true, yAxisIndex: 1, data: rows.map((r) => +r.nps.toFixed(1)) },
                {
                  name: t('surveys.dash.responseRate'),
                  type: 'bar',
                  barWidth: 10,
                  data: rows.map((r) => +(r.responseRate * 100).toFixed(1)),
                },
              ],
            }}
          />
        )}
      </Card>
      <Card size="small" title={t('surveys.sat.trendWaves')} loading={waves.isLoading}>
        {closed.length === 0 ? (
          <Empty description={t('surveys.sat.noWaves')} />
        ) : (
          <Row gutter={16}>
            <Col span={16}>
              <EChart
                height={300}
                option={{
                  color: [chartColors[3], chartColors[0], chartColors[1]],
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 48, right: 56, top: 36, bottom: 28 },
                  xAxis: { type: 'category', data: closed.map((w) => w.quarter) },
                  yAxis: [
                    { type: 'value', name: 'CSI', min: 0, max: 100 },
                    { type: 'value', name: 'NPS', min: -100, max: 100 },
                  ],
                  series: [
                    {
                      name: 'CSI',
                      type: 'line',
                      data: closed.map((w) => {
                        const v = csiByWave[w.id];
                        return v === undefined ? null : +v.toFixed(1);
                      }),
                      label: { show: true },
                    },
                    {
                      name: t('surveys.sat.csatT2b'),
                      type: 'bar',
                      barWidth: 14,
                      data: closed.map((w) => +(w.csatTopTwoBox * 100).toFixed(1)),
                    },
                    {
                      name: 'NPS',
                      type: 'line',
                      yAxisIndex: 1,
                      data: closed.map((w) => +w.nps.toFixed(1)),
                    },
                  ],
                }}
              />
            </Col>
            <Col span={8}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={closed}
                columns={[
                  { title: t('surveys.sat.quarter'), dataIndex: 'quarter', onCell: () => ({ style: nowrap }) },
                  { title: t('surveys.dash.responseRate'), dataIndex: 'responseRate', render: (v) => formatPercent(v) },
                  { title: t('surveys.sat.ratio'), dataIndex: 'satisfactionRatio', render: (v) => fixed(v) },
                  {
                    title: 'CSI',
                    key: 'csi',
                    render: (_, w) => fixed(csiByWave[w.id], 1),
                  },
                ]}
              />
              {plsLast.data ? (
                <Typography.Text type="secondary">
                  {t('surveys.sat.csiNote', { n: plsLast.data.n, quarter: plsLast.data.quarter })}
                </Typography.Text>
              ) : null}
            </Col>
          </Row>
        )}
      </Card>
    </Space>
  );
}

/** The CSI of each wave (PLS without bootstrap; cached per wave). */
function useCsiOfWaves(ids: number[]): Record<number, number> {
  const a = usePls(ids[0], 0);
  const b = usePls(ids[1], 0);
  const c = usePls(ids[2], 0);
  const d = usePls(ids[3], 0);
  const e = usePls(ids[4], 0);
  const f = usePls(ids[5], 0);
  const out: Record<number, number> = {};
  for (const q of [a, b, c, d, e, f]) if (q.data) out[q.data.waveId] = q.data.csi;
  return out;
}

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

function labelOr(t: ReturnType<typeof useT>, key: string, fallback: string) {
  const v = t(key);
  return v === key ? fallback : v;
}
const segmentKey: Partial<Record<Segment, string>> = {
  tier: 'ka.tier',
  category: 'enum.category',
  industry: 'enum.industry',
  channel: 'surveys.channel',
  ticket_type: 'sd.type',
};
/** A segment value in words (tiers, categories, industries, channels, ticket types), else as given. */
const segLabel = (t: ReturnType<typeof useT>, segment: Segment, key: string) =>
  segmentKey[segment] ? labelOr(t, `${segmentKey[segment]}.${key}`, t('surveys.unknownValue')) : key;

/** The answers behind a cell, 20 a page; the number is masked for roles without personal data. */
function AnswersDrawer({
  query,
  onChange,
}: {
  query: AnswersQuery | null;
  onChange: (q: AnswersQuery | null) => void;
}) {
  const t = useT();
  const q = useAnswers(query);
  return (
    <Drawer width={960} open={query !== null} onClose={() => onChange(null)} title={t('surveys.sat.answers')}>
      {q.error ? (
        <Result status="error" subTitle={apiErrorText(q.error, t)} />
      ) : (
        <Table
          size="small"
          rowKey="invitationId"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={{
            pageSize: 20,
            total: q.data?.total ?? 0,
            current: query ? query.offset / 20 + 1 : 1,
            showSizeChanger: false,
            onChange: (page) => query && onChange({ ...query, offset: (page - 1) * 20 }),
          }}
          columns={[
            {
              title: t('surveys.sat.answeredAt'),
              dataIndex: 'answeredAt',
              render: (v) => formatDateTime(v),
              onCell: () => ({ style: nowrap }),
            },
            {
              title: t('surveys.sat.customer'),
              key: 'customer',
              render: (_, a) => <CustomerLink customerId={a.customerId} name={a.customerName} />,
              onCell: () => ({ style: nowrap }),
            },
            { title: t('surveys.sat.phone'), dataIndex: 'phone', onCell: () => ({ style: nowrap }) },
            {
              title: t('surveys.sat.channel'),
              dataIndex: 'channel',
              render: (v) => segLabel(t, 'channel', v),
              onCell: () => ({ style: nowrap }),
            },
            { title: 'CSAT', dataIndex: 'csat', align: 'right' },
            {
              title: t('surveys.sat.recommend'),
              dataIndex: 'recommend',
              align: 'right',
              onHeaderCell: () => ({ style: nowrap }),
            },
            {
              title: t('surveys.sat.reasons'),
              key: 'reasons',
              render: (_, a) =>
                a.dissatisfied ? (
                  a.reasons.map((r) => (
                    <Tag key={r} color="red">
                      {reasonText(t, r)}
                    </Tag>
                  ))
                ) : (
                  <Tag color="green">{t('surveys.sat.satisfied')}</Tag>
                ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}

function WavePicker({ value, onChange }: { value?: number; onChange: (id: number) => void }) {
  const waves = useWaveSummaries();
  return (
    <Select
      size="small"
      style={{ width: 240 }}
      value={value}
      loading={waves.isLoading}
      onChange={onChange}
      options={(waves.data ?? []).filter((w) => w.answered > 2).map((w) => ({ value: w.id, label: w.name }))}
    />
  );
}

function useDefaultWave() {
  const waves = useWaveSummaries();
  const [picked, setPicked] = useState<number>();
  const latest = (waves.data ?? []).filter((w) => w.answered > 2).at(-1)?.id;
  return [picked ?? latest, setPicked] as const;
}

const quadrantColor: Record<IpaQuadrant, string> = {
  fix_first: '#f5222d',
  keep_up: '#36b37e',
  possible_overkill: '#faad14',
  low_priority: '#8c8c8c',
};

/** Importance-performance quadrants split at the grand means, the ranked action list and the satisfaction ratios. */
export function IpaTab() {
  const t = useT();
  const { locale } = useLocale();
  const [waveId, setWaveId] = useDefaultWave();
  const [importance, setImportance] = useState<'stated' | 'derived'>('stated');
  const q = useIpa(waveId, importance);
  const d = q.data;
  const name = (i: { zh: string; en: string }) => (locale === 'zh-CN' ? i.zh : i.en);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('surveys.sat.ipa')}
        extra={
          <Space>
            <WavePicker value={waveId} onChange={setWaveId} />
            <Radio.Group
              size="small"
              optionType="button"
              value={importance}
              onChange={(e) => setImportance(e.target.value)}
              options={[
                { value: 'stated', label: t('surveys.sat.importance.stated') },
                { value: 'derived', label: t('surveys.sat.importance.derived') },
              ]}
            />
          </Space>
        }
      >
        {q.error ? (
          <Result status="error" subTitle={apiErrorText(q.error, t)} />
        ) : waveId === undefined ? (
          <Empty description={t('surveys.sat.noWaves')} />
        ) : (
          <Row gutter={16}>
            <Col span={13}>
              <EChart
                height={400}
                loading={q.isLoading}
                option={
                  d
                    ? {
                        tooltip: {
                          formatter: (p: unknown) => {
                            const v = (p as { data: { name: string; value: number[] } }).data;
                            return `${v.name}<br/>${t('surveys.sat.importanceAxis')}：${v.value[0].toFixed(2)}<br/>${t('surveys.sat.performanceAxis')}：${v.value[1].toFixed(2)}`;
                          },
                        },
                        grid: { left: 56, right: 90, top: 24, bottom: 48 },
                        xAxis: {
                          name: t('surveys.sat.importanceAxis'),
                          nameLocation: 'middle',
                          nameGap: 28,
                          scale: true,
                        },
                        yAxis: {
                          name: t('surveys.sat.performanceAxis'),
                          nameLocation: 'middle',
                          nameGap: 36,
                          scale: true,
                        },
                        series: [
                          {
                            type: 'scatter',
                            symbolSize: 16,
                            data: d.items.map((i) => ({
                              name: name(i),
                              value: [i.importance, i.performance],
                              itemStyle: { color: quadrantColor[i.quadrant] },
                            })),
                            label: { show: true, position: 'right', formatter: '{b}', fontSize: 11 },
                            markLine: {
                              silent: true,
                              symbol: 'none',
                              lineStyle: { type: 'dashed', color: '#999' },
                              label: { show: false },
                              data: [{ xAxis: d.importanceMean }, { yAxis: d.performanceMean }],
                            },
                          },
                        ],
                        graphic: (
                          [
                            ['fix_first', { right: 100, bottom: 60 }],
                            ['keep_up', { right: 100, top: 30 }],
                            ['possible_overkill', { left: 68, top: 30 }],
                            ['low_priority', { left: 68, bottom: 60 }],
                          ] as const
                        ).map(([quad, at]) => ({
                          type: 'text' as const,
                          ...at,
                          style: {
                            text: t(`surveys.sat.quadrant.${quad}`),
                            fill: quadrantColor[quad],
                            font: '12px sans-serif',
                          },
                        })),
                      }
                    : {}
                }
              />
            </Col>
            <Col span={11}>
              <Typography.Title level={5}>{t('surveys.sat.actions')}</Typography.Title>
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                loading={q.isLoading}
                dataSource={d?.items ?? []}
                columns={[
                  { title: '#', dataIndex: 'rank', width: 40 },
                  {
                    title: t('surveys.sat.attribute'),
                    key: 'name',
                    render: (_, i) => name(i),
                    onCell: () => ({ style: nowrap }),
                  },
                  {
                    title: t('surveys.sat.quadrantCol'),
                    dataIndex: 'quadrant',
                    render: (v: IpaQuadrant) => <Tag color={quadrantColor[v]}>{t(`surveys.sat.quadrant.${v}`)}</Tag>,
                    onCell: () => ({ style: nowrap }),
                  },
                  {
                    title: t('surveys.sat.importanceAxis'),
                    dataIndex: 'importance',
                    align: 'right',
                    render: (v) => fixed(v),
                  },
                  {
                    title: t('surveys.sat.performanceAxis'),
                    dataIndex: 'performance',
                    align: 'right',
                    render: (v) => fixed(v),
                  },
                ]}
              />
            </Col>
          </Row>
        )}
      </Card>
      {d && d.ratio.attributes.length > 0 ? (
        <Card
          size="small"
          title={t('surveys.sat.ratioTitle', {
            low: d.ratio.band.low,
            high: d.ratio.band.high,
          })}
        >
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={d.ratio.attributes}
            columns={[
              {
                title: t('surveys.sat.attribute'),
                dataIndex: 'attribute',
                render: (v) => labelOr(t, `surveys.sat.ratioAttr.${v}`, v),
                onCell: () => ({ style: nowrap }),
              },
              { title: t('surveys.sat.expected'), dataIndex: 'expected', align: 'right', render: (v) => fixed(v) },
              { title: t('surveys.sat.perceived'), dataIndex: 'perceived', align: 'right', render: (v) => fixed(v) },
              { title: t('surveys.sat.ratio'), dataIndex: 'ratio', align: 'right', render: (v) => fixed(v, 3) },
              {
                title: t('surveys.sat.level'),
                dataIndex: 'level',
                render: (v: string) => (
                  <Tag color={v === 'dissatisfied' ? 'red' : v === 'satisfied' ? 'blue' : 'green'}>
                    {t(`surveys.sat.levelValue.${v}`)}
                  </Tag>
                ),
              },
              {
                title: t('surveys.sat.shares'),
                key: 'shares',
                render: (_, a) =>
                  t('surveys.sat.sharesText', {
                    d: formatPercent(a.shares.dissatisfied),
                    s: formatPercent(a.shares.satisfied),
                    h: formatPercent(a.shares.highly_satisfied),
                  }),
              },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}

/** Node positions of the ECSI diagram (x, y in a 0-100 box). */
const layout: Record<string, [number, number]> = {
  image: [10, 15],
  expectation: [10, 60],
  quality: [30, 92],
  value: [45, 55],
  satisfaction: [62, 30],
  complaints: [80, 70],
  loyalty: [92, 20],
};

/** The ECSI PLS model of a wave: the diagram with path coefficients and R², bootstrap intervals and loyalty types. */
export function PlsTab() {
  const t = useT();
  const [waveId, setWaveId] = useDefaultWave();
  const [bootstrap, setBootstrap] = useState(200);
  const q = usePls(waveId, bootstrap);
  const loyalty = useLoyalty(waveId);
  const d = q.data;
  const lv = (k: string) => labelOr(t, `surveys.sat.construct.${k}`, k);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('surveys.sat.pls')}
        extra={
          <Space>
            <WavePicker value={waveId} onChange={setWaveId} />
            <Select
              size="small"
              style={{ width: 150 }}
              value={bootstrap}
              onChange={setBootstrap}
              options={[0, 200, 1000].map((n) => ({ value: n, label: t('surveys.sat.bootstrapN', { n }) }))}
            />
          </Space>
        }
      >
        {q.error ? (
          <Result status="warning" subTitle={apiErrorText(q.error, t)} />
        ) : waveId === undefined ? (
          <Empty description={t('surveys.sat.noWaves')} />
        ) : (
          <Row gutter={16}>
            <Col span={15}>
              <EChart height={440} loading={q.isLoading} option={d ? plsDiagram(d, lv) : {}} />
            </Col>
            <Col span={9}>
              {d ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Title level={3} style={{ margin: 0 }}>
                    CSI {d.csi.toFixed(1)}
                    {d.csiLower !== null ? (
                      <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
                        {t('surveys.sat.ci', { lo: d.csiLower.toFixed(1), hi: (d.csiUpper ?? 0).toFixed(1) })}
                      </Typography.Text>
                    ) : null}
                  </Typography.Title>
                  <Typography.Text type="secondary">
                    {t('surveys.sat.plsMeta', { n: d.n, gof: d.gof.toFixed(3), ms: d.durationMs })}
                  </Typography.Text>
                  <Table
                    size="small"
                    rowKey={(p) => `${p.from}-${p.to}`}
                    pagination={false}
                    dataSource={d.paths}
                    columns={[
                      {
                        title: t('surveys.sat.path'),
                        key: 'path',
                        render: (_, p) => `${lv(p.from)} → ${lv(p.to)}`,
                        onCell: () => ({ style: nowrap }),
                      },
                      { title: t('surveys.sat.coef'), dataIndex: 'coef', align: 'right', render: (v) => fixed(v, 3) },
                      {
                        title: t('surveys.sat.ciCol'),
                        key: 'ci',
                        render: (_, p) =>
                          p.lower === null ? (
                            '—'
                          ) : (
                            <Typography.Text type={p.lower > 0 || (p.upper ?? 0) < 0 ? undefined : 'secondary'}>
                              [{p.lower.toFixed(2)}, {(p.upper ?? 0).toFixed(2)}]
                            </Typography.Text>
                          ),
                        onCell: () => ({ style: nowrap }),
                      },
                    ]}
                  />
                </Space>
              ) : null}
            </Col>
          </Row>
        )}
      </Card>
      {d ? (
        <Row gutter={16}>
          <Col span={14}>
            <Card size="small" title={t('surveys.sat.quality')}>
              <Table
                size="small"
                rowKey="lv"
                pagination={false}
                dataSource={Object.keys(d.blocks).map((k) => ({
                  lv: k,
                  items: d.blocks[k].length,
                  r2: d.r2[k],
                  ave: d.ave[k],
                  cr: d.compositeReliability[k],
                  index: d.indices[k],
                }))}
                columns={[
                  {
                    title: t('surveys.sat.constructCol'),
                    dataIndex: 'lv',
                    render: lv,
                    onCell: () => ({ style: nowrap }),
                  },
                  { title: t('surveys.sat.items'), dataIndex: 'items', align: 'right' },
                  { title: 'R²', dataIndex: 'r2', align: 'right', render: (v) => (v ? fixed(v, 3) : '—') },
                  { title: 'AVE', dataIndex: 'ave', align: 'right', render: (v) => fixed(v, 3) },
                  { title: t('surveys.sat.cr'), dataIndex: 'cr', align: 'right', render: (v) => fixed(v, 3) },
                  { title: t('surveys.sat.index'), dataIndex: 'index', align: 'right', render: (v) => fixed(v, 1) },
                ]}
              />
            </Card>
          </Col>
          <Col span={10}>
            <Card size="small" title={t('surveys.sat.loyalty')} loading={loyalty.isLoading}>
              {loyalty.data ? (
                <EChart
                  height={260}
                  option={{
                    color: [chartColors[1], chartColors[0], chartColors[2], '#bfbfbf'],
                    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
                    legend: { bottom: 0 },
                    series: [
                      {
                        type: 'pie',
                        radius: ['40%', '68%'],
                        top: -20,
                        label: { formatter: '{b} {c}' },
                        data: (['true', 'latent', 'spurious', 'none'] as const).map((k) => ({
                          name: t(`surveys.sat.loyaltyType.${k}`),
                          value: loyalty.data.counts[k],
                        })),
                      },
                    ],
                  }}
                />
              ) : null}
            </Card>
          </Col>
        </Row>
      ) : null}
    </Space>
  );
}

function plsDiagram(d: PlsResult, lv: (k: string) => string) {
  const names = Object.keys(d.blocks);
  const pos = (k: string, i: number): [number, number] => layout[k] ?? [20 + (i % 4) * 20, 10 + Math.floor(i / 4) * 30];
  return {
    tooltip: {},
    series: [
      {
        type: 'graph' as const,
        layout: 'none' as const,
        roam: false,
        symbol: 'roundRect',
        symbolSize: [104, 48],
        left: 70,
        right: 70,
        top: 40,
        bottom: 40,
        label: { show: true, color: '#fff', fontSize: 12, lineHeight: 16 },
        edgeSymbol: ['none', 'arrow'] as [string, string],
        edgeSymbolSize: 9,
        data: names.map((k, i) => ({
          name: k,
          x: pos(k, i)[0],
          y: pos(k, i)[1],
          itemStyle: { color: k === d.csiVariable ? chartColors[0] : chartColors[7] },
          label: {
            formatter: `${lv(k)}\n${d.r2[k] ? `R² ${d.r2[k].toFixed(2)}` : `${d.blocks[k].length}`}`,
          },
        })),
        links: d.paths.map((p) => {
          const strong = p.lower !== null ? p.lower > 0 || (p.upper ?? 0) < 0 : Math.abs(p.coef) >= 0.1;
          return {
            source: p.from,
            target: p.to,
            label: { show: true, formatter: p.coef.toFixed(2), fontSize: 11, color: strong ? '#1f1f1f' : '#999' },
            lineStyle: {
              width: 1 + Math.min(6, Math.abs(p.coef) * 8),
              color: strong ? chartColors[0] : '#bfbfbf',
              type: strong ? ('solid' as const) : ('dashed' as const),
              curveness: 0.08,
            },
          };
        }),
      },
    ],
  };
}

export type { Period };
