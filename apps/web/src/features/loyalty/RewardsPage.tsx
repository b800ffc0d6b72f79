import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  message,
  Segmented,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { formatDate } from '../../format';
import { apiErrorText, applyServerErrors } from '../../forms';
import { type TFunction, useLocale, useT } from '../../i18n';
import { type Reward, type RewardStatus, useRewards, useSaveReward } from './api';

function statusTag(t: TFunction, r: Reward) {
  if (!r.active) return <Tag>{t('loyalty.rewards.status.inactive')}</Tag>;
  if (r.stock === 0) return <Tag color="red">{t('loyalty.rewards.soldOut')}</Tag>;
  if (!r.redeemable) return <Tag color="orange">{t('loyalty.rewards.notValid')}</Tag>;
  return <Tag color="green">{t('loyalty.rewards.status.redeemable')}</Tag>;
}

/**
 * The reward catalogue (积分礼品): what members redeem points against, with stock and validity dates, a page at a time
 * from the server. Everyone serving customers reads it; club managers (`club.manage`) add and change rewards.
 */
export function RewardsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const manage = can('club.manage');
  const [status, setStatus] = useState<RewardStatus | 'all'>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(10);
  const list = useRewards({ q, status: status === 'all' ? undefined : status, page, size });
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);
  return (
    <PageContainer title={t('loyalty.rewards.title')} subTitle={t('loyalty.rewards.subtitle')}>
      <Card
        size="small"
        title={
          <Space wrap>
            <Segmented
              value={status}
              onChange={(v) => {
                setStatus(v as RewardStatus | 'all');
                setPage(1);
              }}
              options={(['all', 'redeemable', 'active', 'inactive'] as const).map((s) => ({
                value: s,
                label: t(`loyalty.rewards.status.${s}`),
              }))}
            />
            <Input.Search
              allowClear
              placeholder={t('loyalty.rewards.search')}
              style={{ width: 220 }}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
          </Space>
        }
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="reward-new">
              {t('loyalty.rewards.new')}
            </Button>
          ) : null
        }
      >
        <Table<Reward>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 960 }}
          pagination={{
            current: page,
            pageSize: size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50],
            onChange: (p, s) => {
              setPage(s === size ? p : 1);
              setSize(s);
            },
          }}
          locale={
            list.error
              ? { emptyText: <Typography.Text type="danger">{apiErrorText(list.error, t)}</Typography.Text> }
              : undefined
          }
          columns={[
            {
              title: t('loyalty.redeem.reward'),
              key: 'name',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                    {locale === 'en' ? r.nameEn : r.nameZh}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} className="crm-num" data-i18n-ignore>
                    {r.code}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('loyalty.field.pointsCost'),
              dataIndex: 'pointsCost',
              align: 'right',
              width: 110,
              render: (v: number) => <span className="crm-num">{v.toLocaleString('zh-CN')}</span>,
            },
            {
              title: t('loyalty.field.stock'),
              dataIndex: 'stock',
              align: 'right',
              width: 100,
              render: (v: number | null) =>
                v === null ? (
                  <Typography.Text type="secondary">{t('loyalty.rewards.unlimited')}</Typography.Text>
                ) : (
                  <span className="crm-num">{v.toLocaleString('zh-CN')}</span>
                ),
            },
            {
              title: t('loyalty.field.validity'),
              key: 'validity',
              width: 230,
              render: (_, r) =>
                r.validFrom || r.validTo ? (
                  <span className="crm-num">
                    {formatDate(r.validFrom, '…')} ~ {formatDate(r.validTo, '…')}
                  </span>
                ) : (
                  <Typography.Text type="secondary">{t('loyalty.rewards.openEnded')}</Typography.Text>
                ),
            },
            { title: t('loyalty.field.status'), key: 'status', width: 110, render: (_, r) => statusTag(t, r) },
            ...(manage
              ? [
                  {
                    title: '',
                    key: 'edit',
                    width: 60,
                    render: (_: unknown, r: Reward) => (
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        title={t('common.edit')}
                        onClick={() => setEditing(r)}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing ? <RewardModal reward={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </PageContainer>
  );
}

type Values = {
  code: string;
  nameZh: string;
  nameEn: string;
  pointsCost: number;
  unlimited: boolean;
  stock?: number | null;
  validity?: [Dayjs | null, Dayjs | null] | null;
  active: boolean;
};

function RewardModal({ reward, onClose }: { reward: Reward | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const unlimited = Form.useWatch('unlimited', form);
  const save = useSaveReward();
  const submit = async () => {
    const v = await form.validateFields();
    const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
    const input = {
      nameZh: v.nameZh,
      nameEn: v.nameEn,
      pointsCost: v.pointsCost,
      stock: v.unlimited ? null : (v.stock ?? 0),
      validFrom: day(v.validity?.[0]),
      validTo: day(v.validity?.[1]),
      active: v.active,
    };
    try {
      await save.mutateAsync(reward ? { id: reward.id, input } : { input: { ...input, code: v.code } });
      message.success(t('loyalty.rewards.saved'));
      onClose();
    } catch (err) {
      if (applyServerErrors(form, err, t).length === 0) message.error(apiErrorText(err, t));
    }
  };
  return (
    <Modal
      open
      title={reward ? t('loyalty.rewards.edit') : t('loyalty.rewards.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'reward-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          code: reward?.code ?? '',
          nameZh: reward?.nameZh ?? '',
          nameEn: reward?.nameEn ?? '',
          pointsCost: reward?.pointsCost ?? 1_000,
          unlimited: reward ? reward.stock === null : false,
          stock: reward?.stock ?? 100,
          validity: reward
            ? [reward.validFrom ? dayjs(reward.validFrom) : null, reward.validTo ? dayjs(reward.validTo) : null]
            : null,
          active: reward?.active ?? true,
        }}
      >
        <Form.Item
          name="code"
          label={t('loyalty.field.code')}
          extra={reward ? undefined : t('loyalty.field.codeHint')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('loyalty.field.codeHint') }]}
        >
          <Input disabled={!!reward} maxLength={40} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('loyalty.field.nameZh')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('loyalty.field.nameEn')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="pointsCost" label={t('loyalty.field.pointsCost')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1_000_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t('loyalty.field.stock')}>
          <Space>
            <Form.Item name="unlimited" valuePropName="checked" noStyle>
              <Checkbox>{t('loyalty.field.unlimitedStock')}</Checkbox>
            </Form.Item>
            <Form.Item name="stock" noStyle>
              <InputNumber min={0} max={10_000_000} precision={0} disabled={unlimited} />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="validity" label={t('loyalty.field.validity')}>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('loyalty.field.validFrom'), t('loyalty.field.validTo')]}
          />
        </Form.Item>
        <Form.Item name="active" label={t('loyalty.field.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
