import { PageContainer } from '@ant-design/pro-components';
import { kaImportances, kaTiers, type SlaPolicy, ticketSeverities, ticketTypes } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  message,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TimePicker,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { ApprovalLimitsCard } from './ApprovalLimitsCard';
import { type Holiday, sd } from './api';
import { TaxonomyCard } from './TaxonomyCard';
import { options } from './ui';

const categories = ['key_account', 'business', 'public'] as const;

function Policies() {
  const t = useT();
  const policies = useQuery({ queryKey: ['sd', 'policies'], queryFn: sd.policies });
  const calendars = useQuery({ queryKey: ['sd', 'calendars'], queryFn: sd.calendars });
  const [editing, setEditing] = useState<Partial<SlaPolicy> | null>(null);
  const [form] = Form.useForm();
  const any = (v: string | null, prefix: string) => (v ? t(`${prefix}.${v}`) : <Tag>{t('sd.admin.any')}</Tag>);
  const save = async () => {
    const v = await form.validateFields();
    try {
      await sd.savePolicy(editing?.id, v);
      const retargeted =
        editing?.id &&
        (['responseMinutes', 'resolutionMinutes', 'updateIntervalMinutes', 'calendarId', 'warnPercent'] as const).some(
          (k) => (v[k] ?? null) !== (editing[k] ?? null),
        );
      if (retargeted) message.success(t('sd.admin.recomputing'));
      setEditing(null);
      await policies.refetch();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const open = (p: Partial<SlaPolicy>) => {
    form.resetFields();
    form.setFieldsValue({ warnPercent: 80, active: true, ...p });
    setEditing(p);
  };
  return (
    <Card
      size="small"
      title={t('sd.admin.policies')}
      extra={<Button onClick={() => open({ calendarId: calendars.data?.[0]?.id })}>{t('sd.admin.newPolicy')}</Button>}
    >
      <Table<SlaPolicy>
        rowKey="id"
        size="small"
        loading={policies.isLoading}
        dataSource={policies.data ?? []}
        pagination={false}
        columns={[
          { title: t('sd.admin.name'), dataIndex: 'name' },
          { title: t('sd.field.type'), dataIndex: 'ticketType', render: (v) => any(v, 'sd.type') },
          { title: t('sd.field.customer'), dataIndex: 'customerCategory', render: (v) => any(v, 'sd.category') },
          { title: t('sd.field.tier'), dataIndex: 'tier', render: (v) => any(v, 'sd.tier') },
          { title: t('sd.field.severity'), dataIndex: 'severity', render: (v) => any(v, 'sd.severity') },
          { title: t('sd.admin.response'), dataIndex: 'responseMinutes' },
          { title: t('sd.admin.resolutionMin'), dataIndex: 'resolutionMinutes' },
          { title: t('sd.admin.update'), dataIndex: 'updateIntervalMinutes', render: (v) => v ?? '—' },
          { title: t('sd.admin.calendar'), dataIndex: 'calendarName' },
          { title: t('sd.admin.warn'), dataIndex: 'warnPercent' },
          {
            title: t('sd.admin.source'),
            dataIndex: 'source',
            render: (v) => <Tag>{t(`sd.admin.sourceValue.${v}`)}</Tag>,
          },
          { title: t('sd.admin.active'), dataIndex: 'active', render: (v) => (v ? '✓' : '—') },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <Button size="small" onClick={() => open(p)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(editing)}
        title={t('sd.admin.policies')}
        onOk={save}
        onCancel={() => setEditing(null)}
        width={640}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('sd.admin.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="ticketType" label={t('sd.field.type')}>
              <Select allowClear style={{ width: 150 }} options={options(t, 'sd.type', ticketTypes)} />
            </Form.Item>
            <Form.Item name="customerCategory" label={t('sd.field.customer')}>
              <Select allowClear style={{ width: 150 }} options={options(t, 'sd.category', categories)} />
            </Form.Item>
            <Form.Item name="tier" label={t('sd.field.tier')}>
              <Select allowClear style={{ width: 120 }} options={options(t, 'sd.tier', kaTiers)} />
            </Form.Item>
            <Form.Item name="importance" label={t('sd.admin.importance')}>
              <Select allowClear style={{ width: 150 }} options={options(t, 'sd.importance', kaImportances)} />
            </Form.Item>
            <Form.Item name="severity" label={t('sd.field.severity')}>
              <Select allowClear style={{ width: 120 }} options={options(t, 'sd.severity', ticketSeverities)} />
            </Form.Item>
            <Form.Item name="responseMinutes" label={t('sd.admin.response')} rules={[{ required: true }]}>
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="resolutionMinutes" label={t('sd.admin.resolutionMin')} rules={[{ required: true }]}>
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="updateIntervalMinutes" label={t('sd.admin.update')}>
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="calendarId" label={t('sd.admin.calendar')} rules={[{ required: true }]}>
              <Select
                style={{ width: 160 }}
                options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
            <Form.Item name="warnPercent" label={t('sd.admin.warn')}>
              <InputNumber min={1} max={99} />
            </Form.Item>
            <Form.Item name="active" label={t('sd.admin.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

function Holidays() {
  const t = useT();
  const holidays = useQuery({ queryKey: ['sd', 'holidays'], queryFn: sd.holidays });
  const calendars = useQuery({ queryKey: ['sd', 'calendars'], queryFn: sd.calendars });
  const [form] = Form.useForm();
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await Promise.all([holidays.refetch(), calendars.refetch()]);
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const add = (v: { date: dayjs.Dayjs; kind: Holiday['kind']; name: string }) =>
    run(() => sd.putHoliday({ date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name }));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('sd.admin.calendars')}>
        {(calendars.data ?? [])
          .filter((c) => c.kind === 'business')
          .map((c) => (
            <Space key={c.id}>
              {c.name}
              <TimePicker.RangePicker
                format="HH:mm"
                minuteStep={15}
                value={[dayjs(c.workStart, 'HH:mm'), dayjs(c.workEnd, 'HH:mm')]}
                onChange={(v) =>
                  v?.[0] &&
                  v[1] &&
                  run(() =>
                    sd.updateCalendar(c.id, { workStart: v[0]!.format('HH:mm'), workEnd: v[1]!.format('HH:mm') }),
                  )
                }
              />
            </Space>
          ))}
      </Card>
      <Card size="small" title={t('sd.admin.holidays')}>
        <Form
          form={form}
          layout="inline"
          onFinish={add}
          initialValues={{ kind: 'holiday' }}
          style={{ marginBottom: 12 }}
        >
          <Form.Item name="date" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              style={{ width: 140 }}
              options={['holiday', 'workday'].map((k) => ({ value: k, label: t(`sd.admin.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true }]}>
            <Input placeholder={t('sd.admin.name')} />
          </Form.Item>
          <Button htmlType="submit">{t('sd.admin.addDay')}</Button>
        </Form>
        <Table<Holiday>
          rowKey="date"
          size="small"
          dataSource={holidays.data ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('sd.admin.date'), dataIndex: 'date' },
            {
              title: t('sd.admin.kind'),
              dataIndex: 'kind',
              render: (v) => <Tag color={v === 'holiday' ? 'red' : 'blue'}>{t(`sd.admin.kind.${v}`)}</Tag>,
            },
            { title: t('sd.admin.name'), dataIndex: 'name' },
            {
              title: t('common.actions'),
              render: (_, h) => (
                <Popconfirm title={t('common.delete')} onConfirm={() => run(() => sd.deleteHoliday(h.date))}>
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/**
 * SLA policies (type x class / tier / importance x severity), working hours and the holiday calendar with 调休 days;
 * for administrators also the approval authority (approver amount limits).
 */
export function SlaAdminPage() {
  const t = useT();
  const { can } = useAuth();
  return (
    <PageContainer title={t('sd.admin.title')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Policies />
        <Holidays />
        <TaxonomyCard />
        {can('approvals.manage') && <ApprovalLimitsCard />}
      </Space>
    </PageContainer>
  );
}
