import { CheckCircleFilled, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { OpportunityDetail, SolutionOption } from '@crm/contracts';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { useProductOfferings } from '../../api/shared';
import { useAuth } from '../../auth';
import { formatFen, yuanToFen } from '../../format';
import { useLocale, useT } from '../../i18n';
import { QuoteItemModal } from '../discounts/QuoteItemModal';
import { useKaMutation } from './api';

type Metric = { key: string; label: string; render: (o: SolutionOption) => React.ReactNode };

/**
 * Solution options side by side (S1): items and charges, monthly and one-time totals, revenue over the term,
 * investment, surplus and payback; the customer's choice turns the opportunity into a service order.
 */
export function OptionsComparison({ o, writable }: { o: OpportunityDetail; writable: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const { can } = useAuth();
  const [quoting, setQuoting] = useState<{ optionId: number; item: SolutionOption['items'][number] }>();
  const choose = useKaMutation((optionId: number) =>
    api.post<{ orderId: number }>(`/api/ka/opportunities/${o.id}/options/${optionId}/choose`),
  );
  const remove = useKaMutation((optionId: number) => api.delete(`/api/ka/opportunities/${o.id}/options/${optionId}`));
  const best = (flag: boolean, key = 'ka.opt.lowest') => (flag ? <Tag color="green">{t(key)}</Tag> : null);
  const metrics: Metric[] = [
    {
      key: 'items',
      label: t('ka.opt.items'),
      render: (x) => (
        <Space direction="vertical" size={0}>
          {x.items.map((i) => (
            <span key={i.id}>
              {(locale === 'en' ? i.offeringNameEn : i.offeringNameZh) + (i.description ? ` (${i.description})` : '')} ×{' '}
              {i.quantity}
              <Typography.Text type="secondary">
                {' '}
                {formatFen(i.monthlyFen)}/{t('ka.opt.month')}
                {i.oneTimeFen ? ` + ${formatFen(i.oneTimeFen)}` : ''}
              </Typography.Text>
              {writable && can('discounts.request') && (
                <Button
                  type="link"
                  size="small"
                  onClick={() => setQuoting({ optionId: x.id, item: i })}
                  data-testid={`quote-item-${i.id}`}
                >
                  {t('disc.quote')}
                </Button>
              )}
            </span>
          ))}
        </Space>
      ),
    },
    {
      key: 'monthly',
      label: t('ka.opt.monthly'),
      render: (x) => (
        <>
          {formatFen(x.comparison.monthlyFen)} {best(x.comparison.lowestMonthly)}
        </>
      ),
    },
    { key: 'oneTime', label: t('ka.opt.oneTime'), render: (x) => formatFen(x.comparison.oneTimeFen) },
    { key: 'term', label: t('ka.opt.term'), render: (x) => t('ka.opt.months', { n: x.termMonths }) },
    {
      key: 'termRevenue',
      label: t('ka.opt.termRevenue'),
      render: (x) => (
        <>
          {formatFen(x.comparison.termRevenueFen)} {best(x.comparison.lowestTermCost)}
        </>
      ),
    },
    { key: 'investment', label: t('ka.opt.investment'), render: (x) => formatFen(x.investmentFen) },
    {
      key: 'surplus',
      label: t('ka.opt.surplus'),
      render: (x) => (
        <Typography.Text type={x.comparison.surplusFen < 0 ? 'danger' : undefined}>
          {formatFen(x.comparison.surplusFen)}
        </Typography.Text>
      ),
    },
    {
      key: 'payback',
      label: t('ka.opt.payback'),
      render: (x) => (
        <>
          {x.comparison.paybackMonths === null ? '—' : t('ka.opt.months', { n: x.comparison.paybackMonths })}{' '}
          {best(x.comparison.fastestPayback, 'ka.opt.fastest')}
        </>
      ),
    },
  ];
  const columns = [
    { title: '', dataIndex: 'label', width: 150, fixed: 'left' as const },
    ...o.options.map((x) => ({
      key: x.id,
      title: (
        <Space direction="vertical" size={2}>
          <Space>
            {x.chosen ? <CheckCircleFilled style={{ color: '#36b37e' }} /> : null}
            <Typography.Text strong>{x.name}</Typography.Text>
          </Space>
          {writable ? (
            <Space size={4}>
              <Popconfirm
                title={t('ka.opt.chooseConfirm', { name: x.name })}
                onConfirm={async () => {
                  const res = await choose.mutateAsync(x.id);
                  message.success(t('ka.opt.orderCreated'));
                  navigate(`/ka/orders/${res.orderId}`);
                }}
              >
                <Button size="small" type="primary" loading={choose.isPending} data-testid={`choose-${x.id}`}>
                  {t('ka.opt.choose')}
                </Button>
              </Popconfirm>
              <Popconfirm
                title={t('ka.opt.deleteConfirm', { name: x.name })}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync(x.id).catch(() => undefined)}
              >
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  loading={remove.isPending && remove.variables === x.id}
                  aria-label={t('ka.opt.delete')}
                  title={t('ka.opt.delete')}
                  data-testid={`delete-option-${x.id}`}
                />
              </Popconfirm>
            </Space>
          ) : null}
          {can('investments.write') && (
            <Link
              to={`/ka/investments?${new URLSearchParams({
                new: '1',
                customerId: String(o.customerId),
                customerName: o.customerName,
                opportunityId: String(o.id),
                solutionOptionId: String(x.id),
                name: `${o.title} — ${x.name}`,
              }).toString()}`}
              data-testid={`evaluate-option-${x.id}`}
            >
              {t('ka.opt.evaluate')}
            </Link>
          )}
        </Space>
      ),
      render: (_: unknown, row: Metric) => row.render(x),
    })),
  ];
  return (
    <Card
      size="small"
      title={t('ka.opt.title')}
      extra={
        writable ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('ka.opt.add')}
          </Button>
        ) : null
      }
    >
      {o.options.length ? (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          bordered
          scroll={{ x: true }}
          dataSource={metrics}
          columns={columns}
        />
      ) : (
        <Typography.Text type="secondary">{t('ka.opt.none')}</Typography.Text>
      )}
      <AddOptionModal opportunityId={o.id} open={adding} onClose={() => setAdding(false)} />
      <QuoteItemModal opportunityId={o.id} target={quoting} onClose={() => setQuoting(undefined)} />
    </Card>
  );
}

type ItemInput = { offeringId: number; description?: string; quantity: number; oneTime?: number; monthly?: number };

function AddOptionModal({
  opportunityId,
  open,
  onClose,
}: {
  opportunityId: number;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm();
  const offerings = useProductOfferings(open);
  const add = useKaMutation((body: unknown) => api.post(`/api/ka/opportunities/${opportunityId}/options`, body));
  return (
    <Modal
      title={t('ka.opt.add')}
      open={open}
      width={820}
      onCancel={onClose}
      confirmLoading={add.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        await add.mutateAsync({
          name: v.name,
          summary: v.summary || undefined,
          termMonths: v.termMonths,
          investmentFen: yuanToFen(v.investment ?? 0),
          items: (v.items as ItemInput[]).map((i) => ({
            offeringId: i.offeringId,
            description: i.description || undefined,
            quantity: i.quantity,
            oneTimeFen: yuanToFen(i.oneTime ?? 0),
            monthlyFen: yuanToFen(i.monthly ?? 0),
          })),
        });
        form.resetFields();
        onClose();
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ termMonths: 36, items: [{ quantity: 1 }] }}>
        <Space>
          <Form.Item name="name" label={t('ka.opt.name')} rules={[{ required: true }]}>
            <Input style={{ width: 260 }} maxLength={200} />
          </Form.Item>
          <Form.Item name="termMonths" label={t('ka.opt.termMonths')} rules={[{ required: true }]}>
            <InputNumber min={1} max={120} />
          </Form.Item>
          <Form.Item name="investment" label={t('ka.opt.investmentYuan')}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t('ka.opt.summary')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add: addItem, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'offeringId']} rules={[{ required: true, message: '' }]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('ka.opt.product')}
                      style={{ width: 200 }}
                      options={(offerings.data ?? []).map((p) => ({
                        value: p.id,
                        label: locale === 'en' ? p.nameEn : p.nameZh,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']}>
                    <Input placeholder={t('ka.opt.itemNote')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: '' }]}>
                    <InputNumber min={1} placeholder={t('ka.opp.quantity')} style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'monthly']}>
                    <InputNumber min={0} placeholder={t('ka.opt.unitMonthlyYuan')} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'oneTime']}>
                    <InputNumber min={0} placeholder={t('ka.opt.unitOneTimeYuan')} style={{ width: 130 }} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    {t('common.delete')}
                  </Button>
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => addItem({ quantity: 1 })}>
                {t('ka.opt.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
