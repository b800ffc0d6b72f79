import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, message, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { type Question, type Questionnaire, useQuestionnaires, wavesApi } from './waves-api';

const statusColor: Record<string, string> = { draft: 'orange', published: 'green', retired: 'default' };
const kinds = ['callback', 'ka_quarterly', 'external'] as const;

type EditValues = { code: string; kind: Questionnaire['kind']; titleZh: string; titleEn: string; questions: string };

/** Questionnaires as versioned definitions: drafts are edited, published versions are frozen, changes are new versions. */
export function QuestionnairesPage() {
  const t = useT();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const list = useQuestionnaires();
  const [editing, setEditing] = useState<Questionnaire | 'new' | null>(null);
  const [form] = Form.useForm<EditValues>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['surveys', 'questionnaires'] });
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(t(done));
      await refresh();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const open = (q: Questionnaire | 'new') => {
    setEditing(q);
    form.setFieldsValue(
      q === 'new'
        ? { code: '', kind: 'ka_quarterly', titleZh: '', titleEn: '', questions: '[]' }
        : { ...q, questions: JSON.stringify(q.questions, null, 2) },
    );
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    let questions: Question[];
    try {
      questions = JSON.parse(v.questions);
    } catch {
      form.setFields([{ name: 'questions', errors: [t('surveys.q.badJson')] }]);
      return;
    }
    await run(
      () =>
        editing === 'new'
          ? wavesApi.createQuestionnaire({ ...v, questions })
          : wavesApi.updateQuestionnaire(editing.id, {
              titleZh: v.titleZh,
              titleEn: v.titleEn,
              kind: v.kind,
              questions,
            }),
      'surveys.q.saved',
    );
    setEditing(null);
  };

  return (
    <PageContainer
      title={t('surveys.q.title')}
      subTitle={t('surveys.q.subtitle')}
      extra={
        <Button type="primary" onClick={() => open('new')}>
          {t('surveys.q.create')}
        </Button>
      }
    >
      <Table<Questionnaire>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (q) => (
            <ol>
              {q.questions.map((x) => (
                <li key={x.code}>
                  <Tag>{t(`surveys.qtype.${x.type}`)}</Tag> {locale === 'zh-CN' ? x.zh : x.en}
                </li>
              ))}
            </ol>
          ),
        }}
        columns={[
          {
            title: t('surveys.q.titleCol'),
            render: (_, q) => (locale === 'zh-CN' ? q.titleZh : q.titleEn),
          },
          { title: t('surveys.q.kind'), dataIndex: 'kind', render: (k: string) => t(`surveys.qkind.${k}`) },
          {
            title: t('surveys.q.version'),
            dataIndex: 'version',
            render: (v: number) => t('surveys.q.versionN', { version: v }),
          },
          {
            title: t('surveys.q.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={statusColor[s]}>{t(`surveys.qstatus.${s}`)}</Tag>,
          },
          { title: t('surveys.q.questions'), render: (_, q) => q.questions.length },
          {
            title: t('surveys.q.publishedAt'),
            dataIndex: 'publishedAt',
            render: (d: string | null) => formatDateTime(d),
          },
          {
            title: t('common.actions'),
            render: (_, q) =>
              q.status === 'draft' ? (
                <Space>
                  <Button size="small" onClick={() => open(q)}>
                    {t('surveys.q.edit')}
                  </Button>
                  <Popconfirm
                    title={t('surveys.q.confirmPublish')}
                    onConfirm={() => run(() => wavesApi.publish(q.id), 'surveys.q.published')}
                  >
                    <Button size="small" type="primary">
                      {t('surveys.q.publish')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Button size="small" onClick={() => run(() => wavesApi.newVersion(q.id), 'surveys.q.versionStarted')}>
                  {t('surveys.q.newVersion')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('surveys.q.create') : t('surveys.q.edit')}
        onCancel={() => setEditing(null)}
        onOk={save}
        width={760}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="code"
            label={t('surveys.q.code')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/ }]}
          >
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="kind" label={t('surveys.q.kind')} rules={[{ required: true }]}>
            <Select options={kinds.map((k) => ({ value: k, label: t(`surveys.qkind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="titleZh" label={t('surveys.q.titleZh')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="titleEn" label={t('surveys.q.titleEn')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="questions" label={t('surveys.q.questionsJson')} extra={t('surveys.q.questionsHelp')}>
            <Input.TextArea rows={14} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
