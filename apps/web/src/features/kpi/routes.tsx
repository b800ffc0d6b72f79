import { AuditOutlined, TrophyOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/kpi',
    element: lazyPage(() => import('./KpiPage'), 'KpiPage'),
    menu: { labelKey: 'menu.kpi', icon: <TrophyOutlined />, order: 60 },
    permission: 'kpi.read',
  },
  {
    path: '/quality/inspections',
    element: lazyPage(() => import('./InspectionsPage'), 'InspectionsPage'),
    menu: { labelKey: 'menu.quality', icon: <AuditOutlined />, order: 61 },
    permission: 'quality.inspect',
  },
];
