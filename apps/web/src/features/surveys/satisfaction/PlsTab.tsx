import { Card, Col, Empty, Result, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { chartColors, EChart } from '../../../components/EChart';
import { apiErrorText } from '../../../forms';
import { useT } from '../../../i18n';
import { type PlsResult, useLoyalty, usePls } from '../analytics-api';
import { fixed, labelOr, nowrap, useDefaultWave, WavePicker } from './shared';

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
