import { PercentageOutlined, SafetyOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/ka/discounts',
    element: lazyPage(() => import('./DiscountsPage'), 'DiscountsPage'),
    menu: { labelKey: 'menu.discounts', icon: <PercentageOutlined />, order: 7.6 },
    permission: 'discounts.request',
  },
  {
    path: '/admin/discount-authority',
    element: lazyPage(() => import('./AuthorityPage'), 'AuthorityPage'),
    menu: { labelKey: 'menu.discountAuthority', icon: <SafetyOutlined />, order: 915 },
    permission: 'discounts.manage',
  },
];
