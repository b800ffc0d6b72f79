import { PageContainer } from '@ant-design/pro-components';
import type { Warning } from '@crm/contracts';
import { warningRuleCodes } from '@crm/contracts';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { dateTimeColumn, noWrap } from '../../components/columns';
import { useT } from '../../i18n';
import { useKaMutation, useStaff, useWarningRules, useWarnings } from './api';
import { severityColors, warningText } from './shared';

/** Early warnings of the portfolio: acknowledge, close with a note, or make a follow-up task; rule settings. */
export function WarningsPage() {
  const t = useT();
  const { can } = useAuth();
  return (
    <PageContainer title={t('ka.warnings.title')}>
      <Tabs
        items={[
          { key: 'list', label: t('ka.warnings.list'), children: <WarningList /> },
          ...(can('warnings.manage')
            ? [{ key: 'rules', label: t('ka.warnings.rules'), children: <RuleSettings /> }]
            : []),
        ]}
      />
    </PageContainer>
  );
}

function WarningList() {
  const t = useT();
  const { can } = useAuth();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<string>('open');
  const [ruleCode, setRuleCode] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [closing, setClosing] = useState<Warning | null>(null);
  const customerId = params.get('customerId') ?? undefined;
  const q = useWarnings({
    ...(status === 'open' ? { open: 'true' } : status === 'all' ? {} : { status }),
    ruleCode,
    customerId,
    limit: 20,
    offset: (page - 1) * 20,
  });
  const ack = useKaMutation((id: number) => api.post(`/api/ka/warnings/${id}/acknowledge`));
  const task = useKaMutation((v: { id: number; body: { ownerId?: number; dueDate: string; title: string } }) =>
    api.post(`/api/ka/warnings/${v.id}/task`, v.body),
  );
  const [tasking, setTasking] = useState<Warning | null>(null);
  const [taskForm] = Form.useForm();
  const [staffSearch, setStaffSearch] = useState('');
  const { user } = useAuth();
  const isAm = user?.role === 'account_manager';
  const staff = useStaff({ search: staffSearch || undefined }, Boolean(tasking) && !isAm);
  const openTask = (w: Warning) => {
    taskForm.setFieldsValue({
      ownerId: isAm ? undefined : (w.assignee?.id ?? undefined),
      dueDate: dayjs().add(w.severity === 'high' ? 1 : 3, 'day'),
      title: `${w.customerName}：${t(`ka.rule.${w.ruleCode}`)}`,
    });
    setTasking(w);
  };
  const close = useKaMutation((v: { id: number; note: string }) =>
    api.post(`/api/ka/warnings/${v.id}/close`, { note: v.note }),
  );
  const [form] = Form.useForm();
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          value={status}
          style={{ width: 140 }}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={['open', 'acknowledged', 'closed', 'all'].map((s) => ({
            value: s,
            label: s === 'all' ? t('ka.all') : t(`ka.warningStatus.${s}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('ka.warnings.rule')}
          style={{ width: 200 }}
          value={ruleCode}
          onChange={setRuleCode}
          options={warningRuleCodes.map((r) => ({ value: r, label: t(`ka.rule.${r}`) }))}
        />
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('ka.warnings.severity'),
            dataIndex: 'severity',
            ...noWrap,
            render: (v) => <Tag color={severityColors[v]}>{t(`ka.severity.${v}`)}</Tag>,
          },
          {
            title: t('ka.customer'),
            dataIndex: 'customerName',
            render: (v, r) => <Link to={`/ka/accounts/${r.customerId}`}>{v}</Link>,
          },
          { title: t('ka.warnings.rule'), dataIndex: 'ruleCode', ...noWrap, render: (v) => t(`ka.rule.${v}`) },
          { title: t('ka.warnings.cause'), key: 'cause', render: (_, r) => warningText(t, r) },
          { title: t('ka.warnings.assignee'), dataIndex: ['assignee', 'displayName'], ...noWrap },
          dateTimeColumn(t('ka.warnings.raised'), 'createdAt'),
          {
            title: t('ka.warnings.status'),
            dataIndex: 'status',
            onHeaderCell: noWrap.onHeaderCell,
            render: (v, r) => (
              <Space direction="vertical" size={0}>
                <Tag>{t(`ka.warningStatus.${v}`)}</Tag>
                {r.closeNote ? <Typography.Text type="secondary">{r.closeNote}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            key: 'act',
            render: (_, r) =>
              can('ka.write') && r.status !== 'closed' ? (
                <Space size={4}>
                  {r.status === 'open' ? (
                    <Button size="small" onClick={() => ack.mutate(r.id)}>
                      {t('ka.warnings.acknowledge')}
                    </Button>
                  ) : null}
                  <Button size="small" onClick={() => openTask(r)}>
                    {t('ka.warnings.toTask')}
                  </Button>
                  <Button size="small" danger onClick={() => setClosing(r)}>
                    {t('ka.warnings.close')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={Boolean(tasking)}
        title={t('ka.warnings.toTask')}
        onCancel={() => setTasking(null)}
        confirmLoading={task.isPending}
        onOk={async () => {
          const v = await taskForm.validateFields();
          if (tasking)
            await task.mutateAsync({
              id: tasking.id,
              body: { ownerId: v.ownerId, dueDate: v.dueDate.format('YYYY-MM-DD'), title: v.title },
            });
          setTasking(null);
        }}
      >
        <Form form={taskForm} layout="vertical">
          <Form.Item name="title" label={t('ka.warnings.taskTitle')} rules={[{ required: true, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          {!isAm && (
            <Form.Item name="ownerId" label={t('ka.warnings.taskOwner')} rules={[{ required: true }]}>
              <Select
                showSearch
                filterOption={false}
                onSearch={setStaffSearch}
                options={[
                  ...(tasking?.assignee ? [{ value: tasking.assignee.id, label: tasking.assignee.displayName }] : []),
                  ...(staff.data ?? [])
                    .filter((u) => u.id !== tasking?.assignee?.id)
                    .map((u) => ({ value: u.id, label: u.displayName })),
                ]}
              />
            </Form.Item>
          )}
          <Form.Item name="dueDate" label={t('ka.warnings.taskDue')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={Boolean(closing)}
        title={t('ka.warnings.close')}
        onCancel={() => setClosing(null)}
        confirmLoading={close.isPending}
        onOk={async () => {
          const v = await form.validateFields();
          if (closing) await close.mutateAsync({ id: closing.id, note: v.note });
          form.resetFields();
          setClosing(null);
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('ka.warnings.closeNote')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function RuleSettings() {
  const t = useT();
  const { user } = useAuth();
  const rules = useWarningRules(user?.orgUnitId);
  const save = useKaMutation((body: unknown) => api.post('/api/ka/warning-rules', body));
  const [drafts, setDrafts] = useState<Record<string, Record<string, number>>>({});
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('ka.warnings.rulesHint')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="ruleCode"
        pagination={false}
        loading={rules.isLoading}
        dataSource={rules.data ?? []}
        columns={[
          { title: t('ka.warnings.rule'), dataIndex: 'ruleCode', ...noWrap, render: (v) => t(`ka.rule.${v}`) },
          {
            title: t('ka.warnings.enabled'),
            dataIndex: 'enabled',
            render: (v, r) => (
              <Switch
                checked={v}
                disabled={!r.available}
                onChange={(enabled) =>
                  save.mutate({
                    ruleCode: r.ruleCode,
                    orgUnitId: user?.orgUnitId ?? null,
                    enabled,
                    params: drafts[r.ruleCode] ?? r.params,
                  })
                }
              />
            ),
          },
          {
            title: t('ka.warnings.params'),
            key: 'params',
            render: (_, r) => (
              <Space wrap>
                {Object.entries(r.params).map(([k, v]) => (
                  <Space key={k} size={4}>
                    <span>{t(`ka.param.${k}`)}</span>
                    <InputNumber
                      size="small"
                      min={0}
                      defaultValue={v}
                      onChange={(n) =>
                        setDrafts((d) => ({
                          ...d,
                          [r.ruleCode]: { ...r.params, ...d[r.ruleCode], [k]: Number(n ?? 0) },
                        }))
                      }
                    />
                  </Space>
                ))}
                {drafts[r.ruleCode] ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      save.mutate({
                        ruleCode: r.ruleCode,
                        orgUnitId: user?.orgUnitId ?? null,
                        enabled: r.enabled,
                        params: drafts[r.ruleCode],
                      })
                    }
                  >
                    {t('common.save')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('ka.warnings.source'),
            dataIndex: 'source',
            render: (v, r) =>
              r.available ? (
                t(`ka.warnings.source.${v}`)
              ) : (
                <Typography.Text type="warning">{t('ka.warnings.unavailable')}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
