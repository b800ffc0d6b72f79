let echartsModule: Promise<typeof import('./echarts-setup')> | null = null;

/**
 * ECharts (the chart types and components of `echarts-setup.ts`) is fetched the first time a chart mounts, so pages
 * without charts never download it. A chart page's route `prefetch` calls it too, so the download starts with the
 * sign-in check instead of after the page's first render.
 */
export function loadECharts(): Promise<typeof import('./echarts-setup')> {
  echartsModule ??= import('./echarts-setup');
  return echartsModule;
}
