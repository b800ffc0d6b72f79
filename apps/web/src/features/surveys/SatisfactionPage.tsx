import { PageContainer } from '@ant-design/pro-components';
import { DatePicker, Space, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../i18n';
import { periodOf } from './labels';
import { FunnelTab } from './satisfaction/FunnelTab';
import { IpaTab } from './satisfaction/IpaTab';
import { PlsTab } from './satisfaction/PlsTab';
import { SegmentsTab } from './satisfaction/SegmentsTab';
import { TrendsTab } from './satisfaction/TrendsTab';

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
