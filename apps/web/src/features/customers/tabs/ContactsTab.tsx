import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormDatePicker, ProFormSelect, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import type { Contact } from '@crm/contracts';
import { App, Button, Card, Form, Popconfirm, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useAuth } from '../../../auth';
import { EnumTag } from '../../../components/EnumTag';
import { formatDate } from '../../../format';
import { apiErrorText, applyServerErrors, changedFields, compact, rules } from '../../../forms';
import { enumOptions, useT } from '../../../i18n';

type Props = { customerId: number; contacts: Contact[]; onChanged: () => Promise<void> };
type Values = Record<string, unknown>;

const fields = [
  'name',
  'title',
  'mobile',
  'phone',
  'email',
  'birthday',
  'interests',
  'decisionRole',
  'attitude',
  'notes',
] as const;
const roleOrder = ['decision_maker', 'technical_lead', 'finance', 'procurement', 'influencer', 'user'];

export function ContactsTab({ customerId, contacts, onChanged }: Props) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const writable = can('customers.write');
  const sorted = [...contacts].sort(
    (a, b) => roleOrder.indexOf(a.decisionRole ?? 'user') - roleOrder.indexOf(b.decisionRole ?? 'user'),
  );

  const remove = async (c: Contact) => {
    try {
      await api.delete(`/api/customers/${customerId}/contacts/${c.id}`);
      message.success(t('common.deleted'));
      await onChanged();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  const submit = async (values: Values) => {
    try {
      if (editing && editing !== 'new') {
        const body = changedFields(editing as unknown as Values, values, fields);
        // contactUpdate takes values only (no null): an emptied field cannot be cleared, so it is not sent.
        for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
        await api.patch(`/api/customers/${customerId}/contacts/${editing.id}`, body);
      } else {
        await api.post(`/api/customers/${customerId}/contacts`, compact(values));
      }
      message.success(t('common.saved'));
      await onChanged();
      return true;
    } catch (err) {
      const rest = applyServerErrors(form, err, t);
      if (rest.length) message.error(rest.join('; '));
      return false;
    }
  };

  const columns: TableColumnsType<Contact> = [
    {
      title: t('contacts.field.name'),
      dataIndex: 'name',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{c.name}</Typography.Text>
          {c.title ? <Typography.Text type="secondary">{c.title}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('contacts.field.decisionRole'),
      dataIndex: 'decisionRole',
      width: 130,
      render: (v: Contact['decisionRole']) => (v ? <EnumTag name="decisionRole" value={v} /> : '—'),
    },
    {
      title: t('contacts.field.attitude'),
      dataIndex: 'attitude',
      width: 100,
      render: (v: Contact['attitude']) => <EnumTag name="attitude" value={v ?? 'unknown'} />,
    },
    {
      title: t('contacts.field.mobile'),
      render: (_, c) => (
        <Space direction="vertical" size={0} className="crm-num">
          <span>{c.mobile ?? '—'}</span>
          {c.phone ? <Typography.Text type="secondary">{c.phone}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('contacts.field.email'), dataIndex: 'email', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('contacts.field.birthday'),
      dataIndex: 'birthday',
      width: 110,
      render: (v: string | null) => formatDate(v),
    },
    {
      title: t('contacts.field.interests'),
      dataIndex: 'interests',
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, c: Contact) => (
              <Space size={4}>
                <Tooltip title={t('common.edit')}>
                  <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} />
                </Tooltip>
                <Popconfirm
                  title={t('contacts.confirmDelete', { name: c.name })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(c)}
                >
                  <Tooltip title={t('common.delete')}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} />
                  </Tooltip>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const initial =
    editing && editing !== 'new'
      ? Object.fromEntries(fields.map((f) => [f, editing[f] ?? undefined]))
      : { attitude: 'unknown' };

  return (
    <Card
      title={t('contacts.title')}
      extra={
        writable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('contacts.add')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('contacts.hint')}
      </Typography.Paragraph>
      <Table<Contact> rowKey="id" size="middle" columns={columns} dataSource={sorted} pagination={false} />
      <ModalForm<Values>
        form={form}
        key={editing === 'new' ? 'new' : editing?.id}
        title={editing === 'new' ? t('contacts.add') : t('contacts.edit')}
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
        initialValues={initial}
        modalProps={{ destroyOnHidden: true, maskClosable: false }}
        submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
        onFinish={async (values) => {
          const ok = await submit(values);
          if (ok) setEditing(null);
          return ok;
        }}
        grid
        rowProps={{ gutter: 16 }}
        colProps={{ span: 12 }}
      >
        <ProFormText
          name="name"
          label={t('contacts.field.name')}
          rules={[rules.required(t, t('contacts.field.name')), rules.max(t, 64)]}
        />
        <ProFormText name="title" label={t('contacts.field.title')} rules={[rules.max(t, 64)]} />
        <ProFormSelect
          name="decisionRole"
          label={t('contacts.field.decisionRole')}
          options={enumOptions(t, 'decisionRole')}
          placeholder={t('common.select.placeholder')}
        />
        <ProFormSelect
          name="attitude"
          label={t('contacts.field.attitude')}
          options={enumOptions(t, 'attitude')}
          placeholder={t('common.select.placeholder')}
        />
        <ProFormText
          name="mobile"
          label={t('contacts.field.mobile')}
          rules={[rules.mobile(t)]}
          fieldProps={{ maxLength: 11 }}
        />
        <ProFormText name="phone" label={t('contacts.field.phone')} rules={[rules.phone(t)]} />
        <ProFormText name="email" label={t('contacts.field.email')} rules={[rules.email(t)]} />
        <ProFormDatePicker
          name="birthday"
          label={t('contacts.field.birthday')}
          fieldProps={{ style: { width: '100%' } }}
        />
        <ProFormText
          name="interests"
          label={t('contacts.field.interests')}
          colProps={{ span: 24 }}
          rules={[rules.max(t, 300)]}
        />
        <ProFormTextArea
          name="notes"
          label={t('contacts.field.notes')}
          colProps={{ span: 24 }}
          fieldProps={{ rows: 2, maxLength: 2000 }}
        />
      </ModalForm>
    </Card>
  );
}
