import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, message, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { type CampaignTask, campaignsApi } from './api';
import { OfferTag } from './OfferTag';

const outcomes = ['accepted', 'interested', 'not_interested', 'no_answer', 'opt_out'] as const;

/** The AM's visits and the agent's outbound calls of running campaigns, with the outcome of each. */
export function CampaignTasksPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const tasks = useQuery({ queryKey: ['campaigns', 'tasks'], queryFn: campaignsApi.tasks });
  const record = async (task: CampaignTask, outcome: string) => {
    try {
      await campaignsApi.outcome(task.campaignId, task.customerId, outcome);
      await queryClient.invalidateQueries({ queryKey: ['campaigns', 'tasks'] });
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  return (
    <PageContainer title={t('campaigns.tasks.title')}>
      <Table<CampaignTask>
        rowKey={(r) => `${r.campaignId}-${r.customerId}`}
        loading={tasks.isLoading}
        dataSource={tasks.data ?? []}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('campaigns.tasks.empty') }}
        columns={[
          { title: t('campaigns.tasks.campaign'), dataIndex: 'campaignName' },
          {
            title: t('campaigns.tasks.customer'),
            render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
          },
          { title: t('campaigns.tasks.channel'), render: (_, r) => <Tag>{t(`campaigns.channel.${r.channel}`)}</Tag> },
          {
            title: t('campaigns.tasks.offer'),
            render: (_, r) => <OfferTag name={r.offerName} status={r.offerApprovalStatus} />,
          },
          { title: t('campaigns.tasks.script'), dataIndex: 'message' },
          {
            title: t('campaigns.tasks.outcome'),
            render: (_, r) =>
              r.status === 'pending' ? (
                <Space wrap>
                  {outcomes.map((o) => (
                    <Button key={o} size="small" onClick={() => record(r, o)}>
                      {t(`campaigns.outcome.${o}`)}
                    </Button>
                  ))}
                </Space>
              ) : (
                <Tag color="green">{r.outcome ? t(`campaigns.outcome.${r.outcome}`) : ''}</Tag>
              ),
          },
        ]}
      />
    </PageContainer>
  );
}
