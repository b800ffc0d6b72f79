import { StatisticCard } from '@ant-design/pro-components';
import { Card, Empty, Result, Space, Typography } from 'antd';
import { chartColors, EChart } from '../../../components/EChart';
import { formatPercent } from '../../../format';
import { apiErrorText } from '../../../forms';
import { useT } from '../../../i18n';
import { useCallbackFunnel } from '../api';
import { funnelStages } from '../labels';
import { FunnelSegments } from './FunnelSegments';

/** The callback funnel of the period as KPI cards and an ECharts funnel, then the same per segment. */
export function FunnelTab({ from, to }: { from: string; to: string }) {
  const t = useT();
  const q = useCallbackFunnel(from, to);
  const f = q.data;
  const stages = f ? funnelStages(f) : [];
  if (q.error)
    return <Result status="error" title={t('surveys.dash.loadFailed')} subTitle={apiErrorText(q.error, t)} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <StatisticCard.Group direction="row" loading={q.isLoading}>
        <StatisticCard
          statistic={{
            title: t('surveys.dash.responseRate'),
            value: formatPercent(f?.responseRate),
            description: t('surveys.dash.responseRateHint', { answered: f?.answered ?? 0, sent: f?.sent ?? 0 }),
          }}
        />
        <StatisticCard.Divider />
        <StatisticCard
          statistic={{
            title: t('surveys.dash.csat'),
            value: formatPercent(f?.csatTopTwoBox),
            description: t('surveys.dash.csatHint', { mean: (f?.csatMean ?? 0).toFixed(2) }),
          }}
        />
        <StatisticCard.Divider />
        <StatisticCard
          statistic={{
            title: t('surveys.dash.nps'),
            value: f ? f.nps.toFixed(1) : '—',
            description: t('surveys.dash.npsHint'),
          }}
        />
        <StatisticCard.Divider />
        <StatisticCard
          statistic={{
            title: t('surveys.dash.recoveryRate'),
            value: formatPercent(f?.recoveryRate),
            description: t('surveys.dash.recoveryRateHint', {
              recovered: f?.recovered ?? 0,
              dissatisfied: f?.dissatisfied ?? 0,
            }),
          }}
        />
      </StatisticCard.Group>
      <Card size="small" title={t('surveys.dash.funnel')} loading={q.isLoading}>
        {f && f.sent === 0 ? (
          <Empty description={t('surveys.dash.empty')} />
        ) : (
          <EChart
            height={340}
            option={{
              color: [chartColors[0], chartColors[1], chartColors[6], chartColors[2]],
              tooltip: { trigger: 'item', formatter: '{b}：{c}' },
              series: [
                {
                  type: 'funnel',
                  sort: 'none',
                  left: '10%',
                  width: '80%',
                  top: 16,
                  bottom: 16,
                  minSize: '8%',
                  gap: 4,
                  label: { show: true, position: 'inside', formatter: '{b}  {c}' },
                  data: stages.map((s) => ({ name: t(`surveys.dash.stage.${s.stage}`), value: s.value })),
                },
              ],
            }}
          />
        )}
        {f ? (
          <Typography.Text type="secondary">
            {t('surveys.dash.others', { scheduled: f.scheduled, suppressed: f.suppressed, expired: f.expired })}
          </Typography.Text>
        ) : null}
      </Card>
      <FunnelSegments from={from} to={to} />
    </Space>
  );
}
