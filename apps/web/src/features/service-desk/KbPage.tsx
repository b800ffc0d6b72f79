import { PageContainer } from '@ant-design/pro-components';
import type { KbArticle } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Modal, message, Select, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { useProductOfferings } from '../../api/shared';
import { useAuth } from '../../auth';
import { dateColumn, noWrap } from '../../components/columns';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { sd } from './api';
import { KbTags } from './KbTags';

/** The shared knowledge base: search, usage and votes; articles, tags and review dates for quality supervision. */
export function KbPage() {
  const t = useT();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [reviewDue, setReviewDue] = useState(false);
  const [allLanguages, setAllLanguages] = useState(false);
  const { locale } = useLocale();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const offerings = useProductOfferings(editing);
  const list = useQuery({
    queryKey: ['sd', 'kb', q, reviewDue, allLanguages ? null : locale],
    queryFn: () =>
      sd.kb({
        q: q || undefined,
        reviewDue: reviewDue ? 'true' : undefined,
        locale: allLanguages ? undefined : locale,
        limit: 100,
      }),
  });
  const save = async () => {
    const v = await form.validateFields();
    try {
      await sd.saveArticle({
        ...v,
        productTags: v.productTags ?? [],
        reviewDueDate: v.reviewDueDate ? v.reviewDueDate.format('YYYY-MM-DD') : null,
      });
      setEditing(false);
      form.resetFields();
      await list.refetch();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  return (
    <PageContainer
      title={t('sd.kb.title')}
      extra={
        can('kb.manage') && (
          <Button type="primary" onClick={() => setEditing(true)}>
            {t('sd.kb.new')}
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('sd.kb.search')} onSearch={setQ} style={{ width: 360 }} />
        {can('kb.manage') && (
          <Space>
            <Switch checked={reviewDue} onChange={setReviewDue} /> {t('sd.kb.reviewOnly')}
          </Space>
        )}
        <Space>
          <Switch checked={allLanguages} onChange={setAllLanguages} /> {t('sd.kb.allLanguages')}
        </Space>
      </Space>
      <Table<KbArticle>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        expandable={{ expandedRowRender: (a) => <div style={{ whiteSpace: 'pre-wrap' }}>{a.body}</div> }}
        columns={[
          { title: t('sd.field.title'), dataIndex: 'title' },
          {
            title: t('sd.kb.locale'),
            dataIndex: 'locale',
            width: 80,
            ...noWrap,
            render: (v: string) => (v === 'en' ? 'English' : '中文'),
          },
          {
            title: t('sd.kb.tags'),
            dataIndex: 'productTags',
            render: (v: string[]) => <KbTags tags={v} />,
          },
          { title: t('sd.kb.usageCount'), dataIndex: 'usageCount', width: 100 },
          { title: t('sd.kb.helpful'), dataIndex: 'helpfulCount', width: 80 },
          { title: t('sd.kb.notHelpful'), dataIndex: 'notHelpfulCount', width: 80 },
          dateColumn(t('sd.kb.reviewDue'), 'reviewDueDate'),
        ]}
      />
      <Modal open={editing} title={t('sd.kb.new')} onOk={save} onCancel={() => setEditing(false)} width={640}>
        <Form form={form} layout="vertical" initialValues={{ locale: 'zh-CN', status: 'published' }}>
          <Form.Item name="title" label={t('sd.field.title')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="locale" label={t('sd.kb.locale')}>
            <Select
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          <Form.Item name="body" label={t('sd.kb.body')} rules={[{ required: true }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
          <Form.Item name="productTags" label={t('sd.kb.tags')}>
            <Select
              mode="tags"
              options={(offerings.data ?? []).map((o) => ({
                value: o.code,
                label: locale === 'en' ? o.nameEn : o.nameZh,
              }))}
            />
          </Form.Item>
          <Form.Item name="reviewDueDate" label={t('sd.kb.reviewDue')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
