import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  capitalItemKinds,
  type InvestmentEvaluation,
  type InvestmentInputDto,
  type InvestmentPreview,
} from '@crm/contracts';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { fenToYuan, formatFen, yuanToFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { invApi, useInvMutation } from './api';
import { CashFlowChart } from './CashFlowChart';
import { paybackText, percentBp } from './shared';

type Values = {
  capital: { kind: string; label: string; amount: number }[];
  yearlyOpex: number;
  oneOffRevenue: number;
  revenueMode: 'monthly' | 'term';
  revenue: number;
  termMonths: number;
  discountRatePct: number;
};

/** Thousands separators in yuan inputs (400,000). */
const yuanProps = {
  formatter: (v: number | string | undefined) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
  parser: (v: string | undefined) => Number((v ?? '').replace(/,/g, '')),
};

const toInput = (v: Values): InvestmentInputDto => ({
  capital: (v.capital ?? []).map((c) => ({
    kind: c.kind as InvestmentInputDto['capital'][number]['kind'],
    label: c.label?.trim() ?? '',
    amountFen: yuanToFen(c.amount ?? 0),
  })),
  yearlyOpexFen: yuanToFen(v.yearlyOpex ?? 0),
  oneOffRevenueFen: yuanToFen(v.oneOffRevenue ?? 0),
  ...(v.revenueMode === 'term'
    ? { termRevenueFen: yuanToFen(v.revenue ?? 0) }
    : { monthlyRevenueFen: yuanToFen(v.revenue ?? 0) }),
  termMonths: v.termMonths ?? 0,
  discountRateBp: Math.round((v.discountRatePct ?? 0) * 100),
});

const fromEvaluation = (e: InvestmentEvaluation | undefined): Values => {
  if (!e)
    return {
      capital: [{ kind: 'equipment', label: '', amount: 0 }],
      yearlyOpex: 0,
      oneOffRevenue: 0,
      revenueMode: 'monthly',
      revenue: 0,
      termMonths: 36,
      discountRatePct: 8,
    };
  const i = e.input;
  return {
    capital: i.capital.map((c) => ({ kind: c.kind, label: c.label, amount: fenToYuan(c.amountFen) })),
    yearlyOpex: fenToYuan(i.yearlyOpexFen),
    oneOffRevenue: fenToYuan(i.oneOffRevenueFen),
    revenueMode: i.termRevenueFen !== undefined ? 'term' : 'monthly',
    revenue: fenToYuan(i.termRevenueFen ?? i.monthlyRevenueFen ?? 0),
    termMonths: i.termMonths,
    discountRatePct: i.discountRateBp / 100,
  };
};

/**
 * A new evaluation version: capital items, yearly O&M cost, revenue, term and discount rate. Every change is
 * computed by the server (`POST /api/investments/preview`, nothing saved): totals, surplus, payback, NPV, IRR, the
 * rule's verdict and the monthly cash flow; saving adds a draft version.
 */
export function EvaluationEditor({
  projectId,
  base,
  open,
  onClose,
}: {
  projectId: number;
  base?: InvestmentEvaluation;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<InvestmentPreview>();
  const [previewError, setPreviewError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const save = useInvMutation((input: InvestmentInputDto) => invApi.addEvaluation(projectId, input));

  const compute = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const input = toInput(form.getFieldsValue(true));
      setLoading(true);
      try {
        setPreview(await invApi.preview(input));
        setPreviewError(undefined);
      } catch (err) {
        setPreviewError(apiErrorText(err, t));
      } finally {
        setLoading(false);
      }
    }, 400);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: recompute only when the drawer opens or its base changes
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(fromEvaluation(base));
    setPreview(undefined);
    compute();
  }, [open, base]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await save.mutateAsync(toInput(values));
      message.success(t('inv.editor.saved'));
      onClose();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  return (
    <Drawer
      open={open}
      width={1100}
      title={t('inv.editor.title')}
      onClose={onClose}
      destroyOnClose
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="save-evaluation">
            {t('inv.editor.save')}
          </Button>
        </Space>
      }
    >
      <Row gutter={24}>
        <Col span={11}>
          <Form form={form} layout="vertical" onValuesChange={compute} requiredMark={false}>
            <Typography.Title level={5}>{t('inv.editor.capital')}</Typography.Title>
            <Form.List name="capital">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                        <Select
                          style={{ width: 110 }}
                          options={capitalItemKinds.map((k) => ({ value: k, label: t(`inv.kind.${k}`) }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'label']}
                        rules={[{ required: true, message: t('inv.editor.labelRequired') }]}
                      >
                        <Input style={{ width: 170 }} placeholder={t('inv.editor.label')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'amount']} rules={[{ required: true }]}>
                        <InputNumber min={0} style={{ width: 150 }} addonAfter={t('inv.yuan')} {...yuanProps} />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        disabled={fields.length <= 1}
                        onClick={() => remove(f.name)}
                        aria-label={t('common.delete')}
                      />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'equipment', label: '', amount: 0 })}>
                    {t('inv.editor.addCapital')}
                  </Button>
                </>
              )}
            </Form.List>
            <Row gutter={12} style={{ marginTop: 16 }}>
              <Col span={12}>
                <Form.Item name="yearlyOpex" label={t('inv.editor.yearlyOpex')}>
                  <InputNumber min={0} style={{ width: '100%' }} addonAfter={t('inv.yuan')} {...yuanProps} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="oneOffRevenue" label={t('inv.editor.oneOffRevenue')}>
                  <InputNumber min={0} style={{ width: '100%' }} addonAfter={t('inv.yuan')} {...yuanProps} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="revenueMode" label={t('inv.editor.revenueMode')}>
              <Radio.Group
                options={[
                  { value: 'monthly', label: t('inv.editor.monthly') },
                  { value: 'term', label: t('inv.editor.term') },
                ]}
              />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="revenue" label={t('inv.editor.revenue')} rules={[{ required: true }]}>
                  <InputNumber min={0} style={{ width: '100%' }} addonAfter={t('inv.yuan')} {...yuanProps} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="termMonths" label={t('inv.editor.termMonths')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={240} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="discountRatePct" label={t('inv.editor.discountRate')}>
                  <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} addonAfter="%" />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Col>
        <Col span={13}>
          <Typography.Title level={5}>
            {t('inv.editor.preview')} {loading && <Spin size="small" />}
          </Typography.Title>
          {previewError && <Alert type="warning" showIcon message={previewError} style={{ marginBottom: 12 }} />}
          {preview && (
            <>
              <Alert
                type={preview.rulePasses ? 'success' : 'error'}
                showIcon
                style={{ marginBottom: 12 }}
                message={
                  preview.rulePasses
                    ? t('inv.rule.passes')
                    : preview.ruleReasons.map((r) => t(`inv.reason.${r}`)).join('；')
                }
                description={t('inv.editor.approverLevel', { level: t(`inv.level.${preview.approverLevel}`) })}
              />
              <Descriptions size="small" column={2} bordered>
                <Descriptions.Item label={t('inv.capital')}>{formatFen(preview.capitalFen)}</Descriptions.Item>
                <Descriptions.Item label={t('inv.opex')}>{formatFen(preview.opexFen)}</Descriptions.Item>
                <Descriptions.Item label={t('inv.totalRevenue')}>
                  {formatFen(preview.totalRevenueFen)}
                </Descriptions.Item>
                <Descriptions.Item label={t('inv.totalCost')}>{formatFen(preview.totalCostFen)}</Descriptions.Item>
                <Descriptions.Item label={t('inv.surplus')}>
                  <Typography.Text type={preview.surplusFen < 0 ? 'danger' : 'success'}>
                    {formatFen(preview.surplusFen)}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('inv.payback')}>{paybackText(t, preview.paybackMonth)}</Descriptions.Item>
                <Descriptions.Item label={t('inv.npv')}>{formatFen(preview.npvFen)}</Descriptions.Item>
                <Descriptions.Item label={t('inv.irr')}>{percentBp(preview.irrBp, t)}</Descriptions.Item>
              </Descriptions>
              <CashFlowChart
                height={280}
                series={[
                  {
                    name: t('inv.chart.cumulative'),
                    cumulative: preview.cashFlow.map((m) => m.cumulativeFen),
                    net: preview.cashFlow.map((m) => m.netFen),
                  },
                ]}
              />
            </>
          )}
        </Col>
      </Row>
    </Drawer>
  );
}
