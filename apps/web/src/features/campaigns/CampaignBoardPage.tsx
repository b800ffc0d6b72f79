import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Drawer, Empty, message, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatFen, formatPercent } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { type Campaign, campaignsApi } from './api';

const stages = ['insight', 'proposition', 'segment_plan', 'communication', 'execution', 'completed'] as const;

/** The campaign board: one column per step of the closed loop; a card opens the campaign's results. */
export function CampaignBoardPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['campaigns', 'list'], queryFn: campaignsApi.campaigns });
  const [open, setOpen] = useState<Campaign | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['campaigns'] });
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      await refresh();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const items = list.data?.items ?? [];
  return (
    <PageContainer title={t('campaigns.board.title')}>
      <Row gutter={12} wrap={false} style={{ overflowX: 'auto' }}>
        {stages.map((stage) => (
          <Col key={stage} style={{ minWidth: 220 }} flex="1">
            <Card size="small" title={t(`campaigns.stage.${stage}`)} loading={list.isLoading}>
              {items.filter((c) => c.stage === stage).length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              <Space direction="vertical" style={{ width: '100%' }}>
                {items
                  .filter((c) => c.stage === stage)
                  .map((c) => (
                    <Card key={c.id} size="small" hoverable onClick={() => setOpen(c)}>
                      <Typography.Text strong>{c.name}</Typography.Text>
                      <div>
                        <Tag>{c.segmentName}</Tag>
                        {c.offerName && <Tag color="blue">{c.offerName}</Tag>}
                      </div>
                      <Space style={{ marginTop: 8 }} onClick={(e) => e.stopPropagation()}>
                        {stage !== 'completed' && (
                          <Button size="small" type="primary" onClick={() => act(() => campaignsApi.advance(c.id))}>
                            {t('campaigns.action.advance')}
                          </Button>
                        )}
                        {(stage === 'execution' || stage === 'completed') && (
                          <Button size="small" onClick={() => act(() => campaignsApi.nextCycle(c.id))}>
                            {t('campaigns.action.nextCycle')}
                          </Button>
                        )}
                      </Space>
                    </Card>
                  ))}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      <Drawer width={560} open={open !== null} onClose={() => setOpen(null)} title={open?.name}>
        {open && <Results campaign={open} />}
      </Drawer>
    </PageContainer>
  );
}

function Results({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const r = useQuery({
    queryKey: ['campaigns', 'results', campaign.id],
    queryFn: () => campaignsApi.results(campaign.id),
  });
  if (!r.data) return null;
  const d = r.data;
  const funnel = [
    ['segmentSize', d.segmentSize],
    ['control', d.control],
    ['target', d.target],
    ['contacted', d.contacted],
    ['responded', d.responded],
    ['convertedTarget', d.convertedTarget],
  ] as const;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{t('campaigns.results.funnel')}</Typography.Title>
      <Descriptions size="small" column={2} bordered>
        {funnel.map(([k, v]) => (
          <Descriptions.Item key={k} label={t(`campaigns.results.${k}`)}>
            {v}
          </Descriptions.Item>
        ))}
        {d.excluded.map((e) => (
          <Descriptions.Item key={e.reason} label={t(`campaigns.excluded.${e.reason}`)}>
            {e.count}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Row gutter={12}>
        <Col span={12}>
          <Statistic title={t('campaigns.results.targetRate')} value={formatPercent(d.targetRate)} />
        </Col>
        <Col span={12}>
          <Statistic title={t('campaigns.results.controlRate')} value={formatPercent(d.controlRate)} />
        </Col>
        <Col span={12}>
          <Statistic title={t('campaigns.results.uplift')} value={formatPercent(d.uplift)} />
          <Typography.Text type="secondary">
            {t('campaigns.results.ci', { low: formatPercent(d.upliftLow), high: formatPercent(d.upliftHigh) })}
          </Typography.Text>
        </Col>
        <Col span={12}>
          <Statistic title={t('campaigns.results.roi')} value={d.roi === null ? '—' : formatPercent(d.roi)} />
        </Col>
        <Col span={12}>
          <Statistic title={t('campaigns.results.cost')} value={formatFen(d.costFen)} />
        </Col>
        <Col span={12}>
          <Statistic title={t('campaigns.results.revenue')} value={formatFen(d.incrementalRevenueFen)} />
        </Col>
      </Row>
    </Space>
  );
}
