import { PageContainer, StatisticCard } from '@ant-design/pro-components';
import { Card, DatePicker, Empty, Result, Space, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { chartColors, EChart } from '../../components/EChart';
import { formatPercent } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { useCallbackFunnel } from './api';
import { funnelStages, periodOf } from './labels';
import { IpaTab, PlsTab, SegmentsTab, TrendsTab } from './SatisfactionTabs';

const tabs = ['funnel', 'trends', 'segments', 'ipa', 'pls'] as const;
type Tab = (typeof tabs)[number];

/**
 * The satisfaction dashboard: the callback funnel of a period, CSAT / NPS / CSI trends, indices by segment with
 * drill-down to the answers, importance-performance quadrants and the ECSI PLS model of a key-account wave.
 */
export function SatisfactionPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = tabs.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'funnel';
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(11, 'month').startOf('month'), dayjs()]);
  const { from, to } = periodOf(range[0].toDate(), range[1].toDate());
  const ranged = tab === 'funnel' || tab === 'trends' || tab === 'segments';

  return (
    <PageContainer
      title={t('surveys.dash.title')}
      subTitle={t('surveys.sat.subtitle')}
      extra={
        ranged ? (
          <Space>
            <Typography.Text type="secondary">{t('surveys.dash.period')}</Typography.Text>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              onChange={(v) => {
                if (v?.[0] && v[1]) setRange([v[0], v[1]]);
              }}
            />
          </Space>
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'funnel', label: t('surveys.sat.tab.funnel'), children: <FunnelTab from={from} to={to} /> },
          { key: 'trends', label: t('surveys.sat.tab.trends'), children: <TrendsTab from={from} to={to} /> },
          { key: 'segments', label: t('surveys.sat.tab.segments'), children: <SegmentsTab from={from} to={to} /> },
          { key: 'ipa', label: t('surveys.sat.tab.ipa'), children: <IpaTab /> },
          { key: 'pls', label: t('surveys.sat.tab.pls'), children: <PlsTab /> },
        ]}
      />
    </PageContainer>
  );
}

/** The callback funnel of the period as KPI cards and an ECharts funnel. */
function FunnelTab({ from, to }: { from: string; to: string }) {
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
    </Space>
  );
}
