import { FilterOutlined, NotificationOutlined, PhoneOutlined } from '@ant-design/icons';
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
