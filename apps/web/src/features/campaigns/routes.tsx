import { FilterOutlined, GiftOutlined, NotificationOutlined, PhoneOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/Lazy';
import type { FeatureRoute } from '../types';

export const featureRoutes: FeatureRoute[] = [
  {
    path: '/marketing/campaigns',
    element: lazyPage(() => import('./CampaignBoardPage'), 'CampaignBoardPage'),
    menu: { labelKey: 'menu.campaigns.board', icon: <NotificationOutlined />, order: 41 },
    permission: 'campaigns.read',
  },
  {
    path: '/marketing/campaigns/:id/results',
    element: lazyPage(() => import('./CampaignResultsPage'), 'CampaignResultsPage'),
    permission: 'campaigns.read',
  },
  {
    path: '/marketing/offers',
    element: lazyPage(() => import('./OffersPage'), 'OffersPage'),
    menu: { labelKey: 'menu.campaigns.offers', icon: <GiftOutlined />, order: 41.1 },
    permission: 'campaigns.read',
  },
  {
    path: '/marketing/segments',
    element: lazyPage(() => import('./SegmentBuilderPage'), 'SegmentBuilderPage'),
    menu: { labelKey: 'menu.campaigns.segments', icon: <FilterOutlined />, order: 41.2 },
    permission: 'campaigns.manage',
  },
  {
    path: '/marketing/tasks',
    element: lazyPage(() => import('./CampaignTasksPage'), 'CampaignTasksPage'),
    menu: { labelKey: 'menu.campaigns.tasks', icon: <PhoneOutlined />, order: 41.4 },
    permission: 'campaigns.tasks',
  },
];
