import { Card, Col, Empty, Result, Row, Space, Table, Typography } from 'antd';
import { chartColors, EChart } from '../../../components/EChart';
import { formatPercent } from '../../../format';
import { apiErrorText } from '../../../forms';
import { useT } from '../../../i18n';
import { useCsiOfWaves, useIndices, usePls, useWaveSummaries } from '../analytics-api';
import { fixed, nowrap } from './shared';

/** CSAT top-2-box and NPS by month (callbacks), and per wave CSAT, NPS and the PLS CSI with its interval. */
export function TrendsTab({ from, to }: { from: string; to: string }) {
  const t = useT();
  const monthly = useIndices({ from, to, period: 'month', segment: 'none', source: 'callback' });
  const waves = useWaveSummaries();
  const closed = (waves.data ?? []).filter((w) => w.answered > 2);
  const last = closed.at(-1)?.id;
  const plsLast = usePls(last, 0);
  const csiByWave = useCsiOfWaves(closed.slice(-8).map((w) => w.id));
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
