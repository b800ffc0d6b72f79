import { PageContainer } from '@ant-design/pro-components';
import type { KpiFigure, KpiScorecard } from '@crm/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Drawer, Empty, message, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { EChart } from '../../components/EChart';
import { formatFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { kpiApi, useEvidence, useScorecards, useTrend } from './api';
import { PenaltiesCard } from './PenaltiesCard';
import { KpiSettingsCard } from './SettingsCard';

const lastMonth = () => dayjs().subtract(1, 'month').format('YYYY-MM');
const pctKeys = new Set(['satisfaction', 'commitments', 'completeness']);
const showValue = (key: string, v: number) => (key === 'spend' ? formatFen(v) : pctKeys.has(key) ? `${v}%` : String(v));

/** My scorecard (AM) or the team ranking (manager), the 12-month trend, and the evidence behind each figure. */
export function KpiPage() {
  const t = useT();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState(lastMonth());
  const cards = useScorecards(period);
  const [selectedId, setSelectedId] = useState<number>();
  const [evidenceKey, setEvidenceKey] = useState<string>();
  const card: KpiScorecard | undefined = cards.data?.find((c) => c.id === selectedId) ?? cards.data?.[0];
  const trend = useTrend(card?.userId);
  const evidence = useEvidence(card?.id, evidenceKey);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['kpi'] });
  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(t(ok));
      refresh();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  return (
    <PageContainer title={t('kpi.title')}>
      <Space style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${period}-01`)}
          onChange={(d) => d && setPeriod(d.format('YYYY-MM'))}
        />
        {can('kpi.manage') && (
          <Button onClick={() => act(() => kpiApi.run(period), 'kpi.runQueued')}>{t('kpi.recompute')}</Button>
        )}
      </Space>
      {(cards.data?.length ?? 0) > 1 && (
        <Card title={t('kpi.ranking')} style={{ marginBottom: 16 }}>
          <Table<KpiScorecard>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={cards.data}
            onRow={(r) => ({ onClick: () => setSelectedId(r.id) })}
            columns={[
              { title: t('kpi.rank'), dataIndex: 'rank', width: 70 },
              { title: t('kpi.am'), dataIndex: 'userName' },
              { title: t('kpi.orgUnit'), dataIndex: 'orgUnitName' },
              { title: t('kpi.score'), dataIndex: 'score' },
              { title: t('kpi.coefficient'), dataIndex: 'coefficient' },
              {
                title: t('kpi.status'),
                dataIndex: 'status',
                render: (s: string) => <Tag color={s === 'confirmed' ? 'green' : 'blue'}>{t(`kpi.status.${s}`)}</Tag>,
              },
            ]}
          />
        </Card>
      )}
      {!card ? (
        <Empty description={t('kpi.none')} />
      ) : (
        <Card
          title={`${card.userName} · ${card.period} · ${t('kpi.score')} ${card.score} · ${t('kpi.coefficient')} ${card.coefficient}`}
          extra={
            can('kpi.manage') && card.status === 'computed' ? (
              <Button type="primary" onClick={() => act(() => kpiApi.confirm(card.id), 'kpi.confirmed')}>
                {t('kpi.confirm')}
              </Button>
            ) : (
              <Tag color={card.status === 'confirmed' ? 'green' : 'blue'}>{t(`kpi.status.${card.status}`)}</Tag>
            )
          }
          style={{ marginBottom: 16 }}
        >
          <Table<KpiFigure>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={card.figures}
            columns={[
              { title: t('kpi.figure'), dataIndex: 'key', render: (k: string) => t(`kpi.figure.${k}`) },
              { title: t('kpi.actual'), render: (_, f) => (f.noData ? '—' : showValue(f.key, f.actual)) },
              { title: t('kpi.target'), render: (_, f) => (f.noData ? t('kpi.noData') : showValue(f.key, f.target)) },
              { title: t('kpi.weight'), dataIndex: 'weight' },
              { title: t('kpi.points'), dataIndex: 'points' },
              {
                title: '',
                render: (_, f) => (
                  <Button type="link" onClick={() => setEvidenceKey(f.key)}>
                    {t('kpi.evidence')}
                  </Button>
                ),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('kpi.figure.penalties')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{formatFen(card.penaltyFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} />
                <Table.Summary.Cell index={3} />
                <Table.Summary.Cell index={4}>{card.penaltyPoints ? `-${card.penaltyPoints}` : 0}</Table.Summary.Cell>
                <Table.Summary.Cell index={5}>
                  <Button type="link" onClick={() => setEvidenceKey('penalties')}>
                    {t('kpi.evidence')}
                  </Button>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Card>
      )}
      <PenaltiesCard period={period} />
      {trend.data && (
        <Card title={t('kpi.trend')}>
          <EChart
            option={{
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: trend.data.points.map((p) => p.period) },
              yAxis: { type: 'value', name: t('kpi.score') },
              series: [{ type: 'line', name: t('kpi.score'), data: trend.data.points.map((p) => p.score) }],
            }}
          />
        </Card>
      )}
      {can('kpi.manage') && <KpiSettingsCard period={period} />}
      <Drawer
        open={Boolean(evidenceKey)}
        width={720}
        title={evidenceKey ? t(`kpi.figure.${evidenceKey}`) : ''}
        onClose={() => setEvidenceKey(undefined)}
      >
        <Table
          rowKey={(r) => `${r.kind}-${r.id}`}
          size="small"
          loading={evidence.isLoading}
          dataSource={evidence.data?.items ?? []}
          columns={[
            { title: t('kpi.ev.customer'), dataIndex: 'customerName' },
            { title: t('kpi.ev.label'), dataIndex: 'label' },
            { title: t('kpi.ev.at'), dataIndex: 'at', render: (v: string | null) => (v ? v.slice(0, 10) : '') },
            { title: t('kpi.ev.amount'), dataIndex: 'amountFen', render: (v: number | null) => formatFen(v) },
            { title: t('kpi.ev.value'), dataIndex: 'value' },
          ]}
        />
      </Drawer>
    </PageContainer>
  );
}
