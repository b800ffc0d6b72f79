import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useEffect } from 'react';
import { ApiError, api } from '../../api/client';
import { fenToYuan, yuanToFen } from '../../format';
import { useT } from '../../i18n';
import { type RuleSet, type RuleSetConfig, tierOrder } from './api';
import { PeriodPicker, useLayerLabel } from './shared';

type FormValues = {
  name: string;
  effectiveFrom: string;
  tiers: Record<string, number>;
  measureMonths: number;
  missingMonths: 'skip' | 'zero';
  downgradeAfter: number;
  ordinaryMin: number;
  extraLargeMin: number;
  starMonths: number;
  three: number;
  four: number;
  five: number;
  aShare: number;
  bShare: number;
};

function toForm(r: { name: string; effectiveFrom: string; config: RuleSetConfig }): FormValues {
  const c = r.config;
  return {
    name: r.name,
    effectiveFrom: r.effectiveFrom,
    tiers: Object.fromEntries(tierOrder.map((t) => [t, fenToYuan(c.tiers.minFen[t])])),
    measureMonths: c.measure.months,
    missingMonths: c.measure.missingMonths,
    downgradeAfter: c.hysteresis.downgradeAfter,
    ordinaryMin: fenToYuan(c.importance.ordinaryMinFen),
    extraLargeMin: fenToYuan(c.importance.extraLargeMinFen),
    starMonths: c.stars.months,
    three: fenToYuan(c.stars.minMonthlyFen.three),
    four: fenToYuan(c.stars.minMonthlyFen.four),
    five: fenToYuan(c.stars.minMonthlyFen.five),
    aShare: Math.round(c.abc.aShare * 1000) / 10,
    bShare: Math.round(c.abc.bShare * 1000) / 10,
  };
}

function toConfig(v: FormValues, base: RuleSetConfig): RuleSetConfig {
  return {
    ...base,
    measure: { months: v.measureMonths, missingMonths: v.missingMonths },
    tiers: {
      ...base.tiers,
      minFen: Object.fromEntries(
        tierOrder.map((t) => [t, t === 'crystal' ? 0 : yuanToFen(v.tiers[t])]),
      ) as RuleSetConfig['tiers']['minFen'],
    },
    hysteresis: { downgradeAfter: v.downgradeAfter },
    importance: {
      ...base.importance,
      ordinaryMinFen: yuanToFen(v.ordinaryMin),
      extraLargeMinFen: yuanToFen(v.extraLargeMin),
    },
    stars: {
      ...base.stars,
      months: v.starMonths,
      minMonthlyFen: { three: yuanToFen(v.three), four: yuanToFen(v.four), five: yuanToFen(v.five) },
    },
    abc: { ...base.abc, aShare: v.aShare / 100, bShare: v.bShare / 100 },
  };
}

/** Field paths of the API (config.tiers.minFen.gem) mapped to the form's fields, for server-side errors. */
function formField(path: string): (string | number)[] | null {
  const m = path.match(/^config\.tiers\.minFen\.(\w+)$/);
  if (m) return ['tiers', m[1]];
  if (path.startsWith('config.stars.minMonthlyFen')) return ['four'];
  if (path.startsWith('config.abc')) return ['bShare'];
  if (path.startsWith('config.importance')) return ['extraLargeMin'];
  if (path === 'name' || path === 'effectiveFrom') return [path];
  return null;
}

/** Creates or edits a draft rule set (thresholds in yuan); an active or retired set opens read-only. */
export function RuleSetEditor(props: {
  open: boolean;
  ruleSet: RuleSet | null;
  template: RuleSet | null;
  onClose: () => void;
  onSaved: (r: RuleSet) => void;
}) {
  const t = useT();
  const label = useLayerLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const source = props.ruleSet ?? props.template;
  const readOnly = Boolean(props.ruleSet && props.ruleSet.status !== 'draft');

  useEffect(() => {
    if (!props.open || !source) return;
    form.resetFields();
    form.setFieldsValue(
      props.ruleSet
        ? toForm(props.ruleSet)
        : { ...toForm(source), name: `${source.name} (copy)`, effectiveFrom: source.effectiveFrom },
    );
  }, [props.open, props.ruleSet, source, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = { name: v.name, effectiveFrom: v.effectiveFrom, config: toConfig(v, source!.config) };
      return props.ruleSet
        ? api.patch<RuleSet>(`/api/grading/rule-sets/${props.ruleSet.id}`, body)
        : api.post<RuleSet>('/api/grading/rule-sets', body);
    },
    onSuccess: (r) => {
      message.success(t('common.saved'));
      qc.invalidateQueries({ queryKey: ['grading', 'rule-sets'] });
      props.onSaved(r);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.details?.length) {
        const fields = err.details
          .map((d) => ({ name: formField(d.path), errors: [d.message] }))
          .filter((f) => f.name !== null);
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
      }
      message.error(err.message);
    },
  });

  const money = { min: 0, precision: 2, style: { width: '100%' }, disabled: readOnly };
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      width={720}
      title={props.ruleSet ? `v${props.ruleSet.version} · ${props.ruleSet.name}` : t('grading.rules.new')}
      extra={
        readOnly ? (
          t('grading.rules.readOnly')
        ) : (
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          </Space>
        )
      }
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={readOnly}>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('grading.rules.name')} rules={[{ required: true, max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="effectiveFrom" label={t('grading.rules.effective')} rules={[{ required: true }]}>
              <PeriodPickerField />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain>
          {t('grading.rules.tiers')}
        </Divider>
        <Row gutter={12}>
          {tierOrder.slice(1).map((tier) => (
            <Col span={8} key={tier}>
              <Form.Item name={['tiers', tier]} label={label(tier)} rules={[{ required: true }]}>
                <InputNumber {...money} addonAfter="¥" />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Divider orientation="left" plain>
          {t('grading.rules.measure')}
        </Divider>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="measureMonths" label={t('grading.rules.measureMonths')} rules={[{ required: true }]}>
              <InputNumber min={1} max={12} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="missingMonths" label={t('grading.rules.missing')}>
              <Select
                options={[
                  { value: 'skip', label: t('grading.rules.missing.skip') },
                  { value: 'zero', label: t('grading.rules.missing.zero') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="downgradeAfter" label={t('grading.rules.downgradeAfter')} rules={[{ required: true }]}>
              <InputNumber min={1} max={12} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain>
          {t('grading.rules.importance')}
        </Divider>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="ordinaryMin" label={t('grading.rules.ordinaryMin')} rules={[{ required: true }]}>
              <InputNumber {...money} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="extraLargeMin" label={t('grading.rules.extraLargeMin')} rules={[{ required: true }]}>
              <InputNumber {...money} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item noStyle shouldUpdate>
          {() => (
            <Divider orientation="left" plain>
              {t('grading.rules.starBars', { months: form.getFieldValue('starMonths') ?? 6 })}
            </Divider>
          )}
        </Form.Item>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="starMonths" label={t('grading.rules.starMonths')} rules={[{ required: true }]}>
              <InputNumber min={1} max={12} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {(['three', 'four', 'five'] as const).map((k, i) => (
            <Col span={6} key={k}>
              <Form.Item name={k} label={t('grading.starsValue', { stars: i + 3 })} rules={[{ required: true }]}>
                <InputNumber {...money} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Divider orientation="left" plain>
          {t('grading.abc')}
        </Divider>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="aShare" label={t('grading.rules.abcA')} rules={[{ required: true }]}>
              <InputNumber min={1} max={99} addonAfter="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="bShare" label={t('grading.rules.abcB')} rules={[{ required: true }]}>
              <InputNumber min={1} max={99} addonAfter="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

/** PeriodPicker as a controlled form field. */
function PeriodPickerField(props: { value?: string; onChange?: (v: string | undefined) => void }) {
  return <PeriodPicker value={props.value} onChange={(v) => props.onChange?.(v)} />;
}
