import { UploadOutlined } from '@ant-design/icons';
import { type CallerCard, ticketChannels, ticketSeverities, ticketTypes } from '@crm/contracts';
import { Button, Card, DatePicker, Form, Input, message, Select, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { newIdempotencyKey } from '../../api/client';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { MAX_UPLOAD_BYTES, sd, UPLOAD_ACCEPT, useInvalidateDesk, useTicketCategories } from './api';
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
  const [files, setFiles] = useState<UploadFile[]>([]);
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
      // Files go to the ticket once it exists (each checked by the server); a failed one can be sent again there.
      let failed = 0;
      for (const f of files) {
        try {
          await sd.attach(ticket.id, f.originFileObj as File);
        } catch {
          failed++;
        }
      }
      message.success(t('sd.hotline.created', { no: ticket.ticketNo }));
      if (failed > 0) message.warning(t('sd.att.partial', { n: failed }));
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
        <Form.Item label={t('sd.att.formFiles')} extra={t('sd.att.hint')}>
          <Upload
            multiple
            accept={UPLOAD_ACCEPT}
            fileList={files}
            beforeUpload={(file) => {
              if (file.size > MAX_UPLOAD_BYTES) message.error(t('sd.att.tooLarge', { name: file.name }));
              else
                setFiles((prev) => [...prev, { uid: file.uid, name: file.name, size: file.size, originFileObj: file }]);
              return false;
            }}
            onRemove={(file) => setFiles((prev) => prev.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<UploadOutlined />} data-testid="ticket-form-files">
              {t('sd.att.choose')}
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('sd.hotline.newTicket')}
        </Button>
      </Form>
    </Card>
  );
}
