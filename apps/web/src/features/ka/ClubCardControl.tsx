import { CreditCardOutlined } from '@ant-design/icons';
import { clubCards } from '@crm/contracts';
import { Button, DatePicker, Form, Input, Modal, Popconfirm, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useKaMutation } from './api';

type ClubCard = (typeof clubCards)[number];
type Values = { card: ClubCard; cardNo?: string; since?: Dayjs };

/**
 * Sets, changes or clears a customer's key-account club card (大客户俱乐部). The card binds the club entitlements
 * (diamond and gold cards open the airport VIP lounge), so the entitlement list is re-read afterwards.
 */
export function ClubCardControl({ customerId, card }: { customerId: number; card: ClubCard | null }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const save = useKaMutation((body: { card: ClubCard | null; cardNo?: string; since?: string }) =>
    api.post(`/api/ka/customers/${customerId}/club`, body),
  );
  const clear = () => save.mutateAsync({ card: null }).then(() => setOpen(false));
  return (
    <>
      <Button size="small" icon={<CreditCardOutlined />} onClick={() => setOpen(true)} data-testid="club-card">
        {card ? t('ka.clubCard.change') : t('ka.clubCard.set')}
      </Button>
      <Modal
        open={open}
        destroyOnHidden
        title={t('ka.clubCard.title')}
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            {card ? (
              <Popconfirm title={t('ka.clubCard.clearConfirm')} onConfirm={() => clear().catch(() => undefined)}>
                <Button danger loading={save.isPending} data-testid="club-card-clear">
                  {t('ka.clubCard.clear')}
                </Button>
              </Popconfirm>
            ) : null}
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              data-testid="club-card-save"
              onClick={async () => {
                const v = await form.validateFields();
                await save.mutateAsync({
                  card: v.card,
                  cardNo: v.cardNo?.trim() || undefined,
                  since: v.since ? v.since.format('YYYY-MM-DD') : undefined,
                });
                setOpen(false);
              }}
            >
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('ka.clubCard.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ card: card ?? 'gold' }}>
          <Form.Item name="card" label={t('ka.clubCard.card')} rules={[{ required: true }]}>
            <Radio.Group options={clubCards.map((c) => ({ value: c, label: t(`ka.club.${c}`) }))} />
          </Form.Item>
          <Form.Item name="cardNo" label={t('ka.clubCard.cardNo')} extra={card ? t('ka.clubCard.keepHint') : null}>
            <Input maxLength={32} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="since" label={t('ka.clubCard.since')} extra={card ? t('ka.clubCard.keepHint') : null}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
