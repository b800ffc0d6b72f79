import {
  type ApprovalKind,
  type ApprovalLimit,
  type ApprovalLimitInput,
  approvalKinds,
  approvalOrgLevels,
  roles,
} from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, InputNumber, Modal, message, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { dateTimeColumn } from '../../components/columns';
import { fenToYuan, formatFen, yuanToFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { sd } from './api';

type FormValues = Omit<ApprovalLimitInput, 'maxAmountFen'> & { maxYuan?: number | null; unlimited?: boolean };

/**
 * Approval authority (审批权限): the largest commitment / compensation amount each approver role at an org level may
 * approve. Larger amounts are refused and go to the next approver up the chain. Administrators edit; every change is
 * versioned and audited.
 */
export function ApprovalLimitsCard() {
  const t = useT();
  const limits = useQuery({ queryKey: ['approval-limits'], queryFn: sd.approvalLimits });
  const [editing, setEditing] = useState<Partial<ApprovalLimit> | null>(null);
  const [form] = Form.useForm<FormValues>();
  const unlimited = Form.useWatch('unlimited', form);
  const open = (l: Partial<ApprovalLimit>) => {
    form.resetFields();
    form.setFieldsValue({
      kind: l.kind ?? 'compensation',
      role: l.role ?? 'manager',
      orgLevel: l.orgLevel ?? 'city',
      unlimited: l.id !== undefined && l.maxAmountFen === null,
      maxYuan: l.maxAmountFen == null ? null : fenToYuan(l.maxAmountFen),
    });
    setEditing(l);
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      await sd.saveApprovalLimit({
        kind: v.kind,
        role: v.role,
        orgLevel: v.orgLevel,
        maxAmountFen: v.unlimited ? null : yuanToFen(v.maxYuan ?? 0),
      });
      message.success(t('sd.approvals.saved'));
      setEditing(null);
      await limits.refetch();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const kindOptions = approvalKinds.map((k: ApprovalKind) => ({ value: k, label: t(`sd.approvals.kind.${k}`) }));
  return (
    <Card
      size="small"
      title={t('sd.approvals.title')}
      extra={<Button onClick={() => open({})}>{t('sd.approvals.new')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('sd.approvals.hint')}</Typography.Paragraph>
      <Table<ApprovalLimit>
        rowKey="id"
        size="small"
        loading={limits.isLoading}
        dataSource={limits.data ?? []}
        pagination={false}
        columns={[
          { title: t('sd.approvals.kind'), dataIndex: 'kind', render: (v) => t(`sd.approvals.kind.${v}`) },
          { title: t('sd.approvals.role'), dataIndex: 'role', render: (v) => t(`enum.role.${v}`) },
          {
            title: t('sd.approvals.orgLevel'),
            dataIndex: 'orgLevel',
            render: (v) => (v === 'any' ? <Tag>{t('sd.approvals.anyLevel')}</Tag> : t(`enum.orgLevel.${v}`)),
          },
          {
            title: t('sd.approvals.max'),
            dataIndex: 'maxAmountFen',
            align: 'right',
            render: (v: number | null) =>
              v === null ? <Tag color="gold">{t('sd.approvals.unlimited')}</Tag> : formatFen(v),
          },
          { title: t('sd.approvals.version'), dataIndex: 'version' },
          dateTimeColumn(t('sd.approvals.updatedAt'), 'updatedAt'),
          {
            title: t('common.actions'),
            render: (_, l) => (
              <Button size="small" onClick={() => open(l)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal open={Boolean(editing)} title={t('sd.approvals.title')} onOk={save} onCancel={() => setEditing(null)}>
        <Form form={form} layout="vertical">
          <Space wrap>
            <Form.Item name="kind" label={t('sd.approvals.kind')} rules={[{ required: true }]}>
              <Select style={{ width: 140 }} options={kindOptions} disabled={editing?.id !== undefined} />
            </Form.Item>
            <Form.Item name="role" label={t('sd.approvals.role')} rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                disabled={editing?.id !== undefined}
                options={roles.map((r) => ({ value: r, label: t(`enum.role.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="orgLevel" label={t('sd.approvals.orgLevel')} rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                disabled={editing?.id !== undefined}
                options={approvalOrgLevels.map((l) => ({
                  value: l,
                  label: l === 'any' ? t('sd.approvals.anyLevel') : t(`enum.orgLevel.${l}`),
                }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="unlimited" valuePropName="checked">
            <Checkbox>{t('sd.approvals.unlimited')}</Checkbox>
          </Form.Item>
          {!unlimited && (
            <Form.Item name="maxYuan" label={t('sd.approvals.maxYuan')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
