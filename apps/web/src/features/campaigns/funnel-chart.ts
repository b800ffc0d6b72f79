import type { EChartsOption } from '../../components/EChart';

/**
 * The campaign funnel as an ECharts option. Labels sit outside, right of each layer with a leader line, so a layer
 * of 0 (nobody contacted or converted yet), drawn at the minimum width, still has its own row for its label instead
 * of printing its text over its neighbours'. Widths are relative to the first stage (at least 1, so an empty
 * segment draws equal minimum layers rather than nothing).
 */
export function funnelChartOption(
  stages: { key: string; value: number; share: number }[],
  labelOf: (key: string) => string,
  percentOf: (share: number) => string,
  colors: string[],
): EChartsOption {
  const max = Math.max(1, ...stages.map((s) => s.value));
  return {
    animation: false,
    color: colors,
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '4%',
        top: 10,
        bottom: 10,
        width: '56%',
        min: 0,
        max,
        minSize: '6%',
        maxSize: '100%',
        gap: 2,
        label: {
          show: true,
          position: 'right',
          formatter: (p) => {
            const s = stages[p.dataIndex];
            return s ? `${labelOf(s.key)}  ${s.value.toLocaleString('zh-CN')}（${percentOf(s.share)}）` : '';
          },
        },
        labelLine: { show: true, length: 12 },
        labelLayout: { hideOverlap: false, moveOverlap: 'shiftY' },
        data: stages.map((s) => ({ name: labelOf(s.key), value: s.value })),
      },
    ],
  };
}
