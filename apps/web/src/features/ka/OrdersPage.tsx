import { PageContainer } from '@ant-design/pro-components';
import { Button, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { dateColumn } from '../../components/columns';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDate } from '../../format';
import { useT } from '../../i18n';
import { useMySteps, useOrders } from './api';

/** Back-office "my steps" (current steps assigned to me or my departments) and every order in fulfilment. */
export function OrdersPage() {
  const t = useT();
  const { can } = useAuth();
  const fulfils = can('orders.fulfil');
  const [tab, setTab] = useState(fulfils ? 'mine' : 'orders');
  const [status, setStatus] = useState<string | undefined>('in_progress');
  const steps = useMySteps(fulfils);
  const orders = useOrders({ status });
  return (
    <PageContainer title={t('ka.orders.title')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(fulfils
            ? [
                {
                  key: 'mine',
                  label: `${t('ka.orders.mySteps')} (${steps.data?.length ?? 0})`,
                  children: (
                    <Table
                      size="small"
                      rowKey="id"
                      loading={steps.isLoading}
                      dataSource={steps.data ?? []}
                      pagination={{ pageSize: 20, hideOnSinglePage: true }}
                      locale={{
                        emptyText: (
                          <EmptyHint
                            testId="my-steps-empty"
                            description={t('ka.orders.myStepsEmpty')}
                            action={<Button onClick={() => setTab('orders')}>{t('ka.orders.all')}</Button>}
                          />
                        ),
                      }}
                      columns={[
                        {
                          title: t('ka.order.no'),
                          dataIndex: 'orderNo',
                          render: (v, r) => <Link to={`/ka/orders/${r.orderId}`}>{v}</Link>,
                        },
                        { title: t('ka.customer'), dataIndex: 'customerName' },
                        { title: t('ka.order.title'), dataIndex: 'orderTitle' },
                        {
                          title: t('ka.order.step'),
                          dataIndex: 'kind',
                          render: (v) => <Tag color="blue">{t(`ka.step.${v}`)}</Tag>,
                        },
                        { title: t('ka.order.department'), dataIndex: 'department', render: (v) => t(`ka.dept.${v}`) },
                        {
                          title: t('ka.order.assignee'),
                          dataIndex: ['assignee', 'displayName'],
                          render: (v) => v ?? t('ka.orders.unassigned'),
                        },
                        {
                          title: t('ka.order.due'),
                          dataIndex: 'dueDate',
                          render: (v, r) => (
                            <Typography.Text type={r.overdue ? 'danger' : undefined}>{formatDate(v)}</Typography.Text>
                          ),
                        },
                      ]}
                    />
                  ),
                },
              ]
            : []),
          {
            key: 'orders',
            label: t('ka.orders.all'),
            children: (
              <>
                <Tabs
                  size="small"
                  activeKey={status ?? 'all'}
                  onChange={(k) => setStatus(k === 'all' ? undefined : k)}
                  items={['in_progress', 'completed', 'all'].map((k) => ({
                    key: k,
                    label: k === 'all' ? t('ka.all') : t(`ka.orderStatus.${k}`),
                  }))}
                />
                <Table
                  size="small"
                  rowKey="id"
                  loading={orders.isLoading}
                  dataSource={orders.data?.items ?? []}
                  columns={[
                    {
                      title: t('ka.order.no'),
                      dataIndex: 'orderNo',
                      render: (v, r) => <Link to={`/ka/orders/${r.id}`}>{v}</Link>,
                    },
                    { title: t('ka.customer'), dataIndex: 'customerName' },
                    { title: t('ka.order.title'), dataIndex: 'title' },
                    { title: t('ka.am'), dataIndex: ['am', 'displayName'] },
                    {
                      title: t('ka.order.currentStep'),
                      dataIndex: 'currentStep',
                      render: (v, r) =>
                        v ? (
                          <Tag color={r.overdue ? 'red' : 'blue'}>{t(`ka.step.${v}`)}</Tag>
                        ) : (
                          <Tag color="green">{t('ka.orderStatus.completed')}</Tag>
                        ),
                    },
                    dateColumn(t('ka.order.billingStart'), 'billingStartDate'),
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </PageContainer>
  );
}
