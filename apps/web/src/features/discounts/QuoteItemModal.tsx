import type { SolutionOption } from '@crm/contracts';
import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { fenToYuan, formatFen, yuanToFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { discApi, useDiscMutation } from './api';
import { limitText, pct } from './shared';

type Target = { optionId: number; item: SolutionOption['items'][number] };

/**
 * A quote on a solution-option item (报价): a new monthly unit price with a reason. Within the AM's discount
 * authority it applies at once; beyond it a discount request goes up the chain and the price stays until approved.
 */
export function QuoteItemModal({
  opportunityId,
  target,
  onClose,
}: {
  opportunityId: number;
  target: Target | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ monthly: number; reason: string }>();
  const quote = useDiscMutation(
    (v: { optionId: number; itemId: number; monthlyFen: number; reason: string }) =>
      discApi.quote(opportunityId, v.optionId, v.itemId, { monthlyFen: v.monthlyFen, reason: v.reason }),
    [['ka']],
  );
  useEffect(() => {
    if (target) form.setFieldsValue({ monthly: fenToYuan(target.item.monthlyFen), reason: '' });
  }, [target, form]);

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await quote.mutateAsync({
        optionId: target.optionId,
        itemId: target.item.id,
        monthlyFen: yuanToFen(v.monthly),
        reason: v.reason.trim(),
      });
      onClose();
      if (r.status === 'approved') message.success(t('disc.quoteApplied', { pct: pct(r.discountBp) }));
      else
        modal.info({
          title: t('disc.quotePendingTitle'),
          content: t('disc.quotePending', {
            pct: pct(r.discountBp),
            limit: limitText(t, r.requesterLimit),
            approver: r.approverName ?? '—',
          }),
        });
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  return (
    <Modal
      open={Boolean(target)}
      title={t('disc.quoteTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('disc.quoteSubmit')}
      confirmLoading={quote.isPending}
      destroyOnClose
    >
      {target && (
        <Typography.Paragraph type="secondary">
          {(locale === 'en' ? target.item.offeringNameEn : target.item.offeringNameZh) ?? ''} × {target.item.quantity} ·{' '}
          {t('disc.currentPrice', { price: formatFen(target.item.monthlyFen) })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="monthly" label={t('disc.newUnitPrice')} rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: '100%' }} addonAfter={t('disc.yuanPerMonth')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('disc.reason')}
          rules={[{ required: true, whitespace: true, message: t('disc.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('disc.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
