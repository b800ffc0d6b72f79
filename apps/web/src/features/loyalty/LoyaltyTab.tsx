import { GiftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  Modal,
  message,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useAuth } from '../../auth';
import { formatDate, formatFen } from '../../format';
import { apiErrorText } from '../../forms';
import { type TFunction, useLocale, useT } from '../../i18n';
import { type LoyaltyMovement, type Reward, useLoyaltyStatement, useRedeem, useRewards } from './api';

const kindColor: Record<LoyaltyMovement['kind'], string> = {
  earn_bill: 'green',
  bonus_event: 'cyan',
  bonus_referral: 'blue',
  redeem: 'orange',
  expire: 'default',
  adjust: 'purple',
};

const points = (n: number) => n.toLocaleString('zh-CN');

function detailOf(t: TFunction, m: LoyaltyMovement): string {
  if (m.kind === 'earn_bill' && m.paidFen !== null)
    return t('loyalty.detail.bill', { period: m.note ?? '', paid: formatFen(m.paidFen), pct: m.multiplierPct ?? 100 });
  if (m.kind === 'expire' && m.note) return t('loyalty.detail.expire', { date: formatDate(m.note) });
  if (m.sourceKey.startsWith('opening:')) return t('loyalty.detail.opening');
  if (m.sourceKey.startsWith('referral:')) return m.note ?? t('loyalty.detail.referral');
  return m.note ?? '—';
}

/**
 * The 360 page's points tab (积分): balance, totals, points expiring at the end of the year, the statement of every
 * movement (earn, bonus, redeem, expire) newest first, and the counter's redemption (permission `loyalty.redeem`).
 */
export function LoyaltyTab({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const size = 20;
  const q = useLoyaltyStatement(customerId, page, size);
  const [redeeming, setRedeeming] = useState(false);
  const s = q.data;

  if (q.error) return <Alert type="error" showIcon message={apiErrorText(q.error, t)} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="loyalty-tab">
      <Card
        size="small"
        loading={q.isLoading}
        extra={
          can('loyalty.redeem') && s?.member ? (
            <Button
              type="primary"
              icon={<GiftOutlined />}
              onClick={() => setRedeeming(true)}
              disabled={(s?.balance ?? 0) <= 0}
              data-testid="loyalty-redeem"
            >
              {t('loyalty.redeem')}
            </Button>
          ) : null
        }
        title={t('customers.tab.loyalty')}
      >
        {s && !s.member ? (
          <Alert type="info" showIcon message={t('loyalty.notMember')} />
        ) : (
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic
                title={t('loyalty.balance')}
                value={s?.balance ?? 0}
                formatter={(v) => <span data-testid="loyalty-balance">{points(Number(v))}</span>}
              />
              {s && s.expiringPoints > 0 ? (
                <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {points(s.expiringPoints)} {t('loyalty.expiring', { date: formatDate(s.expiringOn) })}
                </Typography.Text>
              ) : null}
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('loyalty.earnedTotal')} value={s?.earnedTotal ?? 0} formatter={(v) => points(+v)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('loyalty.redeemedTotal')}
                value={s?.redeemedTotal ?? 0}
                formatter={(v) => points(+v)}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('loyalty.expiredTotal')} value={s?.expiredTotal ?? 0} formatter={(v) => points(+v)} />
            </Col>
          </Row>
        )}
      </Card>
      <Card size="small" title={t('loyalty.statement')}>
        <Table<LoyaltyMovement>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={s?.items ?? []}
          locale={{ emptyText: <Empty description={t('loyalty.empty')} /> }}
          pagination={{
            current: page,
            pageSize: size,
            total: s?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            {
              title: t('loyalty.col.date'),
              dataIndex: 'bookedOn',
              width: 120,
              render: (v) => <span className="crm-num">{formatDate(v)}</span>,
            },
            {
              title: t('loyalty.col.kind'),
              dataIndex: 'kind',
              width: 120,
              render: (v: LoyaltyMovement['kind']) => (
                <Tag color={kindColor[v]} style={{ whiteSpace: 'nowrap' }}>
                  {t(`loyalty.kind.${v}`)}
                </Tag>
              ),
            },
            {
              title: t('loyalty.col.points'),
              dataIndex: 'points',
              align: 'right',
              width: 110,
              render: (v: number) => (
                <Typography.Text type={v < 0 ? 'danger' : 'success'} className="crm-num">
                  {v > 0 ? '+' : ''}
                  {points(v)}
                </Typography.Text>
              ),
            },
            {
              title: t('loyalty.col.balanceAfter'),
              dataIndex: 'balanceAfter',
              align: 'right',
              width: 120,
              render: (v: number) => <span className="crm-num">{points(v)}</span>,
            },
            { title: t('loyalty.col.detail'), key: 'detail', ellipsis: true, render: (_, m) => detailOf(t, m) },
            {
              title: t('loyalty.col.expiresOn'),
              dataIndex: 'expiresOn',
              width: 120,
              render: (v) => <span className="crm-num">{formatDate(v)}</span>,
            },
          ]}
        />
      </Card>
      {redeeming && s ? (
        <RedeemModal customerId={customerId} balance={s.balance} onClose={() => setRedeeming(false)} />
      ) : null}
    </Space>
  );
}

function RedeemModal({ customerId, balance, onClose }: { customerId: number; balance: number; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ rewardId?: number; quantity: number }>();
  const rewardId = Form.useWatch('rewardId', form);
  const quantity = Form.useWatch('quantity', form) ?? 1;
  const rewards = useRewards({ status: 'redeemable', page: 1, size: 200 });
  const redeem = useRedeem(customerId);
  const key = useMemo(() => newIdempotencyKey(), []);
  const reward: Reward | undefined = rewards.data?.items.find((r) => r.id === rewardId);
  const cost = reward ? reward.pointsCost * quantity : 0;
  const short = cost > balance;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await redeem.mutateAsync({ rewardId: v.rewardId!, quantity: v.quantity, key });
      message.success(
        t('loyalty.redeem.done', { name: locale === 'en' ? r.rewardNameEn : r.rewardNameZh, points: points(r.points) }),
      );
      onClose();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  return (
    <Modal
      open
      title={t('loyalty.redeem.title')}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ disabled: !reward || short, 'data-testid': 'loyalty-redeem-ok' }}
      confirmLoading={redeem.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ quantity: 1 }}>
        <Form.Item
          name="rewardId"
          label={t('loyalty.redeem.reward')}
          rules={[{ required: true, message: t('loyalty.redeem.pick') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={rewards.isLoading}
            data-testid="loyalty-reward"
            options={(rewards.data?.items ?? []).map((r) => ({
              value: r.id,
              label: `${locale === 'en' ? r.nameEn : r.nameZh} · ${points(r.pointsCost)}`,
              disabled: r.pointsCost > balance,
            }))}
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('loyalty.redeem.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={Math.min(100, reward?.stock ?? 100)} precision={0} />
        </Form.Item>
        {reward ? (
          <Typography.Text type={short ? 'danger' : 'secondary'}>
            {t('loyalty.redeem.cost', { points: points(cost), balance: points(balance) })}
            {short ? ` · ${t('loyalty.redeem.short')}` : ''}
          </Typography.Text>
        ) : null}
      </Form>
    </Modal>
  );
}
