import { PlusOutlined } from '@ant-design/icons';
import type { ClubEvent } from '@crm/contracts';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { noWrap } from '../../components/columns';
import { formatDate, formatFen, yuanToFen } from '../../format';
import { useT } from '../../i18n';
import { CustomerSelect } from '../customers/CustomerSelect';
import { useClubEvents, useKaMutation } from './api';

const statuses = ['invited', 'accepted', 'declined', 'attended', 'no_show'];

/** Key-account club events (S6) of a window: invitations, attendance and the leads that came out of them. */
export function ClubEvents({ month }: { month: Dayjs }) {
  const t = useT();
  const { can } = useAuth();
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.add(2, 'month').endOf('month').format('YYYY-MM-DD');
  const q = useClubEvents(from, to);
  const [creating, setCreating] = useState(false);
  return (
    <Card
      size="small"
      title={t('ka.club.events')}
      extra={
        can('club.manage') ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('ka.club.newEvent')}
          </Button>
        ) : null
      }
    >
      <List
        dataSource={q.data ?? []}
        loading={q.isLoading}
        locale={{ emptyText: t('common.noData') }}
        renderItem={(e) => <EventItem e={e} />}
      />
      <NewEventModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

function EventItem({ e }: { e: ClubEvent }) {
  const t = useT();
  const { can } = useAuth();
  const [customerId, setCustomerId] = useState<number | null>(null);
  const invite = useKaMutation((id: number) => api.post(`/api/ka/club-events/${e.id}/invitations`, { customerId: id }));
  const update = useKaMutation((v: { id: number; status: string }) =>
    api.patch(`/api/ka/club-invitations/${v.id}`, { status: v.status }),
  );
  return (
    <List.Item>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag color="purple">{t(`ka.club.kind.${e.kind}`)}</Tag>
          <Typography.Text strong>{e.title}</Typography.Text>
          <span>{formatDate(e.eventDate)}</span>
          {e.location ? <Typography.Text type="secondary">{e.location}</Typography.Text> : null}
          <Typography.Text type="secondary">
            {t('ka.club.cost', {
              fee: formatFen(e.memberFeeFen, { decimals: false }),
              subsidy: formatFen(e.clubSubsidyFen, { decimals: false }),
            })}
          </Typography.Text>
          <Tag>{t('ka.club.attendance', { attended: e.attended, invited: e.invitations.length, leads: e.leads })}</Tag>
        </Space>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={e.invitations}
          columns={[
            // One line each: the customer's name is cut with its full text on hover, not broken a character a line.
            { title: t('ka.customer'), dataIndex: 'customerName', ellipsis: true },
            { title: t('ka.chain.contacts'), dataIndex: 'contactName', ...noWrap, render: (v) => v ?? '—' },
            {
              title: t('ka.warnings.status'),
              dataIndex: 'status',
              ...noWrap,
              render: (v, r) =>
                can('ka.write') ? (
                  <Select
                    size="small"
                    value={v}
                    style={{ width: 96 }}
                    onChange={(status) => update.mutate({ id: r.id, status })}
                    options={statuses.map((s) => ({ value: s, label: t(`ka.invite.${s}`) }))}
                  />
                ) : (
                  t(`ka.invite.${v}`)
                ),
            },
            {
              title: t('ka.club.lead'),
              dataIndex: 'leadOpportunityId',
              width: 72,
              render: (v) => (v ? <Tag color="green">#{v}</Tag> : '—'),
            },
          ]}
        />
        {can('ka.write') ? (
          <Space>
            <div style={{ width: 280 }}>
              <CustomerSelect value={customerId} onChange={setCustomerId} />
            </div>
            <Button
              size="small"
              disabled={!customerId}
              loading={invite.isPending}
              onClick={async () => {
                if (customerId) await invite.mutateAsync(customerId);
                setCustomerId(null);
              }}
            >
              {t('ka.club.invite')}
            </Button>
          </Space>
        ) : null}
      </Space>
    </List.Item>
  );
}

function NewEventModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const create = useKaMutation((body: unknown) => api.post('/api/ka/club-events', body));
  return (
    <Modal
      open={open}
      title={t('ka.club.newEvent')}
      onCancel={onClose}
      confirmLoading={create.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        await create.mutateAsync({
          title: v.title,
          kind: v.kind,
          eventDate: v.eventDate.format('YYYY-MM-DD'),
          location: v.location || undefined,
          memberFeeFen: yuanToFen(v.memberFee ?? 0),
          clubSubsidyFen: yuanToFen(v.subsidy ?? 0),
          sponsors: v.sponsors || undefined,
        });
        form.resetFields();
        onClose();
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'golf' }}>
        <Form.Item name="title" label={t('ka.club.eventTitle')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item name="kind" label={t('ka.club.kindLabel')}>
            <Select
              style={{ width: 160 }}
              options={['golf', 'forum', 'tech_tour', 'demo_hall', 'other'].map((k) => ({
                value: k,
                label: t(`ka.club.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="eventDate" label={t('ka.club.date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="location" label={t('ka.club.location')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item name="memberFee" label={t('ka.club.memberFeeYuan')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="subsidy" label={t('ka.club.subsidyYuan')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
        <Form.Item name="sponsors" label={t('ka.club.sponsors')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
