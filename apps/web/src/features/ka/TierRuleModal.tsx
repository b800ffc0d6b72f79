import type { EntitlementType, KaTierCode, StarLevelCode } from '@crm/contracts';
import { Checkbox, Form, InputNumber, Modal, Space, Switch, Typography } from 'antd';
import { api } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { useKaMutation } from './api';
import { TierTag } from './shared';

type Rule = EntitlementType['tiers'][number] | EntitlementType['stars'][number];
type Values = { enabled: boolean; unlimited: boolean; allowance?: number | null; value?: number | null };

/** Edits what one tier gets of one entitlement type: on/off, the allowance per period, or the repair time limit. */
export function TierRuleModal({
  type,
  tier,
  rule,
  onClose,
}: {
  type: EntitlementType;
  tier: KaTierCode | StarLevelCode;
  rule: Rule | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const enabled = Form.useWatch('enabled', form);
  const unlimited = Form.useWatch('unlimited', form);
  const save = useKaMutation((body: Record<string, unknown>) =>
    api.patch(`/api/ka/entitlements/catalog/${type.id}/tiers/${tier}`, body),
  );
  const submit = async () => {
    const v = await form.validateFields();
    const body: Record<string, unknown> = { enabled: v.enabled };
    if (type.unit === 'times') body.allowance = v.unlimited ? null : (v.allowance ?? 0);
    if (type.unit === 'hours') body.value = v.value ?? null;
    await save.mutateAsync(body);
    onClose();
  };
  return (
    <Modal
      open
      title={
        <Space>
          {locale === 'en' ? type.nameEn : type.nameZh}
          <TierTag tier={tier} />
        </Space>
      }
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'rule-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          // A tier without a rule does not get the entitlement yet: switching it on creates the rule.
          enabled: rule?.enabled ?? false,
          unlimited: rule ? rule.allowance === null : false,
          allowance: rule?.allowance ?? 1,
          value: rule?.value ?? null,
        }}
      >
        <Form.Item name="enabled" label={t('ka.entCatalog.granted')} valuePropName="checked">
          <Switch data-testid="rule-enabled" />
        </Form.Item>
        {type.unit === 'times' ? (
          <Form.Item label={t('ka.entCatalog.allowance', { period: t(`ka.ent.period.${type.period}`) })}>
            <Space>
              <Form.Item name="unlimited" valuePropName="checked" noStyle>
                <Checkbox disabled={!enabled}>{t('ka.ent.unlimited')}</Checkbox>
              </Form.Item>
              <Form.Item
                name="allowance"
                noStyle
                rules={[{ required: enabled && !unlimited, message: t('ka.entCatalog.allowanceRequired') }]}
              >
                <InputNumber
                  min={0}
                  max={100_000}
                  precision={0}
                  disabled={!enabled || unlimited}
                  data-testid="rule-allowance"
                />
              </Form.Item>
            </Space>
          </Form.Item>
        ) : null}
        {type.unit === 'hours' ? (
          <Form.Item
            name="value"
            label={t('ka.entCatalog.hours')}
            rules={[{ required: enabled, message: t('ka.entCatalog.hoursRequired') }]}
          >
            <InputNumber min={1} max={720} precision={0} disabled={!enabled} addonAfter={t('ka.entCatalog.hourUnit')} />
          </Form.Item>
        ) : null}
        {type.unit === 'service' ? (
          <Typography.Paragraph type="secondary">{t('ka.entCatalog.serviceHint')}</Typography.Paragraph>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
          {t('ka.entCatalog.rebindHint')}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
