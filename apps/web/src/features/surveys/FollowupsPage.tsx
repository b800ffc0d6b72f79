import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Empty,
  Form,
  Input,
  Modal,
  message,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { type Followup, surveysApi, useFollowups } from './api';
import { CustomerLink } from './CustomerName';
import { codeLabel, isOverdue, reasonText } from './labels';

const statusColor: Record<string, string> = { open: 'orange', resurveyed: 'blue', recovered: 'green' };

/** The user's follow-ups of dissatisfied callback answers: record the contact, then ask the customer again. */
export function FollowupsPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const [openOnly, setOpenOnly] = useState(true);
  const [contacting, setContacting] = useState<Followup | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const list = useFollowups(openOnly);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['surveys', 'followups'] });

  const saveContact = async () => {
    if (!contacting) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    const { note } = values;
    setSaving(true);
    try {
      await surveysApi.recordContact(contacting.id, note.trim());
      message.success(t('surveys.fu.contactSaved'));
      setContacting(null);
      form.resetFields();
      await refresh();
    } catch (err) {
      message.error(apiErrorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  const resurvey = async (f: Followup) => {
    try {
      await surveysApi.requestResurvey(f.id);
      message.success(t('surveys.fu.resurveySent'));
      await refresh();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  return (
    <PageContainer title={t('surveys.fu.title')} subTitle={t('surveys.fu.subtitle')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented
          value={openOnly ? 'open' : 'all'}
          onChange={(v) => setOpenOnly(v === 'open')}
          options={[
            { value: 'open', label: t('surveys.fu.openOnly') },
            { value: 'all', label: t('surveys.fu.all') },
          ]}
        />
        <Table<Followup>
          rowKey="id"
          scroll={{ x: 'max-content' }}
          size="small"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          locale={{
            emptyText: list.error ? (
              <Typography.Text type="danger">{apiErrorText(list.error, t)}</Typography.Text>
            ) : (
              <Empty description={t('surveys.fu.empty')} />
            ),
          }}
          pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            {
              title: t('surveys.fu.customer'),
              dataIndex: 'customerId',
              width: 180,
              render: (_, f) => <CustomerLink customerId={f.customerId} name={f.customerName} />,
            },
            {
              title: t('surveys.fu.ticket'),
              dataIndex: 'ticketId',
              width: 100,
              render: (_, f) =>
                f.ticketId ? (
                  <Link to={`/service-desk/tickets/${f.ticketId}`}>{t('surveys.fu.ticketLink')}</Link>
                ) : (
                  <Typography.Text type="secondary">{t('surveys.fu.noTicket')}</Typography.Text>
                ),
            },
            {
              title: t('surveys.fu.reasons'),
              dataIndex: 'reasons',
              width: 210,
              render: (_, f) => (
                <Space direction="vertical" size={4}>
                  {f.reasons.map((r) => (
                    <Tag key={r} color="volcano" bordered={false} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                      {reasonText(t, r)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('surveys.fu.due'),
              dataIndex: 'dueAt',
              width: 200,
              render: (_, f) =>
                isOverdue(f) ? (
                  <Space size={4} data-testid="followup-overdue">
                    <Typography.Text type="danger" className="crm-num">
                      {formatDateTime(f.dueAt)}
                    </Typography.Text>
                    <Tag color="red">{t('surveys.fu.overdue')}</Tag>
                  </Space>
                ) : (
                  <span className="crm-num">{formatDateTime(f.dueAt)}</span>
                ),
            },
            {
              title: t('surveys.fu.status'),
              dataIndex: 'status',
              width: 100,
              render: (_, f) => <Tag color={statusColor[f.status]}>{codeLabel(t, 'followupStatus', f.status)}</Tag>,
            },
            {
              title: t('surveys.fu.note'),
              dataIndex: 'note',
              render: (_, f) =>
                f.note ? (
                  <Space direction="vertical" size={0}>
                    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: f.note }} style={{ marginBottom: 0 }}>
                      {f.note}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">{t('surveys.fu.attempts', { n: f.attempts })}</Typography.Text>
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 200,
              render: (_, f) =>
                f.status === 'recovered' ? null : (
                  <Space size={0} wrap>
                    <Button type="link" size="small" onClick={() => setContacting(f)}>
                      {t('surveys.fu.recordContact')}
                    </Button>
                    <Popconfirm
                      title={t('surveys.fu.resurvey')}
                      description={<div style={{ maxWidth: 280 }}>{t('surveys.fu.resurveyConfirm')}</div>}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      disabled={!f.note}
                      onConfirm={() => resurvey(f)}
                    >
                      <Tooltip title={f.note ? undefined : t('surveys.fu.resurveyHint')}>
                        <Button type="link" size="small" disabled={!f.note}>
                          {t('surveys.fu.resurvey')}
                        </Button>
                      </Tooltip>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Space>
      <Modal
        open={contacting !== null}
        title={t('surveys.fu.contactTitle')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={saveContact}
        onCancel={() => {
          setContacting(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ note: contacting?.note ?? '' }}>
          <Form.Item
            name="note"
            label={t('surveys.fu.contactNote')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('validation.required', { label: t('surveys.fu.contactNote') }),
              },
              { max: 2000, message: t('validation.max', { max: 2000 }) },
            ]}
          >
            <Input.TextArea rows={4} placeholder={t('surveys.fu.contactPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
