import { TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/customers',
    element: lazyPage(() => import('./CustomerListPage'), 'CustomerListPage'),
    menu: { labelKey: 'menu.customers', icon: <TeamOutlined />, order: 10 },
    permission: 'customers.read',
  },
  {
    path: '/customers/:id',
    element: lazyPage(() => import('./Customer360Page'), 'Customer360Page'),
    permission: 'customers.read',
  },
];
