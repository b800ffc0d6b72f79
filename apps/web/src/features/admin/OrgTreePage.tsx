import { PlusOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProCard, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import { type OrgUnit, orgLevels } from '@crm/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Empty, Form, Space, Spin, Tag, Tree, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { buildOrgTree, type OrgTreeNode, orgUnitLabel, useOrgUnits } from '../../api/shared';
import { useAuth } from '../../auth';
import { applyServerErrors, compact, rules } from '../../forms';
import { enumLabel, enumOptions, useLocale, useT } from '../../i18n';

type Values = { code: string; name: string; nameEn?: string; level: string };
type TreeItem = { key: number; title: ReactNode; children: TreeItem[] };

const levelColor: Record<string, string> = { group: 'red', province: 'gold', city: 'blue', district: 'default' };

export function OrgTreePage() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { data: units, isLoading } = useOrgUnits();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const tree = useMemo(() => buildOrgTree(units ?? [], locale), [units, locale]);
  const selected = units?.find((u) => u.id === (selectedId ?? tree[0]?.value)) ?? null;
  const childLevel = selected
    ? orgLevels[Math.min(orgLevels.indexOf(selected.level) + 1, orgLevels.length - 1)]
    : 'city';

  const toTreeData = (nodes: OrgTreeNode[]): TreeItem[] =>
    nodes.map((n) => ({
      key: n.value,
      title: (
        <Space size={6}>
          <span>{n.title}</span>
          <Tag color={levelColor[n.unit.level]} bordered={false} style={{ marginInlineEnd: 0 }}>
            {enumLabel(t, 'orgLevel', n.unit.level)}
          </Tag>
        </Space>
      ),
      children: toTreeData(n.children),
    }));

  const create = async (values: Values) => {
    if (!selected) return false;
    try {
      await api.post<OrgUnit>(
        '/api/org-units',
        { ...compact(values), parentId: selected.id },
        { idempotencyKey: newIdempotencyKey() },
      );
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['org-units'] });
      return true;
    } catch (err) {
      const rest = applyServerErrors(form, err, t);
      if (rest.length) message.error(rest.join('; '));
      return false;
    }
  };

  return (
    <PageContainer title={t('org.title')} subTitle={t('org.subtitle')}>
      <ProCard split="vertical" bordered>
        <ProCard colSpan={{ xs: 24, md: 10 }} title={t('org.tree')} headerBordered style={{ minHeight: 480 }}>
          {isLoading ? (
            <Spin />
          ) : tree.length ? (
            <Tree
              showLine
              defaultExpandAll
              blockNode
              selectedKeys={selected ? [selected.id] : []}
              onSelect={(keys) => keys.length && setSelectedId(Number(keys[0]))}
              treeData={toTreeData(tree)}
            />
          ) : (
            <Empty />
          )}
        </ProCard>
        <ProCard
          title={selected ? orgUnitLabel(selected, locale) : t('org.detail')}
          headerBordered
          extra={
            selected && can('org.manage') && selected.level !== 'district' ? (
              <ModalForm<Values>
                form={form}
                title={t('org.addChild', { parent: orgUnitLabel(selected, locale) })}
                trigger={
                  <Button type="primary" icon={<PlusOutlined />}>
                    {t('org.add')}
                  </Button>
                }
                initialValues={{ level: childLevel }}
                modalProps={{ destroyOnHidden: true, maskClosable: false }}
                submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
                onFinish={create}
              >
                <ProFormSelect
                  name="level"
                  label={t('org.field.level')}
                  options={enumOptions(t, 'orgLevel')}
                  rules={[rules.required(t, t('org.field.level'))]}
                />
                <ProFormText
                  name="code"
                  label={t('org.field.code')}
                  rules={[rules.required(t, t('org.field.code')), rules.max(t, 32)]}
                />
                <ProFormText
                  name="name"
                  label={t('org.field.name')}
                  rules={[rules.required(t, t('org.field.name')), rules.max(t, 100)]}
                />
                <ProFormText name="nameEn" label={t('org.field.nameEn')} rules={[rules.max(t, 100)]} />
              </ModalForm>
            ) : null
          }
        >
          {selected ? (
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('org.field.name')}>{selected.name}</Descriptions.Item>
              <Descriptions.Item label={t('org.field.nameEn')}>{selected.nameEn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('org.field.code')}>
                <Typography.Text className="crm-num" copyable>
                  {selected.code}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('org.field.level')}>
                {enumLabel(t, 'orgLevel', selected.level)}
              </Descriptions.Item>
              <Descriptions.Item label={t('org.field.parent')}>
                {(() => {
                  const parent = units?.find((u) => u.id === selected.parentId);
                  return parent ? orgUnitLabel(parent, locale) : '—';
                })()}
              </Descriptions.Item>
              <Descriptions.Item label={t('org.field.children')}>
                {units?.filter((u) => u.parentId === selected.id).length ?? 0}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Empty description={t('org.selectHint')} />
          )}
        </ProCard>
      </ProCard>
    </PageContainer>
  );
}
