import { PageContainer } from '@ant-design/pro-components';
import { type Commitment, commitmentTypes } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, InputNumber, Modal, message, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { dateTimeColumn, nameColumn } from '../../components/columns';
import { formatFen, yuanToFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { sd } from './api';
import { options } from './ui';

const statusColor: Record<string, string> = {
  pending_approval: 'gold',
  open: 'blue',
  fulfilled: 'green',
  overdue: 'red',
};

/** Every promise to a customer: register, approve beyond the bottom line, fulfil with evidence; KA review list. */
export function CommitmentsPage() {
  const t = useT();
  const { can, user } = useAuth();
  const [tab, setTab] = useState(can('commitments.approve') ? 'review' : 'mine');
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ c: Commitment; action: string } | null>(null);
  const [form] = Form.useForm();
  const [actForm] = Form.useForm();
  const query =
    tab === 'review' ? { keyAccountsOnly: 'true', openOnly: 'true' } : tab === 'mine' ? { mine: 'true' } : {};
  const list = useQuery({
    queryKey: ['sd', 'commitments', tab],
    queryFn: () => sd.commitments({ ...query, limit: 200 }),
  });
  const create = async () => {
    const v = await form.validateFields();
    try {
      const c = await sd.createCommitment({
        ...v,
        amountFen: typeof v.amountYuan === 'number' ? yuanToFen(v.amountYuan) : null,
        amountYuan: undefined,
        dueAt: v.dueAt.toISOString(),
      });
      if (c.status === 'pending_approval') message.warning(t('sd.cm.beyondLimit'));
      setCreating(false);
      form.resetFields();
      await list.refetch();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const act = async () => {
    if (!acting) return;
    const v = await actForm.validateFields();
    try {
      await sd.actCommitment(acting.c.id, { action: acting.action, ...v });
      setActing(null);
      actForm.resetFields();
      await list.refetch();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const actions = (c: Commitment) => {
    const out: string[] = [];
    if (c.status === 'pending_approval' && can('commitments.approve')) out.push('approve', 'reject');
    if ((c.status === 'open' || c.status === 'overdue') && (c.promiserId === user?.id || can('commitments.approve')))
      out.push('fulfil', 'cancel');
    return out;
  };
  return (
    <PageContainer
      title={t('sd.cm.title')}
      extra={
        can('commitments.write') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('sd.cm.new')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(can('commitments.approve') ? [{ key: 'review', label: t('sd.cm.review') }] : []),
          { key: 'mine', label: t('sd.cm.mine') },
          { key: 'all', label: t('sd.cm.all') },
        ]}
      />
      <Table<Commitment>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={[
          {
            title: t('sd.field.customer'),
            dataIndex: 'customerName',
            render: (v, r) => <Link to={`/customers/${r.customerId}`}>{v}</Link>,
          },
          { title: t('sd.field.type'), dataIndex: 'type', render: (v) => t(`sd.cmType.${v}`) },
          { title: t('sd.cm.what'), dataIndex: 'what', ellipsis: true },
          { title: t('sd.cm.amount'), dataIndex: 'amountFen', render: (v) => formatFen(v) },
          dateTimeColumn(t('sd.cm.due'), 'dueAt'),
          nameColumn(t('sd.cm.promiser'), 'promiserName'),
          {
            title: t('sd.field.status'),
            dataIndex: 'status',
            width: 220,
            render: (v, r) => (
              <Space size={4} wrap>
                <Tag color={statusColor[v]}>{t(`sd.cmStatus.${v}`)}</Tag>
                {!r.withinLimit && <Tag color="volcano">{t('sd.cm.beyondLimit')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            render: (_, c) => (
              <Space>
                {actions(c).map((a) => (
                  <Button key={a} size="small" onClick={() => setActing({ c, action: a })}>
                    {t(`sd.cm.${a}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={creating} title={t('sd.cm.new')} onOk={create} onCancel={() => setCreating(false)}>
        <Form form={form} layout="vertical" initialValues={{ type: 'plan_change' }}>
          <Form.Item name="customerId" label={t('sd.cm.customerId')} rules={[{ required: true }]}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="type" label={t('sd.field.type')}>
            <Select options={options(t, 'sd.cmType', commitmentTypes)} />
          </Form.Item>
          <Form.Item name="what" label={t('sd.cm.what')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="amountYuan" label={t('sd.cm.amount')}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="dueAt" label={t('sd.cm.due')} rules={[{ required: true }]}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={Boolean(acting)}
        title={acting && t(`sd.cm.${acting.action}`)}
        onOk={act}
        onCancel={() => setActing(null)}
      >
        <Form form={actForm} layout="vertical">
          {acting?.action === 'fulfil' ? (
            <Form.Item name="evidence" label={t('sd.cm.evidence')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          ) : (
            <Form.Item name="note" label={t('sd.field.reason')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </PageContainer>
  );
}
