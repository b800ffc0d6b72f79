import { DashboardOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

// Role homes (App.tsx homeByRole): the administrator's system overview and the marketing desk.
export const featureRoutes: FeatureRoute[] = [
  {
    path: '/home/admin',
    element: lazyPage(() => import('./AdminHomePage'), 'AdminHomePage'),
    menu: { labelKey: 'menu.systemOverview', icon: <DashboardOutlined />, order: 890 },
    permission: 'users.manage',
  },
  {
    path: '/home/marketing',
    element: lazyPage(() => import('./MarketingHomePage'), 'MarketingHomePage'),
    permission: 'campaigns.read',
  },
];
