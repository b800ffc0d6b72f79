import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { chartColors, EChart, type EChartsOption } from '../../components/EChart';
import { formatFen, formatPercent } from '../../format';
import { useT } from '../../i18n';
import { campaignsApi } from './api';
import { funnelChartOption } from './funnel-chart';
import { OfferTag } from './OfferTag';
import { funnelStages, upliftSignificant } from './offers-logic';

/** Step 5, measurement: the funnel, conversion of target and hold-out with the uplift's 95 % interval, cost and ROI. */
export function CampaignResultsPage() {
  const t = useT();
  const id = Number(useParams().id);
  const campaign = useQuery({ queryKey: ['campaigns', 'one', id], queryFn: () => campaignsApi.campaign(id) });
  const results = useQuery({ queryKey: ['campaigns', 'results', id], queryFn: () => campaignsApi.results(id) });
  const d = results.data;
  const funnel = useMemo(() => (d ? funnelStages(d) : []), [d]);
  const funnelOption = funnelChartOption(
    funnel,
    (key) => t(`campaigns.results.${key}`),
    (share) => formatPercent(share),
    chartColors,
  );
  const upliftOption: EChartsOption | null = d
    ? {
        animation: false,
        grid: { left: 10, right: 90, top: 20, bottom: 10, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: (v) => formatPercent(Number(v) / 100) },
        xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        yAxis: {
          type: 'category',
          data: [t('campaigns.results.controlRate'), t('campaigns.results.targetRate'), t('campaigns.results.uplift')],
        },
        series: [
          {
            type: 'bar',
            barWidth: 18,
            data: [
              { value: d.controlRate * 100, itemStyle: { color: '#bfbfbf' } },
              { value: d.targetRate * 100, itemStyle: { color: chartColors[0] } },
              { value: d.uplift * 100, itemStyle: { color: chartColors[1] } },
            ],
            // No interval to draw before any conversion (0 ~ 0): its label would sit on the axis labels.
            markLine:
              d.upliftHigh > d.upliftLow
                ? {
                    symbol: ['none', 'none'],
                    lineStyle: { color: '#f5222d', width: 2, type: 'solid' },
                    label: { formatter: t('campaigns.results.ciShort') },
                    data: [
                      [
                        { coord: [d.upliftLow * 100, t('campaigns.results.uplift')] },
                        { coord: [d.upliftHigh * 100, t('campaigns.results.uplift')] },
                      ],
                    ],
                  }
                : undefined,
          },
        ],
      }
    : null;
  return (
    <PageContainer
      title={
        campaign.data ? t('campaigns.results.titleOf', { name: campaign.data.name }) : t('campaigns.results.title')
      }
      subTitle={
        campaign.data && (
          <Space size={4}>
            <Tag>{t(`campaigns.stage.${campaign.data.stage}`)}</Tag>
            <OfferTag name={campaign.data.offerName} status={campaign.data.offerApprovalStatus} />
          </Space>
        )
      }
    >
      {!d ? (
        <Card loading={results.isLoading}>{!results.isLoading && <Empty />}</Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={12}>
            <Card size="small" title={t('campaigns.results.funnel')}>
              <EChart option={funnelOption} height={300} />
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('campaigns.results.responded')}>{d.responded}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.results.control')}>{d.control}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.results.convertedControl')}>
                  {d.convertedControl}
                </Descriptions.Item>
                {d.excluded.map((e) => (
                  <Descriptions.Item key={e.reason} label={t(`campaigns.excluded.${e.reason}`)}>
                    {e.count}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title={t('campaigns.results.upliftTitle')}>
              {upliftOption && <EChart option={upliftOption} height={200} />}
              <Row gutter={12}>
                <Col span={8}>
                  <Statistic title={t('campaigns.results.uplift')} value={formatPercent(d.uplift, { digits: 2 })} />
                </Col>
                <Col span={16}>
                  <Statistic
                    title={t('campaigns.results.ciTitle')}
                    value={`${formatPercent(d.upliftLow, { digits: 2 })} ~ ${formatPercent(d.upliftHigh, { digits: 2 })}`}
                  />
                </Col>
              </Row>
              <Typography.Text type={upliftSignificant(d) ? 'success' : 'secondary'}>
                {upliftSignificant(d) ? t('campaigns.results.significant') : t('campaigns.results.notSignificant')}
              </Typography.Text>
            </Card>
            <Card size="small" title={t('campaigns.results.roiTitle')} style={{ marginTop: 16 }}>
              <Row gutter={12}>
                <Col span={6}>
                  <Statistic
                    title={t('campaigns.results.incremental')}
                    value={Math.round(d.incrementalConversions).toLocaleString('zh-CN')}
                  />
                </Col>
                <Col span={6}>
                  <Statistic title={t('campaigns.results.revenue')} value={formatFen(d.incrementalRevenueFen)} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('campaigns.results.cost')} value={formatFen(d.costFen)} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('campaigns.results.roi')} value={d.roi === null ? '—' : formatPercent(d.roi)} />
                </Col>
              </Row>
            </Card>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
}
