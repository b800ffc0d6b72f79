import { PageContainer } from '@ant-design/pro-components';
import type { KaTask } from '@crm/contracts';
import { Button, DatePicker, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { noWrap } from '../../components/columns';
import { formatDate } from '../../format';
import { useT } from '../../i18n';
import { CustomerSelect } from '../customers/CustomerSelect';
import { useKaMutation, useTasks } from './api';
import { isoToday } from './shared';

type StatusFilter = 'open' | 'done' | 'cancelled' | 'all';

/**
 * To-dos of the signed-in user (managers: also their team's): visit next steps, calendar entries, warnings and
 * forwarded opportunity notes become tasks here; each can be completed, cancelled or reopened, and new ones added.
 */
export function TasksPage() {
  const t = useT();
  const { user, can } = useAuth();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [creating, setCreating] = useState(false);
  const tasks = useTasks({ status: status === 'all' ? undefined : status, limit: 500 });
  const update = useKaMutation((v: { id: number; status: KaTask['status'] }) =>
    api.patch(`/api/ka/tasks/${v.id}`, { status: v.status }),
  );
  const mayChange = (task: KaTask) => task.owner.id === user?.id || can('ka.write');
  return (
    <PageContainer
      title={t('ka.tasks.title')}
      extra={
        can('ka.write') ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="task-new">
            {t('ka.tasks.new')}
          </Button>
        ) : null
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          options={(['open', 'done', 'cancelled', 'all'] as const).map((s) => ({
            value: s,
            label: t(`ka.tasks.status.${s}`),
          }))}
        />
        <Table<KaTask>
          size="small"
          rowKey="id"
          loading={tasks.isLoading}
          dataSource={tasks.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t(status === 'open' ? 'ka.tasks.emptyOpen' : 'ka.tasks.empty') }}
          columns={[
            {
              title: t('ka.tasks.due'),
              dataIndex: 'dueDate',
              width: 120,
              ...noWrap,
              sorter: (a, b) => a.dueDate.localeCompare(b.dueDate),
              defaultSortOrder: 'ascend',
              render: (v, r) => (
                <Typography.Text type={r.overdue && r.status === 'open' ? 'danger' : undefined}>
                  {formatDate(v)}
                </Typography.Text>
              ),
            },
            { title: t('ka.tasks.task'), dataIndex: 'title' },
            {
              title: t('ka.customer'),
              dataIndex: 'customerName',
              render: (v, r) => (r.customerId ? <Link to={`/customers/${r.customerId}`}>{v}</Link> : '—'),
            },
            {
              title: t('ka.tasks.source'),
              dataIndex: 'source',
              width: 110,
              render: (v: KaTask['source']) => <Tag>{t(`ka.tasks.source.${v}`)}</Tag>,
            },
            { title: t('ka.tasks.owner'), dataIndex: ['owner', 'displayName'], width: 120, ...noWrap },
            {
              title: t('ka.tasks.status'),
              dataIndex: 'status',
              width: 90,
              render: (v: KaTask['status']) => (
                <Tag color={v === 'open' ? 'blue' : v === 'done' ? 'green' : 'default'}>
                  {t(`ka.tasks.status.${v}`)}
                </Tag>
              ),
            },
            {
              key: 'actions',
              width: 170,
              render: (_, r) =>
                !mayChange(r) ? null : r.status === 'open' ? (
                  <Space size={4}>
                    <Button
                      size="small"
                      type="primary"
                      loading={update.isPending && update.variables?.id === r.id}
                      onClick={() => update.mutate({ id: r.id, status: 'done' })}
                      data-testid={`task-done-${r.id}`}
                    >
                      {t('ka.tasks.done')}
                    </Button>
                    <Popconfirm
                      title={t('ka.tasks.cancelConfirm')}
                      onConfirm={() => update.mutate({ id: r.id, status: 'cancelled' })}
                    >
                      <Button size="small">{t('ka.tasks.cancel')}</Button>
                    </Popconfirm>
                  </Space>
                ) : (
                  <Button size="small" onClick={() => update.mutate({ id: r.id, status: 'open' })}>
                    {t('ka.tasks.reopen')}
                  </Button>
                ),
            },
          ]}
        />
      </Space>
      {creating ? <NewTaskModal onClose={() => setCreating(false)} /> : null}
    </PageContainer>
  );
}

function NewTaskModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ title: string; dueDate: dayjs.Dayjs; customerId?: number | null }>();
  const create = useKaMutation((body: unknown) => api.post('/api/ka/tasks', body));
  const submit = async () => {
    const v = await form.validateFields();
    await create.mutateAsync({
      title: v.title,
      dueDate: v.dueDate.format('YYYY-MM-DD'),
      ...(v.customerId ? { customerId: v.customerId } : {}),
    });
    onClose();
  };
  return (
    <Modal open title={t('ka.tasks.new')} onCancel={onClose} onOk={submit} confirmLoading={create.isPending}>
      <Form form={form} layout="vertical" initialValues={{ dueDate: dayjs(isoToday()).add(3, 'day') }}>
        <Form.Item name="title" label={t('ka.tasks.task')} rules={[{ required: true, max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="dueDate" label={t('ka.tasks.due')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="customerId" label={t('ka.customer')}>
          <CustomerSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
