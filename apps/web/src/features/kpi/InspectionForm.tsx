import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type InspectionInput, inspectionKinds } from '@crm/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useOrgUnits } from '../../api/shared';
import { TicketSelect } from '../../components/TicketSelect';
import { yuanToFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';

type Values = {
  kind: InspectionInput['kind'];
  subjectType: InspectionInput['subjectType'];
  staffUserId?: number;
  counterName?: string;
  orgUnitId?: number;
  inspectedAt: dayjs.Dayjs;
  items: { label: string; maxScore: number; score: number; note?: string }[];
  penaltyPoints: number;
  penaltyYuan: number;
  ticketId?: number;
  notes?: string;
};

/** The standard checklists (神秘顾客 / 服务检查); the inspector may edit items and their maximum scores. */
const checklists: Record<InspectionInput['kind'], { key: string; maxScore: number }[]> = {
  mystery_shopper: [
    { key: 'greeting', maxScore: 10 },
    { key: 'appearance', maxScore: 10 },
    { key: 'needs', maxScore: 20 },
    { key: 'product', maxScore: 20 },
    { key: 'accuracy', maxScore: 20 },
    { key: 'farewell', maxScore: 20 },
  ],
  service_inspection: [
    { key: 'environment', maxScore: 20 },
    { key: 'queue', maxScore: 20 },
    { key: 'standards', maxScore: 20 },
    { key: 'materials', maxScore: 20 },
    { key: 'records', maxScore: 20 },
  ],
};

/**
 * A mystery-shopper or service inspection of a staff member or a counter: checklist scores, penalty points and
 * amount (feeding the KPI of the inspected staff member) and, optionally, the complaint ticket whose responsibility
 * record it follows up.
 */
export function InspectionForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const subjectType = Form.useWatch('subjectType', form);
  const items = Form.useWatch('items', form) ?? [];
  const units = useOrgUnits();
  const staff = useQuery({
    queryKey: ['users', 'all-staff'],
    queryFn: () =>
      api.get<{ items: { id: number; displayName: string; role: string }[] }>('/api/users', { limit: 500 }),
    select: (p) => p.items,
    staleTime: 5 * 60_000,
  });
  const checklist = (kind: InspectionInput['kind']) =>
    checklists[kind].map((c) => ({ label: t(`quality.item.${c.key}`), maxScore: c.maxScore, score: c.maxScore }));
  const total = items.reduce((s, i) => s + (i?.score ?? 0), 0);
  const max = items.reduce((s, i) => s + (i?.maxScore ?? 0), 0);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await api.post('/api/quality/inspections', {
        kind: v.kind,
        subjectType: v.subjectType,
        ...(v.subjectType === 'staff' ? { staffUserId: v.staffUserId } : { counterName: v.counterName?.trim() }),
        ...(v.orgUnitId ? { orgUnitId: v.orgUnitId } : {}),
        inspectedAt: v.inspectedAt.format('YYYY-MM-DD'),
        items: v.items.map((i) => ({ ...i, label: i.label.trim(), note: i.note?.trim() || undefined })),
        penaltyPoints: v.penaltyPoints ?? 0,
        penaltyFen: yuanToFen(v.penaltyYuan ?? 0),
        ...(v.ticketId ? { ticketId: v.ticketId } : {}),
        ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
      });
      message.success(t('quality.saved'));
      qc.invalidateQueries({ queryKey: ['quality'] });
      qc.invalidateQueries({ queryKey: ['kpi'] });
      onClose();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  return (
    <Drawer
      open={open}
      width={820}
      title={t('quality.new')}
      onClose={onClose}
      destroyOnClose
      afterOpenChange={(o) =>
        o &&
        form.setFieldsValue({
          kind: 'mystery_shopper',
          subjectType: 'staff',
          inspectedAt: dayjs(),
          items: checklist('mystery_shopper'),
          penaltyPoints: 0,
          penaltyYuan: 0,
        })
      }
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={save} data-testid="save-inspection">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onValuesChange={(changed) => {
          if (changed.kind) form.setFieldValue('items', checklist(changed.kind));
        }}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="kind" label={t('quality.kind')} rules={[{ required: true }]}>
              <Select options={inspectionKinds.map((k) => ({ value: k, label: t(`quality.kind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="subjectType" label={t('quality.subjectType')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'staff', label: t('quality.subject.staff') },
                  { value: 'counter', label: t('quality.subject.counter') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="inspectedAt" label={t('quality.inspectedAt')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            {subjectType === 'counter' ? (
              <Form.Item
                name="counterName"
                label={t('quality.counterName')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input maxLength={200} placeholder={t('quality.counterPlaceholder')} />
              </Form.Item>
            ) : (
              <Form.Item name="staffUserId" label={t('quality.staff')} rules={[{ required: true }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={staff.isLoading}
                  options={(staff.data ?? []).map((u) => ({
                    value: u.id,
                    label: `${u.displayName}（${t(`enum.role.${u.role}`)}）`,
                  }))}
                />
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="orgUnitId" label={t('quality.orgUnit')} extra={t('quality.orgUnitHint')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>
          {t('quality.checklist')}{' '}
          <Typography.Text type="secondary">{t('quality.total', { score: total, max })}</Typography.Text>
        </Typography.Title>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true }]}>
                    <Input style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'score']}
                    rules={[
                      { required: true },
                      ({ getFieldValue }) => ({
                        validator: (_, v) =>
                          v <= (getFieldValue(['items', f.name, 'maxScore']) ?? 0)
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('quality.scoreTooHigh'))),
                      }),
                    ]}
                  >
                    <InputNumber min={0} max={100} addonBefore={t('quality.score')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxScore']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} addonBefore={t('quality.maxScore')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']}>
                    <Input style={{ width: 160 }} placeholder={t('quality.note')} maxLength={500} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ label: '', maxScore: 10, score: 10 })}>
                {t('quality.addItem')}
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={12} style={{ marginTop: 16 }}>
          <Col span={6}>
            <Form.Item name="penaltyPoints" label={t('quality.penaltyPoints')} extra={t('quality.penaltyHint')}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="penaltyYuan" label={t('quality.penaltyFen')}>
              <InputNumber min={0} style={{ width: '100%' }} addonAfter={t('inv.yuan')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ticketId" label={t('quality.ticket')} extra={t('quality.ticketHint')}>
              <TicketSelect
                type="complaint"
                placeholder={t('quality.ticketPlaceholder')}
                data-testid="inspection-ticket"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('quality.notes')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
