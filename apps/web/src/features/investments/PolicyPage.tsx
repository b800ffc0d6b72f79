import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { type InvestmentPolicy, investmentApproverLevels } from '@crm/contracts';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { fenToYuan, formatDateTime, yuanToFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { invApi, useInvMutation, usePolicy } from './api';

type Level = (typeof investmentApproverLevels)[number];
type Values = {
  minSurplusYuan: number;
  requirePositiveNpv: boolean;
  /** The last band has no upper bound (its maxYuan is ignored). */
  tiers: { maxYuan?: number; approverLevel: Level }[];
};

const toValues = (p: InvestmentPolicy): Values => ({
  minSurplusYuan: fenToYuan(p.minSurplusFen),
  requirePositiveNpv: p.requirePositiveNpv,
  tiers: p.tiers.map((tier) => ({
    maxYuan: tier.maxCapitalFen === null ? undefined : fenToYuan(tier.maxCapitalFen),
    approverLevel: tier.approverLevel,
  })),
});

/**
 * The investment approval policy (投资审批政策), administrators: the payback rule's extra conditions (a minimum
 * surplus, a positive NPV) and the capital bands deciding the finance approver's org level. Every save is a new
 * version, audited by the server; existing evaluations keep the policy version they were computed with.
 */
export function PolicyPage() {
  const t = useT();
  const { message } = App.useApp();
  const policy = usePolicy();
  const [form] = Form.useForm<Values>();
  const save = useInvMutation(invApi.putPolicy);

  useEffect(() => {
    if (policy.data) form.setFieldsValue(toValues(policy.data));
  }, [policy.data, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await save.mutateAsync({
        minSurplusFen: yuanToFen(v.minSurplusYuan ?? 0),
        requirePositiveNpv: v.requirePositiveNpv,
        tiers: v.tiers.map((tier, i) => ({
          maxCapitalFen: i === v.tiers.length - 1 ? null : yuanToFen(tier.maxYuan ?? 0),
          approverLevel: tier.approverLevel,
        })),
      });
      message.success(t('inv.policy.saved'));
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  /** A band's upper bound: required (except the last band) and above the previous band's. */
  const bandRule = (index: number) => ({
    validator: async (_: unknown, value: number | undefined) => {
      const tiers: Values['tiers'] = form.getFieldValue('tiers') ?? [];
      if (index === tiers.length - 1) return;
      if (value === undefined || value === null || value <= 0) throw new Error(t('inv.policy.maxRequired'));
      const prev = index > 0 ? tiers[index - 1]?.maxYuan : undefined;
      if (prev !== undefined && prev !== null && value <= prev) throw new Error(t('inv.policy.ascending'));
    },
  });

  return (
    <PageContainer title={t('inv.policy.title')}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('inv.policy.help')} />
      <Card
        loading={policy.isLoading}
        extra={
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="save-policy">
            {t('common.save')}
          </Button>
        }
        title={
          policy.data && (
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('inv.policy.version')}>
                {policy.data.version === 0 ? t('inv.policy.defaults') : policy.data.version}
              </Descriptions.Item>
              <Descriptions.Item label={t('inv.policy.updatedAt')}>
                {policy.data.updatedAt ? formatDateTime(policy.data.updatedAt) : '—'}
              </Descriptions.Item>
            </Descriptions>
          )
        }
      >
        <Form form={form} layout="vertical" style={{ maxWidth: 720 }}>
          <Typography.Title level={5}>{t('inv.policy.rule')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('inv.policy.ruleBase')}</Typography.Paragraph>
          <Space size="large" align="start" wrap>
            <Form.Item
              name="minSurplusYuan"
              label={t('inv.policy.minSurplus')}
              extra={t('inv.policy.minSurplusHint')}
              rules={[{ required: true, message: t('inv.policy.minSurplusRequired') }]}
            >
              <InputNumber min={0} max={1e11} precision={2} style={{ width: 220 }} addonAfter={t('inv.yuan')} />
            </Form.Item>
            <Form.Item name="requirePositiveNpv" label={t('inv.policy.positiveNpv')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Typography.Title level={5}>{t('inv.policy.tiers')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('inv.policy.tiersHint')}</Typography.Paragraph>
          <Form.List
            name="tiers"
            rules={[
              {
                validator: async (_, tiers?: unknown[]) => {
                  if (!tiers?.length) throw new Error(t('inv.policy.oneTier'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => {
                  const last = i === fields.length - 1;
                  return (
                    <Space key={f.key} align="baseline" style={{ display: 'flex' }} data-testid={`tier-${i}`}>
                      <Typography.Text style={{ width: 120, display: 'inline-block' }}>
                        {t('inv.policy.band', { n: i + 1 })}
                      </Typography.Text>
                      {last ? (
                        <Typography.Text type="secondary" style={{ width: 260, display: 'inline-block' }}>
                          {t('inv.policy.unbounded')}
                        </Typography.Text>
                      ) : (
                        <Form.Item name={[f.name, 'maxYuan']} rules={[bandRule(i)]} dependencies={[['tiers']]}>
                          <InputNumber
                            min={0}
                            max={1e11}
                            precision={2}
                            style={{ width: 260 }}
                            addonBefore={t('inv.policy.upTo')}
                            addonAfter={t('inv.yuan')}
                          />
                        </Form.Item>
                      )}
                      <Form.Item
                        name={[f.name, 'approverLevel']}
                        rules={[{ required: true, message: t('inv.policy.levelRequired') }]}
                      >
                        <Select
                          style={{ width: 180 }}
                          options={investmentApproverLevels.map((l) => ({ value: l, label: t(`inv.level.${l}`) }))}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                        disabled={fields.length <= 1}
                        onClick={() => remove(f.name)}
                      />
                    </Space>
                  );
                })}
                <Form.ErrorList errors={errors} />
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 10}
                  onClick={() => add({ approverLevel: 'group' })}
                >
                  {t('inv.policy.addTier')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Card>
    </PageContainer>
  );
}
