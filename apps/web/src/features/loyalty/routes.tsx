import { GiftOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/loyalty/rewards',
    element: lazyPage(() => import('./RewardsPage'), 'RewardsPage'),
    menu: { labelKey: 'menu.loyalty.rewards', icon: <GiftOutlined />, order: 9.6 },
    permission: 'customers.read',
  },
];
