import { PageContainer } from '@ant-design/pro-components';
import { type QueuedCall, ticketSeverities, ticketTypes } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, message, Select, Space, Table, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { noWrap } from '../../components/columns';
import { formatDateTime } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { sd } from './api';
import { options, PriorityTag, TierTag } from './ui';

/** Waiting calls in answering order: key accounts first (tier, importance, type, severity), then waiting time. */
export function QueuePage() {
  const t = useT();
  const navigate = useNavigate();
  const queue = useQuery({ queryKey: ['sd', 'queue'], queryFn: sd.queue, refetchInterval: 5_000 });
  const arrive = async (v: { phone: string; intent: string; severity: string }) => {
    try {
      await sd.arrive(v);
      await queue.refetch();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const answer = async () => {
    const next = await sd.answerNext();
    if (!next) return message.info(t('sd.hotline.noCall'));
    navigate(`/service-desk/hotline?phone=${encodeURIComponent(next.card.phone)}`);
  };
  return (
    <PageContainer
      title={t('sd.queue.title')}
      extra={
        <Button type="primary" onClick={answer}>
          {t('sd.hotline.answerNext')}
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" onFinish={arrive} initialValues={{ intent: 'consultation', severity: 'minor' }}>
          <Form.Item name="phone" rules={[{ required: true }]}>
            <Input placeholder={t('sd.hotline.phone')} />
          </Form.Item>
          <Form.Item name="intent" label={t('sd.queue.intent')}>
            <Select style={{ width: 140 }} options={options(t, 'sd.type', ticketTypes)} />
          </Form.Item>
          <Form.Item name="severity">
            <Select style={{ width: 100 }} options={options(t, 'sd.severity', ticketSeverities)} />
          </Form.Item>
          <Button htmlType="submit">{t('sd.queue.arrive')}</Button>
        </Form>
      </Card>
      <Table<QueuedCall>
        rowKey="id"
        size="small"
        loading={queue.isLoading}
        dataSource={queue.data ?? []}
        pagination={false}
        columns={[
          { title: '#', render: (_, __, i) => i + 1, width: 48 },
          {
            title: t('sd.field.priority'),
            dataIndex: 'priority',
            width: 90,
            ...noWrap,
            render: (v: number) => <PriorityTag priority={v} />,
          },
          { title: t('sd.queue.caller'), dataIndex: 'phone' },
          {
            title: t('sd.field.customer'),
            dataIndex: 'customerName',
            render: (v, r) => (
              <Space>
                {v ?? <Tag>{t('sd.queue.unknownCaller')}</Tag>}
                <TierTag tier={r.tier} category={r.category} />
              </Space>
            ),
          },
          { title: t('sd.queue.intent'), dataIndex: 'intent', render: (v) => t(`sd.type.${v}`) },
          { title: t('sd.field.severity'), dataIndex: 'severity', render: (v) => t(`sd.severity.${v}`) },
          {
            title: t('sd.queue.arrivedAt'),
            dataIndex: 'arrivedAt',
            ...noWrap,
            render: (v) => formatDateTime(v, { seconds: true }),
          },
          { title: t('sd.queue.waiting'), dataIndex: 'waitingSeconds', render: (v) => t('sd.queue.seconds', { n: v }) },
        ]}
      />
    </PageContainer>
  );
}
