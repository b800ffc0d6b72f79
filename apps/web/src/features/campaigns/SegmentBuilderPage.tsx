import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Input,
  InputNumber,
  message,
  Segmented,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { formatFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { campaignsApi, type SegmentCondition, type SegmentDefinition } from './api';

type Field =
  | 'category'
  | 'tier'
  | 'abc'
  | 'industry'
  | 'tenureMonths'
  | 'monthlySpend'
  | 'internationalSpend'
  | 'longDistanceSpend'
  | 'spendTrend'
  | 'holdsProduct'
  | 'groupOf'
  | 'occupation'
  | 'ageBand'
  | 'incomeBand';
const fields: Field[] = [
  'category',
  'tier',
  'abc',
  'industry',
  'tenureMonths',
  'monthlySpend',
  'internationalSpend',
  'longDistanceSpend',
  'spendTrend',
  'holdsProduct',
  'groupOf',
  'occupation',
  'ageBand',
  'incomeBand',
];
const listFields = new Set<Field>(['category', 'tier', 'abc', 'industry', 'occupation', 'ageBand', 'incomeBand']);
const moneyFields = new Set<Field>(['monthlySpend', 'internationalSpend', 'longDistanceSpend']);

type Row = { key: number; field: Field; op: 'gte' | 'lte'; text: string; num: number | null; holds: boolean };

/** A row of the builder as a condition of the contract (null while incomplete). */
function toCondition(r: Row): SegmentCondition | null {
  const values = r.text
    .split(/[,，\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);
  if (listFields.has(r.field) || r.field === 'holdsProduct') {
    if (!values.length) return null;
    if (r.field === 'holdsProduct') return { field: 'holdsProduct', holds: r.holds, values };
    return { field: r.field, values } as SegmentCondition;
  }
  if (r.num === null) return null;
  if (moneyFields.has(r.field)) {
    return { field: r.field, op: r.op, valueFen: Math.round(r.num * 100), months: 3 } as SegmentCondition;
  }
  if (r.field === 'spendTrend') return { field: 'spendTrend', op: r.op, pct: Math.round(r.num), months: 3 };
  if (r.field === 'groupOf') return { field: 'groupOf', customerId: Math.round(r.num) };
  return { field: 'tenureMonths', op: r.op, value: Math.round(r.num) };
}

/** Segment builder: conditions combined with and/or, the live count and a sample, saved as a segment. */
export function SegmentBuilderPage() {
  const t = useT();
  const [op, setOp] = useState<'and' | 'or'>('and');
  const [rows, setRows] = useState<Row[]>([
    { key: 1, field: 'category', op: 'gte', text: 'key_account', num: null, holds: true },
  ]);
  const [name, setName] = useState('');
  const definition: SegmentDefinition = useMemo(
    () => ({ op, children: rows.map(toCondition).filter((c): c is SegmentCondition => c !== null) }),
    [op, rows],
  );
  const [debounced, setDebounced] = useState(definition);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(definition), 400);
    return () => clearTimeout(h);
  }, [definition]);
  const preview = useQuery({
    queryKey: ['campaigns', 'preview', JSON.stringify(debounced)],
    queryFn: () => campaignsApi.preview(debounced),
  });
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const save = async () => {
    try {
      await campaignsApi.saveSegment({ name, definition });
      message.success(t('campaigns.segments.saved'));
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  return (
    <PageContainer title={t('campaigns.segments.title')}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented
            value={op}
            onChange={(v) => setOp(v as 'and' | 'or')}
            options={[
              { value: 'and', label: t('campaigns.segments.and') },
              { value: 'or', label: t('campaigns.segments.or') },
            ]}
          />
          {rows.map((r) => (
            <Space key={r.key} wrap>
              <Select
                style={{ width: 200 }}
                value={r.field}
                onChange={(field) => update(r.key, { field, text: '', num: null })}
                options={fields.map((f) => ({ value: f, label: t(`campaigns.field.${f}`) }))}
              />
              {!listFields.has(r.field) && r.field !== 'holdsProduct' && r.field !== 'groupOf' && (
                <Select
                  style={{ width: 90 }}
                  value={r.op}
                  onChange={(v) => update(r.key, { op: v })}
                  options={[
                    { value: 'gte', label: '≥' },
                    { value: 'lte', label: '≤' },
                  ]}
                />
              )}
              {r.field === 'holdsProduct' && (
                <Switch
                  checked={r.holds}
                  onChange={(holds) => update(r.key, { holds })}
                  checkedChildren={t('campaigns.segments.holds')}
                  unCheckedChildren={t('campaigns.segments.notHolds')}
                />
              )}
              {listFields.has(r.field) || r.field === 'holdsProduct' ? (
                <Input
                  style={{ width: 280 }}
                  value={r.text}
                  placeholder={t('campaigns.segments.valuesHint')}
                  onChange={(e) => update(r.key, { text: e.target.value })}
                />
              ) : (
                <InputNumber
                  style={{ width: 180 }}
                  value={r.num}
                  onChange={(num) => update(r.key, { num: num === null ? null : Number(num) })}
                  addonAfter={moneyFields.has(r.field) ? t('campaigns.segments.yuanPerMonth') : undefined}
                />
              )}
              <Button onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                {t('campaigns.segments.remove')}
              </Button>
            </Space>
          ))}
          <Button
            onClick={() =>
              setRows((rs) => [
                ...rs,
                { key: Date.now(), field: 'internationalSpend', op: 'gte', text: '', num: null, holds: true },
              ])
            }
          >
            {t('campaigns.segments.add')}
          </Button>
          <Statistic
            title={t('campaigns.segments.count')}
            value={preview.data?.count ?? '—'}
            loading={preview.isFetching}
          />
          {preview.error && <Typography.Text type="danger">{apiErrorText(preview.error, t)}</Typography.Text>}
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={preview.data?.sample ?? []}
            columns={[
              { title: t('campaigns.segments.customerNo'), dataIndex: 'customerNo' },
              { title: t('campaigns.tasks.customer'), dataIndex: 'name' },
              { title: t('campaigns.segments.spend'), render: (_, s) => formatFen(s.monthlySpendFen) },
            ]}
          />
          <Space>
            <Input
              style={{ width: 280 }}
              value={name}
              placeholder={t('campaigns.segments.name')}
              onChange={(e) => setName(e.target.value)}
            />
            <Button type="primary" disabled={!name.trim()} onClick={save}>
              {t('campaigns.segments.save')}
            </Button>
          </Space>
        </Space>
      </Card>
    </PageContainer>
  );
}
