import { PlusOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { type CustomerSummary, customerSortFields } from '@crm/contracts';
import { Button, Select, Space, TreeSelect, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { buildOrgTree, useAccountManagers, useOrgUnitName, useOrgUnits } from '../../api/shared';
import { useAuth } from '../../auth';
import { noWrap } from '../../components/columns';
import { EnumTag } from '../../components/EnumTag';
import { formatDate } from '../../format';
import { apiErrorText } from '../../forms';
import { enumValueEnum, useLocale, useT } from '../../i18n';
import { ExportButton } from '../imports/ExportButton';
import { listCustomers } from './api';
import { CustomerFormDrawer } from './CustomerFormDrawer';

type Filters = {
  search?: string;
  category?: string;
  status?: string;
  industry?: string;
  orgUnitId?: number;
  accountManagerId?: number;
};

const sortable = new Set<string>(customerSortFields);

export function CustomerListPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const navigate = useNavigate();
  const actionRef = useRef<ActionType>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The filters of the last request, so an export downloads exactly what the table shows.
  const [filters, setFilters] = useState<Record<string, unknown>>({});
  const orgUnits = useOrgUnits();
  const orgName = useOrgUnitName();
  const managers = useAccountManagers();
  const orgTree = useMemo(() => buildOrgTree(orgUnits.data ?? [], locale), [orgUnits.data, locale]);

  const columns: ProColumns<CustomerSummary>[] = [
    {
      title: t('customers.filter.search'),
      dataIndex: 'search',
      hideInTable: true,
      order: 10,
      fieldProps: { placeholder: t('customers.filter.searchPlaceholder'), allowClear: true },
    },
    {
      title: t('customers.field.customerNo'),
      dataIndex: 'customerNo',
      sorter: true,
      hideInSearch: true,
      width: 130,
      render: (_, r) => <span className="crm-num">{r.customerNo}</span>,
    },
    {
      title: t('customers.field.name'),
      dataIndex: 'name',
      sorter: true,
      hideInSearch: true,
      ellipsis: true,
      width: 230,
      render: (_, r) => (
        <Link to={`/customers/${r.id}`} data-testid="customer-link">
          {r.name}
        </Link>
      ),
    },
    {
      title: t('customers.field.category'),
      dataIndex: 'category',
      valueType: 'select',
      valueEnum: enumValueEnum(t, 'category'),
      sorter: true,
      width: 100,
      order: 9,
      render: (_, r) => <EnumTag name="category" value={r.category} />,
    },
    {
      title: t('customers.field.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: enumValueEnum(t, 'customerStatus'),
      sorter: true,
      width: 84,
      order: 8,
      render: (_, r) => <EnumTag name="customerStatus" value={r.status} />,
    },
    {
      title: t('customers.field.industry'),
      dataIndex: 'industry',
      valueType: 'select',
      valueEnum: enumValueEnum(t, 'industry'),
      ellipsis: true,
      width: 130,
      order: 7,
      render: (_, r) => (r.industry ? t(`enum.industry.${r.industry}`) : '—'),
    },
    {
      title: t('customers.field.orgUnit'),
      dataIndex: 'orgUnitId',
      order: 6,
      ellipsis: true,
      width: 130,
      render: (_, r) => orgName(r.orgUnitId, r.orgUnitName),
      renderFormItem: () => (
        <TreeSelect
          allowClear
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          treeData={orgTree}
          placeholder={t('common.select.placeholder')}
        />
      ),
    },
    {
      title: t('customers.field.accountManager'),
      dataIndex: 'accountManagerId',
      order: 5,
      width: 100,
      ...noWrap,
      render: (_, r) => <span data-testid="am-cell">{r.accountManagerName ?? '—'}</span>,
      renderFormItem: () => (
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          loading={managers.isLoading}
          options={(managers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          placeholder={t('common.select.placeholder')}
        />
      ),
    },
    {
      title: t('customers.field.mobile'),
      dataIndex: 'mobile',
      hideInSearch: true,
      width: 120,
      render: (_, r) => <span className="crm-num">{r.mobile ?? '—'}</span>,
    },
    {
      title: t('customers.field.sinceDate'),
      dataIndex: 'sinceDate',
      sorter: true,
      hideInSearch: true,
      width: 110,
      ...noWrap,
      render: (_, r) => formatDate(r.sinceDate),
    },
  ];

  return (
    <PageContainer title={t('customers.list.title')} subTitle={t('customers.list.subtitle')}>
      <ProTable<CustomerSummary, Filters>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        size="middle"
        scroll={{ x: 1100 }}
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: true, span: { xs: 24, sm: 12, md: 12, lg: 8, xl: 6, xxl: 6 } }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
        options={{ density: true, reload: true, setting: true, fullScreen: false }}
        headerTitle={
          error ? (
            <Typography.Text type="danger">{error}</Typography.Text>
          ) : (
            <Space>{t('customers.list.tableTitle')}</Space>
          )
        }
        toolBarRender={() => [
          <ExportButton key="export" entity="customers" filters={filters} />,
          ...(can('customers.write')
            ? [
                <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('customers.action.create')}
                </Button>,
              ]
            : []),
        ]}
        request={async (params, sort) => {
          const { current = 1, pageSize = 20, ...filters } = params;
          const [field, direction] = Object.entries(sort ?? {}).find(([, v]) => v) ?? [];
          setFilters(filters);
          try {
            const page = await listCustomers({
              ...filters,
              limit: pageSize,
              offset: (current - 1) * pageSize,
              sort: field && sortable.has(field) ? field : undefined,
              order: direction === 'descend' ? 'desc' : direction === 'ascend' ? 'asc' : undefined,
            });
            setError(null);
            return { data: page.items, total: page.total, success: true };
          } catch (err) {
            setError(apiErrorText(err, t));
            return { data: [], total: 0, success: false };
          }
        }}
      />
      <CustomerFormDrawer
        open={creating}
        onOpenChange={setCreating}
        onSaved={(c) => {
          actionRef.current?.reload();
          navigate(`/customers/${c.id}`);
        }}
      />
    </PageContainer>
  );
}
