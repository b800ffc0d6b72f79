import { PageContainer } from '@ant-design/pro-components';
import type { ChurnCompetitor } from '@crm/contracts';
import { Button, Form, Input, InputNumber, Modal, message, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { apiErrorText, applyServerErrors } from '../../forms';
import { useT } from '../../i18n';
import { churnApi, useChurnMutation, useCompetitors } from './api';
import { noWrapCol } from './shared';

type Editing = { competitor: ChurnCompetitor | null } | null;

/** The configurable competitor list that terminations name as the churn direction. */
export function CompetitorsPage() {
  const t = useT();
  const { can } = useAuth();
  const manage = can('churn.manage');
  const list = useCompetitors();
  const [editing, setEditing] = useState<Editing>(null);
  const [form] = Form.useForm();
  const save = useChurnMutation((v: Record<string, unknown>) =>
    editing?.competitor
      ? churnApi.updateCompetitor(editing.competitor.id, {
          nameZh: v.nameZh,
          nameEn: v.nameEn,
          active: v.active,
          sortOrder: v.sortOrder,
        })
      : churnApi.createCompetitor(v),
  );
  const toggle = useChurnMutation((c: ChurnCompetitor) => churnApi.updateCompetitor(c.id, { active: !c.active }));
  const open = (competitor: ChurnCompetitor | null) => {
    form.resetFields();
    form.setFieldsValue(competitor ?? { active: true, sortOrder: 100 });
    setEditing({ competitor });
  };

  return (
    <PageContainer
      title={t('churn.competitors.title')}
      breadcrumb={{
        items: [
          { title: t('churn.terminations.title'), path: '/churn/terminations' },
          { title: t('churn.competitors.title') },
        ],
        itemRender: (route) => (route.path ? <Link to={route.path}>{route.title}</Link> : <span>{route.title}</span>),
      }}
      extra={
        manage
          ? [
              <Button key="add" type="primary" onClick={() => open(null)}>
                {t('churn.competitors.add')}
              </Button>,
            ]
          : []
      }
    >
      <Table<ChurnCompetitor>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={false}
        locale={{ emptyText: t('churn.competitors.empty') }}
        columns={[
          { title: t('churn.competitors.sortOrder'), dataIndex: 'sortOrder', width: 90 },
          { title: t('churn.competitors.code'), dataIndex: 'code', ...noWrapCol },
          { title: t('churn.competitors.nameZh'), dataIndex: 'nameZh', ...noWrapCol },
          { title: t('churn.competitors.nameEn'), dataIndex: 'nameEn', ...noWrapCol },
          {
            title: t('churn.competitors.active'),
            dataIndex: 'active',
            render: (a: boolean, c) =>
              manage ? (
                <Switch
                  checked={a}
                  onChange={() => toggle.mutate(c, { onError: (err) => message.error(apiErrorText(err, t)) })}
                />
              ) : (
                <Tag color={a ? 'green' : 'default'}>{t(a ? 'churn.competitors.on' : 'churn.competitors.off')}</Tag>
              ),
          },
          ...(manage
            ? [
                {
                  title: '',
                  render: (_: unknown, c: ChurnCompetitor) => (
                    <Button type="link" onClick={() => open(c)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={Boolean(editing)}
        title={t(editing?.competitor ? 'churn.competitors.edit' : 'churn.competitors.add')}
        okText={t('common.save')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await save.mutateAsync(v);
            message.success(t('churn.competitors.saved'));
            setEditing(null);
          } catch (err) {
            const left = applyServerErrors(form, err, t);
            if (left.length) message.error(left.join('; '));
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="code"
            label={t('churn.competitors.code')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('churn.competitors.codeRule') }]}
          >
            <Input disabled={Boolean(editing?.competitor)} />
          </Form.Item>
          <Form.Item name="nameZh" label={t('churn.competitors.nameZh')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('churn.competitors.nameEn')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('churn.competitors.sortOrder')}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="active" label={t('churn.competitors.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
