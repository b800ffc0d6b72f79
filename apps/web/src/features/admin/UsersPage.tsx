import { PlusOutlined } from '@ant-design/icons';
import {
  type ActionType,
  ModalForm,
  PageContainer,
  type ProColumns,
  ProFormSelect,
  ProFormText,
  ProFormTreeSelect,
  ProTable,
} from '@ant-design/pro-components';
import type { User } from '@crm/contracts';
import { App, Badge, Button, Form, Popconfirm, TreeSelect } from 'antd';
import { useMemo, useRef } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { buildOrgTree, useOrgUnits } from '../../api/shared';
import { EnumTag } from '../../components/EnumTag';
import { apiErrorText, applyServerErrors, compact, rules } from '../../forms';
import { enumOptions, enumValueEnum, useLocale, useT } from '../../i18n';

type Filters = { search?: string; role?: string; orgUnitId?: number };
type Values = {
  username: string;
  displayName: string;
  role: string;
  orgUnitId: number;
  password: string;
  phone?: string;
  email?: string;
};

export function UsersPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const actionRef = useRef<ActionType>(null);
  const orgUnits = useOrgUnits();
  const orgTree = useMemo(() => buildOrgTree(orgUnits.data ?? [], locale), [orgUnits.data, locale]);

  const setActive = async (u: User, active: boolean) => {
    try {
      await api.patch(`/api/users/${u.id}`, { active });
      message.success(t('common.saved'));
      actionRef.current?.reload();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  const columns: ProColumns<User>[] = [
    {
      title: t('users.filter.search'),
      dataIndex: 'search',
      hideInTable: true,
      fieldProps: { placeholder: t('users.filter.searchPlaceholder') },
    },
    { title: t('users.field.username'), dataIndex: 'username', hideInSearch: true, copyable: true },
    { title: t('users.field.displayName'), dataIndex: 'displayName', hideInSearch: true },
    {
      title: t('users.field.role'),
      dataIndex: 'role',
      valueType: 'select',
      valueEnum: enumValueEnum(t, 'role'),
      render: (_, u) => <EnumTag name="role" value={u.role} />,
    },
    {
      title: t('users.field.orgUnit'),
      dataIndex: 'orgUnitId',
      render: (_, u) => u.orgUnitName,
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
    { title: t('users.field.phone'), dataIndex: 'phone', hideInSearch: true, render: (_, u) => u.phone ?? '—' },
    { title: t('users.field.email'), dataIndex: 'email', hideInSearch: true, render: (_, u) => u.email ?? '—' },
    {
      title: t('users.field.active'),
      dataIndex: 'active',
      hideInSearch: true,
      render: (_, u) => (
        <Badge status={u.active ? 'success' : 'default'} text={t(u.active ? 'users.active' : 'users.inactive')} />
      ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      render: (_, u) => [
        <Popconfirm
          key="toggle"
          title={t(u.active ? 'users.confirmDisable' : 'users.confirmEnable', { name: u.displayName })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => setActive(u, !u.active)}
        >
          <Button type="link" size="small" danger={u.active} style={{ paddingInline: 0 }}>
            {t(u.active ? 'users.disable' : 'users.enable')}
          </Button>
        </Popconfirm>,
      ],
    },
  ];

  const keyRef = useRef(newIdempotencyKey());
  const create = async (values: Values) => {
    try {
      await api.post('/api/users', compact(values), { idempotencyKey: keyRef.current });
      keyRef.current = newIdempotencyKey();
      message.success(t('users.created', { name: values.displayName }));
      actionRef.current?.reload();
      return true;
    } catch (err) {
      keyRef.current = newIdempotencyKey();
      const rest = applyServerErrors(form, err, t);
      if (rest.length) message.error(rest.join('; '));
      return false;
    }
  };

  return (
    <PageContainer title={t('users.title')} subTitle={t('users.subtitle')}>
      <ProTable<User, Filters>
        rowKey="id"
        headerTitle={t('users.list')}
        actionRef={actionRef}
        columns={columns}
        cardBordered
        size="middle"
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        request={async ({ current = 1, pageSize = 20, ...filters }) => {
          const page = await api.get<{ items: User[]; total: number }>('/api/users', {
            ...filters,
            limit: pageSize,
            offset: (current - 1) * pageSize,
          });
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          <ModalForm<Values>
            key="create"
            form={form}
            title={t('users.create')}
            trigger={
              <Button type="primary" icon={<PlusOutlined />}>
                {t('users.create')}
              </Button>
            }
            modalProps={{ destroyOnHidden: true, maskClosable: false }}
            submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
            onFinish={create}
            grid
            rowProps={{ gutter: 16 }}
            colProps={{ span: 12 }}
          >
            <ProFormText
              name="username"
              label={t('users.field.username')}
              rules={[
                rules.required(t, t('users.field.username')),
                { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: t('users.username.pattern') },
              ]}
            />
            <ProFormText
              name="displayName"
              label={t('users.field.displayName')}
              rules={[rules.required(t, t('users.field.displayName')), rules.max(t, 64)]}
            />
            <ProFormSelect
              name="role"
              label={t('users.field.role')}
              options={enumOptions(t, 'role')}
              rules={[rules.required(t, t('users.field.role'))]}
            />
            <ProFormTreeSelect
              name="orgUnitId"
              label={t('users.field.orgUnit')}
              fieldProps={{
                treeData: orgTree,
                treeDefaultExpandAll: true,
                showSearch: true,
                treeNodeFilterProp: 'title',
              }}
              rules={[{ required: true, message: t('validation.required', { label: t('users.field.orgUnit') }) }]}
            />
            <ProFormText.Password
              name="password"
              label={t('users.field.password')}
              rules={[
                rules.required(t, t('users.field.password')),
                { min: 8, message: t('validation.min', { min: 8 }) },
                rules.max(t, 128),
              ]}
              fieldProps={{ autoComplete: 'new-password' }}
            />
            <ProFormText name="phone" label={t('users.field.phone')} rules={[rules.phone(t)]} />
            <ProFormText name="email" label={t('users.field.email')} colProps={{ span: 24 }} rules={[rules.email(t)]} />
          </ModalForm>,
        ]}
      />
    </PageContainer>
  );
}
