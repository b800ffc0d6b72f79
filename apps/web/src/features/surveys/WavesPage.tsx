import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Modal, message, Progress, Select, Table, Tag, TreeSelect } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { buildOrgTree, useOrgUnits } from '../../api/shared';
import { useAuth } from '../../auth';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { useQuestionnaires, useWaves, type Wave, wavesApi } from './waves-api';

type User = { id: number; displayName: string; role: string };

/** Quarterly key-account survey waves of the quality department, with their response rates. */
export function WavesPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const manages = can('surveys.manage');
  const queryClient = useQueryClient();
  const waves = useWaves();
  const questionnaires = useQuestionnaires();
  const units = useOrgUnits();
  const staff = useQuery({
    enabled: manages,
    queryKey: ['surveys', 'quality-staff'],
    queryFn: async () =>
      (await api.get<{ items: User[] }>('/api/users', { role: 'quality', limit: 200, offset: 0 })).items,
  });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const sampling = Form.useWatch('sampling', form);

  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await wavesApi.createWave(v);
      message.success(t('surveys.wave.created'));
      setCreating(false);
      await queryClient.invalidateQueries({ queryKey: ['surveys', 'waves'] });
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  return (
    <PageContainer
      title={t('surveys.wave.title')}
      subTitle={t('surveys.wave.subtitle')}
      extra={
        manages ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('surveys.wave.create')}
          </Button>
        ) : null
      }
    >
      <Table<Wave>
        rowKey="id"
        loading={waves.isLoading}
        dataSource={waves.data ?? []}
        pagination={false}
        columns={[
          { title: t('surveys.wave.name'), render: (_, w) => <Link to={`/surveys/waves/${w.id}`}>{w.name}</Link> },
          { title: t('surveys.wave.quarter'), dataIndex: 'quarter' },
          {
            title: t('surveys.wave.sampling'),
            render: (_, w) =>
              w.sampling === 'all'
                ? t('surveys.wave.samplingAll')
                : t('surveys.wave.samplingPct', { pct: w.samplePct ?? 0 }),
          },
          {
            title: t('surveys.wave.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={s === 'open' ? 'blue' : 'default'}>{t(`surveys.wave.status.${s}`)}</Tag>,
          },
          { title: t('surveys.wave.members'), render: (_, w) => w.figures.members },
          { title: t('surveys.wave.answered'), render: (_, w) => w.figures.answered },
          {
            title: t('surveys.wave.responseRate'),
            render: (_, w) => <Progress percent={Math.round(w.figures.responseRate * 100)} size="small" />,
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('surveys.wave.create')}
        onCancel={() => setCreating(false)}
        onOk={create}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ sampling: 'all' }} preserve={false}>
          <Form.Item name="name" label={t('surveys.wave.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="questionnaireId" label={t('surveys.wave.questionnaire')} rules={[{ required: true }]}>
            <Select
              options={(questionnaires.data ?? [])
                .filter((q) => q.status === 'published')
                .map((q) => ({ value: q.id, label: `${locale === 'zh-CN' ? q.titleZh : q.titleEn} v${q.version}` }))}
            />
          </Form.Item>
          <Form.Item
            name="quarter"
            label={t('surveys.wave.quarter')}
            rules={[{ required: true, pattern: /^20\d\d-Q[1-4]$/, message: t('surveys.wave.quarterHelp') }]}
          >
            <Input placeholder="2026-Q3" />
          </Form.Item>
          <Form.Item name="orgUnitId" label={t('surveys.wave.orgUnit')} rules={[{ required: true }]}>
            <TreeSelect treeData={buildOrgTree(units.data ?? [], locale)} treeDefaultExpandAll />
          </Form.Item>
          <Form.Item name="sampling" label={t('surveys.wave.sampling')}>
            <Select
              options={[
                { value: 'all', label: t('surveys.wave.samplingAll') },
                { value: 'stratified', label: t('surveys.wave.samplingStratified') },
              ]}
            />
          </Form.Item>
          {sampling === 'stratified' && (
            <Form.Item name="samplePct" label={t('surveys.wave.samplePct')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} addonAfter="%" />
            </Form.Item>
          )}
          <Form.Item name="assigneeIds" label={t('surveys.wave.assignees')} rules={[{ required: true }]}>
            <Select mode="multiple" options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
