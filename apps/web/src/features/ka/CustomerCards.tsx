import { Button, Card, Empty, Form, Input, List, Modal, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { formatDate } from '../../format';
import { useLocale, useT } from '../../i18n';
import { useEntitlements, useKaMutation } from './api';
import { ClubCardControl } from './ClubCardControl';
import { isoToday, TierTag } from './shared';

export { CustomerAccountTeamCard } from './AccountTeamCard';

/**
 * What a customer is entitled to (bound from its tier and club card), how much of each allowance it used this
 * period, and the latest uses. For the customer 360 page.
 */
export function CustomerEntitlementsCard({ customerId }: { customerId: number }) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const q = useEntitlements(customerId);
  const [using, setUsing] = useState<string | null>(null);
  const [form] = Form.useForm();
  const use = useKaMutation((body: unknown) => api.post(`/api/ka/customers/${customerId}/entitlement-usages`, body));
  const e = q.data;
  return (
    <Card
      size="small"
      loading={q.isLoading}
      title={
        <Space>
          {t('ka.ent.title')}
          {e ? <TierTag tier={e.tier} /> : null}
          {e?.clubCard ? <Tag color="gold">{t(`ka.club.${e.clubCard}`)}</Tag> : null}
        </Space>
      }
      extra={e && can('club.manage') ? <ClubCardControl customerId={customerId} card={e.clubCard} /> : null}
    >
      {!e?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ka.ent.none')} />
      ) : (
        <Table
          size="small"
          rowKey="typeId"
          pagination={false}
          dataSource={e.items}
          columns={[
            { title: t('ka.ent.service'), key: 'n', render: (_, i) => (locale === 'en' ? i.nameEn : i.nameZh) },
            {
              title: t('ka.ent.allowance'),
              key: 'a',
              render: (_, i) =>
                i.unit === 'hours'
                  ? t('ka.ent.hours', { n: i.value ?? 0 })
                  : i.unit === 'service' && i.value !== null
                    ? t('ka.ent.percent', { n: i.value })
                    : i.unit === 'service' || i.allowance === null
                      ? t('ka.ent.unlimited')
                      : `${i.allowance} / ${t(`ka.ent.period.${i.period}`)}`,
            },
            {
              title: t('ka.ent.used'),
              key: 'u',
              render: (_, i) =>
                i.allowance === null ? (
                  i.used || '—'
                ) : (
                  <Space>
                    <Progress
                      size="small"
                      style={{ width: 80 }}
                      percent={Math.min(100, Math.round((i.used / Math.max(1, i.allowance)) * 100))}
                      status={i.over ? 'exception' : 'normal'}
                      showInfo={false}
                    />
                    <Typography.Text type={i.over ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
                      {i.used}/{i.allowance}
                    </Typography.Text>
                    {i.over ? <Tag color="red">{t('ka.ent.over')}</Tag> : null}
                  </Space>
                ),
            },
            {
              key: 'act',
              render: (_, i) =>
                can('ka.write') && i.unit === 'times' ? (
                  <Button size="small" type="link" onClick={() => setUsing(i.code)}>
                    {t('ka.ent.record')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {e?.usages.length ? (
        <List
          size="small"
          header={<Typography.Text type="secondary">{t('ka.ent.recent')}</Typography.Text>}
          dataSource={e.usages.slice(0, 5)}
          renderItem={(u) => {
            const item = e.items.find((i) => i.code === u.code);
            return (
              <List.Item>
                <Space>
                  <span>{formatDate(u.usedOn)}</span>
                  <span>{item ? (locale === 'en' ? item.nameEn : item.nameZh) : u.code}</span>
                  <span>×{u.quantity}</span>
                  {u.usedBy ? <Typography.Text type="secondary">{u.usedBy}</Typography.Text> : null}
                  {u.overAllowance ? <Tag color="red">{t('ka.ent.over')}</Tag> : null}
                </Space>
              </List.Item>
            );
          }}
        />
      ) : null}
      <Modal
        open={Boolean(using)}
        title={t('ka.ent.record')}
        onCancel={() => setUsing(null)}
        confirmLoading={use.isPending}
        onOk={async () => {
          const v = await form.validateFields();
          await use.mutateAsync({
            code: using,
            usedOn: isoToday(),
            quantity: 1,
            usedBy: v.usedBy || undefined,
            note: v.note || undefined,
          });
          form.resetFields();
          setUsing(null);
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="usedBy" label={t('ka.ent.usedBy')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="note" label={t('ka.order.note')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
