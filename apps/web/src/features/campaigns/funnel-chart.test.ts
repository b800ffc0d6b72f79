import { describe, expect, it } from 'vitest';
import { funnelChartOption } from './funnel-chart';
import { funnelStages } from './offers-logic';

const series = (o: ReturnType<typeof funnelChartOption>) =>
  (o.series as { label: { position: string; formatter: (p: { dataIndex: number }) => string }; max: number }[])[0];

describe('campaign funnel chart', () => {
  const stages = funnelStages({
    segmentSize: 1200,
    excluded: [{ count: 200 }],
    control: 100,
    target: 900,
    contacted: 0,
    convertedTarget: 0,
  });
  const option = funnelChartOption(
    stages,
    (k) => k,
    (s) => `${Math.round(s * 100)}%`,
    ['#000'],
  );

  it('puts every label outside the layers, so layers of 0 do not print over each other', () => {
    expect(series(option).label.position).toBe('right');
    expect(stages.map((_, i) => series(option).label.formatter({ dataIndex: i }))).toEqual([
      'segmentSize  1,200（100%）',
      'eligible  1,000（83%）',
      'target  900（75%）',
      'contacted  0（0%）',
      'convertedTarget  0（0%）',
    ]);
  });

  it('scales to the first stage, and to 1 when the segment is empty', () => {
    expect(series(option).max).toBe(1200);
    const empty = funnelStages({
      segmentSize: 0,
      excluded: [],
      control: 0,
      target: 0,
      contacted: 0,
      convertedTarget: 0,
    });
    expect(series(funnelChartOption(empty, String, String, [])).max).toBe(1);
  });
});
