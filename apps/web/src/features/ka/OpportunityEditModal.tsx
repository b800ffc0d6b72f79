import { EditOutlined } from '@ant-design/icons';
import type { OpportunityDetail } from '@crm/contracts';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAccountManagers } from '../../api/shared';
import { useAuth } from '../../auth';
import { fenToYuan, yuanToFen } from '../../format';
import { applyServerErrors } from '../../forms';
import { useT } from '../../i18n';
import { useKaMutation } from './api';

type Values = {
  title: string;
  description?: string;
  estMonthly?: number | null;
  estOneTime?: number | null;
  expectedClose?: Dayjs | null;
  competitor?: string;
  ownerId?: number;
};

/** The PATCH body: only what changed; an emptied text or date becomes null. */
export function opportunityChanges(o: OpportunityDetail, v: Values): Record<string, unknown> {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  const next: Record<string, unknown> = {
    title: v.title.trim(),
    description: text(v.description),
    estMonthlyFen: yuanToFen(v.estMonthly ?? 0),
    estOneTimeFen: yuanToFen(v.estOneTime ?? 0),
    expectedClose: v.expectedClose ? v.expectedClose.format('YYYY-MM-DD') : null,
    competitor: text(v.competitor),
    ownerId: v.ownerId ?? o.owner.id,
  };
  const before: Record<string, unknown> = {
    title: o.title,
    description: o.description,
    estMonthlyFen: o.estMonthlyFen,
    estOneTimeFen: o.estOneTimeFen,
    expectedClose: o.expectedClose,
    competitor: o.competitor,
    ownerId: o.owner.id,
  };
  return Object.fromEntries(Object.entries(next).filter(([k, value]) => value !== before[k]));
}

/** Edits an open opportunity's name, description, estimated values, expected close, competitor and owner. */
export function OpportunityEditButton({ o }: { o: OpportunityDetail }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="opp-edit">
        {t('common.edit')}
      </Button>
      {open ? <EditModal o={o} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function EditModal({ o, onClose }: { o: OpportunityDetail; onClose: () => void }) {
  const t = useT();
  const { user } = useAuth();
  // Account managers own their own opportunities; managers and administrators may hand one to another AM.
  const canReassign = user?.role !== 'account_manager';
  const ams = useAccountManagers();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string[]>([]);
  const save = useKaMutation((body: Record<string, unknown>) => api.patch(`/api/ka/opportunities/${o.id}`, body));
  const submit = async () => {
    const body = opportunityChanges(o, await form.validateFields());
    if (Object.keys(body).length === 0) return onClose();
    setFormError([]);
    try {
      await save.mutateAsync(body);
      onClose();
    } catch (err) {
      setFormError(applyServerErrors(form, err, t));
    }
  };
  const owners = [
    { value: o.owner.id, label: o.owner.displayName },
    ...(ams.data ?? []).filter((u) => u.id !== o.owner.id).map((u) => ({ value: u.id, label: u.displayName })),
  ];
  return (
    <Modal
      open
      width={640}
      title={t('ka.oppEdit.title')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'opp-edit-save' }}
    >
      {formError.length ? (
        <Alert type="error" showIcon message={formError.join('; ')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: o.title,
          description: o.description ?? '',
          estMonthly: fenToYuan(o.estMonthlyFen),
          estOneTime: fenToYuan(o.estOneTimeFen),
          expectedClose: o.expectedClose ? dayjs(o.expectedClose) : null,
          competitor: o.competitor ?? '',
          ownerId: o.owner.id,
        }}
      >
        <Form.Item
          name="title"
          label={t('ka.opp.titleLabel')}
          rules={[{ required: true, whitespace: true, message: t('ka.oppEdit.titleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('ka.oppEdit.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="estMonthly" label={t('ka.opp.estMonthlyYuan')}>
            <InputNumber min={0} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="estOneTime" label={t('ka.opp.estOneTimeYuan')}>
            <InputNumber min={0} precision={2} style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="expectedClose" label={t('ka.opp.expectedClose')}>
            <DatePicker allowClear />
          </Form.Item>
          <Form.Item name="competitor" label={t('ka.opp.competitor')}>
            <Input maxLength={100} style={{ width: 200 }} />
          </Form.Item>
          {canReassign ? (
            <Form.Item name="ownerId" label={t('ka.opp.owner')}>
              <Select style={{ width: 180 }} loading={ams.isLoading} options={owners} />
            </Form.Item>
          ) : null}
        </Space>
      </Form>
    </Modal>
  );
}
