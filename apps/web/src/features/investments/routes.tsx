import { FundProjectionScreenOutlined, SettingOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/ka/investments',
    element: lazyPage(() => import('./InvestmentsPage'), 'InvestmentsPage'),
    menu: { labelKey: 'menu.investments', icon: <FundProjectionScreenOutlined />, order: 7.5 },
    permission: 'ka.read',
  },
  {
    path: '/admin/investment-policy',
    element: lazyPage(() => import('./PolicyPage'), 'PolicyPage'),
    menu: { labelKey: 'menu.investmentPolicy', icon: <SettingOutlined />, order: 916 },
    permission: 'approvals.manage',
  },
  {
    path: '/ka/investments/:id',
    element: lazyPage(() => import('./ProjectPage'), 'ProjectPage'),
    permission: 'ka.read',
  },
];
