// The parts of ECharts this app draws, registered on `echarts/core` so the bundle carries only them (the full
// `echarts` entry is about 1 MB). A chart type or component missing here renders nothing and logs an ECharts
// error: add it when a page starts using it. `echarts-setup.test.ts` checks every `type:` used by a page is here.
import { BarChart, FunnelChart, GraphChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  DatasetComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

/** The series types registered below (kept in step with the `use` list; read by the test). */
export const registeredSeriesTypes = ['bar', 'funnel', 'graph', 'heatmap', 'line', 'pie', 'scatter'] as const;

echarts.use([
  BarChart,
  FunnelChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  PieChart,
  ScatterChart,
  DatasetComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  LabelLayout,
  CanvasRenderer,
]);

export const init = echarts.init;
