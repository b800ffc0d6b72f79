import { AlertOutlined, AreaChartOutlined, ExperimentOutlined, LogoutOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/churn/risk',
    element: lazyPage(() => import('./RiskListPage'), 'RiskListPage'),
    menu: { labelKey: 'menu.churn.risk', icon: <AlertOutlined />, order: 42 },
    permission: 'churn.read',
  },
  {
    path: '/churn/customers/:id',
    element: lazyPage(() => import('./CustomerChurnPage'), 'CustomerChurnPage'),
    permission: 'churn.read',
  },
  {
    path: '/churn/terminations',
    element: lazyPage(() => import('./TerminationsPage'), 'TerminationsPage'),
    menu: { labelKey: 'menu.churn.terminations', icon: <LogoutOutlined />, order: 42.2 },
    permission: 'churn.read',
  },
  {
    path: '/churn/competitors',
    element: lazyPage(() => import('./CompetitorsPage'), 'CompetitorsPage'),
    permission: 'churn.read',
  },
  {
    path: '/churn/analysis',
    element: lazyPage(() => import('./AnalysisPage'), 'AnalysisPage'),
    menu: { labelKey: 'menu.churn.analysis', icon: <AreaChartOutlined />, order: 42.4 },
    permission: 'churn.read',
  },
  {
    path: '/churn/models',
    element: lazyPage(() => import('./ModelsPage'), 'ModelsPage'),
    menu: { labelKey: 'menu.churn.models', icon: <ExperimentOutlined />, order: 42.6 },
    permission: 'churn.read',
  },
  {
    path: '/churn/models/:id',
    element: lazyPage(() => import('./ModelCardPage'), 'ModelCardPage'),
    permission: 'churn.read',
  },
];
