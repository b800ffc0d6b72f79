import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormDigit, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import type { BillingAccount } from '@crm/contracts';
import { Button, Card, Table, type TableColumnsType, Tooltip } from 'antd';
import { useAuth } from '../../../auth';
import { EnumTag } from '../../../components/EnumTag';
import { changedFields, compact, rules } from '../../../forms';
import { enumLabel, enumOptions, useT } from '../../../i18n';
import { useCreate } from './useCreate';
import { useEdit } from './useEdit';

type Props = { customerId: number; customerName: string; accounts: BillingAccount[]; onChanged: () => Promise<void> };
type Values = { accountNo?: string; name: string; paymentMethod: string; billCycleDay: number };
type EditValues = { name: string; paymentMethod: string; billCycleDay: number; status: string };
const editable = ['name', 'paymentMethod', 'billCycleDay', 'status'] as const;

export function AccountsTab({ customerId, customerName, accounts, onChanged }: Props) {
  const t = useT();
  const { can } = useAuth();
  const { form, submit } = useCreate<Values>(`/api/customers/${customerId}/accounts`, onChanged);
  const edit = useEdit<BillingAccount, EditValues>(onChanged);
  const writable = can('customers.write');

  const columns: TableColumnsType<BillingAccount> = [
    {
      title: t('accounts.field.accountNo'),
      dataIndex: 'accountNo',
      render: (v: string) => <span className="crm-num">{v}</span>,
    },
    { title: t('accounts.field.name'), dataIndex: 'name' },
    {
      title: t('accounts.field.paymentMethod'),
      dataIndex: 'paymentMethod',
      render: (v: string) => enumLabel(t, 'paymentMethod', v),
    },
    {
      title: t('accounts.field.billCycleDay'),
      dataIndex: 'billCycleDay',
      render: (v: number) => t('accounts.cycleDay', { day: v }),
    },
    {
      title: t('accounts.field.status'),
      dataIndex: 'status',
      render: (v: string) => <EnumTag name="accountStatus" value={v} />,
    },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, a: BillingAccount) => (
              <Tooltip title={t('common.edit')}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('accounts.edit')}
                  onClick={() => edit.setEditing(a)}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('accounts.title')}
      extra={
        writable ? (
          <ModalForm<Values>
            form={form}
            title={t('accounts.add')}
            trigger={
              <Button type="primary" icon={<PlusOutlined />}>
                {t('accounts.add')}
              </Button>
            }
            initialValues={{ name: customerName, paymentMethod: 'bank_debit', billCycleDay: 1 }}
            modalProps={{ destroyOnHidden: true, maskClosable: false }}
            submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
            onFinish={(values) => submit(compact(values))}
          >
            <ProFormText
              name="name"
              label={t('accounts.field.name')}
              rules={[rules.required(t, t('accounts.field.name')), rules.max(t, 200)]}
            />
            <ProFormText
              name="accountNo"
              label={t('accounts.field.accountNo')}
              placeholder={t('accounts.accountNo.auto')}
              rules={[rules.max(t, 32)]}
            />
            <ProFormSelect
              name="paymentMethod"
              label={t('accounts.field.paymentMethod')}
              options={enumOptions(t, 'paymentMethod')}
            />
            <ProFormDigit
              name="billCycleDay"
              label={t('accounts.field.billCycleDay')}
              min={1}
              max={28}
              fieldProps={{ precision: 0 }}
            />
          </ModalForm>
        ) : null
      }
    >
      <Table<BillingAccount> rowKey="id" size="middle" columns={columns} dataSource={accounts} pagination={false} />
      <ModalForm<EditValues>
        form={edit.form}
        key={edit.editing?.id}
        title={edit.editing ? t('accounts.editTitle', { accountNo: edit.editing.accountNo }) : t('accounts.edit')}
        open={edit.editing !== null}
        onOpenChange={(open) => {
          if (!open) edit.setEditing(null);
        }}
        initialValues={edit.editing ?? undefined}
        modalProps={{ destroyOnHidden: true, maskClosable: false }}
        submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
        onFinish={async (values) => {
          const a = edit.editing;
          if (!a) return true;
          return edit.save(
            `/api/customers/${customerId}/accounts/${a.id}`,
            changedFields(a as unknown as Record<string, unknown>, values, editable),
          );
        }}
      >
        <ProFormText
          name="name"
          label={t('accounts.field.name')}
          rules={[rules.required(t, t('accounts.field.name')), rules.max(t, 200)]}
        />
        <ProFormSelect
          name="paymentMethod"
          label={t('accounts.field.paymentMethod')}
          options={enumOptions(t, 'paymentMethod')}
          allowClear={false}
        />
        <ProFormDigit
          name="billCycleDay"
          label={t('accounts.field.billCycleDay')}
          min={1}
          max={28}
          fieldProps={{ precision: 0 }}
          rules={[{ required: true, message: t('validation.required', { label: t('accounts.field.billCycleDay') }) }]}
        />
        <ProFormSelect
          name="status"
          label={t('accounts.field.status')}
          options={enumOptions(t, 'accountStatus')}
          allowClear={false}
          extra={t('accounts.status.hint')}
        />
      </ModalForm>
    </Card>
  );
}
