import {
  type ComplaintResponsibility,
  complaintResponsibilities,
  type TicketDetail,
  type WorkOrder,
} from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  message,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { dateTimeColumn, nameColumn } from '../../components/columns';
import { formatDateTime, formatFen, yuanToFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { useStaff } from '../ka/api';
import { sd, useDepartmentName, useDepartments } from './api';

const run = async (t: (k: string) => string, fn: () => Promise<unknown>, after: () => void) => {
  try {
    await fn();
    after();
  } catch (err) {
    message.error(apiErrorText(err, t));
  }
};

/** Work routed to departments, and the routing form of the owner. */
export function WorkOrdersCard({ ticket, onChange }: { ticket: TicketDetail; onChange: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const departments = useDepartments();
  const departmentName = useDepartmentName();
  const [form] = Form.useForm();
  const canRoute =
    ticket.allowedTransitions.length > 0 && ['acknowledged', 'inProgress', 'held', 'pending'].includes(ticket.status);
  const route = (v: { departmentId: number; instructions: string; dueAt?: { toISOString(): string } }) =>
    run(
      t,
      () => sd.route(ticket.id, { ...v, dueAt: v.dueAt?.toISOString() }),
      () => {
        form.resetFields();
        onChange();
      },
    );
  return (
    <Card size="small" title={t('sd.detail.workOrders')}>
      <Table<WorkOrder>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={ticket.workOrders}
        columns={[
          {
            title: t('sd.field.department'),
            dataIndex: 'departmentName',
            render: (v: string, r) => departmentName(r.departmentId, v),
          },
          { title: t('sd.field.instructions'), dataIndex: 'instructions', ellipsis: true },
          nameColumn(t('sd.field.assignee'), 'assigneeName'),
          {
            title: t('sd.field.status'),
            dataIndex: 'status',
            render: (v, r) => (
              <Space size={4}>
                <Tag color={v === 'resolved' ? 'green' : 'blue'}>{t(`sd.woStatus.${v}`)}</Tag>
                {r.overdue && <Tag color="red">{t('sd.wo.overdue')}</Tag>}
              </Space>
            ),
          },
          dateTimeColumn(t('sd.field.dueAt'), 'dueAt'),
          { title: t('sd.field.resolution'), dataIndex: 'resolution', ellipsis: true, render: (v) => v ?? '—' },
        ]}
      />
      {canRoute && (
        <Form form={form} layout="inline" onFinish={route} style={{ marginTop: 12 }}>
          <Form.Item name="departmentId" rules={[{ required: true }]}>
            <Select
              style={{ width: 150 }}
              placeholder={t('sd.field.department')}
              options={(departments.data ?? []).map((d) => ({
                value: d.id,
                label: locale === 'en' ? (d.nameEn ?? d.name) : d.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="instructions" rules={[{ required: true }]}>
            <Input placeholder={t('sd.field.instructions')} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="dueAt">
            <DatePicker showTime placeholder={t('sd.field.dueAt')} />
          </Form.Item>
          <Button htmlType="submit">{t('sd.detail.route')}</Button>
        </Form>
      )}
    </Card>
  );
}

/** Root cause, responsibility decision, compensation (approval), customer confirmation; what resolving still needs. */
export function ComplaintCard({ ticket, onChange }: { ticket: TicketDetail; onChange: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const departments = useDepartments();
  const departmentName = useDepartmentName();
  const c = ticket.complaint!;
  const [form] = Form.useForm();
  const [staffSearch, setStaffSearch] = useState('');
  const manages = can('complaints.manage');
  const staff = useStaff({ search: staffSearch || undefined }, manages);
  const responsibility = Form.useWatch('responsibility', form) as ComplaintResponsibility | undefined;
  const gaps = [
    !c.rootCause?.trim() && 'rootCause',
    !c.responsibility && 'responsibility',
    !c.customerConfirmedAt && 'customerConfirmed',
  ].filter(Boolean) as string[];
  const save = (v: Record<string, unknown>) =>
    run(
      t,
      () =>
        sd.complaint(ticket.id, {
          rootCause: v.rootCause || null,
          ...(manages && v.responsibility
            ? {
                responsibility: v.responsibility as ComplaintResponsibility,
                responsibleDepartmentId: v.responsibility === 'none' ? null : (v.responsibleDepartmentId ?? null),
                responsibleUserId: v.responsibility === 'employee' ? (v.responsibleUserId ?? null) : null,
              }
            : {}),
          compensationFen: typeof v.compensationYuan === 'number' ? yuanToFen(v.compensationYuan) : null,
          ...(v.customerConfirmed && !c.customerConfirmedAt ? { customerConfirmed: true } : {}),
          confirmationNote: (v.confirmationNote as string) || null,
        }),
      onChange,
    );
  return (
    <Card size="small" title={t('sd.detail.complaint')}>
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('sd.complaint.responsibility')}>
          {c.responsibility ? t(`sd.complaint.resp.${c.responsibility}`) : t('sd.complaint.undecided')}
        </Descriptions.Item>
        <Descriptions.Item label={t('sd.detail.responsibleUser')}>{c.responsibleUserName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sd.detail.responsibleDepartment')}>
          {c.responsibleDepartmentName ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('sd.detail.compensationStatus')}>
          {formatFen(c.compensationFen)} · {t(`sd.comp.${c.compensationStatus}`)}
          {c.compensationDecidedBy && ` (${c.compensationDecidedBy})`}
        </Descriptions.Item>
        <Descriptions.Item label={t('sd.detail.confirmedAt')}>
          {formatDateTime(c.customerConfirmedAt)}
        </Descriptions.Item>
      </Descriptions>
      {gaps.length > 0 && ['acknowledged', 'inProgress', 'held', 'pending'].includes(ticket.status) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('sd.complaint.gapsTitle')}
          description={gaps.map((g) => t(`sd.complaint.gap.${g}`)).join(t('common.listSep'))}
        />
      )}
      <Form
        form={form}
        layout="inline"
        onFinish={save}
        initialValues={{
          rootCause: c.rootCause,
          responsibility: c.responsibility ?? undefined,
          responsibleDepartmentId: c.responsibleDepartmentId,
          responsibleUserId: c.responsibleUserId,
          compensationYuan: c.compensationFen === null ? undefined : c.compensationFen / 100,
          customerConfirmed: Boolean(c.customerConfirmedAt),
          confirmationNote: c.confirmationNote,
        }}
      >
        <Form.Item name="rootCause" label={t('sd.detail.rootCause')}>
          <Input placeholder={t('sd.detail.rootCause')} style={{ width: 240 }} />
        </Form.Item>
        {manages && (
          <>
            <Form.Item name="responsibility" label={t('sd.complaint.responsibility')}>
              <Select
                allowClear
                style={{ width: 150 }}
                placeholder={t('sd.complaint.undecided')}
                options={complaintResponsibilities.map((r) => ({ value: r, label: t(`sd.complaint.resp.${r}`) }))}
              />
            </Form.Item>
            {(responsibility === 'department' || responsibility === 'employee') && (
              <Form.Item
                name="responsibleDepartmentId"
                rules={[{ required: responsibility === 'department', message: t('sd.complaint.needDepartment') }]}
              >
                <Select
                  allowClear
                  style={{ width: 150 }}
                  placeholder={t('sd.detail.responsibleDepartment')}
                  options={(departments.data ?? []).map((d) => ({ value: d.id, label: departmentName(d.id, d.name) }))}
                />
              </Form.Item>
            )}
            {responsibility === 'employee' && (
              <Form.Item name="responsibleUserId" rules={[{ required: true, message: t('sd.complaint.needEmployee') }]}>
                <Select
                  showSearch
                  filterOption={false}
                  onSearch={setStaffSearch}
                  style={{ width: 170 }}
                  placeholder={t('sd.detail.responsibleUser')}
                  options={[
                    ...(c.responsibleUserId && c.responsibleUserName
                      ? [{ value: c.responsibleUserId, label: c.responsibleUserName }]
                      : []),
                    ...(staff.data ?? [])
                      .filter((u) => u.id !== c.responsibleUserId)
                      .map((u) => ({ value: u.id, label: u.displayName })),
                  ]}
                />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="compensationYuan" label={t('sd.detail.compensation')}>
          <InputNumber min={0} placeholder={t('sd.detail.compensation')} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="customerConfirmed" valuePropName="checked">
          <Checkbox disabled={Boolean(c.customerConfirmedAt)}>{t('sd.complaint.customerConfirmed')}</Checkbox>
        </Form.Item>
        <Form.Item name="confirmationNote">
          <Input placeholder={t('sd.complaint.confirmationNote')} style={{ width: 200 }} />
        </Form.Item>
        <Button htmlType="submit">{t('common.save')}</Button>
      </Form>
      {c.compensationStatus === 'proposed' && can('commitments.approve') && (
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => run(t, () => sd.decide(ticket.id, { approve: true }), onChange)}>
            {t('sd.detail.approve')}
          </Button>
          <Button danger onClick={() => run(t, () => sd.decide(ticket.id, { approve: false }), onChange)}>
            {t('sd.detail.reject')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** Promises made to the customer on this ticket. */
export function CommitmentsCard({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['sd', 'commitments', 'ticket', ticket.id],
    queryFn: () => sd.commitments({ ticketId: ticket.id, limit: 50 }),
  });
  if (!q.data?.items.length) return null;
  return (
    <Card size="small" title={t('sd.detail.commitments')}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={q.data.items}
        columns={[
          { title: t('sd.cm.what'), dataIndex: 'what', ellipsis: true },
          nameColumn(t('sd.cm.promiser'), 'promiserName'),
          dateTimeColumn(t('sd.cm.due'), 'dueAt'),
          {
            title: t('sd.field.status'),
            dataIndex: 'status',
            render: (v) => <Tag color={v === 'overdue' ? 'red' : undefined}>{t(`sd.cmStatus.${v}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
