import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import type { OrderStep, ServiceOrderDetail } from '@crm/contracts';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { formatDate, formatDateTime, formatFen } from '../../format';
import { applyServerErrors } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { fileToBase64, useKaMutation, useOrder } from './api';
import { StepEditModal } from './StepEditModal';

/** A service order's fulfilment: accept -> network build -> test -> customer confirmation -> billing start. */
export function OrderPage() {
  const t = useT();
  const { locale } = useLocale();
  const id = Number(useParams().id);
  const q = useOrder(id);
  const o = q.data;
  const [completing, setCompleting] = useState<OrderStep | null>(null);
  const [editing, setEditing] = useState<OrderStep | null>(null);
  const { can, user } = useAuth();
  const current = o?.steps.find((s) => s.current);
  return (
    <PageContainer
      loading={q.isLoading}
      title={o ? `${o.orderNo} · ${o.title}` : ''}
      subTitle={o ? <Link to={`/ka/accounts/${o.customerId}`}>{o.customerName}</Link> : null}
      tags={
        o ? <Tag color={o.status === 'completed' ? 'green' : 'blue'}>{t(`ka.orderStatus.${o.status}`)}</Tag> : undefined
      }
      onBack={() => history.back()}
    >
      {o ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Steps
              current={current ? current.seq - 1 : o.steps.length}
              status={current?.overdue ? 'error' : o.status === 'completed' ? 'finish' : 'process'}
              items={o.steps.map((s) => ({
                title: t(`ka.step.${s.kind}`),
                description: s.doneAt ? formatDate(s.doneAt) : `${t('ka.order.due')} ${formatDate(s.dueDate)}`,
              }))}
            />
            <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginTop: 16 }}>
              <Descriptions.Item label={t('ka.am')}>{o.am?.displayName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('ka.opt.monthly')}>{formatFen(o.monthlyFen)}</Descriptions.Item>
              <Descriptions.Item label={t('ka.opt.oneTime')}>{formatFen(o.oneTimeFen)}</Descriptions.Item>
              <Descriptions.Item label={t('ka.order.billingStart')}>{formatDate(o.billingStartDate)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('ka.order.steps')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={o.steps}
              columns={[
                { title: '#', dataIndex: 'seq', width: 40 },
                { title: t('ka.order.step'), dataIndex: 'kind', render: (v) => t(`ka.step.${v}`) },
                { title: t('ka.order.department'), dataIndex: 'department', render: (v) => t(`ka.dept.${v}`) },
                { title: t('ka.order.assignee'), dataIndex: ['assignee', 'displayName'], render: (v) => v ?? '—' },
                {
                  title: t('ka.order.due'),
                  dataIndex: 'dueDate',
                  render: (v, s) => (
                    <Typography.Text type={s.overdue ? 'danger' : undefined}>{formatDate(v)}</Typography.Text>
                  ),
                },
                {
                  title: t('ka.order.done'),
                  dataIndex: 'doneAt',
                  render: (v, s) => (v ? `${formatDateTime(v)} ${s.doneByName ?? ''}` : '—'),
                },
                { title: t('ka.order.note'), key: 'note', render: (_, s) => <StepEvidence o={o} s={s} /> },
                {
                  key: 'act',
                  render: (_, s) =>
                    can('orders.fulfil') && o.status === 'in_progress' && !s.doneAt ? (
                      <Space size={4}>
                        {s.current && mayCompleteStep(user, s, o) ? (
                          <Button
                            size="small"
                            type="primary"
                            onClick={() => setCompleting(s)}
                            data-testid={`complete-${s.kind}`}
                          >
                            {t('ka.order.complete')}
                          </Button>
                        ) : null}
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing(s)}
                          data-testid={`edit-step-${s.kind}`}
                        >
                          {t('ka.stepEdit.action')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('ka.order.items')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={o.items}
              columns={[
                {
                  title: t('ka.opt.product'),
                  key: 'p',
                  render: (_, i) => (locale === 'en' ? i.offeringNameEn : i.offeringNameZh),
                },
                { title: t('ka.opt.itemNote'), dataIndex: 'description', render: (v) => v ?? '—' },
                { title: t('ka.opp.quantity'), dataIndex: 'quantity', align: 'right' },
                {
                  title: t('ka.opt.unitMonthly'),
                  dataIndex: 'monthlyFen',
                  align: 'right',
                  render: (v) => formatFen(v),
                },
                {
                  title: t('ka.opt.unitOneTime'),
                  dataIndex: 'oneTimeFen',
                  align: 'right',
                  render: (v) => formatFen(v),
                },
                { title: t('ka.order.serviceNumber'), dataIndex: 'serviceNumber', render: (v) => v ?? '—' },
                {
                  title: t('ka.order.product'),
                  dataIndex: 'productInstanceId',
                  render: (v) => (v ? <Tag color="green">{t('ka.order.productCreated')}</Tag> : '—'),
                },
              ]}
            />
          </Card>
          {completing ? <CompleteModal o={o} step={completing} onClose={() => setCompleting(null)} /> : null}
          {editing ? <StepEditModal o={o} step={editing} onClose={() => setEditing(null)} /> : null}
        </Space>
      ) : null}
    </PageContainer>
  );
}

/**
 * Who may complete a step (as the server decides): its assignee, a manager or administrator, back-office staff for
 * the department steps, the order's AM for the customer confirmation.
 */
export function mayCompleteStep(
  user: { id: number; role: string } | null,
  s: Pick<OrderStep, 'assignee' | 'department'>,
  o: Pick<ServiceOrderDetail, 'am'>,
): boolean {
  if (!user) return false;
  if (s.assignee?.id === user.id || user.role === 'admin' || user.role === 'manager') return true;
  if (user.role === 'back_office') return s.department !== 'account_management';
  return user.role === 'account_manager' && s.department === 'account_management' && o.am?.id === user.id;
}

function StepEvidence({ o, s }: { o: ServiceOrderDetail; s: OrderStep }) {
  const t = useT();
  const e = s.evidence as { kind?: string; signer?: string; signedOn?: string; document?: { fileName: string } } | null;
  return (
    <Space direction="vertical" size={0}>
      {s.note ? <span>{s.note}</span> : null}
      {e?.kind ? (
        <span>
          {t(`ka.confirm.${e.kind}`)} · {e.signer} · {formatDate(e.signedOn)}
        </span>
      ) : null}
      {e?.document ? (
        <a href={`/api/ka/orders/${o.id}/steps/${s.id}/document`} download={e.document.fileName}>
          {e.document.fileName}
        </a>
      ) : null}
    </Space>
  );
}

function CompleteModal({ o, step, onClose }: { o: ServiceOrderDetail; step: OrderStep; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form) ?? 'document';
  const complete = useKaMutation(
    (body: unknown) => api.post(`/api/ka/orders/${o.id}/steps/${step.id}/complete`, body),
    { silentErrors: true },
  );
  const submit = async () => {
    const v = await form.validateFields();
    const body: Record<string, unknown> = { note: v.note || undefined };
    if (step.kind === 'network_build') {
      body.serviceNumbers = o.items
        .map((i) => ({ itemId: i.id, serviceNumber: v[`sn_${i.id}`]?.trim() }))
        .filter((x) => x.serviceNumber);
    }
    if (step.kind === 'customer_confirmation') {
      body.confirmation = {
        kind: v.kind,
        signer: v.signer,
        signedOn: v.signedOn.format('YYYY-MM-DD'),
        document: file
          ? {
              fileName: file.name,
              contentType: file.type || 'application/pdf',
              contentBase64: await fileToBase64(file),
            }
          : undefined,
      };
    }
    if (step.kind === 'billing_start') body.billingStartDate = v.billingStartDate.format('YYYY-MM-DD');
    try {
      await complete.mutateAsync(body);
      onClose();
    } catch (err) {
      // Field errors next to their fields (the document is `confirmation.document` on the server), the rest as a toast.
      const rest = applyServerErrors(form, err, t, {
        'confirmation.document': ['document'],
        'confirmation.signer': ['signer'],
        'confirmation.signedOn': ['signedOn'],
        billingStartDate: ['billingStartDate'],
      });
      if (rest.length) message.error(rest.join('；'));
    }
  };
  return (
    <Modal
      title={`${t('ka.order.complete')}: ${t(`ka.step.${step.kind}`)}`}
      open
      onCancel={onClose}
      onOk={submit}
      confirmLoading={complete.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'document', signedOn: dayjs(), billingStartDate: dayjs() }}
      >
        {step.kind === 'network_build'
          ? o.items.map((i) => (
              <Form.Item
                key={i.id}
                name={`sn_${i.id}`}
                label={`${t('ka.order.serviceNumber')} · ${i.description ?? i.offeringNameZh}`}
              >
                <Input maxLength={64} />
              </Form.Item>
            ))
          : null}
        {step.kind === 'customer_confirmation' ? (
          <>
            <Form.Item name="kind" label={t('ka.confirm.kind')}>
              <Radio.Group
                options={['document', 'signed_record'].map((k) => ({ value: k, label: t(`ka.confirm.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name="signer" label={t('ka.confirm.signer')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="signedOn" label={t('ka.confirm.signedOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item
              name="document"
              label={t('ka.confirm.document')}
              dependencies={['kind']}
              required={kind === 'document'}
              rules={[
                {
                  validator: () =>
                    kind !== 'document' || file
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('validation.server.documentRequired'))),
                },
              ]}
            >
              <Upload
                maxCount={1}
                accept=".pdf,.png,.jpg,.jpeg"
                beforeUpload={(f) => {
                  setFile(f);
                  form.setFields([{ name: 'document', errors: [] }]);
                  return false;
                }}
                onRemove={() => setFile(null)}
              >
                <Button icon={<UploadOutlined />}>{t('ka.opp.upload')}</Button>
              </Upload>
            </Form.Item>
          </>
        ) : null}
        {step.kind === 'billing_start' ? (
          <Form.Item name="billingStartDate" label={t('ka.order.billingStart')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('ka.order.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
