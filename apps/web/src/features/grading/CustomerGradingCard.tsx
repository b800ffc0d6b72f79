import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartsOption } from '../../components/EChart';
import { formatFen, formatPercent } from '../../format';
import { useT } from '../../i18n';
import { type CustomerGrading, useCustomerGrading } from './api';
import { LayerTag, Stars, useLayerLabel, yuan } from './shared';

/**
 * A customer's value grading for the customer 360 page: current layer (tier), stars, ABC class, KA importance, how
 * they were computed, and the grading history with tier changes.
 */
export function CustomerGradingCard({ customerId }: { customerId: number }) {
  const t = useT();
  const q = useCustomerGrading(customerId);
  const g = q.data;
  return (
    <Card
      size="small"
      loading={q.isLoading}
      title={t('grading.card.title')}
      extra={
        g?.period ? (
          <Typography.Text type="secondary">
            {g.period} · {t('grading.card.ruleSet', { version: g.ruleSet?.version ?? '' })}
          </Typography.Text>
        ) : null
      }
    >
      {!g?.period ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grading.notGraded')} />
      ) : (
        <Body g={g} />
      )}
    </Card>
  );
}

function Body({ g }: { g: CustomerGrading }) {
  const t = useT();
  const label = useLayerLabel();
  const e = g.explanation;
  const m = g.measure;
  const tier = e?.tier;
  const history = [...g.history].reverse();
  const chart = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatFen(Number(v) * 100) },
      grid: { left: 8, right: 8, top: 12, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: history.map((h) => h.period) },
      yAxis: { type: 'value', splitNumber: 3 },
      series: [
        { name: t('grading.value'), type: 'line', smooth: true, data: history.map((h) => yuan(h.measureFen)) },
        {
          name: t('grading.revenue'),
          type: 'bar',
          barWidth: 8,
          itemStyle: { color: '#c9d3e6' },
          data: history.map((h) => yuan(h.spendFen)),
        },
      ],
    }),
    [history, t],
  );
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('grading.card.layer')}>
          <LayerTag layer={g.layer} />
          {g.potential ? <Tag color="purple">{t('grading.card.potential')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('grading.stars')}>
          {g.stars === null ? '—' : <Stars stars={g.stars} />}
        </Descriptions.Item>
        <Descriptions.Item label={t('grading.abc')}>
          {g.abcClass ? t('grading.abcClass', { cls: g.abcClass }) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('grading.importance')}>
          {g.importance ? (
            <Tag color={g.importance === 'important' ? 'red' : 'blue'}>{t(`grading.importance.${g.importance}`)}</Tag>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
      <ul style={{ margin: 0, paddingInlineStart: 18, color: 'rgba(0,0,0,0.75)' }}>
        {m ? (
          <li>
            {t('grading.card.measure', {
              value: formatFen(m.valueFen),
              from: m.fromPeriod,
              to: m.toPeriod,
              used: m.monthsUsed,
              months: m.months,
            })}
          </li>
        ) : null}
        {tier ? (
          <li>
            {tier.rawUpperFen === null
              ? t('grading.card.rangeOpen', {
                  tier: label(tier.raw),
                  lower: formatFen(tier.rawLowerFen, { decimals: false }),
                })
              : t('grading.card.range', {
                  tier: label(tier.raw),
                  lower: formatFen(tier.rawLowerFen, { decimals: false }),
                  upper: formatFen(tier.rawUpperFen, { decimals: false }),
                })}
          </li>
        ) : null}
        {tier?.held ? (
          <li>
            {t('grading.card.held', {
              raw: label(tier.raw),
              tier: label(g.tier),
              after: tier.downgradeAfter,
              count: tier.belowCount,
            })}
          </li>
        ) : g.reason ? (
          <li>{t(`grading.reason.${g.reason}`)}</li>
        ) : null}
        {e?.stars ? (
          <li>
            {t('grading.stars')}:{' '}
            {t('grading.card.starsRule', {
              months: e.stars.months,
              n3: e.stars.streaks.three,
              n4: e.stars.streaks.four,
              n5: e.stars.streaks.five,
              b3: formatFen(e.stars.barsFen.three, { decimals: false }),
              b4: formatFen(e.stars.barsFen.four, { decimals: false }),
              b5: formatFen(e.stars.barsFen.five, { decimals: false }),
            })}
          </li>
        ) : null}
        {e?.abc ? (
          <li>
            {t('grading.abc')}:{' '}
            {t('grading.card.abcRule', {
              a: formatPercent(e.abc.aShare, { digits: 0 }).replace('%', ''),
              b: formatPercent(e.abc.bShare, { digits: 0 }).replace('%', ''),
            })}
          </li>
        ) : null}
      </ul>
      {history.length > 1 ? <EChart option={chart} height={150} /> : null}
      <Typography.Text strong>{t('grading.card.history')}</Typography.Text>
      <Table
        size="small"
        rowKey="period"
        pagination={false}
        dataSource={g.history}
        scroll={{ y: 220 }}
        columns={[
          { title: t('grading.period'), dataIndex: 'period', width: 90 },
          {
            title: t('grading.layerCol'),
            dataIndex: 'layer',
            width: 100,
            render: (v: string) => <LayerTag layer={v} />,
          },
          {
            title: t('grading.stars'),
            dataIndex: 'stars',
            width: 110,
            render: (v: number | null) => (v === null ? '—' : <Stars stars={v} />),
          },
          { title: 'ABC', dataIndex: 'abcClass', width: 60 },
          { title: t('grading.value'), dataIndex: 'measureFen', align: 'right', render: (v: number) => formatFen(v) },
          {
            title: '',
            dataIndex: 'reason',
            render: (v: string, r) => (r.held ? <Tag color="orange">{t(`grading.reason.${v}`)}</Tag> : null),
          },
        ]}
      />
      {g.events.length ? (
        <>
          <Typography.Text strong>{t('grading.card.events')}</Typography.Text>
          <Timeline
            items={g.events.map((ev) => ({
              color: ev.direction === 'up' ? 'green' : 'red',
              dot: ev.direction === 'up' ? <ArrowUpOutlined /> : <ArrowDownOutlined />,
              children:
                ev.kind === 'tier'
                  ? `${ev.period}  ${label(ev.fromValue)} → ${label(ev.toValue)}`
                  : `${ev.period}  ${t('grading.stars')} ${ev.fromValue} → ${ev.toValue}`,
            }))}
          />
        </>
      ) : null}
    </Space>
  );
}
