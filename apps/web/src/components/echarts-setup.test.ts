import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registeredSeriesTypes } from './echarts-setup';

const srcDir = path.resolve(__dirname, '..');
/** Every series type ECharts knows; a `type: '<one of these>'` in a page is a chart series. */
const seriesTypes = [
  'line',
  'bar',
  'pie',
  'scatter',
  'effectScatter',
  'radar',
  'tree',
  'treemap',
  'sunburst',
  'boxplot',
  'candlestick',
  'heatmap',
  'map',
  'parallel',
  'lines',
  'graph',
  'sankey',
  'funnel',
  'gauge',
  'pictorialBar',
  'themeRiver',
  'custom',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the ECharts parts bundled for the pages', () => {
  it('registers every series type a page draws (a missing one would draw an empty chart)', () => {
    const used = new Set<string>();
    const pattern = new RegExp(`type: '(${seriesTypes.join('|')})'`, 'g');
    for (const file of sourceFiles(srcDir)) {
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(3);
    const missing = [...used].filter((t) => !(registeredSeriesTypes as readonly string[]).includes(t));
    expect(missing).toEqual([]);
  });
});
