import { EChart } from '../../components/EChart';
import { fenToYuan } from '../../format';
import { useT } from '../../i18n';

export type CashFlowSeries = { name: string; cumulative: (number | null)[]; net?: number[] };

/**
 * The monthly cash flow of an evaluation: cumulative cash position (lines, one per version or plan / actual) and the
 * monthly net flow (bars) of the first series; month 0 is the investment. Values in yuan.
 */
export function CashFlowChart({
  series,
  height = 300,
  firstMonth = 0,
}: {
  series: CashFlowSeries[];
  height?: number;
  /** The month number of the first value (0: the investment month). */
  firstMonth?: number;
}) {
  const t = useT();
  const months = Math.max(0, ...series.map((s) => s.cumulative.length));
  const net = series[0]?.net;
  return (
    <EChart
      height={height}
      option={{
        animation: false,
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v) => (v === null || v === undefined ? '—' : `¥${Number(v).toLocaleString()}`),
        },
        legend: { top: 0 },
        grid: { left: 80, right: 24, top: 36, bottom: 36 },
        xAxis: {
          type: 'category',
          name: t('inv.chart.month'),
          data: Array.from({ length: months }, (_, i) => String(i + firstMonth)),
        },
        yAxis: {
          type: 'value',
          name: t('inv.chart.yuan'),
          axisLabel: { formatter: (v: number) => (v / 10_000).toFixed(0) + t('inv.chart.tenThousand') },
        },
        series: [
          ...(net
            ? [
                {
                  type: 'bar' as const,
                  name: t('inv.chart.net'),
                  data: net.map(fenToYuan),
                  itemStyle: { opacity: 0.35 },
                },
              ]
            : []),
          ...series.map((s) => ({
            type: 'line' as const,
            name: s.name,
            showSymbol: false,
            data: s.cumulative.map((v) => (v === null ? null : fenToYuan(v))),
            markLine:
              s === series[0]
                ? {
                    silent: true,
                    symbol: 'none',
                    data: [{ yAxis: 0 }],
                    lineStyle: { color: '#999', type: 'dashed' as const },
                  }
                : undefined,
          })),
        ],
      }}
    />
  );
}
