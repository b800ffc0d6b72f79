import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormDatePicker, ProFormDigit, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import type { Contract } from '@crm/contracts';
import { Button, Card, Space, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useProductOfferings } from '../../../api/shared';
import { useAuth } from '../../../auth';
import { noWrap } from '../../../components/columns';
import { EnumTag } from '../../../components/EnumTag';
import { fenToYuan, formatDate, formatFen, yuanToFen } from '../../../format';
import { changedFields, compact, rules } from '../../../forms';
import { enumOptions, useLocale, useT } from '../../../i18n';
import { useCreate } from './useCreate';
import { useEdit } from './useEdit';

type Props = { customerId: number; contracts: Contract[]; onChanged: () => Promise<void> };
type Values = {
  contractNo?: string;
  title: string;
  startDate: string;
  termMonths: number;
  committedMonthlyYuan?: number;
  offeringIds?: number[];
};
type EditValues = {
  title: string;
  startDate: string;
  termMonths: number;
  endDate: string;
  committedMonthlyYuan?: number;
  status: string;
};

export function ContractsTab({ customerId, contracts, onChanged }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const writable = can('customers.write');
  const offerings = useProductOfferings(writable);
  const { form, submit } = useCreate<Values>(`/api/customers/${customerId}/contracts`, onChanged);
  const edit = useEdit<Contract, EditValues>(onChanged);

  const columns: TableColumnsType<Contract> = [
    {
      title: t('contracts.field.contractNo'),
      dataIndex: 'contractNo',
      ...noWrap,
      render: (v: string) => <span className="crm-num">{v}</span>,
    },
    { title: t('contracts.field.title'), dataIndex: 'title' },
    {
      title: t('contracts.field.period'),
      ...noWrap,
      render: (_, c) => `${formatDate(c.startDate)} ~ ${formatDate(c.endDate)}`,
    },
    {
      title: t('contracts.field.termMonths'),
      dataIndex: 'termMonths',
      ...noWrap,
      render: (v: number) => t('contracts.months', { count: v }),
    },
    {
      title: t('contracts.field.committedMonthly'),
      dataIndex: 'committedMonthlyFen',
      ...noWrap,
      align: 'right',
      render: (v: number) => <span className="crm-money">{formatFen(v)}</span>,
    },
    {
      title: t('contracts.field.products'),
      render: (_, c) =>
        c.products.length ? (
          <Space size={[0, 4]} wrap>
            {c.products.map((p) => (
              <Tag key={p.offeringId}>
                {locale === 'en' ? p.nameEn : p.nameZh}
                {p.quantity > 1 ? ` ×${p.quantity}` : ''}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('contracts.field.status'),
      dataIndex: 'status',
      ...noWrap,
      render: (v: string) => <EnumTag name="contractStatus" value={v} />,
    },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, c: Contract) => (
              <Tooltip title={t('common.edit')}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('contracts.edit')}
                  onClick={() => edit.setEditing(c)}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('contracts.title')}
      extra={
        writable ? (
          <ModalForm<Values>
            form={form}
            title={t('contracts.add')}
            trigger={
              <Button type="primary" icon={<PlusOutlined />}>
                {t('contracts.add')}
              </Button>
            }
            initialValues={{ termMonths: 36 }}
            modalProps={{ destroyOnHidden: true, maskClosable: false }}
            submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
            onFinish={({ committedMonthlyYuan, ...values }) =>
              submit(
                compact({
                  ...values,
                  committedMonthlyFen: committedMonthlyYuan === undefined ? undefined : yuanToFen(committedMonthlyYuan),
                }),
              )
            }
          >
            <ProFormText
              name="title"
              label={t('contracts.field.title')}
              rules={[rules.required(t, t('contracts.field.title')), rules.max(t, 200)]}
            />
            <ProFormText
              name="contractNo"
              label={t('contracts.field.contractNo')}
              placeholder={t('contracts.contractNo.auto')}
              rules={[rules.max(t, 32)]}
            />
            <ContractTermFields />
            <ProFormDigit
              name="committedMonthlyYuan"
              label={t('contracts.field.committedMonthlyYuan')}
              min={0}
              fieldProps={{ precision: 2, prefix: '¥' }}
            />
            <ProFormSelect
              name="offeringIds"
              label={t('contracts.field.products')}
              mode="multiple"
              options={(offerings.data ?? []).map((o) => ({
                value: o.id,
                label: locale === 'en' ? o.nameEn : o.nameZh,
              }))}
            />
          </ModalForm>
        ) : null
      }
    >
      <Table<Contract> rowKey="id" size="middle" columns={columns} dataSource={contracts} pagination={false} />
      <ModalForm<EditValues>
        form={edit.form}
        key={edit.editing?.id}
        title={edit.editing ? t('contracts.editTitle', { contractNo: edit.editing.contractNo }) : t('contracts.edit')}
        open={edit.editing !== null}
        onOpenChange={(open) => {
          if (!open) edit.setEditing(null);
        }}
        initialValues={
          edit.editing
            ? { ...edit.editing, committedMonthlyYuan: fenToYuan(edit.editing.committedMonthlyFen) }
            : undefined
        }
        modalProps={{ destroyOnHidden: true, maskClosable: false }}
        submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
        onFinish={async ({ committedMonthlyYuan, ...values }) => {
          const c = edit.editing;
          if (!c) return true;
          const body = changedFields(
            c as unknown as Record<string, unknown>,
            {
              ...values,
              committedMonthlyFen:
                committedMonthlyYuan === undefined || committedMonthlyYuan === null
                  ? 0
                  : yuanToFen(committedMonthlyYuan),
            },
            ['title', 'startDate', 'termMonths', 'endDate', 'committedMonthlyFen', 'status'],
          );
          return edit.save(`/api/customers/${customerId}/contracts/${c.id}`, body);
        }}
      >
        <ProFormText
          name="title"
          label={t('contracts.field.title')}
          rules={[rules.required(t, t('contracts.field.title')), rules.max(t, 200)]}
        />
        <ContractTermFields />
        <ProFormDatePicker
          name="endDate"
          label={t('contracts.field.endDate')}
          fieldProps={{ style: { width: '100%' } }}
          extra={t('contracts.endDate.hint')}
          rules={[{ required: true, message: t('validation.required', { label: t('contracts.field.endDate') }) }]}
        />
        <ProFormDigit
          name="committedMonthlyYuan"
          label={t('contracts.field.committedMonthlyYuan')}
          min={0}
          fieldProps={{ precision: 2, prefix: '¥' }}
        />
        <ProFormSelect
          name="status"
          label={t('contracts.field.status')}
          options={enumOptions(t, 'contractStatus')}
          allowClear={false}
        />
      </ModalForm>
    </Card>
  );
}

/** Start date and term of a contract: the same fields when it is created and when it is edited. */
function ContractTermFields() {
  const t = useT();
  return (
    <>
      <ProFormDatePicker
        name="startDate"
        label={t('contracts.field.startDate')}
        fieldProps={{ style: { width: '100%' } }}
        rules={[{ required: true, message: t('validation.required', { label: t('contracts.field.startDate') }) }]}
      />
      <ProFormDigit
        name="termMonths"
        label={t('contracts.field.termMonths')}
        min={1}
        max={120}
        fieldProps={{ precision: 0 }}
        rules={[{ required: true, message: t('validation.required', { label: t('contracts.field.termMonths') }) }]}
      />
    </>
  );
}
