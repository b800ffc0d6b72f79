import { EditOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormSelect,
  ProFormText,
} from '@ant-design/pro-components';
import type { Customer360, ProductInstance } from '@crm/contracts';
import { Button, Card, Popconfirm, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useProductOfferings } from '../../../api/shared';
import { useAuth } from '../../../auth';
import { dateColumn } from '../../../components/columns';
import { EnumTag } from '../../../components/EnumTag';
import { fenToYuan, formatFen, yuanToFen } from '../../../format';
import { changedFields, compact, rules } from '../../../forms';
import { enumLabel, enumOptions, useLocale, useT } from '../../../i18n';
import { useCreate } from './useCreate';
import { useEdit } from './useEdit';

type Props = { customerId: number; data: Customer360; onChanged: () => Promise<void> };
type Values = {
  offeringId: number;
  accountId: number;
  serviceNumber: string;
  startDate: string;
  endDate?: string;
  monthlyYuan?: number;
  status: string;
};
type EditValues = { serviceNumber: string; endDate?: string | null; monthlyYuan?: number; status: string };
type Status = ProductInstance['status'];
/** One-click status changes offered per row: the target status and the statuses it applies to. */
const quickActions: { key: string; to: Status; from: Status[]; icon: ReactNode; danger?: boolean }[] = [
  { key: 'suspend', to: 'suspended', from: ['active'], icon: <PauseCircleOutlined /> },
  { key: 'resume', to: 'active', from: ['suspended'], icon: <PlayCircleOutlined /> },
  {
    key: 'terminate',
    to: 'terminated',
    from: ['pending', 'active', 'suspended'],
    icon: <StopOutlined />,
    danger: true,
  },
];

export function ProductsTab({ customerId, data, onChanged }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const writable = can('customers.write');
  const offerings = useProductOfferings(writable);
  const { form, submit } = useCreate<Values>(`/api/customers/${customerId}/products`, onChanged);
  const edit = useEdit<ProductInstance, EditValues>(onChanged);
  const pathOf = (p: ProductInstance) => `/api/customers/${customerId}/products/${p.id}`;
  const accountNo = new Map(data.accounts.map((a) => [a.id, a.accountNo]));
  const activeTotal = data.products.filter((p) => p.status === 'active').reduce((s, p) => s + p.monthlyFen, 0);

  const columns: TableColumnsType<ProductInstance> = [
    {
      title: t('products.field.offering'),
      render: (_, p) => (locale === 'en' ? p.offeringNameEn : p.offeringNameZh),
    },
    { title: t('products.field.family'), dataIndex: 'family', render: (v: string) => enumLabel(t, 'productFamily', v) },
    {
      title: t('products.field.serviceNumber'),
      dataIndex: 'serviceNumber',
      render: (v: string) => <span className="crm-num">{v}</span>,
    },
    {
      title: t('products.field.account'),
      dataIndex: 'accountId',
      render: (v: number | null) => (v ? (accountNo.get(v) ?? `#${v}`) : '—'),
    },
    dateColumn(t('products.field.startDate'), 'startDate'),
    dateColumn(t('products.field.endDate'), 'endDate'),
    {
      title: t('products.field.monthly'),
      dataIndex: 'monthlyFen',
      align: 'right',
      render: (v: number) => <span className="crm-money">{formatFen(v)}</span>,
    },
    {
      title: t('products.field.status'),
      dataIndex: 'status',
      render: (v: string) => <EnumTag name="productStatus" value={v} />,
    },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, p: ProductInstance) => (
              <Space size={4}>
                <Tooltip title={t('common.edit')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('products.edit')}
                    onClick={() => edit.setEditing(p)}
                  />
                </Tooltip>
                {quickActions
                  .filter((a) => a.from.includes(p.status))
                  .map((a) => (
                    <Popconfirm
                      key={a.key}
                      placement="left"
                      title={t(`products.${a.key}.confirm`, { number: p.serviceNumber })}
                      description={a.key === 'terminate' ? t('products.terminate.hint') : undefined}
                      okText={t(`products.${a.key}`)}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: a.danger }}
                      onConfirm={() => edit.patch(pathOf(p), { status: a.to })}
                    >
                      <Tooltip title={t(`products.${a.key}`)}>
                        <Button
                          type="text"
                          size="small"
                          danger={a.danger}
                          icon={a.icon}
                          aria-label={t(`products.${a.key}`)}
                        />
                      </Tooltip>
                    </Popconfirm>
                  ))}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const offeringOptions = (offerings.data ?? []).map((o) => ({
    value: o.id,
    label: `${locale === 'en' ? o.nameEn : o.nameZh} · ${formatFen(o.defaultMonthlyFen)}`,
  }));

  return (
    <Card
      title={t('products.title')}
      extra={
        writable ? (
          <ModalForm<Values>
            form={form}
            title={t('products.add')}
            trigger={
              <Button type="primary" icon={<PlusOutlined />} disabled={data.accounts.length === 0}>
                {t('products.add')}
              </Button>
            }
            initialValues={{ status: 'active', accountId: data.accounts[0]?.id }}
            modalProps={{ destroyOnHidden: true, maskClosable: false }}
            submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
            onFinish={({ monthlyYuan, ...values }) =>
              submit(compact({ ...values, monthlyFen: monthlyYuan === undefined ? undefined : yuanToFen(monthlyYuan) }))
            }
          >
            <ProFormSelect
              name="offeringId"
              label={t('products.field.offering')}
              options={offeringOptions}
              showSearch
              rules={[{ required: true, message: t('validation.required', { label: t('products.field.offering') }) }]}
            />
            <ProFormDependency name={['offeringId']}>
              {({ offeringId }) => {
                const o = offerings.data?.find((x) => x.id === offeringId);
                return o ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: -16 }}>
                    {t('products.defaultMonthly', { amount: formatFen(o.defaultMonthlyFen) })}
                  </Typography.Paragraph>
                ) : null;
              }}
            </ProFormDependency>
            <ProFormSelect
              name="accountId"
              label={t('products.field.account')}
              options={data.accounts.map((a) => ({ value: a.id, label: `${a.accountNo} · ${a.name}` }))}
              rules={[{ required: true, message: t('validation.required', { label: t('products.field.account') }) }]}
            />
            <ProFormText
              name="serviceNumber"
              label={t('products.field.serviceNumber')}
              rules={[rules.required(t, t('products.field.serviceNumber')), rules.max(t, 64)]}
            />
            <ProFormDatePicker
              name="startDate"
              label={t('products.field.startDate')}
              fieldProps={{ style: { width: '100%' } }}
              rules={[{ required: true, message: t('validation.required', { label: t('products.field.startDate') }) }]}
            />
            <ProFormDatePicker
              name="endDate"
              label={t('products.field.endDate')}
              fieldProps={{ style: { width: '100%' } }}
            />
            <ProFormDigit
              name="monthlyYuan"
              label={t('products.field.monthlyYuan')}
              min={0}
              fieldProps={{ precision: 2, prefix: '¥' }}
              placeholder={t('products.monthly.placeholder')}
            />
            <ProFormSelect name="status" label={t('products.field.status')} options={enumOptions(t, 'productStatus')} />
          </ModalForm>
        ) : null
      }
    >
      <Table<ProductInstance>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data.products}
        pagination={data.products.length > 20 ? { pageSize: 20 } : false}
        summary={() =>
          data.products.length ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={6}>
                <Typography.Text strong>{t('products.activeTotal')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                <Typography.Text strong className="crm-money">
                  {formatFen(activeTotal)}
                </Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} />
              {writable ? <Table.Summary.Cell index={8} /> : null}
            </Table.Summary.Row>
          ) : null
        }
      />
      <ModalForm<EditValues>
        form={edit.form}
        key={edit.editing?.id}
        title={edit.editing ? t('products.editTitle', { number: edit.editing.serviceNumber }) : t('products.edit')}
        open={edit.editing !== null}
        onOpenChange={(open) => {
          if (!open) edit.setEditing(null);
        }}
        initialValues={
          edit.editing
            ? {
                ...edit.editing,
                monthlyYuan: fenToYuan(edit.editing.monthlyFen),
                endDate: edit.editing.endDate ?? undefined,
              }
            : undefined
        }
        modalProps={{ destroyOnHidden: true, maskClosable: false }}
        submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
        onFinish={async ({ monthlyYuan, ...values }) => {
          const p = edit.editing;
          if (!p) return true;
          const body = changedFields(
            p as unknown as Record<string, unknown>,
            {
              ...values,
              monthlyFen: monthlyYuan === undefined || monthlyYuan === null ? undefined : yuanToFen(monthlyYuan),
            },
            ['serviceNumber', 'endDate', 'monthlyFen', 'status'],
          );
          // The monthly charge cannot be cleared: an emptied field keeps the current charge.
          if (body.monthlyFen === null) delete body.monthlyFen;
          return edit.save(pathOf(p), body);
        }}
      >
        <ProFormText
          name="serviceNumber"
          label={t('products.field.serviceNumber')}
          rules={[rules.required(t, t('products.field.serviceNumber')), rules.max(t, 64)]}
        />
        <ProFormDatePicker
          name="endDate"
          label={t('products.field.endDate')}
          fieldProps={{ style: { width: '100%' } }}
          extra={t('products.endDate.hint')}
        />
        <ProFormDigit
          name="monthlyYuan"
          label={t('products.field.monthlyYuan')}
          min={0}
          fieldProps={{ precision: 2, prefix: '¥' }}
        />
        <ProFormSelect
          name="status"
          label={t('products.field.status')}
          options={enumOptions(t, 'productStatus')}
          allowClear={false}
          disabled={edit.editing?.status === 'terminated'}
        />
      </ModalForm>
    </Card>
  );
}
