import { StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, message, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { type CustomerSurvey, surveyKeys, surveysApi, useCustomerSurveys } from './api';
import { codeLabel } from './labels';

const statusColor: Record<string, string> = {
  scheduled: 'default',
  sent: 'blue',
  answered: 'green',
  expired: 'default',
  suppressed: 'orange',
};

/** The 360 page's "surveys" tab: the customer's callback surveys and the opt-out the customer may ask for. */
export function CustomerSurveysTab({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const list = useCustomerSurveys(customerId);
  const [optingOut, setOptingOut] = useState(false);

  const optOut = async () => {
    setOptingOut(true);
    try {
      await surveysApi.optOut(customerId);
      message.success(t('surveys.c360.optedOut'));
      await queryClient.invalidateQueries({ queryKey: surveyKeys.customer(customerId) });
    } catch (err) {
      message.error(apiErrorText(err, t));
    } finally {
      setOptingOut(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('surveys.c360.title')}
      extra={
        can('interactions.write') ? (
          <Popconfirm
            title={t('surveys.c360.optOut')}
            description={<div style={{ maxWidth: 300 }}>{t('surveys.c360.optOutConfirm')}</div>}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={optOut}
          >
            <Button icon={<StopOutlined />} loading={optingOut} data-testid="survey-opt-out">
              {t('surveys.c360.optOut')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      <Table<CustomerSurvey>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{
          emptyText: list.error ? (
            <Typography.Text type="danger">{apiErrorText(list.error, t)}</Typography.Text>
          ) : (
            <Empty description={t('surveys.c360.empty')} />
          ),
        }}
        columns={[
          {
            title: t('surveys.c360.date'),
            dataIndex: 'createdAt',
            width: 160,
            render: (_, s) => (
              <span className="crm-num">{formatDateTime(s.answeredAt ?? s.sentAt ?? s.createdAt)}</span>
            ),
          },
          {
            title: t('surveys.c360.trigger'),
            dataIndex: 'trigger',
            render: (_, s) => (
              <Space size={4}>
                {codeLabel(t, 'trigger', s.trigger)}
                {s.ticketId ? (
                  <Link to={`/service-desk/tickets/${s.ticketId}`}>{t('surveys.fu.ticketLink')}</Link>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('surveys.c360.channel'),
            dataIndex: 'channel',
            render: (_, s) => codeLabel(t, 'channel', s.channel),
          },
          {
            title: t('surveys.c360.status'),
            dataIndex: 'status',
            render: (_, s) => (
              <Space size={4} wrap>
                <Tag color={statusColor[s.status]}>{codeLabel(t, 'status', s.status)}</Tag>
                {s.suppressedReason ? (
                  <Typography.Text type="secondary">{codeLabel(t, 'suppressed', s.suppressedReason)}</Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('surveys.c360.csat'),
            dataIndex: 'csat',
            width: 100,
            align: 'right',
            render: (_, s) => (s.csat === null ? '—' : <span className="crm-num">{s.csat} / 5</span>),
          },
          {
            title: t('surveys.c360.recommend'),
            dataIndex: 'recommend',
            width: 100,
            align: 'right',
            render: (_, s) => (s.recommend === null ? '—' : <span className="crm-num">{s.recommend} / 10</span>),
          },
          {
            title: t('surveys.c360.dissatisfied'),
            dataIndex: 'dissatisfied',
            width: 110,
            render: (_, s) =>
              s.dissatisfied === null ? (
                '—'
              ) : s.dissatisfied ? (
                <Tag color="red">{t('surveys.c360.yes')}</Tag>
              ) : (
                <Tag color="green">{t('surveys.c360.no')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
