import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { dateColumn } from '../../components/columns';
import { formatDate } from '../../format';
import { useLocale, useT } from '../../i18n';
import { useCustomer360 } from '../customers/api';
import { type LineCheck, useEntitlements, useKaMutation, useLineChecks } from './api';
import { isoToday } from './shared';

const DUE_SOON_DAYS = 14;

/**
 * Preventive checks of critical dedicated lines (e.g. a bank's lines, DOMAIN.md 4): what is checked, how often,
 * when it was last done and when it is due; the AM schedules new checks and records them as done (which also counts
 * as a use of the customer's line-check entitlement when it holds one).
 */
export function LineChecksCard({ customerId }: { customerId: number }) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const q = useLineChecks(customerId);
  const products = useCustomer360(customerId).data?.products ?? [];
  const entitled = useEntitlements(customerId).data?.items.some((i) => i.code === 'preventive_line_check');
  const [scheduling, setScheduling] = useState(false);
  const [completing, setCompleting] = useState<LineCheck | null>(null);
  const [editing, setEditing] = useState<LineCheck | null>(null);
  const stop = useKaMutation((id: number) => api.delete(`/api/ka/line-checks/${id}`));
  const today = isoToday();
  const soon = dayjs(today).add(DUE_SOON_DAYS, 'day').format('YYYY-MM-DD');
  const lineOf = (id: number | null) => {
    const p = id ? products.find((x) => x.id === id) : undefined;
    if (!p) return id ? `#${id}` : '—';
    return `${p.serviceNumber} · ${locale === 'en' ? p.offeringNameEn : p.offeringNameZh}`;
  };
  return (
    <Card
      size="small"
      title={t('ka.lineCheck.title')}
      loading={q.isLoading}
      extra={
        can('ka.write') ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setScheduling(true)} data-testid="line-check-new">
            {t('ka.lineCheck.schedule')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {entitled ? t('ka.lineCheck.entitled') : t('ka.lineCheck.notEntitled')}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...(q.data ?? [])].sort((a, b) => a.nextDueDate.localeCompare(b.nextDueDate))}
        locale={{ emptyText: t('ka.lineCheck.none') }}
        columns={[
          { title: t('ka.lineCheck.description'), dataIndex: 'description' },
          { title: t('ka.lineCheck.line'), dataIndex: 'productInstanceId', render: (v) => lineOf(v) },
          {
            title: t('ka.lineCheck.interval'),
            dataIndex: 'intervalDays',
            align: 'right',
            render: (v) => t('ka.lineCheck.days', { n: v }),
          },
          dateColumn(t('ka.lineCheck.lastDone'), 'lastDoneDate'),
          {
            title: t('ka.lineCheck.nextDue'),
            dataIndex: 'nextDueDate',
            render: (v: string) =>
              v < today ? (
                <Tag color="red">
                  {formatDate(v)} · {t('ka.lineCheck.overdue')}
                </Tag>
              ) : v <= soon ? (
                <Tag color="orange">{formatDate(v)}</Tag>
              ) : (
                formatDate(v)
              ),
          },
          ...(can('ka.write')
            ? [
                {
                  key: 'act',
                  render: (_: unknown, r: LineCheck) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => setCompleting(r)} data-testid={`line-check-done-${r.id}`}>
                        {t('ka.lineCheck.recordDone')}
                      </Button>
                      <Button size="small" onClick={() => setEditing(r)}>
                        {t('ka.lineCheck.edit')}
                      </Button>
                      <Popconfirm title={t('ka.lineCheck.stopConfirm')} onConfirm={() => stop.mutate(r.id)}>
                        <Button size="small" danger>
                          {t('ka.lineCheck.stop')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {scheduling ? <ScheduleModal customerId={customerId} onClose={() => setScheduling(false)} /> : null}
      {completing ? <DoneModal check={completing} onClose={() => setCompleting(null)} /> : null}
      {editing ? <EditModal check={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

type ScheduleValues = { productInstanceId?: number; description: string; intervalDays: number; nextDueDate: Dayjs };

function ScheduleModal({ customerId, onClose }: { customerId: number; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<ScheduleValues>();
  const products = useCustomer360(customerId).data?.products ?? [];
  // Dedicated lines first: they are what preventive checks are for.
  const options = [...products]
    .filter((p) => p.status === 'active')
    .sort((a, b) => Number(b.family === 'dedicated_line') - Number(a.family === 'dedicated_line'))
    .map((p) => ({
      value: p.id,
      label: `${p.serviceNumber} · ${locale === 'en' ? p.offeringNameEn : p.offeringNameZh}`,
    }));
  const create = useKaMutation((body: unknown) => api.post(`/api/ka/customers/${customerId}/line-checks`, body));
  return (
    <Modal
      open
      title={t('ka.lineCheck.schedule')}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'line-check-save' }}
      onOk={async () => {
        const v = await form.validateFields();
        await create.mutateAsync({
          productInstanceId: v.productInstanceId ?? undefined,
          description: v.description.trim(),
          intervalDays: v.intervalDays,
          nextDueDate: v.nextDueDate.format('YYYY-MM-DD'),
        });
        onClose();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ intervalDays: 90, nextDueDate: dayjs().add(7, 'day') }}
        onValuesChange={(changed: Partial<ScheduleValues>) => {
          // Suggest a description from the chosen line while the user has not typed one.
          if (changed.productInstanceId && !form.getFieldValue('description')) {
            const p = products.find((x) => x.id === changed.productInstanceId);
            if (p) form.setFieldValue('description', t('ka.lineCheck.defaultDescription', { line: p.serviceNumber }));
          }
        }}
      >
        <Form.Item name="productInstanceId" label={t('ka.lineCheck.line')} extra={t('ka.lineCheck.lineHint')}>
          <Select allowClear showSearch optionFilterProp="label" options={options} data-testid="line-check-line" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('ka.lineCheck.description')}
          rules={[{ required: true, whitespace: true, message: t('ka.lineCheck.descriptionRequired') }]}
        >
          <Input maxLength={200} placeholder={t('ka.lineCheck.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="intervalDays" label={t('ka.lineCheck.intervalDays')} rules={[{ required: true }]}>
          <InputNumber min={7} max={366} precision={0} />
        </Form.Item>
        <Form.Item name="nextDueDate" label={t('ka.lineCheck.firstDue')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DoneModal({ check, onClose }: { check: LineCheck; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ doneOn: Dayjs; note?: string }>();
  const done = useKaMutation((body: unknown) => api.post(`/api/ka/line-checks/${check.id}/done`, body));
  const doneOn = Form.useWatch('doneOn', form);
  return (
    <Modal
      open
      title={`${t('ka.lineCheck.recordDone')}: ${check.description}`}
      onCancel={onClose}
      confirmLoading={done.isPending}
      okButtonProps={{ 'data-testid': 'line-check-done-ok' }}
      onOk={async () => {
        const v = await form.validateFields();
        await done.mutateAsync({ doneOn: v.doneOn.format('YYYY-MM-DD'), note: v.note?.trim() || undefined });
        onClose();
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ doneOn: dayjs() }}>
        <Form.Item
          name="doneOn"
          label={t('ka.lineCheck.doneOn')}
          rules={[{ required: true }]}
          extra={
            doneOn
              ? t('ka.lineCheck.nextWillBe', {
                  date: formatDate(doneOn.add(check.intervalDays, 'day').format('YYYY-MM-DD')),
                })
              : null
          }
        >
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('ka.order.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EditModal({ check, onClose }: { check: LineCheck; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ description: string; intervalDays: number; nextDueDate: Dayjs }>();
  const save = useKaMutation((body: unknown) => api.patch(`/api/ka/line-checks/${check.id}`, body));
  return (
    <Modal
      open
      title={`${t('ka.lineCheck.edit')}: ${check.description}`}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        const next = {
          description: v.description.trim(),
          intervalDays: v.intervalDays,
          nextDueDate: v.nextDueDate.format('YYYY-MM-DD'),
        };
        const changed = Object.fromEntries(
          Object.entries(next).filter(([k, value]) => check[k as keyof typeof next] !== value),
        );
        if (Object.keys(changed).length) await save.mutateAsync(changed);
        onClose();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          description: check.description,
          intervalDays: check.intervalDays,
          nextDueDate: dayjs(check.nextDueDate),
        }}
      >
        <Form.Item
          name="description"
          label={t('ka.lineCheck.description')}
          rules={[{ required: true, whitespace: true, message: t('ka.lineCheck.descriptionRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="intervalDays" label={t('ka.lineCheck.intervalDays')} rules={[{ required: true }]}>
          <InputNumber min={7} max={366} precision={0} />
        </Form.Item>
        <Form.Item name="nextDueDate" label={t('ka.lineCheck.nextDue')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
