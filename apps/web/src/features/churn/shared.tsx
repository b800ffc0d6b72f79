import type { ChurnReason, ChurnRiskBand, RetentionAction } from '@crm/contracts';
import { churnRiskBand, retentionActionKinds, retentionOutcomes } from '@crm/contracts';
import { DatePicker, Form, Input, Modal, message, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatDate, formatFen, formatPercent } from '../../format';
import { apiErrorText } from '../../forms';
import { type TFunction, useLocale, useT } from '../../i18n';
import { churnApi, useChurnMutation } from './api';

export const pct = (v: number | null | undefined, digits = 1) => formatPercent(v, { digits });
export const nowrap = { style: { whiteSpace: 'nowrap' as const } };
/** Table column cells that must not wrap (dates, names, money). */
export const noWrapCol = { onCell: () => nowrap, onHeaderCell: () => nowrap };

const bandColors: Record<ChurnRiskBand, string> = { very_high: 'red', high: 'volcano', medium: 'orange', low: 'green' };

/** Rows per page of the churn lists (risk list, terminations). */
export const LIST_PAGE = 20;
/** The list query's window of page `page` (1-based). */
export const pageWindow = (page: number) => ({ limit: LIST_PAGE, offset: (page - 1) * LIST_PAGE });
/** Table pagination of a churn list: LIST_PAGE rows, the total in words, no size changer. */
export const listPagination = (t: TFunction, page: number, onChange: (page: number) => void, total = 0) => ({
  current: page,
  pageSize: LIST_PAGE,
  total,
  onChange,
  showSizeChanger: false,
  showTotal: (n: number) => t('common.totalItems', { total: n }),
});
/** A right-aligned money column (fen shown in yuan, whole yuan unless `decimals`). */
export const moneyCol = (title: string, dataIndex: string, decimals = false) => ({
  title,
  dataIndex,
  align: 'right' as const,
  ...noWrapCol,
  render: (v: number) => <span className="crm-money">{formatFen(v, { decimals })}</span>,
});

export function riskColor(risk: number): string {
  return bandColors[churnRiskBand(risk)];
}

export function RiskTag({ risk }: { risk: number }) {
  return (
    <Tag color={riskColor(risk)} style={{ marginInlineEnd: 0 }} className="crm-num">
      {pct(risk)}
    </Tag>
  );
}

/** The score's reasons in the UI language, strongest first. */
export function ReasonList({ reasons, max = 3 }: { reasons: ChurnReason[]; max?: number }) {
  const { locale } = useLocale();
  if (!reasons.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      {reasons.slice(0, max).map((r) => (
        <Typography.Text key={r.feature} style={{ fontSize: 13 }}>
          · {locale === 'en' ? r.en : r.zh}
        </Typography.Text>
      ))}
    </Space>
  );
}

export const kindLabel = (t: TFunction, kind: string) => t(`churn.kind.${kind}`);
export const outcomeColors: Record<string, string> = { pending: 'blue', saved: 'green', lost: 'default' };
export const OutcomeTag = ({ outcome }: { outcome: string }) => {
  const t = useT();
  return <Tag color={outcomeColors[outcome]}>{t(`churn.outcome.${outcome}`)}</Tag>;
};

type ActionTarget = { customerId: number; customerName: string; runId?: number | null };

/**
 * Records a retention action (call, visit, offer, price review) on a customer, with its outcome when already known
 * (saved / lost are set right after the action is created).
 */
export function ActionModal({ target, onClose }: { target: ActionTarget | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const save = useChurnMutation(async (v: { kind: string; dueDate: dayjs.Dayjs; note?: string; outcome: string }) => {
    if (!target) return;
    const action = await churnApi.recordAction(target.customerId, {
      kind: v.kind,
      dueDate: v.dueDate.format('YYYY-MM-DD'),
      note: v.note || undefined,
      scoringRunId: target.runId ?? undefined,
    });
    if (v.outcome !== 'pending') await churnApi.updateAction(action.id, { outcome: v.outcome });
  });
  return (
    <Modal
      open={Boolean(target)}
      title={target ? t('churn.action.title', { name: target.customerName }) : ''}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await save.mutateAsync(v);
          message.success(t('churn.action.saved'));
          onClose();
        } catch (err) {
          message.error(apiErrorText(err, t));
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'call', dueDate: dayjs().add(3, 'day'), outcome: 'pending' }}
      >
        <Form.Item name="kind" label={t('churn.action.kind')} rules={[{ required: true }]}>
          <Select options={retentionActionKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('churn.action.dueDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="outcome" label={t('churn.action.outcome')}>
          <Select options={retentionOutcomes.map((o) => ({ value: o, label: t(`churn.outcome.${o}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('churn.action.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Retention actions with their outcome; the outcome can be changed in place by users who record actions. */
export function ActionTable({
  actions,
  loading,
  canWrite,
  showCustomer,
}: {
  actions: RetentionAction[];
  loading?: boolean;
  canWrite: boolean;
  showCustomer?: boolean;
}) {
  const t = useT();
  const update = useChurnMutation((v: { id: number; outcome: string }) =>
    churnApi.updateAction(v.id, { outcome: v.outcome }),
  );
  return (
    <Table<RetentionAction>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={actions}
      pagination={false}
      locale={{ emptyText: t('churn.action.none') }}
      columns={[
        ...(showCustomer ? [{ title: t('churn.customer'), dataIndex: 'customerName', ...noWrapCol }] : []),
        { title: t('churn.action.kind'), dataIndex: 'kind', render: (k: string) => kindLabel(t, k), ...noWrapCol },
        { title: t('churn.action.owner'), render: (_, a) => a.owner.displayName, ...noWrapCol },
        { title: t('churn.action.dueDate'), dataIndex: 'dueDate', render: (d: string) => formatDate(d), ...noWrapCol },
        {
          title: t('churn.action.outcome'),
          dataIndex: 'outcome',
          ...noWrapCol,
          render: (o: string, a) =>
            canWrite ? (
              <Select
                size="small"
                value={o}
                style={{ width: 110 }}
                onChange={(outcome) =>
                  update.mutate({ id: a.id, outcome }, { onError: (err) => message.error(apiErrorText(err, t)) })
                }
                options={retentionOutcomes.map((x) => ({ value: x, label: t(`churn.outcome.${x}`) }))}
              />
            ) : (
              <OutcomeTag outcome={o} />
            ),
        },
        { title: t('churn.action.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
        {
          title: t('churn.action.createdAt'),
          dataIndex: 'createdAt',
          render: (d: string) => formatDate(d),
          ...noWrapCol,
        },
      ]}
    />
  );
}

/** A segment of the churn analysis in words: tier, category, product family or contract type ('none' in each). */
export function segmentLabel(t: TFunction, dimension: string, segment: string): string {
  if (segment === 'all') return t('churn.segment.all');
  if (segment === 'none') return t(`churn.segment.none.${dimension}`);
  switch (dimension) {
    case 'tier':
      return t(`ka.tier.${segment}`);
    case 'category':
      return t(`enum.category.${segment}`);
    case 'product_family':
      return t(`enum.productFamily.${segment}`);
    default:
      return t(`churn.contract.${segment}`);
  }
}
