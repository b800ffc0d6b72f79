import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { formatDateTime, formatFen } from '../../format';
import { useT } from '../../i18n';
import type { RuleSet } from './api';
import { RuleSetEditor } from './RuleSetEditor';
import { RuleSetPreview } from './RuleSetPreview';

const statusColor = { draft: 'default', active: 'green', retired: 'default' } as const;

/** Rule sets: list, edit a draft's thresholds, preview its impact, activate. */
export function RuleSetsPage() {
  const t = useT();
  const { can } = useAuth();
  const manage = can('grading.manage');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['grading', 'rule-sets'],
    queryFn: () => api.get<RuleSet[]>('/api/grading/rule-sets'),
  });
  const [editing, setEditing] = useState<{ ruleSet: RuleSet | null; template: RuleSet | null } | null>(null);
  const [previewing, setPreviewing] = useState<RuleSet | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['grading'] });
  const action = useMutation({
    mutationFn: ({ id, verb }: { id: number; verb: 'activate' | 'retire' }) =>
      api.post<RuleSet>(`/api/grading/rule-sets/${id}/${verb}`),
    onSuccess: (r) => {
      message.success(r.status === 'active' ? t('grading.rules.activated') : t('common.saved'));
      refresh();
    },
    onError: (err) => message.error(err.message),
  });
  const inForce = list.data?.find((r) => r.status === 'active' && !r.effectiveTo) ?? list.data?.[0] ?? null;

  return (
    <PageContainer
      title={t('grading.rules.title')}
      subTitle={t('grading.rules.subtitle')}
      extra={
        manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ ruleSet: null, template: inForce })}
          >
            {t('grading.rules.new')}
          </Button>
        ) : null
      }
    >
      <Card>
        <Table<RuleSet>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={false}
          columns={[
            { title: t('grading.rules.version'), dataIndex: 'version', width: 80, render: (v) => `v${v}` },
            { title: t('grading.rules.name'), dataIndex: 'name' },
            {
              title: t('grading.rules.status'),
              dataIndex: 'status',
              width: 100,
              render: (s: RuleSet['status']) => <Tag color={statusColor[s]}>{t(`grading.rules.status.${s}`)}</Tag>,
            },
            {
              title: t('grading.rules.effective'),
              dataIndex: 'effectiveFrom',
              width: 170,
              render: (_, r) => (
                <span className="crm-num">
                  {r.effectiveFrom} {r.effectiveTo ? t('grading.rules.effectiveTo', { period: r.effectiveTo }) : ''}
                </span>
              ),
            },
            {
              title: `${t('grading.layer.gold')} / ${t('grading.layer.diamond')}`,
              width: 200,
              render: (_, r) => (
                <span className="crm-num">
                  {formatFen(r.config.tiers.minFen.gold, { decimals: false })} /{' '}
                  {formatFen(r.config.tiers.minFen.diamond, { decimals: false })}
                </span>
              ),
            },
            {
              title: t('grading.rules.downgradeAfter'),
              width: 120,
              align: 'right',
              render: (_, r) => r.config.hysteresis.downgradeAfter,
            },
            {
              title: t('grading.runs.createdAt'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('common.actions'),
              width: 300,
              render: (_, r) => (
                <Space size={4} wrap>
                  <Button size="small" type="link" onClick={() => setEditing({ ruleSet: r, template: null })}>
                    {r.status === 'draft' && manage ? t('grading.rules.edit') : t('grading.rules.view')}
                  </Button>
                  {manage ? (
                    <Button size="small" type="link" onClick={() => setPreviewing(r)}>
                      {t('grading.rules.preview')}
                    </Button>
                  ) : null}
                  {manage && r.status === 'draft' ? (
                    <Popconfirm
                      title={t('grading.rules.activateConfirm', { period: r.effectiveFrom })}
                      onConfirm={() => action.mutate({ id: r.id, verb: 'activate' })}
                    >
                      <Button size="small" type="link">
                        {t('grading.rules.activate')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {manage ? (
                    <Button size="small" type="link" onClick={() => setEditing({ ruleSet: null, template: r })}>
                      {t('grading.rules.copy')}
                    </Button>
                  ) : null}
                  {manage && r.status === 'active' && r.version !== 1 ? (
                    <Popconfirm
                      title={`${t('grading.rules.retire')}?`}
                      onConfirm={() => action.mutate({ id: r.id, verb: 'retire' })}
                    >
                      <Button size="small" type="link" danger>
                        {t('grading.rules.retire')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RuleSetEditor
        open={Boolean(editing)}
        ruleSet={editing?.ruleSet ?? null}
        template={editing?.template ?? null}
        onClose={() => setEditing(null)}
        onSaved={(r) => {
          setEditing(null);
          setPreviewing(r);
        }}
      />
      <RuleSetPreview ruleSet={previewing} onClose={() => setPreviewing(null)} />
    </PageContainer>
  );
}
