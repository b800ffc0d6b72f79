import type { OrderStep, ServiceOrderDetail } from '@crm/contracts';
import { Alert, DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { applyServerErrors } from '../../forms';
import { useT } from '../../i18n';
import { useKaMutation, useStaff } from './api';

type Values = { assigneeId?: number | null; dueDate: Dayjs };

/** Who usually works a step: the AM for the customer confirmation, back-office staff for the rest. */
export const assigneeRoleOf = (s: Pick<OrderStep, 'department'>) =>
  s.department === 'account_management' ? 'account_manager' : 'back_office';

/** The PATCH body: only what changed (an emptied assignee hands the step back to its department's queue). */
export function stepChanges(s: OrderStep, v: Values): { assigneeId?: number | null; dueDate?: string } {
  const out: { assigneeId?: number | null; dueDate?: string } = {};
  const assigneeId = v.assigneeId ?? null;
  if (assigneeId !== (s.assignee?.id ?? null)) out.assigneeId = assigneeId;
  const due = v.dueDate.format('YYYY-MM-DD');
  if (due !== s.dueDate) out.dueDate = due;
  return out;
}

/** Reassigns an open fulfilment step or moves its due date. */
export function StepEditModal({ o, step, onClose }: { o: ServiceOrderDetail; step: OrderStep; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const [formError, setFormError] = useState<string[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(input.trim()), 300);
    return () => clearTimeout(timer);
  }, [input]);
  const staff = useStaff({ role: assigneeRoleOf(step), search: search || undefined });
  const due = Form.useWatch('dueDate', form);
  const next = o.steps.find((x) => x.seq === step.seq + 1 && !x.doneAt);
  const afterNext = Boolean(due && next && due.format('YYYY-MM-DD') > next.dueDate);
  const save = useKaMutation((body: ReturnType<typeof stepChanges>) =>
    api.patch(`/api/ka/orders/${o.id}/steps/${step.id}`, body),
  );
  const options = (staff.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName} (${u.username} · ${u.orgUnitName})`,
  }));
  // The current assignee stays selectable (and labelled) even when a search or the role filter leaves them out.
  if (step.assignee && !options.some((x) => x.value === step.assignee?.id))
    options.unshift({ value: step.assignee.id, label: step.assignee.displayName });
  const submit = async () => {
    const body = stepChanges(step, await form.validateFields());
    if (Object.keys(body).length === 0) return onClose();
    setFormError([]);
    try {
      await save.mutateAsync(body);
      onClose();
    } catch (err) {
      setFormError(applyServerErrors(form, err, t));
    }
  };
  return (
    <Modal
      open
      title={`${t('ka.stepEdit.title')}: ${t(`ka.step.${step.kind}`)}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'step-edit-save' }}
    >
      <Typography.Paragraph type="secondary">
        {t('ka.stepEdit.department', { department: t(`ka.dept.${step.department}`) })}
      </Typography.Paragraph>
      {formError.length ? (
        <Alert type="error" showIcon message={formError.join('; ')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ assigneeId: step.assignee?.id ?? null, dueDate: dayjs(step.dueDate) }}
      >
        <Form.Item name="assigneeId" label={t('ka.order.assignee')} extra={t('ka.stepEdit.unassignedHint')}>
          <Select
            allowClear
            showSearch
            filterOption={false}
            onSearch={setInput}
            loading={staff.isFetching}
            placeholder={t('ka.stepEdit.unassigned')}
            options={options}
            data-testid="step-assignee"
          />
        </Form.Item>
        <Form.Item name="dueDate" label={t('ka.order.due')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} data-testid="step-due" />
        </Form.Item>
        {afterNext && next ? (
          <Alert
            type="warning"
            showIcon
            message={t('ka.stepEdit.afterNext', { step: t(`ka.step.${next.kind}`), date: next.dueDate })}
          />
        ) : null}
      </Form>
    </Modal>
  );
}
