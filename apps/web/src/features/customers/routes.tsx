import { TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';
import { prefetchCustomer360 } from './api';

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
    prefetch: (params, queryClient) => prefetchCustomer360(queryClient, Number(params.id)),
  },
];
