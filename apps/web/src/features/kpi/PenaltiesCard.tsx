import { PlusOutlined } from '@ant-design/icons';
import type { KpiPenalty } from '@crm/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAccountManagers } from '../../api/shared';
import { useAuth } from '../../auth';
import { TicketSelect } from '../../components/TicketSelect';
import { formatFen, yuanToFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { kpiApi, usePenalties } from './api';

type Values = { userId: number; points: number; amountYuan?: number; reason: string; ticketId?: number };

/**
 * The penalties of a month (扣罚记录) per account manager — points, money borne, reason, the complaint whose
 * responsibility record it follows and who recorded it — and, for managers, the form to record one.
 */
export function PenaltiesCard({ period, userId }: { period: string; userId?: number }) {
  const t = useT();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const penalties = usePenalties(period);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const manage = can('kpi.manage');
  const ams = useAccountManagers(manage && open);
  const rows = (penalties.data ?? []).filter((p) => !userId || p.userId === userId);
  const inFuture = period > dayjs().format('YYYY-MM');

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await kpiApi.recordPenalty({
        userId: v.userId,
        period,
        points: v.points,
        amountFen: yuanToFen(v.amountYuan ?? 0),
        reason: v.reason.trim(),
        ...(v.ticketId ? { ticketId: v.ticketId } : {}),
      });
      message.success(t('kpi.penalty.saved'));
      qc.invalidateQueries({ queryKey: ['kpi'] });
      setOpen(false);
    } catch (err) {
      message.error(apiErrorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={t('kpi.penalty.title')}
      style={{ marginBottom: 16 }}
      extra={
        manage &&
        !inFuture && (
          <Button
            icon={<PlusOutlined />}
            data-testid="new-penalty"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ userId, points: 0, amountYuan: 0 });
              setOpen(true);
            }}
          >
            {t('kpi.penalty.new')}
          </Button>
        )
      }
    >
      <Table<KpiPenalty>
        rowKey="id"
        size="small"
        pagination={false}
        loading={penalties.isLoading}
        dataSource={rows}
        locale={{ emptyText: t('kpi.penalty.none') }}
        columns={[
          { title: t('kpi.am'), dataIndex: 'userName' },
          { title: t('kpi.penalty.points'), dataIndex: 'points', render: (v: number) => (v ? `-${v}` : 0) },
          { title: t('kpi.penalty.amount'), dataIndex: 'amountFen', render: (v: number) => formatFen(v) },
          { title: t('kpi.penalty.reason'), dataIndex: 'reason' },
          {
            title: t('kpi.penalty.ticket'),
            render: (_, p) => (p.ticketId ? `${p.ticketNo ?? `#${p.ticketId}`} ${p.ticketTitle ?? ''}` : '—'),
          },
          { title: t('kpi.penalty.recordedBy'), dataIndex: 'createdByName', render: (v: string | null) => v ?? '—' },
          { title: t('kpi.penalty.at'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
        ]}
      />
      <Modal
        open={open}
        title={t('kpi.penalty.newTitle', { period })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={save}
        onCancel={() => setOpen(false)}
        destroyOnClose
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="userId"
            label={t('kpi.am')}
            rules={[{ required: true, message: t('kpi.penalty.amRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={ams.isLoading}
              options={(ams.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
          <Form.Item
            name="points"
            label={t('kpi.penalty.points')}
            extra={t('kpi.penalty.pointsHint')}
            rules={[{ required: true, message: t('kpi.penalty.pointsRequired') }]}
          >
            <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="amountYuan" label={t('kpi.penalty.amount')} extra={t('kpi.penalty.amountHint')}>
            <InputNumber min={0} max={1e11} precision={2} style={{ width: '100%' }} addonAfter={t('inv.yuan')} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('kpi.penalty.reason')}
            rules={[{ required: true, whitespace: true, message: t('kpi.penalty.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
          <Form.Item name="ticketId" label={t('kpi.penalty.ticket')} extra={t('kpi.penalty.ticketHint')}>
            <TicketSelect type="complaint" data-testid="penalty-ticket" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
