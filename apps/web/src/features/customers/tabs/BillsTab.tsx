import type { Bill, Customer360 } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { api } from '../../../api/client';
import { EChart, type EChartsOption } from '../../../components/EChart';
import { formatFen } from '../../../format';
import { apiErrorText } from '../../../forms';
import { type TFunction, useLocale, useT } from '../../../i18n';

type Props = { customerId: number; data: Customer360 };

export const billCategories = [
  'localVoiceFen',
  'longDistanceFen',
  'internationalFen',
  'dataFen',
  'valueAddedFen',
  'rentalFen',
] as const;
type Category = (typeof billCategories)[number];

/** Compact axis labels: 12万 / 120k. */
function axisMoney(yuan: number, locale: string): string {
  if (locale === 'zh-CN') return Math.abs(yuan) >= 10_000 ? `${yuan / 10_000}万` : String(yuan);
  return Math.abs(yuan) >= 1_000 ? `${yuan / 1_000}k` : String(yuan);
}

/** Bills of the last 24 periods over all accounts: up to 120 rows (5 accounts x 24 months) in one request. */
const BILL_LIMIT = 120;

/** Per period (oldest first): each category summed over all accounts, and the total from spendByPeriod. */
function byPeriod(data: Pick<Customer360, 'spendByPeriod' | 'bills'>) {
  const rows = new Map<string, Record<Category, number> & { total: number }>();
  const empty = () =>
    ({ ...Object.fromEntries(billCategories.map((c) => [c, 0])), total: 0 }) as Record<Category, number> & {
      total: number;
    };
  for (const s of data.spendByPeriod) rows.set(s.period, { ...empty(), total: s.totalFen });
  for (const b of data.bills) {
    const row = rows.get(b.period) ?? empty();
    for (const c of billCategories) row[c] += b[c];
    if (!data.spendByPeriod.some((s) => s.period === b.period)) row.total += b.totalFen;
    rows.set(b.period, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export function spendChartOption(
  data: Pick<Customer360, 'spendByPeriod' | 'bills'>,
  t: TFunction,
  locale: string,
): EChartsOption {
  const periods = byPeriod(data);
  const x = periods.map(([p]) => p);
  const yuan = (fen: number) => fen / 100;
  const categorySeries = billCategories.map((c) => ({
    name: t(`bills.category.${c}`),
    type: 'bar' as const,
    stack: 'spend',
    barMaxWidth: 28,
    emphasis: { focus: 'series' as const },
    data: periods.map(([, r]) => yuan(r[c])),
  }));
  const unitemised = periods.map(([, r]) => Math.max(0, r.total - billCategories.reduce((s, c) => s + r[c], 0)));
  const series: EChartsOption['series'] = [
    ...categorySeries,
    ...(unitemised.some((v) => v > 0)
      ? [
          {
            name: t('bills.category.other'),
            type: 'bar' as const,
            stack: 'spend',
            barMaxWidth: 28,
            data: unitemised.map(yuan),
          },
        ]
      : []),
    {
      name: t('bills.total'),
      type: 'line',
      smooth: true,
      symbolSize: 6,
      lineStyle: { width: 2 },
      itemStyle: { color: '#0b2e8a' },
      data: periods.map(([, r]) => yuan(r.total)),
      z: 10,
    },
  ];
  return {
    grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => formatFen(Math.round(Number(v) * 100)),
    },
    xAxis: { type: 'category', data: x, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => axisMoney(v, locale) } },
    series,
  };
}

const money = (v: number) => <span className="crm-money">{formatFen(v)}</span>;

export function BillsTab({ customerId, data }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const query = useQuery({
    queryKey: ['customers', 'bills', customerId],
    queryFn: () =>
      api.get<{ items: Bill[]; total: number }>(`/api/customers/${customerId}/bills`, { limit: BILL_LIMIT }),
  });
  // The periods of the 360 view's spend series; bills of older periods are not shown.
  const bills = useMemo(() => {
    const first = data.spendByPeriod[0]?.period ?? '';
    const source = query.data?.items ?? data.bills;
    return source
      .filter((b) => b.period >= first)
      .sort((a, b) => b.period.localeCompare(a.period) || a.accountNo.localeCompare(b.accountNo));
  }, [query.data, data]);
  const option = useMemo(
    () => spendChartOption({ spendByPeriod: data.spendByPeriod, bills }, t, locale),
    [data.spendByPeriod, bills, t, locale],
  );
  const sum = (k: keyof Bill) => bills.reduce((s, b) => s + (b[k] as number), 0);

  const columns: TableColumnsType<Bill> = [
    {
      title: t('bills.field.period'),
      dataIndex: 'period',
      fixed: 'left',
      width: 90,
      render: (v: string) => <span className="crm-num">{v}</span>,
    },
    {
      title: t('bills.field.account'),
      dataIndex: 'accountNo',
      width: 140,
      render: (v: string) => <span className="crm-num">{v}</span>,
    },
    ...billCategories.map((c) => ({
      title: t(`bills.category.${c}`),
      dataIndex: c,
      align: 'right' as const,
      render: money,
    })),
    {
      title: t('bills.field.total'),
      dataIndex: 'totalFen',
      align: 'right',
      render: (v: number) => <strong>{money(v)}</strong>,
    },
    { title: t('bills.field.paid'), dataIndex: 'paidFen', align: 'right', render: money },
    {
      title: t('bills.field.arrears'),
      dataIndex: 'arrearsFen',
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{money(v)}</Typography.Text> : money(v)),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('bills.chart.title')}
        extra={<Typography.Text type="secondary">{t('bills.chart.unit')}</Typography.Text>}
      >
        <div data-testid="spend-chart">
          <EChart option={option} height={340} loading={query.isLoading} />
        </div>
      </Card>
      {query.error ? <Alert type="warning" showIcon message={apiErrorText(query.error, t)} /> : null}
      <Card title={t('bills.table.title')}>
        <Table<Bill>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={bills}
          loading={query.isLoading}
          scroll={{ x: 1200 }}
          pagination={bills.length > 24 ? { pageSize: 24, showSizeChanger: false } : false}
          summary={() =>
            bills.length ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <Typography.Text strong>{t('bills.sum')}</Typography.Text>
                  </Table.Summary.Cell>
                  {billCategories.map((c, i) => (
                    <Table.Summary.Cell key={c} index={i + 2} align="right">
                      {money(sum(c))}
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={8} align="right">
                    <strong>{money(sum('totalFen'))}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={9} align="right">
                    {money(sum('paidFen'))}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={10} align="right">
                    {sum('arrearsFen') > 0 ? (
                      <Typography.Text type="danger">{money(sum('arrearsFen'))}</Typography.Text>
                    ) : (
                      money(0)
                    )}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
