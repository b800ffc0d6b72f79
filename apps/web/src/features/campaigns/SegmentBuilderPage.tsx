import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Input,
  InputNumber,
  message,
  Row,
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
import { enumOptions, useT } from '../../i18n';
import { campaignsApi } from './api';
import {
  type Row as ConditionRow,
  canNest,
  comparedFields,
  fields,
  type Group,
  listFields,
  moneyFields,
  type Node,
  newGroup,
  newRow,
  toDefinition,
  updateNode,
} from './segment-tree';

/** Segment builder: conditions and nested groups (up to 3 levels) combined with and/or, live count and sample. */
export function SegmentBuilderPage() {
  const t = useT();
  const [root, setRoot] = useState<Group>(() => newGroup('and', [newRow('category', 'key_account')]));
  const [name, setName] = useState('');
  const definition = useMemo(() => toDefinition(root), [root]);
  const [debounced, setDebounced] = useState(definition);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(definition), 400);
    return () => clearTimeout(h);
  }, [definition]);
  const preview = useQuery({
    queryKey: ['campaigns', 'preview', JSON.stringify(debounced)],
    queryFn: () => campaignsApi.preview(debounced),
  });
  const change = (key: string, f: (n: Node) => Node | null) => setRoot((r) => updateNode(r, key, f));
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
      <Row gutter={16} wrap={false}>
        <Col flex="1 1 0" style={{ minWidth: 0 }}>
          <Card size="small" title={t('campaigns.segments.conditions')}>
            <GroupEditor group={root} level={1} change={change} />
          </Card>
        </Col>
        <Col flex="0 0 420px">
          <Card size="small">
            <Space direction="vertical" style={{ width: '100%' }}>
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
                dataSource={preview.data?.sample.slice(0, 10) ?? []}
                columns={[
                  {
                    title: t('campaigns.segments.customerNo'),
                    dataIndex: 'customerNo',
                    className: 'crm-money',
                    width: 130,
                  },
                  { title: t('campaigns.tasks.customer'), dataIndex: 'name', ellipsis: true },
                  {
                    title: t('campaigns.segments.spend'),
                    align: 'right',
                    className: 'crm-money',
                    render: (_, s) => formatFen(s.monthlySpendFen),
                  },
                ]}
              />
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  value={name}
                  placeholder={t('campaigns.segments.name')}
                  onChange={(e) => setName(e.target.value)}
                />
                <Button type="primary" disabled={!name.trim()} onClick={save}>
                  {t('campaigns.segments.save')}
                </Button>
              </Space.Compact>
            </Space>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}

const levelColors = ['#f0f5ff', '#f6ffed', '#fff7e6'];

/** One and/or group: its rows and sub-groups (a group at level 3 holds conditions only). */
function GroupEditor(props: {
  group: Group;
  level: number;
  change: (key: string, f: (n: Node) => Node | null) => void;
}) {
  const t = useT();
  const { group, level, change } = props;
  const setGroup = (patch: Partial<Group>) => change(group.key, (n) => ({ ...(n as Group), ...patch }));
  return (
    <div
      style={{
        background: levelColors[level - 1],
        border: '1px solid #d9d9d9',
        borderRadius: 6,
        padding: 8,
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Segmented
            size="small"
            value={group.op}
            onChange={(v) => setGroup({ op: v as 'and' | 'or' })}
            options={[
              { value: 'and', label: t('campaigns.segments.and') },
              { value: 'or', label: t('campaigns.segments.or') },
            ]}
          />
          <Button
            size="small"
            onClick={() => setGroup({ children: [...group.children, newRow('internationalSpend')] })}
          >
            {t('campaigns.segments.add')}
          </Button>
          {canNest(level) && (
            <Button size="small" onClick={() => setGroup({ children: [...group.children, newGroup('or')] })}>
              {t('campaigns.segments.addGroup')}
            </Button>
          )}
          {level > 1 && (
            <Button size="small" danger type="text" onClick={() => change(group.key, () => null)}>
              {t('campaigns.segments.removeGroup')}
            </Button>
          )}
        </Space>
        {group.children.map((c) =>
          c.kind === 'group' ? (
            <GroupEditor key={c.key} group={c} level={level + 1} change={change} />
          ) : (
            <RowEditor key={c.key} row={c} change={change} />
          ),
        )}
      </Space>
    </div>
  );
}

function RowEditor({
  row: r,
  change,
}: {
  row: ConditionRow;
  change: (key: string, f: (n: Node) => Node | null) => void;
}) {
  const t = useT();
  const update = (patch: Partial<ConditionRow>) => change(r.key, (n) => ({ ...(n as ConditionRow), ...patch }));
  return (
    <Space wrap>
      <Select
        style={{ width: 200 }}
        value={r.field}
        onChange={(field) => update({ field, text: '', num: null })}
        options={fields.map((f) => ({ value: f, label: t(`campaigns.field.${f}`) }))}
      />
      {r.field === 'satisfaction' && (
        <Select
          style={{ width: 150 }}
          value={r.measure}
          onChange={(measure) => update({ measure })}
          options={[
            { value: 'csat', label: t('campaigns.segments.csat') },
            { value: 'nps', label: t('campaigns.segments.nps') },
          ]}
        />
      )}
      {comparedFields.has(r.field) && (
        <Select
          style={{ width: 70 }}
          value={r.op}
          onChange={(v) => update({ op: v })}
          options={[
            { value: 'gte', label: '≥' },
            { value: 'lte', label: '≤' },
          ]}
        />
      )}
      {r.field === 'holdsProduct' && (
        <Switch
          checked={r.holds}
          onChange={(holds) => update({ holds })}
          checkedChildren={t('campaigns.segments.holds')}
          unCheckedChildren={t('campaigns.segments.notHolds')}
        />
      )}
      {r.field === 'category' || r.field === 'industry' || r.field === 'abc' ? (
        <Select
          mode="multiple"
          style={{ width: 280 }}
          maxTagCount="responsive"
          value={r.text.split(',').filter(Boolean)}
          onChange={(vs: string[]) => update({ text: vs.join(',') })}
          options={
            r.field === 'abc'
              ? ['A', 'B', 'C'].map((v) => ({ value: v, label: v }))
              : enumOptions(t, r.field === 'category' ? 'category' : 'industry')
          }
        />
      ) : listFields.has(r.field) || r.field === 'holdsProduct' ? (
        <Input
          style={{ width: 240 }}
          value={r.text}
          placeholder={t('campaigns.segments.valuesHint')}
          onChange={(e) => update({ text: e.target.value })}
        />
      ) : (
        <InputNumber
          style={{ width: 180 }}
          value={r.num}
          onChange={(num) => update({ num: num === null ? null : Number(num) })}
          addonAfter={
            moneyFields.has(r.field)
              ? t('campaigns.segments.yuanPerMonth')
              : r.field === 'churnRisk' || r.field === 'spendTrend'
                ? '%'
                : r.field === 'satisfaction'
                  ? t(r.measure === 'csat' ? 'campaigns.segments.of5' : 'campaigns.segments.of10')
                  : undefined
          }
        />
      )}
      <Button type="text" danger onClick={() => change(r.key, () => null)}>
        {t('campaigns.segments.remove')}
      </Button>
    </Space>
  );
}
