import { PageContainer } from '@ant-design/pro-components';
import { type WorkOrder, workOrderStatuses } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, message, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { nameColumn, noWrap } from '../../components/columns';
import { formatDateTime } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { sd, useDepartmentName, useDepartments } from './api';
import { options } from './ui';

const UNFINISHED = 'unfinished';
const ALL = 'all';

/** The departments' queue: take, work and resolve work orders (never the ticket itself). */
export function WorkOrdersPage() {
  const t = useT();
  const { locale } = useLocale();
  const { user } = useAuth();
  const departments = useDepartments();
  const departmentName = useDepartmentName();
  // Default: work still to do (open or in progress); "all" and each status are one choice away.
  const [filter, setFilter] = useState<{ departmentId?: number; status?: string; mine?: boolean }>({
    // Back-office staff start on their own unfinished work, most urgent due time first.
    status: UNFINISHED,
    mine: user?.role === 'back_office',
  });
  const q = useQuery({
    queryKey: ['sd', 'work-orders', filter],
    queryFn: () =>
      sd.workOrders({
        ...filter,
        status: filter.status === UNFINISHED || filter.status === ALL ? undefined : filter.status,
        unfinished: filter.status === UNFINISHED ? 'true' : undefined,
        mine: filter.mine ? 'true' : undefined,
        limit: 100,
      }),
  });
  const hidden = filter.status === UNFINISHED ? (q.data?.finishedHidden ?? 0) : 0;
  const [resolving, setResolving] = useState<WorkOrder | null>(null);
  const [resolution, setResolution] = useState('');
  const update = async (id: number, body: unknown) => {
    try {
      await sd.updateWorkOrder(id, body);
      setResolving(null);
      setResolution('');
      await q.refetch();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  return (
    <PageContainer title={t('sd.wo.title')}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('sd.field.department')}
          value={filter.departmentId}
          onChange={(departmentId) => setFilter({ ...filter, departmentId })}
          options={(departments.data ?? []).map((d) => ({
            value: d.id,
            label: locale === 'en' ? (d.nameEn ?? d.name) : d.name,
          }))}
        />
        <Select
          style={{ width: 140 }}
          placeholder={t('sd.field.status')}
          value={filter.status}
          data-testid="wo-status-filter"
          onChange={(status) => setFilter({ ...filter, status })}
          options={[
            { value: UNFINISHED, label: t('ux.wo.unfinished') },
            { value: ALL, label: t('ux.wo.all') },
            ...options(t, 'sd.woStatus', workOrderStatuses),
          ]}
        />
        <Space>
          <Switch checked={filter.mine} onChange={(mine) => setFilter({ ...filter, mine })} />
          {t('sd.wo.mine')}
        </Space>
      </Space>
      {hidden > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="wo-finished-hidden"
          message={t('ux.wo.finishedHiddenN', { n: hidden })}
          action={
            <Button size="small" type="link" onClick={() => setFilter({ ...filter, status: ALL })}>
              {t('ux.wo.showAll')}
            </Button>
          }
        />
      )}
      <Table<WorkOrder>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={[...(q.data?.items ?? [])].sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'))}
        pagination={false}
        columns={[
          {
            title: t('sd.field.ticketNo'),
            dataIndex: 'ticketNo',
            ...noWrap,
            render: (v, r) => <Link to={`/service-desk/tickets/${r.ticketId}`}>{v}</Link>,
          },
          { title: t('sd.field.title'), dataIndex: 'ticketTitle', ellipsis: true },
          {
            title: t('sd.field.department'),
            dataIndex: 'departmentName',
            ...noWrap,
            render: (v: string, r: WorkOrder) => departmentName(r.departmentId, v),
          },
          { title: t('sd.field.instructions'), dataIndex: 'instructions', ellipsis: true },
          nameColumn(t('sd.field.assignee'), 'assigneeName'),
          {
            title: t('sd.field.dueAt'),
            dataIndex: 'dueAt',
            ...noWrap,
            render: (v, r) => (
              <Space size={4}>
                {formatDateTime(v)}
                {r.overdue && <Tag color="red">{t('sd.wo.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('sd.field.status'), dataIndex: 'status', ...noWrap, render: (v) => t(`sd.woStatus.${v}`) },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space>
                {r.status === 'open' && (
                  <Button size="small" onClick={() => update(r.id, { status: 'inProgress', assigneeId: user?.id })}>
                    {t('sd.wo.take')}
                  </Button>
                )}
                {(r.status === 'open' || r.status === 'inProgress') && (
                  <Button size="small" type="primary" onClick={() => setResolving(r)}>
                    {t('sd.wo.resolve')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(resolving)}
        title={t('sd.wo.resolve')}
        onCancel={() => setResolving(null)}
        onOk={() => resolving && update(resolving.id, { status: 'resolved', resolution })}
      >
        <Input.TextArea
          rows={3}
          placeholder={t('sd.field.resolution')}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
        />
      </Modal>
    </PageContainer>
  );
}
