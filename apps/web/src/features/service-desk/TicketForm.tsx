import { type CallerCard, ticketChannels, ticketSeverities, ticketTypes } from '@crm/contracts';
import { Button, Card, DatePicker, Form, Input, message, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { newIdempotencyKey } from '../../api/client';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { sd, useInvalidateDesk, useTicketCategories } from './api';
import { options } from './ui';

type Values = {
  type: string;
  channel: string;
  severity: string;
  categoryId?: number;
  productInstanceId?: number;
  title: string;
  description?: string;
  requestedResolutionAt?: { toISOString(): string };
};

/** Opens a ticket for the identified caller; the signed-in agent becomes its first-contact owner. */
export function TicketForm({ card, callId }: { card: CallerCard; callId?: number }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const invalidate = useInvalidateDesk();
  const categories = useTicketCategories();
  const [form] = Form.useForm<Values>();
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const ticket = await sd.createTicket(
        {
          ...v,
          customerId: card.customer?.id,
          callerPhone: card.phone,
          callId,
          requestedResolutionAt: v.requestedResolutionAt?.toISOString(),
        },
        key,
      );
      message.success(t('sd.hotline.created', { no: ticket.ticketNo }));
      await invalidate();
      navigate(`/service-desk/tickets/${ticket.id}`);
    } catch (err) {
      message.error(apiErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('sd.hotline.newTicket')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ type: 'consultation', channel: 'phone', severity: 'minor' }}
        onFinish={submit}
      >
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 12 }}>
          <Form.Item name="type" label={t('sd.field.type')} rules={[{ required: true }]}>
            <Select options={options(t, 'sd.type', ticketTypes)} />
          </Form.Item>
          <Form.Item name="channel" label={t('sd.field.channel')} rules={[{ required: true }]}>
            <Select options={options(t, 'sd.channel', ticketChannels)} />
          </Form.Item>
          <Form.Item name="severity" label={t('sd.field.severity')}>
            <Select options={options(t, 'sd.severity', ticketSeverities)} />
          </Form.Item>
          <Form.Item name="categoryId" label={t('sd.field.category')}>
            <Select
              allowClear
              options={(categories.data ?? [])
                .filter((c) => c.parentId)
                .map((c) => ({ value: c.id, label: locale === 'en' ? c.nameEn : c.nameZh }))}
            />
          </Form.Item>
          <Form.Item name="productInstanceId" label={t('sd.field.product')}>
            <Select
              allowClear
              options={card.products.map((p) => ({
                value: p.id,
                label: `${p.serviceNumber} · ${locale === 'en' ? p.offeringNameEn : p.offeringName}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="requestedResolutionAt" label={t('sd.field.requestedResolution')}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="title" label={t('sd.field.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="ticket-title" />
        </Form.Item>
        <Form.Item name="description" label={t('sd.field.description')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('sd.hotline.newTicket')}
        </Button>
      </Form>
    </Card>
  );
}
