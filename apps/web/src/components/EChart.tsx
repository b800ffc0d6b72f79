import type * as echarts from 'echarts';
import type { EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { useLocale } from '../i18n';
import { loadECharts } from './echarts-loader';

export type EChartsOption = echarts.EChartsOption;

export type EChartProps = {
  option: EChartsOption;
  height?: number | string;
  // biome-ignore lint/suspicious/noExplicitAny: ECharts event payloads differ per event type
  onEvents?: Record<string, (params: any) => void>;
  loading?: boolean;
  className?: string;
};

/** Chart palette aligned with the antd theme (primary blue first). */
export const chartColors = [
  '#1456f0',
  '#36b37e',
  '#faad14',
  '#7265e6',
  '#13c2c2',
  '#ff9c6e',
  '#f5222d',
  '#2f54eb',
  '#a0d911',
  '#eb2f96',
];

/**
 * One ECharts instance per mount: created on mount (once the lazily loaded library arrives), resized with its container (ResizeObserver),
 * disposed on unmount. `option` replaces the previous one (notMerge).
 */
export function EChart({ option, height = 320, onEvents, loading, className }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const { locale } = useLocale();

  // Re-created when the locale changes (ECharts' own texts: loading, toolbox).
  useEffect(() => {
    let cancelled = false;
    let instance: EChartsType | null = null;
    let observer: ResizeObserver | null = null;
    loadECharts().then((lib) => {
      const el = ref.current;
      if (cancelled || !el) return;
      const created = lib.init(el, undefined, { renderer: 'canvas', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
      instance = created;
      setChart(created);
      observer = new ResizeObserver(() => {
        if (!created.isDisposed()) created.resize();
      });
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      instance?.dispose();
      setChart(null);
    };
  }, [locale]);

  useEffect(() => {
    chart?.setOption({ color: chartColors, ...option }, { notMerge: true });
  }, [chart, option]);

  useEffect(() => {
    if (!chart || !onEvents) return;
    const entries = Object.entries(onEvents);
    for (const [name, handler] of entries) chart.on(name, handler);
    return () => {
      if (chart.isDisposed()) return;
      for (const [name, handler] of entries) chart.off(name, handler);
    };
  }, [chart, onEvents]);

  useEffect(() => {
    if (!chart) return;
    if (loading) chart.showLoading('default', { text: '', color: chartColors[0], maskColor: 'rgba(255,255,255,0.6)' });
    else chart.hideLoading();
  }, [chart, loading]);

  return <div ref={ref} className={className} style={{ width: '100%', height }} />;
}
