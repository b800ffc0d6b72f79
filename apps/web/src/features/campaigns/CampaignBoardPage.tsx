import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, message, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { type Campaign, campaignsApi } from './api';
import { CampaignFormDrawer } from './CampaignFormDrawer';
import { planEditable } from './campaign-form';
import { OfferTag } from './OfferTag';

const stages = ['insight', 'proposition', 'segment_plan', 'communication', 'execution', 'completed'] as const;

/**
 * The campaign board: one column per step of the closed loop, the six side by side within a 1440 px screen (equal
 * shares of the width, texts cut with an ellipsis); a card opens the campaign's results.
 */
export function CampaignBoardPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['campaigns', 'list'], queryFn: campaignsApi.campaigns });
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
  const manage = can('campaigns.manage');
  // The form: open with no campaign to create one, with a draft to edit its plan.
  const [form, setForm] = useState<{ open: boolean; campaign?: Campaign }>({ open: false });
  return (
    <PageContainer
      title={t('campaigns.board.title')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true })}>
            {t('campaigns.form.new')}
          </Button>
        )
      }
    >
      <CampaignFormDrawer
        open={form.open}
        campaign={form.campaign}
        onOpenChange={(open) => setForm((f) => ({ ...f, open }))}
        onSaved={() => {
          setForm({ open: false });
          void refresh();
        }}
      />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(6, minmax(0, 1fr))', gap: 8 }}>
        {stages.map((stage) => {
          const inStage = items.filter((c) => c.stage === stage);
          return (
            <Card
              key={stage}
              size="small"
              loading={list.isLoading}
              // Stage names wrap onto a second line rather than being cut (English names are long).
              styles={{ header: { padding: '4px 8px' }, title: { whiteSpace: 'normal' }, body: { padding: 8 } }}
              title={
                <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
                  <Typography.Text strong style={{ lineHeight: 1.3 }}>
                    {t(`campaigns.stage.${stage}`)}
                  </Typography.Text>
                  <Badge count={inStage.length} showZero color="#bfbfbf" />
                </div>
              }
            >
              {inStage.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              <Space direction="vertical" style={{ width: '100%' }} size={8}>
                {inStage.map((c) => (
                  <Card
                    key={c.id}
                    size="small"
                    hoverable
                    styles={{ body: { padding: 8 } }}
                    onClick={() => navigate(`/marketing/campaigns/${c.id}/results`)}
                  >
                    <Typography.Text strong ellipsis={{ tooltip: c.name }} style={{ display: 'block' }}>
                      {c.name}
                    </Typography.Text>
                    <Typography.Text
                      type="secondary"
                      ellipsis={{ tooltip: c.segmentName }}
                      style={{ display: 'block' }}
                    >
                      {c.segmentName}
                    </Typography.Text>
                    <OfferTag name={c.offerName} status={c.offerApprovalStatus} />
                    {manage && (
                      <Space size={4} wrap style={{ marginTop: 6 }} onClick={(e) => e.stopPropagation()}>
                        {planEditable(stage) && (
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            aria-label={t('campaigns.form.edit')}
                            title={t('campaigns.form.edit')}
                            onClick={() => setForm({ open: true, campaign: c })}
                          />
                        )}
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
                    )}
                  </Card>
                ))}
              </Space>
            </Card>
          );
        })}
      </div>
    </PageContainer>
  );
}
