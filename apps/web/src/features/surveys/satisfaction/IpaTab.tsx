import { Card, Col, Empty, Radio, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { EChart } from '../../../components/EChart';
import { formatPercent } from '../../../format';
import { apiErrorText } from '../../../forms';
import { useLocale, useT } from '../../../i18n';
import { type IpaQuadrant, useIpa } from '../analytics-api';
import { fixed, labelOr, nowrap, useDefaultWave, WavePicker } from './shared';

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
