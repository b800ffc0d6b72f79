import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { type TicketSummary, ticketStatuses, ticketTypes } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Table, Tabs, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { dateTimeColumn, nameColumn, noWrap } from '../../components/columns';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { sd } from './api';
import { DueCell, isOpenStatus, PriorityTag, SlaCountdown, StatusTag, TierTag, valueEnum } from './ui';

export function TicketTable({ mine }: { mine?: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const columns: ProColumns<TicketSummary>[] = [
    { title: t('sd.tickets.search'), dataIndex: 'search', hideInTable: true },
    {
      title: t('sd.field.ticketNo'),
      dataIndex: 'ticketNo',
      hideInSearch: true,
      width: 120,
      ...noWrap,
      render: (_, r) => <Link to={`/service-desk/tickets/${r.id}`}>{r.ticketNo}</Link>,
    },
    {
      title: t('sd.field.type'),
      dataIndex: 'type',
      valueType: 'select',
      valueEnum: valueEnum(t, 'sd.type', ticketTypes),
      width: 90,
      ...noWrap,
    },
    { title: t('sd.field.title'), dataIndex: 'title', hideInSearch: true, ellipsis: true },
    {
      title: t('sd.field.customer'),
      dataIndex: 'customerName',
      hideInSearch: true,
      ellipsis: true,
      render: (_, r) => (
        <>
          {r.customerName} <TierTag tier={r.tier} category={r.customerCategory} />
        </>
      ),
    },
    {
      title: t('sd.field.category'),
      dataIndex: 'categoryName',
      hideInSearch: true,
      ellipsis: true,
      width: 110,
      render: (_, r) => (locale === 'en' ? r.categoryNameEn : r.categoryName) ?? '—',
    },
    {
      title: t('sd.field.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: valueEnum(t, 'sd.status', ticketStatuses),
      render: (_, r) => <StatusTag status={r.status} />,
      width: 96,
      ...noWrap,
    },
    nameColumn(t('sd.field.owner'), 'ownerName'),
    {
      title: t('sd.field.priority'),
      dataIndex: 'priority',
      hideInSearch: true,
      width: 76,
      ...noWrap,
      render: (_, r) => <PriorityTag priority={r.priority} />,
    },
    {
      // The live countdown (time left / overdue, coloured); the due time in its tooltip. Closed tickets show the due time.
      title: t('sd.field.due'),
      dataIndex: 'resolutionDueAt',
      hideInSearch: true,
      width: 140,
      ...noWrap,
      render: (_, r) =>
        isOpenStatus(r.status) && (r.resolutionDueAt || r.resolutionClockState === 'paused') ? (
          <Tooltip title={r.resolutionDueAt ? formatDateTime(r.resolutionDueAt) : undefined}>
            <span>
              <SlaCountdown dueAt={r.resolutionDueAt} warnAt={r.resolutionWarnAt} state={r.resolutionClockState} open />
            </span>
          </Tooltip>
        ) : (
          <DueCell dueAt={r.resolutionDueAt} status={r.status} />
        ),
    },
    dateTimeColumn(t('sd.field.createdAt'), 'createdAt'),
  ];
  return (
    <ProTable<TicketSummary>
      rowKey="id"
      size="small"
      columns={columns}
      search={{ labelWidth: 'auto' }}
      options={false}
      pagination={{ defaultPageSize: 20 }}
      request={async (params) => {
        const { current = 1, pageSize = 20, ...rest } = params;
        const page = await sd.tickets({
          ...rest,
          mine: mine ? 'true' : undefined,
          limit: pageSize,
          offset: (current - 1) * pageSize,
        });
        return { data: page.items, total: page.total, success: true };
      }}
    />
  );
}

function Workload() {
  const t = useT();
  const q = useQuery({ queryKey: ['sd', 'workload'], queryFn: sd.workload });
  return (
    <Table
      rowKey="ownerId"
      size="small"
      loading={q.isLoading}
      dataSource={q.data ?? []}
      pagination={false}
      columns={[
        nameColumn(t('sd.field.owner'), 'ownerName'),
        { title: t('sd.workload.open'), dataIndex: 'open' },
        { title: t('sd.workload.pending'), dataIndex: 'pending' },
        {
          title: t('sd.workload.breached'),
          dataIndex: 'breached',
          render: (v) => <span style={{ color: v ? '#f5222d' : undefined }}>{v}</span>,
        },
        { title: t('sd.workload.dueToday'), dataIndex: 'dueToday' },
      ]}
    />
  );
}

/** All tickets in scope, "my owned tickets" and the owners' workload. */
export function TicketsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [tab, setTab] = useState(params.get('tab') ?? 'all');
  return (
    <PageContainer title={t('sd.tickets.title')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k);
          setParams({ tab: k }, { replace: true });
        }}
        items={[
          { key: 'all', label: t('sd.tickets.all'), children: <TicketTable /> },
          { key: 'mine', label: t('sd.tickets.mine'), children: <TicketTable mine /> },
          { key: 'workload', label: t('sd.tickets.workload'), children: <Workload /> },
        ]}
      />
    </PageContainer>
  );
}
