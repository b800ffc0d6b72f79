import {
  BarChartOutlined,
  FundOutlined,
  HeatMapOutlined,
  PlayCircleOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';
import { prefetchValueDashboard } from './api';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/grading/value',
    element: lazyPage(() => import('./ValueDashboardPage'), 'ValueDashboardPage'),
    menu: { labelKey: 'menu.grading.value', icon: <FundOutlined />, order: 300 },
    permission: 'grading.read',
    prefetch: (_params, queryClient) => prefetchValueDashboard(queryClient),
  },
  {
    path: '/grading/migration',
    element: lazyPage(() => import('./MigrationPage'), 'MigrationPage'),
    menu: { labelKey: 'menu.grading.migration', icon: <HeatMapOutlined />, order: 310 },
    permission: 'grading.read',
  },
  {
    path: '/grading/arpu',
    element: lazyPage(() => import('./ArpuPage'), 'ArpuPage'),
    menu: { labelKey: 'menu.grading.arpu', icon: <BarChartOutlined />, order: 320 },
    permission: 'grading.read',
  },
  {
    path: '/grading/rules',
    element: lazyPage(() => import('./RuleSetsPage'), 'RuleSetsPage'),
    menu: { labelKey: 'menu.grading.rules', icon: <SettingOutlined />, order: 330 },
    permission: 'grading.read',
  },
  {
    path: '/grading/customers/:id',
    element: lazyPage(() => import('./CustomerGradingPage'), 'CustomerGradingPage'),
    permission: 'customers.read',
  },
  {
    path: '/grading/runs',
    element: lazyPage(() => import('./RunsPage'), 'RunsPage'),
    menu: { labelKey: 'menu.grading.runs', icon: <PlayCircleOutlined />, order: 340 },
    permission: 'grading.read',
  },
];
